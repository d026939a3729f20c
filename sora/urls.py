from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from feed.accounts import HandleSignupView

from .upload_limits import limit_for

admin.site.site_header = "Sora administration"


def handler429(request: HttpRequest) -> HttpResponse:
    """allauth's answer past its own limits (ACCOUNT_RATE_LIMITS: sign-up, log-in, password resets)."""
    return render(request, "429.html", {"doing": "trying to sign up or log in"}, status=429)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Is the web process up? For load balancers; touches no session and no database, which makes
    it bench/feed.py's baseline for a bare Django view."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def too_large(request: HttpRequest) -> HttpResponse:
    """The 413 page for an upload to `page` that the proxy refused (docs/deploy/nginx-sora.conf):
    the page sora.body_limit writes when it refuses one itself, with that page's message."""
    page = request.GET.get("page", "")
    if not url_has_allowed_host_and_scheme(page, allowed_hosts=None) or not page.startswith("/"):
        page = "/"
    context = {"message": limit_for(page).message, "back": page}
    return render(request, "413.html", context, status=413)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("413/", too_large, name="too_large"),
    path("admin/", admin.site.urls),
    # allauth's sign-up, undone whole when its mail can't be sent (feed/accounts.py).
    path("accounts/signup/", HandleSignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("cameo/", include("cameo.urls")),
    path("remix/", include("remix.urls")),
    path("", include("generation.urls")),
    path("", include("feed.urls")),
]
