from django.urls import path

from sora import converters  # noqa: F401  (registers the <id:> and <name:> path converters)

from . import views

app_name = "generation"

urlpatterns = [
    path("create/", views.create, name="create"),
    path("create/review/", views.appeal, name="appeal"),
    path("create/reviews/", views.reviews, name="reviews"),
    path("jobs/<id:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<id:pk>/cancel/", views.job_cancel_view, name="job_cancel"),
    path("jobs/<id:pk>/retry/", views.job_retry_view, name="job_retry"),
    path("jobs/<id:pk>/video.mp4", views.job_media, {"kind": "video"}, name="job_video"),
    path("jobs/<id:pk>/poster.jpg", views.job_media, {"kind": "poster"}, name="job_poster"),
]
