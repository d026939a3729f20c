from django.urls import path

from sora import converters  # noqa: F401  (registers the <id:> and <name:> path converters)

from .views import account, app, media, notifications, pages, profiles, social, steer, verify

app_name = "feed"

urlpatterns = (
    [
        path("", pages.home, name="home"),
        path("drafts/", pages.drafts, name="drafts"),
        path("p/<id:pk>/", pages.post_detail, name="post_detail"),
        path("p/<id:pk>/publish/", pages.publish, name="publish"),
    ]
    + media.urlpatterns
    + notifications.urlpatterns
    + social.urlpatterns
    + profiles.urlpatterns
    + steer.urlpatterns
    + account.urlpatterns
    + verify.urlpatterns
    + app.urlpatterns
)
