from django.urls import path

from . import views

app_name = "cameo"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new, name="new"),
    path("verifications/<int:pk>/", views.verification, name="verification"),
    path(
        "verifications/<int:pk>/recording", views.verification_media, {"kind": "recording"}, name="recording"
    ),
    path(
        "verifications/<int:pk>/portrait.jpg",
        views.verification_media,
        {"kind": "portrait"},
        name="verification_portrait",
    ),
    path("portrait/<int:pk>.jpg", views.cameo_portrait, name="portrait"),
    path("settings/", views.settings_update, name="settings"),
    path("approved/", views.approved_add, name="approved_add"),
    path("approved/<int:user_pk>/remove/", views.approved_remove, name="approved_remove"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("videos/", views.videos, name="videos"),
    path("videos/<int:pk>/remove/", views.video_remove, name="video_remove"),
    path("videos/<int:pk>/video.mp4", views.video_media, {"kind": "video"}, name="video"),
    path("videos/<int:pk>/poster.jpg", views.video_media, {"kind": "poster"}, name="poster"),
    path("revoke/", views.revoke, name="revoke"),
    path("delete/", views.delete, name="delete"),
]
