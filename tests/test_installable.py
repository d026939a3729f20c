"""The site as an installable app: a web app manifest and icons linked from every kind of page, and a
service worker that opens the app shell offline while never keeping a page, a video or media."""

import io
import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from .conftest import PASSWORD
from .live_app import browser_sign_up, chromium, csp_violations, live_app, wait_until

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.metas: dict[str, str] = {}
        self.scripts: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and "name" in attrs:
            self.metas[attrs["name"]] = attrs.get("content", "")
        elif tag == "script":
            self.scripts.append(attrs)


def _head(html: str) -> _Head:
    head = _Head()
    head.feed(html)
    return head


def _hrefs(head: _Head, rel: str) -> list[str]:
    return [link["href"] for link in head.links if link.get("rel") == rel]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _pages(alice) -> dict[str, str]:
    """One page of each kind: the feed signed in, a signed-out page, error pages, the offline page."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.views.defaults import server_error

    signed_in = Client()
    signed_in.force_login(alice)
    feed = signed_in.get(reverse("feed:home"))
    log_in = Client().get(reverse("account_login"))
    missing = Client().get("/p/424242/")
    assert (feed.status_code, log_in.status_code, missing.status_code) == (200, 200, 404)
    return {
        "feed": feed.content.decode(),
        "log in": log_in.content.decode(),
        "404": missing.content.decode(),
        "500": server_error(RequestFactory().get("/")).content.decode(),
        "429": render_to_string("429.html"),
        "offline": Client().get(reverse("feed:offline")).content.decode(),
    }


def test_every_kind_of_page_links_the_manifest_icons_and_theme(alice):
    for kind, html in _pages(alice).items():
        head = _head(html)
        assert _hrefs(head, "manifest") == [reverse("feed:manifest")], kind
        assert head.metas.get("theme-color") == "#0b0b10", kind
        assert head.metas.get("apple-mobile-web-app-capable") == "yes", kind
        assert len(_hrefs(head, "icon")) == 2 and len(_hrefs(head, "apple-touch-icon")) == 1, kind
        (install,) = [s for s in head.scripts if "app-install" in s.get("src", "")]
        assert "defer" in install and install["data-service-worker"] == "/sw.js", kind


def test_the_manifest_describes_the_app_and_every_icon_loads_at_its_size(db):
    client = Client()
    response = client.get(reverse("feed:manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "Sora" and manifest["name"]
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    assert manifest["background_color"] == "#0b0b10" and manifest["theme_color"] == "#0b0b10"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        # hashed by the manifest storage, as in production
        assert icon["src"].startswith("/static/app/icons/") and icon["src"].count(".") == 2, icon
        loaded = client.get(icon["src"])
        assert loaded.status_code == 200, icon
        image = Image.open(io.BytesIO(_body(loaded)))
        assert image.format == "PNG" and "x".join(map(str, image.size)) == icon["sizes"], icon
        if icon["purpose"] == "maskable":
            # full bleed: a launcher's mask never shows a transparent corner
            assert image.convert("RGBA").getpixel((0, 0))[3] == 255


def test_the_favicons_and_home_screen_icon_resolve(db):
    client = Client()
    head = _head(client.get(reverse("account_login")).content.decode())
    loaded = {}
    for link in head.links:
        if link.get("rel") in {"icon", "apple-touch-icon"}:
            response = client.get(link["href"])
            assert response.status_code == 200, link
            loaded[link.get("type") or link["rel"]] = (response["Content-Type"], _body(response))
    svg_type, svg = loaded["image/svg+xml"]
    assert svg_type.startswith("image/svg+xml") and svg.startswith(b"<svg")
    assert Image.open(io.BytesIO(loaded["image/png"][1])).size == (32, 32)
    assert Image.open(io.BytesIO(loaded["apple-touch-icon"][1])).size == (180, 180)
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 302
    assert Image.open(io.BytesIO(_body(client.get(redirect["Location"])))).format == "ICO"


def test_the_service_worker_is_served_from_the_root_never_cached_with_hashed_addresses(db):
    from django.templatetags.static import static

    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert static("css/app.css") in script and static("css/app.css") != "/static/css/app.css"
    assert f'importScripts("{static("js/service-worker.js")}")' in script
    assert '"offline": "/offline/"' in script and '"hashed": true' in script


def test_the_workers_version_changes_when_a_static_file_does(db, monkeypatch):
    from django.contrib.staticfiles.storage import staticfiles_storage

    def version() -> str:
        script = Client().get("/sw.js").content.decode()
        return json.loads(script.split("self.SORA_WORKER = ", 1)[1].split(";\n", 1)[0])["version"]

    first = version()
    assert version() == first, "the same static files, the same version"
    # What collectstatic records when a file changes: a new hashed name. The worker keeps app.css
    # from the start, feed.js once a page uses it; either makes a new version.
    monkeypatch.setitem(staticfiles_storage.hashed_files, "js/feed.js", "js/feed.0123456789ab.js")
    second = version()
    monkeypatch.setitem(staticfiles_storage.hashed_files, "css/app.css", "css/app.0123456789ab.css")
    assert len({first, second, version()}) == 3


def test_the_offline_page_is_the_same_for_everyone(alice):
    signed_in = Client()
    signed_in.force_login(alice)
    theirs = signed_in.get(reverse("feed:offline"))
    anyone = Client().get(reverse("feed:offline"))
    assert theirs.status_code == anyone.status_code == 200
    assert theirs.content == anyone.content
    html = theirs.content.decode()
    assert "You're offline" in html and "Retry" in html
    assert "alice" not in html and "csrf" not in html.lower() and "Log out" not in html
    assert "Cookie" not in theirs.get("Vary", "")


def test_the_policy_names_the_worker_and_the_manifest(db):
    policy = Client().get(reverse("account_login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["worker-src"] == "'self'" and directives["manifest-src"] == "'self'"
    assert directives["script-src"] == "'self'"


# --- In Chromium, against the app as `make run` starts it (production: DEBUG off, WhiteNoise).


@pytest.fixture(scope="module")
def app():
    with live_app() as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def _controlled(page, url: str) -> None:
    """Open url, wait for the worker to be installed and active, and reload so it controls the page."""
    page.goto(url)
    wait_until(page, "navigator.serviceWorker.getRegistration().then((r) => Boolean(r && r.active))")
    page.reload()
    wait_until(page, "Boolean(navigator.serviceWorker.controller)")


CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(request.url);
  }
  return urls;
}"""


