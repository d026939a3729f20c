from django.urls import path

from sora import converters  # noqa: F401  (registers the <id:> and <name:> path converters)

from . import views

app_name = "cameo"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new, name="new"),
    path("verifications/<id:pk>/", views.verification, name="verification"),
    path(
        "verifications/<id:pk>/recording", views.verification_media, {"kind": "recording"}, name="recording"
    ),
    path(
        "verifications/<id:pk>/portrait.jpg",
        views.verification_media,
        {"kind": "portrait"},
        name="verification_portrait",
    ),
    path("portrait/<id:pk>.jpg", views.cameo_portrait, name="portrait"),
    path("settings/", views.settings_update, name="settings"),
    path("approved/", views.approved_add, name="approved_add"),
    path("approved/<id:user_pk>/remove/", views.approved_remove, name="approved_remove"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("videos/", views.videos, name="videos"),
    path("videos/<id:pk>/remove/", views.video_remove, name="video_remove"),
    path("videos/<id:pk>/video.mp4", views.video_media, {"kind": "video"}, name="video"),
    path("videos/<id:pk>/poster.jpg", views.video_media, {"kind": "poster"}, name="poster"),
    path("revoke/", views.revoke, name="revoke"),
    path("delete/", views.delete, name="delete"),
]
