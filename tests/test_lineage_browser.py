"""The lineage page and the feed's action rail on a phone, in a real browser, against the app as
`make run` starts it: nothing wider than the screen, and Remix within reach on the rail."""

import re

import pytest

from .conftest import PASSWORD
from .live_app import browser_sign_up, chromium, csp_violations, live_app, wait_until

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# A deep chain of remixes with whole, long prompts (one unbroken word among them), as finished
# videos with real poster images, made directly: rendering would add minutes and prove nothing here.
WORLD = """
from io import BytesIO
from PIL import Image
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from feed.services import post_publish
from generation.models import Job
from generation.signals import job_succeeded
from remix.models import RemixRequest
from remix.services import node_ensure

people = [get_user_model().objects.create_user(username=name, email=name + "@example.com", password="x")
          for name in ("alice", "bob")]

def video(n, prompt, parent=None):
    owner = people[n % 2]
    job = Job.objects.create(owner=owner, prompt=prompt, duration=5, orientation="portrait", seed=7,
        video_engine="preview", audio_engine="tones", status=Job.Status.SUCCEEDED, progress=1.0,
        started_at=timezone.now(), finished_at=timezone.now())
    if parent is not None:
        RemixRequest.objects.create(job=job, parent=node_ensure(post=parent))
    job.video.save("video.mp4", ContentFile(b"0" * 4096), save=False)
    image = BytesIO()
    Image.new("RGB", (90, 160), (40 + 15 * n, 80, 200 - 10 * n)).save(image, "JPEG")
    job.poster.save("poster.jpg", ContentFile(image.getvalue()), save=False)
    job.save()
    job_succeeded.send(sender=Job, job=job)
    return post_publish(post=job.post, user=owner)

prompt = ("A lighthouse keeper and her orange cat watch a storm roll in over the cliffs at dusk, "
          "waves breaking white against the rocks below while gulls wheel in the wind")
root = video(0, prompt)
post = root
for n in range(1, 13):
    prompt = prompt.replace("dusk" if n == 1 else f"step{n - 1}", f"step{n}")
    if n == 6:
        prompt += " Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletterswithoutanybreak"
    post = video(n, prompt, parent=post)
video(13, "Someone else's take: a quiet harbour at dawn", parent=root)
print(root.pk, post.pk)
"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


NO_OVERFLOW = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_the_lineage_fits_a_phone_and_remix_is_on_the_rail(browser):
    from playwright.sync_api import expect

    with live_app() as app:
        root, leaf = app.shell(WORLD).split()
        context = browser.new_context(**PHONE)
        context.set_default_timeout(20_000)
        violations = csp_violations(context)
        page = context.new_page()
        browser_sign_up(page, app.url, "ben", PASSWORD)

        # The tree below the original (itself and 13 remixes); the 12 ancestors above the leaf.
        for pk, videos in ((root, 14), (leaf, 13)):
            page.goto(f"{app.url}/remix/{pk}/lineage/")
            thumbs = page.locator(".lineage-thumb img")
            expect(thumbs).to_have_count(videos)
            for n in range(videos):  # lazy images load as they come near the screen
                thumbs.nth(n).scroll_into_view_if_needed()
            assert page.evaluate(NO_OVERFLOW), f"the lineage of {pk} is wider than the phone"
            # Every prompt inside the screen, every poster loaded: the page a person sees.
            boxes = [box for box in page.locator(".lineage-prompt").evaluate_all(
                "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right] })"
            )]  # fmt: skip
            assert boxes and all(0 <= left and right <= 390 for left, right in boxes), boxes
            wait_until(page, "() => [...document.querySelectorAll('.lineage-thumb img')]"
                       ".every(e => e.complete && e.naturalWidth === 90)")
            expect(page.locator(".lineage-prompt ins", has_text="step12")).to_have_count(1)
        expect(page.locator(".this-video .lineage-prompt")).to_contain_text("step12")

        page.goto(app.url + "/")
        item = page.locator("article.feed-item").first
        remix = item.locator(".rail a.action.remix")
        expect(remix).to_be_visible()
        box = remix.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 390, box
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box
        assert box["width"] >= 44 and box["height"] >= 44, box
        # Nothing covers it: a tap at its centre lands on it.
        assert remix.evaluate(
            "(el) => { const r = el.getBoundingClientRect();"
            " return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)) }"
        )
        assert page.evaluate(NO_OVERFLOW)
        remix.click()
        expect(page).to_have_url(re.compile(r"/remix/\d+/$"))
        expect(page.locator("h1")).to_contain_text("Remix @")
        assert violations == [], "every page works under the Content-Security-Policy"
        context.close()
