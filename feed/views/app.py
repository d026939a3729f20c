"""What makes the site an installable app: the web app manifest, the service worker and the page
it shows without a connection.

None of it depends on who asks. The worker keeps the offline page and static files only: pages are
private to whoever is signed in, so they always come from the network (static/js/service-worker.js).
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# app.css's --bg: the splash screen and the system bars blend with the app's dark top bar.
BACKGROUND = "#0b0b10"
# What the offline page needs; the other static files are kept as pages first use them.
PRECACHED_STATIC = ("css/app.css", "js/app-install.js", "app/icons/favicon.svg", "app/icons/favicon-32.png")
ICONS = (
    ("app/icons/icon-192.png", "192x192", "any"),
    ("app/icons/icon-512.png", "512x512", "any"),
    ("app/icons/icon-maskable-512.png", "512x512", "maskable"),
)


@require_safe
@cache_control(no_cache=True)
def manifest(request: HttpRequest) -> HttpResponse:
    home = reverse("feed:home")
    data = {
        "id": home,
        "name": settings.SORA_SITE_NAME,
        "short_name": "Sora",
        "description": "Short videos with sound, made from a prompt; cameos and remixes.",
        "start_url": home,
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": BACKGROUND,
        "icons": [
            {"src": static(name), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for name, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def _offline_html() -> str:
    # Rendered without a request: no session, no CSRF token, no name, so one copy suits everyone.
    return render_to_string("feed/offline.html")


@require_safe
@cache_control(no_cache=True)
def offline(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_offline_html())


@require_safe
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site root, so its scope is every page. The logic is a static file it imports;
    this fills in the (hashed) static addresses and a version that changes with them, which makes
    the browser install the new worker and drop the old cache."""
    precache = [reverse("feed:offline"), *(static(name) for name in PRECACHED_STATIC)]
    script = static("js/service-worker.js")
    # Every static file's hashed name (production's manifest; none under DEBUG): a change to any
    # makes a new version, whose worker drops the old cache and what it kept of old files.
    hashed = sorted(getattr(staticfiles_storage, "hashed_files", {}).items())
    fingerprint = json.dumps([script, precache, _offline_html(), hashed])
    config = {
        "version": hashlib.sha256(fingerprint.encode()).hexdigest()[:16],
        "offline": precache[0],
        "precache": precache,
        "static": settings.STATIC_URL,
        # Hashed names never change content, so the cached copy is good; unhashed ones (DEBUG)
        # are asked for again each time, the cache only covering for the network.
        "hashed": isinstance(staticfiles_storage, ManifestFilesMixin),
    }
    body = f"self.SORA_WORKER = {json.dumps(config)};\nimportScripts({json.dumps(script)});\n"
    return HttpResponse(body, content_type="application/javascript")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """For browsers and tools that ask the root for it before reading the page's links."""
    return redirect(static("app/icons/favicon.ico"), permanent=False)


urlpatterns = [
    path("manifest.webmanifest", manifest, name="manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("offline/", offline, name="offline"),
    path("favicon.ico", favicon, name="favicon"),
]
