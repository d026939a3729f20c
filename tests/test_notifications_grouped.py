"""Notifications as the phone apps show them: grouped lines, who did it (avatar), the video's poster
where the viewer may see it, "your video is ready" gone once published, and a page that fits a phone."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed.models import Notification
from feed.services import (
    comment_create,
    follow_create,
    like_create,
    notifications_send,
    post_publish,
    posts_remove,
)
from tests.conftest import PASSWORD, make_finished_job, make_user


def published(owner, prompt: str = "A lighthouse in a storm"):
    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


def page(client, user) -> str:
    client.force_login(user)
    response = client.get("/notifications/")
    assert response.status_code == 200
    return response.content.decode()


def lines(html: str) -> list[str]:
    """The text of each line, as it reads."""
    return re.findall(r'<span class="note-text" dir="auto">(.*?)</span>', html)


def posters(html: str) -> list[str]:
    return re.findall(r'<img class="note-poster" src="([^"]+)"', html)


# --- Grouping ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likers", "line"),
    [
        (1, "@u0 liked your video."),
        (2, "@u1 and @u0 liked your video."),
        (4, "@u3 and 3 others liked your video."),
    ],
)
def test_likes_of_one_video_read_as_one_line_naming_the_newest(client, alice, likers, line):
    post = published(alice)
    for n in range(likers):
        like_create(user=make_user(f"u{n}"), post=post)
    html = page(client, alice)
    assert lines(html) == [line]
    # The newest liker's avatar links their profile; with more than one, a second avatar stacks.
    assert f'href="/u/u{likers - 1}/" class="note-actor" aria-label="@u{likers - 1}"' in html
    assert html.count('class="note-second"') == (1 if likers > 1 else 0)
    assert html.count("note-avatars stacked") == (1 if likers > 1 else 0)


def test_each_video_and_kind_keeps_its_own_line(client, alice, bob):
    first, second = published(alice, "First"), published(alice, "Second")
    carol = make_user("carol")
    for liker in (bob, carol):
        like_create(user=liker, post=first)
    like_create(user=bob, post=second)
    comment_create(author=bob, post=first, body="Lovely")
    comment_create(author=carol, post=first, body="Same")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    assert lines(page(client, alice)) == [
        "@carol and @bob followed you.",
        "@carol commented on your video: “Same”",  # comments say something each: never grouped
        "@bob commented on your video: “Lovely”",
        "@bob liked your video.",
        "@carol and @bob liked your video.",
    ]


def test_read_news_groups_within_a_day_and_older_news_keeps_its_line(client, alice):
    post = published(alice)
    like_create(user=make_user("old"), post=post)
    page(client, alice)  # seen: read now
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    like_create(user=make_user("new1"), post=post)
    like_create(user=make_user("new2"), post=post)
    assert lines(page(client, alice)) == ["@new2 and @new1 liked your video.", "@old liked your video."]
    # Now all read, and the two new ones are within a day of each other: still one line.
    assert lines(page(client, alice)) == ["@new2 and @new1 liked your video.", "@old liked your video."]


def test_unread_news_groups_however_old(client, alice):
    post = published(alice)
    like_create(user=make_user("old"), post=post)
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=5))
    like_create(user=make_user("new"), post=post)
    assert lines(page(client, alice)) == ["@new and @old liked your video."]


def test_a_grouped_line_is_unread_until_seen_and_seeing_it_reads_every_note(client, alice):
    post = published(alice)
    for n in range(3):
        like_create(user=make_user(f"u{n}"), post=post)
    html = page(client, alice)
    assert html.count('class="note ') == 1 and html.count(" unread") == 1 and "(new)" in html
    assert html.count('class="note-dot"') == 1
    assert not Notification.objects.filter(recipient=alice, read_at=None).exists()
    html = page(client, alice)
    assert " unread" not in html and "(new)" not in html and 'class="note-dot"' not in html


# --- Posters, and who may see them ---------------------------------------------------------------


def test_news_about_ones_own_video_shows_its_poster_and_links_its_page(client, alice, bob):
    post = published(alice)
    like_create(user=bob, post=post)
    html = page(client, alice)
    assert posters(html) == [f"/p/{post.pk}/poster.jpg"]
    assert f'<a class="note-body" href="{post.get_absolute_url()}">' in html
    # The poster it points at is served to alice (the same access check the page relies on).
    assert client.get(posters(html)[0]).status_code == 200


def test_a_removed_video_shows_no_poster_beside_its_news(client, alice, bob):
    kept, removed = published(alice, "Kept"), published(alice, "Removed")
    like_create(user=bob, post=kept)
    like_create(user=bob, post=removed)
    posts_remove(job_ids=[removed.job_id], reason="A cameo's owner took it down.")
    html = page(client, alice)
    assert lines(html) == ["@bob liked your video.", "@bob liked your video."]
    assert posters(html) == [f"/p/{kept.pk}/poster.jpg"]


def test_someone_elses_draft_shows_no_poster_even_if_a_notification_names_it(client, alice, bob):
    draft = make_finished_job(alice).post
    notifications_send(recipients=[bob.pk], kind="cameo_used", text="Used.", url="/", post_id=draft.pk)
    html = page(client, bob)
    assert lines(html) == ["Used."] and posters(html) == []
    assert client.get(f"/p/{draft.pk}/poster.jpg").status_code == 404  # as the media view agrees


def test_a_finished_draft_shows_its_poster_to_its_creator(client, alice):
    draft = make_finished_job(alice).post
    html = page(client, alice)
    assert lines(html) == ["Your video is ready. Watch it, then publish it when you like it."]
    assert posters(html) == [f"/p/{draft.pk}/poster.jpg"]


def test_news_about_a_deleted_video_goes_with_it(alice, bob):
    post = published(alice)
    like_create(user=bob, post=post)
    post.job.delete()  # the post goes with its job
    assert not Notification.objects.filter(recipient=alice).exists()


# --- "Your video is ready" ends with publishing ----------------------------------------------------


def test_publishing_clears_your_video_is_ready(client, alice):
    other = make_finished_job(alice, prompt="Another").post
    post = make_finished_job(alice).post
    assert Notification.objects.filter(recipient=alice, kind="job_done").count() == 2
    client.force_login(alice)
    assert ">2</span>" in client.get("/notifications/badge/").content.decode()
    assert client.post(f"/p/{post.pk}/publish/").status_code == 302
    # Only this video's: the other draft's news stays, and the badge counts one less.
    (left,) = Notification.objects.filter(recipient=alice, kind="job_done")
    assert left.post_id == other.pk
    assert ">1</span>" in client.get("/notifications/badge/").content.decode()
    html = page(client, alice)
    assert lines(html) == ["Your video is ready. Watch it, then publish it when you like it."]
    assert posters(html) == [f"/p/{other.pk}/poster.jpg"]


def test_a_notification_from_before_posts_were_linked_is_cleared_by_its_link(alice):
    post = make_finished_job(alice).post
    Notification.objects.update(post=None)  # as rows made before the column existed
    post_publish(post=post, user=alice)
    assert not Notification.objects.filter(recipient=alice).exists()


def test_a_refused_publish_keeps_your_video_is_ready(client, alice):
    post = make_finished_job(alice).post
    posts_remove(job_ids=[post.job_id], reason="Taken down.")
    client.force_login(alice)
    client.post(f"/p/{post.pk}/publish/")
    assert Notification.objects.filter(recipient=alice, kind="job_done").count() == 1


def test_a_re_sent_finish_signal_does_not_bring_it_back_after_publishing(alice):
    from generation.models import Job
    from generation.signals import job_succeeded

    job = make_finished_job(alice)
    post_publish(post=job.post, user=alice)
    job_succeeded.send(sender=Job, job=job)
    assert not Notification.objects.filter(recipient=alice, kind="job_done").exists()


# --- The page's cost -----------------------------------------------------------------------------


def test_the_page_costs_the_same_queries_for_one_notification_or_twenty(client, alice):
    posts = [published(alice, f"Video {n}") for n in range(3)]
    client.force_login(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/notifications/").status_code == 200
        return len(captured)

    people = [make_user(f"p{n}") for n in range(8)]
    like_create(user=people[0], post=posts[0])
    assert Notification.objects.filter(recipient=alice).count() == 1
    one = queries()
    # Grouped and single lines, posters and avatars, follows and comments: 20 in all.
    for person in people[1:]:
        like_create(user=person, post=posts[0])
        like_create(user=person, post=posts[1])
    for person in people[:3]:
        follow_create(follower=person, followee=alice)
    comment_create(author=people[0], post=posts[2], body="Hello")
    notifications_send(recipients=[alice.pk], kind="cameo_reviewed", text="Approved.")
    assert Notification.objects.filter(recipient=alice).count() == 20
    assert queries() == one


# --- On a phone, in a real browser -------------------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Run in the live app's own shell: real images (a JPEG poster, WebP avatars) so the browser decodes them.
SETUP = """
import io
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from feed.services import comment_create, follow_create, like_create, post_publish, profile_update
from generation.models import Job
from generation.signals import job_succeeded