@pytest.mark.browser
def test_the_service_worker_registers_and_controls_the_page(app, browser):
    context = browser.new_context(**PHONE)
    violations = csp_violations(context)
    # Read as the page starts: the worker installs and claims the page moments after it loads,
    # sometimes before a later evaluate() could look (CI caught exactly that).
    context.add_init_script("window.controlledAtStart = navigator.serviceWorker.controller !== null")
    page = context.new_page()
    page.goto(app.url + "/")
    assert page.evaluate("window.controlledAtStart") is False, "not before it is installed"
    _controlled(page, app.url + "/")
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == app.url + "/sw.js"
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)") == app.url + "/"
    assert violations == []
    context.close()


@pytest.mark.browser
def test_offline_a_page_opens_the_offline_shell_in_the_apps_style(app, browser):
    from playwright.sync_api import expect

    context = browser.new_context(**PHONE)
    violations = csp_violations(context)
    page = context.new_page()
    _controlled(page, app.url + "/")

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    # app.css applied (from the worker's cache): the app's background, not the browser's white
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(11, 11, 16)"
    assert page.evaluate("getComputedStyle(document.querySelector('.button')).borderRadius") == "999px"
    # A page never visited: the same shell, at that page's address, and Retry asks for it again.
    page.goto(app.url + "/verify/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    assert page.get_by_role("link", name="Retry").evaluate("(a) => a.href") == app.url + "/verify/"
    page.screenshot(path="test-artifacts/offline-shell.png")

    context.set_offline(False)  # the page tries again by itself
    expect(page.get_by_role("heading", name="You're offline")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_be_attached()  # /verify/'s own form
    assert violations == []
    context.close()


@pytest.mark.browser
def test_nothing_private_is_kept_pages_media_or_videos(app, browser):
    from playwright.sync_api import expect

    context = browser.new_context(**PHONE)
    context.set_default_timeout(20_000)
    page = context.new_page()
    browser_sign_up(page, app.url, "nora", PASSWORD)
    published, draft = app.shell(
        "from django.contrib.auth import get_user_model\n"
        "from django.core.files.base import ContentFile\n"
        "from django.utils import timezone\n"
        "from feed.models import Post\n"
        "from generation.models import Job\n"
        "nora = get_user_model().objects.get(username='nora')\n"
        "for status in (Post.Status.PUBLISHED, Post.Status.DRAFT):\n"
        "    job = Job.objects.create(owner=nora, prompt='a paper boat on a rainy street', seed=1,\n"
        "        video_engine='preview', audio_engine='tones', status=Job.Status.SUCCEEDED, progress=1.0)\n"
        "    job.video.save('video.mp4', ContentFile(b'not really a video' * 100), save=False)\n"
        "    job.save()\n"
        "    published_at = timezone.now() if status == Post.Status.PUBLISHED else None\n"
        "    print(Post.objects.create(author=nora, job=job, status=status, published_at=published_at).pk)\n"
    ).split()
    _controlled(page, app.url + "/")

    visited = ["/", f"/p/{published}/", f"/p/{draft}/", "/drafts/", "/notifications/", "/u/nora/"]
    for address in visited:
        page.goto(app.url + address)
        expect(page.locator(".topbar .handle")).to_have_text("@nora")  # signed in, through the worker
    fetched = [f"/p/{published}/video.mp4", f"/p/{draft}/video.mp4", "/media/avatars/nobody.jpg"]
    statuses = page.evaluate(
        "(urls) => Promise.all(urls.map((u) => fetch(u).then((r) => r.status)))", fetched
    )
    assert statuses[:2] == [200, 200] and statuses[2] == 404

    urls = page.evaluate(CACHED_URLS)
    assert app.url + "/offline/" in urls
    assert any("/static/vendor/htmx/" in url for url in urls), "static files are kept as pages use them"
    for address in visited + fetched:
        assert app.url + address not in urls
    assert [url for url in urls if not url.startswith(app.url + "/static/")] == [app.url + "/offline/"]
    offline_copy = page.evaluate("caches.match('/offline/').then((r) => r.text())")
    assert "You're offline" in offline_copy and "nora" not in offline_copy
    context.close()
