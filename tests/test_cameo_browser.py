"""A cameo from camera to consent, in a real browser against the app as `make run` starts it.

Chromium's fake camera and microphone play a clip the test builds (a real face turning its
head, digits read by espeak); the page records it with MediaRecorder and uploads it; the real
worker checks it; a staff member approves it in the admin; the owner allows a friend; the friend
puts the cameo in a prompt and gets a video.
"""

import re
from pathlib import Path

import pytest

from .cameo_clips import clip_fake_camera
from .conftest import PASSWORD
from .live_app import browser_admin_review, browser_sign_up, chromium, csp_violations, live_app, wait_until

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def camera_browser(tmp_path_factory):
    video, sound = clip_fake_camera(tmp_path_factory.mktemp("fake-camera"))
    camera = (
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
        f"--use-file-for-fake-audio-capture={sound}",
    )
    with chromium(camera) as browser:
        yield browser


def test_record_a_cameo_get_it_approved_and_a_friend_uses_it(camera_browser):
    from playwright.sync_api import expect

    with live_app() as app:
        owner = camera_browser.new_context(viewport={"width": 1280, "height": 900})
        friend = camera_browser.new_context(viewport={"width": 1280, "height": 900})
        staff = camera_browser.new_context(viewport={"width": 1280, "height": 900})
        violations = []
        for context in (owner, friend, staff):
            context.set_default_timeout(30_000)
            violations = violations + [csp_violations(context)]
        nia, theo, reviewer = owner.new_page(), friend.new_page(), staff.new_page()
        browser_sign_up(nia, app.url, "nia", PASSWORD)
        browser_sign_up(theo, app.url, "theo", PASSWORD)

        # 1. Nia records her cameo with the camera.
        nia.click(".topbar >> text=Cameo")
        nia.click("text=Create your cameo")
        digits = nia.locator("#challenge-digits").inner_text()
        assert re.fullmatch(r"\d( \d){3,5}", digits)
        expect(nia.locator(".digits-overlay")).to_contain_text(digits)
        nia.click("#start-camera")
        wait_until(nia, "document.getElementById('preview').videoWidth > 0")
        nia.click("#record")
        expect(nia.locator("#stop")).to_be_enabled(timeout=8_000)  # 5 s at least
        nia.wait_for_timeout(2_200)
        nia.click("#stop")
        expect(nia).to_have_url(re.compile(r"/cameo/verifications/\d+/$"))
        status = nia.locator("#verification-status")
        expect(status).to_have_attribute("data-status", re.compile("pending|failed"), timeout=60_000)
        assert status.get_attribute("data-status") == "pending", status.inner_text()
        expect(status).to_contain_text("Every check passed")

        # 2. A staff member approves it in the admin, with the recording playable there.
        app.superuser_create("reviewer", PASSWORD)
        browser_admin_review(reviewer, app.url, "reviewer", PASSWORD, of="nia")
        recording = reviewer.locator("video")
        expect(recording).to_be_attached()
        wait_until(reviewer, "document.querySelector('video').readyState >= 1")
        assert recording.evaluate("v => v.videoWidth") > 0
        reviewer.click("input[name=_approve]")
        expect(reviewer.locator(".messagelist")).to_contain_text("Approved: @nia now has a cameo.")

        # 3. Nia sees it approved and lets Theo use it.
        nia.goto(app.url + "/cameo/")
        expect(nia.locator(".cameo-portrait")).to_be_visible()
        nia.fill("input[name=handle]", "@theo")
        nia.click("button:has-text('Add')")
        nia.check("input[name=tier][value=approved]")
        nia.click(".cameo-settings button:has-text('Save')")
        expect(nia.locator(".messages")).to_contain_text("Saved")

        # 4. Theo finds @nia among the cameos he may use, and makes a video with her.
        theo.click("text=Create")
        theo.fill("textarea[name=prompt]", "")
        theo.click("#cameo-suggestions [data-handle='@nia']")
        theo.locator("textarea[name=prompt]").press("End")
        theo.locator("textarea[name=prompt]").type('waves on a sunny beach and says "hello from the sea!"')
        assert theo.input_value("textarea[name=prompt]").startswith("@nia waves")
        theo.click("button:has-text('Generate')")
        expect(theo).to_have_url(re.compile(r"/jobs/\d+/$"))
        expect(theo.locator("#job-status video")).to_be_visible(timeout=90_000)

        # 5. Nia is told, and finds Theo's draft among the videos with her.
        nia.goto(app.url + "/notifications/")
        expect(nia.locator(".notification-list")).to_contain_text("@theo used your cameo")
        nia.goto(app.url + "/cameo/videos/")
        expect(nia.locator(".draft").first).to_contain_text("@theo: @nia waves")
        ARTIFACTS.mkdir(exist_ok=True)
        theo.screenshot(path=str(ARTIFACTS / "cameo-used.png"))
        # Recording, review in the admin, consent and creating all work under the CSP.
        assert violations == [[], [], []]
        for context in (owner, friend, staff):
            context.close()
