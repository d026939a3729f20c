from django.urls import path

from . import views

app_name = "feed"

urlpatterns = [
    path("", views.home, name="home"),
    path("drafts/", views.drafts, name="drafts"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/badge/", views.notifications_badge, name="notifications_badge"),
    path("u/<str:handle>/", views.profile, name="profile"),
    path("u/<str:handle>/follow/", views.follow, name="follow"),
    path("p/<int:pk>/", views.post_detail, name="post_detail"),
    path("p/<int:pk>/publish/", views.publish, name="publish"),
    path("p/<int:pk>/video.mp4", views.post_media, {"kind": "video"}, name="post_video"),
    path("p/<int:pk>/poster.jpg", views.post_media, {"kind": "poster"}, name="post_poster"),
]
