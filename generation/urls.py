from django.urls import path

from . import views

app_name = "generation"

urlpatterns = [
    path("create/", views.create, name="create"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/cancel/", views.job_cancel_view, name="job_cancel"),
    path("jobs/<int:pk>/retry/", views.job_retry_view, name="job_retry"),
    path("jobs/<int:pk>/video.mp4", views.job_media, {"kind": "video"}, name="job_video"),
    path("jobs/<int:pk>/poster.jpg", views.job_media, {"kind": "poster"}, name="job_poster"),
]
