"""The feed on a phone, in a real browser, against the app as `make run` starts it, with the
demo world from `seed_demo`: scroll, like, comment, follow, and the other person's unread badge
rising live over the websocket."""

import re
import subprocess
import sys

import pytest

from .conftest import PASSWORD
from .live_app import BASE_DIR, browser_sign_up, chromium, csp_violations, live_app, wait_until

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
AUTHOR, AUTHOR_PASSWORD = "maya_makes", "sora-demo"  # the first demo person


@pytest.fixture(scope="module")
def browser():
    with chromium(("--autoplay-policy=no-user-gesture-required",)) as browser:
        yield browser


VIDEO = "const v = document.querySelector(`#${id} video`);"


def test_scroll_like_comment_follow_and_the_badge_updates_live(browser):
    from playwright.sync_api import expect

    with live_app() as app:
        seeded = subprocess.run(
            [sys.executable, "manage.py", "seed_demo", "--users", "2", "--videos", "4", "--remixes", "0",
             "--cameo-videos", "0"],
            cwd=BASE_DIR, env=app.env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert seeded.returncode == 0, seeded.stderr

        maya_context, ben_context = browser.new_context(**PHONE), browser.new_context(**PHONE)
        for context in (maya_context, ben_context):
            context.set_default_timeout(20_000)
        violations = [csp_violations(context) for context in (maya_context, ben_context)]
        maya, ben = maya_context.new_page(), ben_context.new_page()

        # The author signs in and reads what the demo already told her, so her badge starts empty.
        maya.goto(app.url + "/accounts/login/")
        maya.fill("input[name=login]", AUTHOR)
        maya.fill("input[name=password]", AUTHOR_PASSWORD)
        maya.locator("form button[type=submit]").last.click()
        maya.goto(app.url + "/notifications/")
        maya.goto(app.url + "/drafts/")
        badge = maya.locator("#unread-count")
        expect(badge).to_be_hidden()
        maya.evaluate("window.stillHere = true")  # gone if the page reloads

        browser_sign_up(ben, app.url, "ben", PASSWORD)
        ben.goto(app.url + "/")
        items = ben.locator("article.feed-item")
        expect(items).to_have_count(4)
        ben.evaluate("window.stillHere = true")

        # Snap-scrolling: the first video plays muted; j moves on and the first one pauses.
        first, second = (items.nth(i).get_attribute("id") for i in (0, 1))
        wait_until(ben, f"id => {{ {VIDEO} return !v.paused && v.muted }}", arg=first)
        ben.keyboard.press("j")
        wait_until(
            ben,
            "([a, b]) => { const q = (id) => document.querySelector(`#${id} video`);"
            " return !q(b).paused && q(a).paused }",
            arg=[first, second],
        )
        ben.keyboard.press("m")
        expect(items.nth(1).locator(".sound")).to_have_attribute("aria-pressed", "true")
        # play() unpauses at once but the time moves only once frames arrive, which a busy machine
        # delays: wait for the clock, with sound, rather than read it the instant after the key.
        wait_until(ben, f"id => {{ {VIDEO} return !v.paused && !v.muted && v.currentTime > 0 }}", arg=second)

        # Scroll to one of maya's videos and like it.
        item = items.filter(has_text="@" + AUTHOR).first
        item.scroll_into_view_if_needed()
        like = item.locator("button.like")
        expect(like).to_have_attribute("aria-pressed", "false")
        count = int(like.locator(".count").inner_text())
        like.click()
        expect(item.locator("button.like")).to_have_attribute("aria-pressed", "true")
        expect(item.locator("button.like .count")).to_have_text(str(count + 1))
        expect(badge).to_have_text(", unread: 1")
        expect(badge).to_be_visible()

        # Comment in the drawer.
        item.locator("a.comments-open").click()
        drawer = ben.locator("dialog#drawer")
        expect(drawer).to_be_visible()
        drawer.locator("textarea[name=body]").first.fill("This made my morning <b>!</b>")
        drawer.locator("form button[type=submit]").first.click()
        expect(drawer).to_contain_text("This made my morning <b>!</b>")
        expect(badge).to_have_text(", unread: 2")
        drawer.locator(".drawer-close").click()
        assert ben.evaluate("window.stillHere") is True, "liking and commenting never reload the feed"

        # Follow from the profile.
        item.locator(f".author a[href='/u/{AUTHOR}/']").click()
        ben.locator(".follow-box button:has-text('Follow')").click()
        expect(ben.locator(".follow-box button")).to_have_text("Unfollow")
        expect(badge).to_have_text(", unread: 3")

        assert maya.evaluate("window.stillHere") is True, "the badge changed without a reload"
        maya.click(".topbar .notifications")
        notes = maya.locator(".notification-list")
        # The demo's own likes and follows of maya came within the day: ben's join their lines.
        lines = (r"@ben( and [^.]+)? liked your video", "@ben commented", r"@ben( and [^.]+)? followed you")
        for line in lines:
            expect(notes).to_contain_text(re.compile(line))
        assert violations == [[], []], "every page works under the Content-Security-Policy"
        for context in (maya_context, ben_context):
            context.close()
