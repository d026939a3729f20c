"""A newcomer in a real browser: sign up, create, watch live progress, publish, see it in the feed."""

import re
from pathlib import Path

import pytest

from .conftest import PASSWORD
from .live_app import browser_sign_up, chromium, csp_violations, live_app, wait_until

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


# Recorded in the page: each websocket message's progress, so the test knows what came over it.
RECORD_WS = """
window.__wsProgress = [];
document.addEventListener("htmx:wsAfterMessage", (event) => {
  const match = /data-progress="(\\d+)"/.exec(event.detail.message);
  if (match) window.__wsProgress.push(Number(match[1]));
});
"""
VIDEO_DURATION = """v => new Promise(resolve => v.readyState >= 1
  ? resolve(v.duration) : v.addEventListener("loadedmetadata", () => resolve(v.duration)))"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def test_newcomer_creates_watches_publishes_and_finds_it_in_the_feed(browser):
    from playwright.sync_api import expect

    with live_app() as app:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(RECORD_WS)
        page.set_default_timeout(20_000)
        violations = csp_violations(page)
        polls = []
        page.on(
            "request", lambda r: r.headers.get("hx-request") and "/jobs/" in r.url and polls.append(r.url)
        )

        browser_sign_up(page, app.url, "maya", PASSWORD)
        expect(page.locator(".topbar .handle")).to_have_text("@maya")

        page.click("text=Create")
        prompt = "A paper boat sails across a sunset sea"
        page.fill("textarea[name=prompt]", prompt)
        page.check("input[name=duration][value='5']")
        page.check("input[name=orientation][value='portrait']")
        page.click("button:has-text('Generate')")
        expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))

        video = page.locator("#job-status video")
        expect(video).to_be_visible(timeout=90_000)
        progress = page.evaluate("window.__wsProgress")
        assert any(0 < value < 100 for value in progress), (
            f"no intermediate progress over the socket: {progress}"
        )
        assert progress == sorted(progress), f"progress went backwards: {progress}"
        assert polls == [], "with the websocket up, the page does not poll"
        assert page.locator("#job-status").get_attribute("data-status") == "succeeded"
        duration = page.eval_on_selector("#job-status video", VIDEO_DURATION)
        assert abs(duration - 5) < 0.1

        page.click("#job-status button:has-text('Publish')")
        expect(page.locator("#job-status .publish-state")).to_contain_text("Published")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(app.url + "/")
        item = page.locator("article.feed-item").first
        expect(item).to_contain_text(prompt)
        expect(item).to_contain_text("@maya")
        wait_until(page, "document.querySelector('article.feed-item video').readyState >= 2")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "feed.png"))
        assert violations == [], "every page works under the Content-Security-Policy"

        # The policy is really there: a script injected into the page is refused and reported.
        assert "script-src 'self'" in page.goto(app.url + "/").headers["content-security-policy"]
        page.evaluate("""() => { const s = document.createElement("script");
                                 s.textContent = "window.__injected = true"; document.body.append(s); }""")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__injected") is None
        assert any("inline script" in v for v in violations), violations
        page.close()


def test_without_a_websocket_the_job_page_polls_until_the_video_is_there(browser):
    """Some networks drop websockets: the page falls back to polling (no eval needed under the CSP)."""
    from playwright.sync_api import expect

    with live_app() as app:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(20_000)
        violations = csp_violations(page)
        page.route_web_socket(re.compile(r"/ws/"), lambda socket: socket.close())
        polls = []
        page.on(
            "request", lambda r: r.headers.get("hx-request") and "/jobs/" in r.url and polls.append(r.url)
        )

        browser_sign_up(page, app.url, "ines", PASSWORD)
        page.goto(app.url + "/create/")
        page.fill("textarea[name=prompt]", "A lighthouse blinks through the fog")
        page.click("button:has-text('Generate')")
        expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
        expect(page.locator("#job-status video")).to_be_visible(timeout=90_000)
        assert polls, "the video arrived through polling"
        assert violations == []
        page.close()
