"""A rate limit in a real browser, against the app as `make run` starts it: a button pressed past
its rate shows the 429's notice over the page (htmx swaps it into #notices), the page stays, and
a tap puts the notice away."""

import pytest

from .conftest import PASSWORD
from .live_app import browser_sign_up, chromium, csp_violations, live_app

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_following_past_the_rate_shows_when_to_try_again_without_leaving_the_page(monkeypatch):
    from playwright.sync_api import expect

    # per day: a per-minute window could end between the clicks (test_rate_limits.py says why)
    monkeypatch.setenv("SORA_RATE_FOLLOW", "2/d")
    with live_app() as app, chromium() as browser:
        context = browser.new_context(**PHONE)
        context.set_default_timeout(20_000)
        violations = csp_violations(context)
        page = context.new_page()
        browser_sign_up(page, app.url, "nora", PASSWORD)
        app.shell(
            "from django.contrib.auth import get_user_model\n"
            "get_user_model().objects.create_user('omar', 'omar@example.com', 'x' * 12)\n"
        )
        page.goto(app.url + "/u/omar/")
        page.evaluate("window.stillHere = true")  # gone if the page reloads

        box = page.locator(".follow-box")
        # exact names: by default "Follow @omar" also matches "Unfollow @omar", and a click could
        # land on the old button while the unfollow is still on its way
        box.get_by_role("button", name="Follow @omar", exact=True).click()
        expect(box.get_by_role("button", name="Unfollow @omar", exact=True)).to_be_visible()
        box.get_by_role("button", name="Unfollow @omar", exact=True).click()
        expect(box.get_by_role("button", name="Follow @omar", exact=True)).to_be_visible()
        box.get_by_role("button", name="Follow @omar", exact=True).click()  # the third, over the rate

        notice = page.locator("#notices [role=alert]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("You've been following people a lot in a short time. Try again in")
        assert page.evaluate("window.stillHere === true"), "the page stayed"
        expect(box.get_by_role("button", name="Follow @omar", exact=True)).to_be_visible()  # nothing changed
        followed = app.sql(
            "SELECT COUNT(*) FROM feed_follow f JOIN auth_user u ON u.id = f.followee_id"
            " WHERE u.username = 'omar'"
        )
        assert followed == [(0,)]
        page.screenshot(path="test-artifacts/rate-limit-notice.png")
        notice.click()  # a tap puts it away (it also goes by itself after ten seconds)
        expect(notice).to_have_count(0)
        assert violations == []
