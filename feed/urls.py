from django.urls import path

from .views import media, notifications, pages, profiles, social, steer

app_name = "feed"

urlpatterns = (
    [
        path("", pages.home, name="home"),
        path("drafts/", pages.drafts, name="drafts"),
        path("p/<int:pk>/", pages.post_detail, name="post_detail"),
        path("p/<int:pk>/publish/", pages.publish, name="publish"),
    ]
    + media.urlpatterns
    + notifications.urlpatterns
    + social.urlpatterns
    + profiles.urlpatterns
    + steer.urlpatterns
)
