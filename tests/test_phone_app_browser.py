"""The app as a phone app, in a real browser against the app as `make run` starts it with the demo
world: every main page at two phone sizes and a desktop (nothing scrolls sideways, nothing a finger
taps hides under the top bar or the phone's tab bar, axe-core finds every interactive element
named), the tab bar and your profile's menu, toasts, and Back (to the same video; closing sheets).
Screenshots go to test-artifacts/layout/."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .live_app import BASE_DIR, chromium, csp_violations, live_app, wait_until

pytestmark = pytest.mark.browser

SIZES = {
    "360": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "1440": {"viewport": {"width": 1440, "height": 900}},
}
AUTHOR, AUTHOR_PASSWORD = "maya_makes", "sora-demo"  # the first demo person
SHOTS = BASE_DIR / "test-artifacts" / "layout"

# For each interactive element: scrolled into view as the browser would for focus, is it the thing
# under a finger at its centre? (Not the top bar, the tab bar, a toast or anything else.) Elements
# the page shows only on hover or that are 1 px (visually hidden) are left out.
COVERED = """() => {
  const picks = 'a[href], button, input:not([type=hidden]), textarea, select, summary';
  const out = [];
  const nav = document.querySelector('nav.topbar');
  // The feed snaps to whole screens: its first screen (the intro for a visitor) and first video are
  // looked at as they show, the rest are a snap-scroll away.
  const screens = [...document.querySelectorAll('.feed-intro, .feed-item')].slice(0, 2);
  const all = [...document.querySelectorAll(picks)].filter((el) => {
    const screen = el.closest('.feed-intro, .feed-item, .feed-more');
    return !nav.contains(el) && (!screen || screens.includes(screen));
  });
  for (const el of all.slice(0, 80)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.pointerEvents === 'none') continue;
    if (el.closest('details:not([open]) > :not(summary)')) continue;
    let box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    const screen = el.closest('.feed-intro, .feed-item');
    if (screen) screen.scrollIntoView({ block: 'start', behavior: 'instant' });
    else el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
    // a link that wraps onto two lines: the middle of its first line, not of its bounding box
    box = el.getClientRects()[0] || el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
      out.push(`${el.outerHTML.slice(0, 90)} is off screen at ${Math.round(x)},${Math.round(y)}`);
      continue;
    }
    const hit = document.elementFromPoint(x, y);
    const label = hit && hit.closest('label');
    if (!hit || !(el === hit || el.contains(hit) || (label && label.contains(el)))) {
      out.push(`${el.outerHTML.slice(0, 90)} is under ${hit ? hit.outerHTML.slice(0, 90) : 'nothing'}`);
    }
  }
  window.scrollTo(0, 0);
  const feed = document.querySelector('.feed');
  if (feed) feed.scrollTo({ top: 0, behavior: 'instant' });
  return out;
}"""


@pytest.fixture(scope="module")
def world():
    with live_app() as app:
        seeded = subprocess.run(
            [sys.executable, "manage.py", "seed_demo", "--users", "2", "--videos", "3", "--remixes", "1",
             "--cameo-videos", "0"],
            cwd=BASE_DIR, env=app.env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert seeded.returncode == 0, seeded.stderr
        app.post, app.job = app.sql(
            "SELECT p.id, p.job_id FROM feed_post p JOIN auth_user u ON u.id = p.author_id"
            f" WHERE u.username = '{AUTHOR}' ORDER BY p.id LIMIT 1"
        )[0]
        (app.other,) = app.sql(f"SELECT username FROM auth_user WHERE username <> '{AUTHOR}' LIMIT 1")[0]
        with chromium() as browser:
            yield app, browser


def pages_signed_in(app) -> dict[str, str]:
    return {
        "feed": "/",
        "following": "/?tab=following",
        "create": "/create/",
        "job": f"/jobs/{app.job}/",
        "drafts": "/drafts/",
        "profile": f"/u/{AUTHOR}/",
        "someone": f"/u/{app.other}/",
        "inbox": "/notifications/",
        "cameo": "/cameo/",
        "post": f"/p/{app.post}/",
        "lineage": f"/remix/{app.post}/lineage/",
        "verify": "/verify/",
        "edit-profile": "/profile/edit/",
        "your-data": "/account/data/",
        "not-found": "/p/999999/",
    }


PAGES_SIGNED_OUT = {
    "feed": "/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "verify": "/verify/",
    "not-found": "/no-such-page/",
}


def sign_in(page, url: str) -> None:
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", AUTHOR)
    page.fill("input[name=password]", AUTHOR_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".topbar .profile-tab", state="attached")


def signed_in_phone(app, browser):
    """A 390 px phone with the demo's first person signed in: (context, page)."""
    context = browser.new_context(**SIZES["390"])
    page = context.new_page()
    sign_in(page, app.url)
    return context, page


