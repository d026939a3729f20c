from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_GET

from feed.accounts import HandleSignupView

admin.site.site_header = "Sora administration"


def handler429(request: HttpRequest) -> HttpResponse:
    """allauth's answer past its own limits (ACCOUNT_RATE_LIMITS: sign-up, log-in, password resets)."""
    return render(request, "429.html", {"doing": "trying to sign up or log in"}, status=429)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Is the web process up? For load balancers; touches no session and no database, which makes
    it bench/feed.py's baseline for a bare Django view."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # allauth's sign-up, undone whole when its mail can't be sent (feed/accounts.py).
    path("accounts/signup/", HandleSignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("cameo/", include("cameo.urls")),
    path("remix/", include("remix.urls")),
    path("", include("generation.urls")),
    path("", include("feed.urls")),
]
