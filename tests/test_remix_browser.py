"""A remix in a real browser, against the app as `make run` starts it."""

import re

import pytest

from .conftest import PASSWORD
from .live_app import browser_sign_up, chromium, csp_violations, live_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def make_and_publish(page, base_url: str, prompt: str) -> None:
    page.goto(base_url + "/create/")
    page.fill("textarea[name=prompt]", prompt)
    page.click("button:has-text('Generate')")
    page.locator("#job-status video").wait_for(timeout=90_000)
    page.click("#job-status button:has-text('Publish')")
    page.locator("#job-status .publish-state:has-text('Published')").wait_for()


def test_b_remixes_as_published_video_and_both_show_credit_and_count(browser):
    from playwright.sync_api import expect

    with live_app() as app:
        ana_context, ben_context = browser.new_context(), browser.new_context()
        for context in (ana_context, ben_context):
            context.set_default_timeout(30_000)
        violations = [csp_violations(context) for context in (ana_context, ben_context)]
        ana, ben = ana_context.new_page(), ben_context.new_page()
        browser_sign_up(ana, app.url, "ana", PASSWORD)
        browser_sign_up(ben, app.url, "ben", PASSWORD)
        make_and_publish(ana, app.url, "A lighthouse on a cliff at sunset")

        ben.goto(app.url + "/")
        item = ben.locator("article.feed-item").first
        expect(item).to_contain_text("@ana")
        item.locator("a:has-text('Remix')").click()
        expect(ben.locator("h1")).to_have_text("Remix @ana's video")
        prompt = ben.locator("textarea[name=prompt]")
        expect(prompt).to_have_value("A lighthouse on a cliff at sunset")
        prompt.fill("A lighthouse on a cliff at night with rain")
        ben.click("button:has-text('Remix')")
        expect(ben).to_have_url(re.compile(r"/jobs/\d+/$"))
        expect(ben.locator("#job-status video")).to_be_visible(timeout=90_000)
        ben.click("#job-status button:has-text('Publish')")
        expect(ben.locator("#job-status .publish-state")).to_contain_text("Published")

        ben.goto(app.url + "/")
        ben.locator("article.feed-item", has_text="@ben").locator(".author a").click()
        ben.locator("a.profile-post").first.click()
        expect(ben.locator(".credit")).to_have_text("Remix of @ana")
        ben.click(".credit a")
        expect(ben.locator(".remix-count")).to_have_text("1 remix")
        ben.click(".remix-count")
        remix = ben.locator(".descendants li").first
        expect(remix.locator(".lineage-who")).to_contain_text("@ben")
        # The whole prompt, with what ben changed marked against ana's.
        expect(remix.locator(".lineage-prompt del")).to_have_text("sunset")
        expect(remix.locator(".lineage-prompt ins")).to_have_text("night with rain")

        ana.goto(app.url + "/notifications/")
        expect(ana.locator(".notification-list")).to_contain_text("@ben remixed your video.")
        assert violations == [[], []], "every page works under the Content-Security-Policy"
        for context in (ana_context, ben_context):
            context.close()