def look(page, url: str, name: str, size: str) -> list[str]:
    """What is wrong with one page at one size."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    problems = []
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if width[0] > width[1]:
        problems.append(f"{name} at {size}: scrolls sideways ({width[0]} px wide in {width[1]})")
    problems += [f"{name} at {size}: {found}" for found in page.evaluate(COVERED)]
    bar = page.locator("nav.topbar")
    box = bar.bounding_box()
    phone = int(size) < 720
    if phone and not (box and abs(box["y"] + box["height"] - SIZES[size]["viewport"]["height"]) <= 1):
        problems.append(f"{name} at {size}: the tab bar is not at the bottom ({box})")
    if not phone and not (box and box["y"] <= 0):
        problems.append(f"{name} at {size}: the bar is not at the top ({box})")
    shots = SHOTS / size
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(shots) / f"{name}.png"))
    return problems


@pytest.mark.parametrize("size", SIZES)
def test_every_page_fits_and_nothing_hides_under_the_bars(world, size):
    app, browser = world
    problems = []
    for signed_in in (False, True):
        context = browser.new_context(**SIZES[size])
        context.set_default_timeout(20_000)
        violations = csp_violations(context)
        page = context.new_page()
        if signed_in:
            sign_in(page, app.url)
            pages = pages_signed_in(app)
        else:
            pages = PAGES_SIGNED_OUT
        for name, path in pages.items():
            label = name if signed_in else f"signed-out-{name}"
            problems += look(page, app.url + path, label, size)
        assert violations == []
        context.close()
    assert problems == [], "\n".join(problems)


def test_a_phone_has_four_tabs_and_your_profile_holds_the_rest(world):
    from playwright.sync_api import expect

    app, browser = world
    context, page = signed_in_phone(app, browser)
    tabs = page.locator("nav.topbar a:visible")
    expect(tabs).to_have_text(["Feed", "Create", "Inbox", "Profile"], use_inner_text=True)
    page.locator("nav.topbar").get_by_role("link", name="Profile").click()
    expect(page).to_have_url(app.url + f"/u/{AUTHOR}/")
    expect(page.locator("nav.topbar .profile-tab")).to_have_attribute("aria-current", "page")
    menu = page.get_by_role("navigation", name="You")
    for name in ("My drafts", "Cameo", "Your reviews", "Your data"):
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    menu.get_by_role("button", name="Log out").click()
    signed_out = page.locator("nav.topbar a:visible")
    expect(signed_out).to_have_text(["Feed", "Log in", "Sign up"], use_inner_text=True)
    context.close()


def test_a_message_is_a_toast_over_the_top_bar_and_goes_at_a_tap(world):
    from playwright.sync_api import expect

    app, browser = world
    context = browser.new_context(**SIZES["1440"])
    page = context.new_page()
    sign_in(page, app.url)  # allauth says "Successfully signed in as …"
    toast = page.locator(".toasts .toast").first
    expect(toast).to_be_visible()
    box, bar = toast.bounding_box(), page.locator("nav.topbar").bounding_box()
    assert box["y"] >= bar["y"] + bar["height"], "drawn below the bar, not under it"
    centre = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.toast') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert centre, "nothing covers the toast"
    toast.click()
    expect(page.locator(".toasts")).to_have_count(0)
    context.close()


def test_axe_finds_every_interactive_element_reachable_and_named(world):
    from axe_playwright_python.sync_playwright import Axe

    app, browser = world
    rules = [
        "button-name", "link-name", "label", "input-button-name", "select-name", "aria-command-name",
        "aria-input-field-name", "nested-interactive", "scrollable-region-focusable", "image-alt",
        "svg-img-alt", "document-title", "html-has-lang", "aria-valid-attr", "aria-valid-attr-value",
        "aria-allowed-attr", "aria-required-attr", "duplicate-id-aria", "list", "listitem", "landmark-unique",
    ]  # fmt: skip
    axe = Axe()
    found = []
    for signed_in in (False, True):
        # axe is injected through the DevTools protocol; the app's own policy stays on
        context = browser.new_context(**SIZES["390"])
        page = context.new_page()
        if signed_in:
            sign_in(page, app.url)
        for name, path in (pages_signed_in(app) if signed_in else PAGES_SIGNED_OUT).items():
            page.goto(app.url + path)
            page.wait_for_load_state("networkidle")
            result = axe.run(page, options={"runOnly": {"type": "rule", "values": rules}})
            for violation in result.response["violations"]:
                nodes = [node["html"][:100] for node in violation["nodes"][:3]]
                found.append(f"{name}: {violation['id']}: {nodes}")
        context.close()
    assert found == []


def test_back_from_a_profile_returns_to_the_same_video_of_the_same_feed(world):
    from playwright.sync_api import expect

    app, browser = world
    context, page = signed_in_phone(app, browser)
    page.goto(app.url + "/")
    items = page.locator("article.feed-item")
    expect(items.first).to_be_visible()
    order = items.evaluate_all("items => items.map((item) => item.id)")
    assert len(order) >= 3, order
    for step in (1, 2):  # j twice: the third video
        page.keyboard.press("j")
        wait_until(page, "id => location.hash === '#' + id", arg=order[step])
    there = page.url
    assert "after=" in there, "the address names the feed's snapshot"

    at_top = "id => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 2"
    page.locator(f"#{order[2]} .author a").click()
    expect(page).to_have_url(re.compile(r"/u/\w+/$"))
    page.go_back()
    wait_until(page, at_top, arg=order[2])
    assert page.url.split("&after=")[0] == there.split("&after=")[0] and "after=" in page.url  # re-signed
    assert items.evaluate_all("items => items.map((item) => item.id)") == order

    # A reload (never the browser's page cache) comes back to the same place in the same order.
    page.reload()
    wait_until(page, at_top, arg=order[2])
    assert items.evaluate_all("items => items.map((item) => item.id)") == order
    context.close()


def test_back_closes_the_comments_drawer_and_the_steer_box_without_leaving(world):
    from playwright.sync_api import expect

    app, browser = world
    context, page = signed_in_phone(app, browser)
    page.goto(app.url + "/")
    page.evaluate("window.stillHere = true")  # gone if the page reloads or is left
    drawer = page.locator("dialog.drawer")

    first = page.locator("article.feed-item").first
    first.locator(".comments-open").click()
    expect(drawer).to_be_visible()
    page.go_back()
    expect(drawer).to_be_hidden()
    assert page.evaluate("window.stillHere === true")

    # Closed with its X instead, the drawer takes its history entry with it: Back then leaves the
    # feed for the page before (the login redirect's target, here the feed's own earlier entry).
    first.locator(".comments-open").click()
    expect(drawer).to_be_visible()
    before = page.evaluate("history.length")
    drawer.locator(".drawer-close").click()
    expect(drawer).to_be_hidden()
    wait_until(page, "() => !(history.state && history.state.sheet)")
    assert page.evaluate("history.length") == before  # the entry was stepped back over, not added

    steer = page.locator("details.steer")
    steer.locator("summary").click()
    expect(steer).to_have_attribute("open", "")
    page.go_back()
    expect(steer).not_to_have_attribute("open", "")
    assert page.evaluate("window.stillHere === true")
    context.close()


def test_publish_is_where_a_thumb_reaches_and_the_new_video_opens_the_feed(world):
    from playwright.sync_api import expect

    app, browser = world
    # One of maya's videos back to a draft, as a render leaves it.
    app.shell(f"from feed.models import Post\nPost.objects.filter(pk={app.post}).update(status='draft')\n")
    context, page = signed_in_phone(app, browser)
    # The video the page was served with, held before any script of the page can swap it.
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " window.firstVideo = document.querySelector('video.result'); })"
    )
    page.goto(app.url + f"/jobs/{app.job}/")
    publish = page.get_by_role("button", name="Publish", exact=True)
    expect(publish).to_be_visible()
    # On the first screen, above the tab bar, in the lower half where a thumb is.
    box, bar = publish.bounding_box(), page.locator("nav.topbar").bounding_box()
    assert SIZES["390"]["viewport"]["height"] / 2 < box["y"] and box["y"] + box["height"] <= bar["y"], box
    shots = SHOTS / "390"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "job-draft.png"))
    publish.click()
    expect(page.locator("#job-status .publish-state")).to_contain_text("Published")
    # Nothing swapped the finished video meanwhile (it would start over under the user's eyes).
    assert page.evaluate("document.querySelector('video.result') === window.firstVideo")

    page.goto(app.url + "/")
    # (once: tests/test_timelines.py shows it is ranked like any other afterwards)
    expect(page.locator("article.feed-item").first).to_have_attribute("id", f"post-{app.post}")
    context.close()


def test_the_prompt_counts_as_you_type_and_a_long_one_is_refused_whole(world):
    from playwright.sync_api import expect

    app, browser = world
    context, page = signed_in_phone(app, browser)
    page.goto(app.url + "/create/")
    prompt, counter = page.locator("[data-prompt]"), page.locator("#prompt-count")
    expect(counter).to_have_text(re.compile(r"^\s*0 / 1000 characters\s*$"))
    text = "A corgi surfs a huge wave at sunset. " * 28 + "Then it waves"  # 1,049 characters
    prompt.fill(text)  # as a paste: no maxlength cuts it
    assert prompt.evaluate("el => el.value.length") == len(text) == 1049
    expect(counter).to_have_text(re.compile(r"^\s*1,049 / 1000 characters: 49 too many\s*$"))
    expect(prompt).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_role("alert")).to_contain_text("Keep the prompt under 1000 characters (it has 1049).")
    assert prompt.evaluate("el => el.value") == text  # kept whole
    prompt.fill(text[:1000])
    expect(counter).to_have_text(re.compile(r"^\s*1,000 / 1000 characters\s*$"))
    expect(prompt).not_to_have_attribute("aria-invalid", "true")
    context.close()