def image(colour, size, kind):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()

ana = get_user_model().objects.get(username="ana")
def video(prompt):
    job = Job.objects.create(
        owner=ana, prompt=prompt, duration=5, orientation="portrait", seed=7, video_engine="preview",
        audio_engine="tones", status=Job.Status.SUCCEEDED, progress=1.0, started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    job.video.save("video.mp4", ContentFile(b"0" * 4096), save=False)
    job.poster.save("poster.jpg", ContentFile(image((40, 90, 200), (288, 512), "JPEG")), save=False)
    job.save()
    job_succeeded.send(sender=Job, job=job)
    return job.post

liked, draft = post_publish(post=video("A lighthouse"), user=ana), video("A draft")
for n, colour in enumerate([(200, 40, 40), (40, 160, 60), (220, 180, 30), (120, 40, 160)]):
    person = get_user_model().objects.create_user(f"fan{n}", f"fan{n}@example.com", "x" * 12)
    profile_update(user=person, display_name="", bio="", avatar=ContentFile(image(colour, (64, 64), "WEBP")))
    like_create(user=person, post=liked)
    follow_create(follower=person, followee=ana)
comment_create(author=person, post=liked, body="ما أجمل هذا الفيديو " + "wow" * 40)
print("ready")
"""


@pytest.mark.browser
def test_on_a_phone_the_list_fits_the_screen_and_shows_avatars_and_posters():
    from playwright.sync_api import expect

    from .live_app import browser_sign_up, chromium, csp_violations, live_app

    with live_app() as app, chromium() as browser:
        context = browser.new_context(**PHONE)
        context.set_default_timeout(20_000)
        violations = csp_violations(context)
        phone = context.new_page()
        browser_sign_up(phone, app.url, "ana", PASSWORD)
        assert "ready" in app.shell(SETUP)
        phone.goto(app.url + "/notifications/")

        notes = phone.locator(".notification-list .note")
        # The comment, 4 follows, 4 likes, the draft's "your video is ready" (publishing cleared the other's).
        expect(notes).to_have_count(4)
        expect(notes.nth(1)).to_contain_text("@fan3 and 3 others followed you.")
        expect(notes.nth(2)).to_contain_text("@fan3 and 3 others liked your video.")
        # One link per line, named by what it says (the avatar links the person apart).
        like_line = phone.get_by_role("link", name=re.compile(r"^@fan3 and 3 others liked your video\."))
        expect(like_line).to_have_count(1)
        expect(phone.get_by_role("link", name="@fan3", exact=True)).to_have_count(3)

        # Every picture decoded: posters (the commented and liked video twice, the draft) and avatars
        # (the commenter's, two stacked on each grouped line).
        pictures = phone.locator(".note-poster, .note-avatars img")
        expect(phone.locator(".note-poster")).to_have_count(3)
        expect(pictures).to_have_count(3 + 1 + 2 * 2)
        phone.wait_for_function(
            "() => [...document.querySelectorAll('.note-poster, .note-avatars img')]"
            ".every(img => img.complete && img.naturalWidth > 0)"
        )
        box = phone.locator(".note-poster").first.bounding_box()
        assert 44 <= box["width"] <= 52 and abs(box["height"] / box["width"] - 16 / 9) < 0.1
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            "no sideways scrolling on a phone"
        )
        # Nothing is bold, nothing underlined: lines, not links in a list.
        styles = phone.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('.note-body .note-text'));"
            " const a = getComputedStyle(document.querySelector('.note-body'));"
            " return [s.fontWeight, a.textDecorationLine]; }"
        )
        assert styles == ["400", "none"]
        phone.screenshot(path="test-artifacts/notifications-phone.png", full_page=True)

        # The whole line is the link: a tap in its margin, outside the words and the poster, opens the video.
        line = notes.nth(2).bounding_box()
        phone.mouse.click(line["x"] + line["width"] / 2, line["y"] + 3)
        expect(phone).to_have_url(re.compile(r"/p/\d+/$"))
        assert violations == []
