"""Likes, the action buttons under every video, and reports: harmless twice, honest counts, clear refusals."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from feed.models import Like, Notification, Post, Report
from feed.selectors import posts_for_viewer
from feed.services import like_create, like_delete

HTMX = {"HTTP_HX_REQUEST": "true"}


def like_url(post) -> str:
    return f"/p/{post.pk}/like/"


def counts(post) -> tuple[int, int]:
    post.refresh_from_db()
    return post.like_count, Like.objects.filter(post=post).count()


def liked_notes(post):
    return Notification.objects.filter(kind=Notification.Kind.LIKED, url=post.get_absolute_url())


# --- Likes -----------------------------------------------------------------------------------------


def test_liking_twice_counts_once_and_tells_the_author_once(client, alice_published, bob):
    client.force_login(bob)
    for _ in range(2):
        response = client.post(like_url(alice_published), {"action": "like"})
        assert response.status_code == 302 and response.url == alice_published.get_absolute_url()
    assert counts(alice_published) == (1, 1)
    (note,) = liked_notes(alice_published)
    assert (note.recipient, note.actor, note.text) == (alice_published.author, bob, "@bob liked your video.")

    client.post(like_url(alice_published), {"action": "unlike"})
    client.post(like_url(alice_published), {"action": "unlike"})
    assert counts(alice_published) == (0, 0)
    # Liking again after taking it back is no news to the author.
    client.post(like_url(alice_published), {"action": "like"})
    assert counts(alice_published) == (1, 1)
    assert liked_notes(alice_published).count() == 1


def test_without_an_action_the_button_toggles(client, alice_published, bob):
    client.force_login(bob)
    client.post(like_url(alice_published))
    assert counts(alice_published) == (1, 1)
    client.post(like_url(alice_published))
    assert counts(alice_published) == (0, 0)
    response = client.post(like_url(alice_published), {"action": "love"})
    assert response.status_code == 400 and b"like or unlike" in response.content


def test_the_htmx_like_swaps_the_button_with_its_new_state(client, alice_published, bob):
    client.force_login(bob)
    html = client.post(like_url(alice_published), {"action": "like"}, **HTMX).content.decode()
    assert html.lstrip().startswith("<form") and 'class="like-form"' in html
    assert 'aria-pressed="true"' in html and 'name="action" value="unlike"' in html
    assert '<span class="count">1</span>' in html
    html = client.post(like_url(alice_published), {"action": "unlike"}, **HTMX).content.decode()
    assert (
        'aria-pressed="false"' in html and 'value="like"' in html and '<span class="count">0</span>' in html
    )


def test_liking_your_own_video_counts_but_tells_nobody(client, alice, alice_published):
    client.force_login(alice)
    client.post(like_url(alice_published), {"action": "like"})
    assert counts(alice_published) == (1, 1)
    assert not liked_notes(alice_published).exists()


@pytest.mark.parametrize("who", ["friend", "stranger", "staff"])
def test_nobody_can_like_someone_elses_draft(client, alice_draft, friend, bob, staff, who):
    client.force_login({"friend": friend, "stranger": bob, "staff": staff}[who])
    assert client.post(like_url(alice_draft), {"action": "like"}).status_code == 404
    assert client.post(like_url(alice_draft), {"action": "like"}, **HTMX).status_code == 404
    assert counts(alice_draft) == (0, 0)


def test_a_draft_cannot_be_liked_even_by_its_creator(client, alice, alice_draft):
    client.force_login(alice)
    response = client.post(like_url(alice_draft), {"action": "like"}, **HTMX)
    assert response.status_code == 409 and b"Only published videos" in response.content
    assert counts(alice_draft) == (0, 0)


def test_likes_on_a_missing_video_or_by_get_are_refused(client, bob, alice_published):
    client.force_login(bob)
    assert client.post("/p/999999/like/", {"action": "like"}).status_code == 404
    assert client.get(like_url(alice_published)).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(client, alice_published):
    response = client.post(like_url(alice_published), {"action": "like"})
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=%2Fp%2F{alice_published.pk}%2F"
    response = client.post(like_url(alice_published), {"action": "like"}, **HTMX)
    assert response.status_code == 401 and response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert b"Sign in to like" in response.content
    assert counts(alice_published) == (0, 0)


def test_the_no_js_form_returns_to_the_page_it_came_from_but_never_elsewhere(client, alice_published, bob):
    client.force_login(bob)
    response = client.post(like_url(alice_published), {"action": "like", "next": "/?tab=following"})
    assert response.url == "/?tab=following"
    response = client.post(like_url(alice_published), {"action": "unlike", "next": "https://evil.example/"})
    assert response.url == alice_published.get_absolute_url()


def test_like_services_keep_the_count_in_step(alice_published, bob, staff):
    assert like_create(user=bob, post=alice_published) is True
    assert like_create(user=bob, post=alice_published) is False
    assert like_create(user=staff, post=alice_published) is True
    assert counts(alice_published) == (2, 2)
    assert like_delete(user=bob, post=alice_published) is True
    assert like_delete(user=bob, post=alice_published) is False
    assert counts(alice_published) == (1, 1)


# --- The action buttons ----------------------------------------------------------------------------


def render_actions(post, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    post = posts_for_viewer(Post.objects.filter(pk=post.pk), user=user).get()
    return render_to_string("feed/_post_actions.html", {"post": post}, request=request)


def test_actions_show_counts_state_share_download_and_report(alice_published, bob):
    like_create(user=bob, post=alice_published)
    html = render_actions(alice_published, bob)
    pk = alice_published.pk
    assert 'aria-pressed="true"' in html and '<span class="count">1</span>' in html
    assert f'href="/p/{pk}/comments/"' in html and f'hx-get="/p/{pk}/comments/"' in html
    assert 'hx-target="#drawer-body"' in html
    assert f'id="comment-count-{pk}">0</span>' in html
    assert f'data-share="http://testserver/p/{pk}/"' in html and f'href="/p/{pk}/"' in html
    assert f'href="/p/{pk}/download.mp4" download' in html
    assert f'href="/p/{pk}/report/"' in html


def test_creators_get_no_report_button_on_their_own_video(alice, alice_published):
    html = render_actions(alice_published, alice)
    assert "/report/" not in html and 'aria-pressed="false"' in html


def test_anonymous_visitors_see_the_buttons_too(alice_published):
    from django.contrib.auth.models import AnonymousUser

    html = render_actions(alice_published, AnonymousUser())
    assert 'aria-pressed="false"' in html and "/report/" in html


@pytest.mark.parametrize("who", ["owner", "friend", "stranger", "staff", "anonymous"])
def test_the_post_page_carries_the_actions_for_everyone(
    client, alice, friend, bob, staff, alice_published, who
):
    user = {"owner": alice, "friend": friend, "stranger": bob, "staff": staff, "anonymous": None}[who]
    if user:
        client.force_login(user)
    html = client.get(alice_published.get_absolute_url()).content.decode()
    assert f'id="post-actions-{alice_published.pk}"' in html
    assert ("/report/" in html) is (who != "owner")


def test_the_actions_script_is_loaded_from_our_own_static_files(client, db):
    html = client.get("/").content.decode()
    assert re.search(r'<script src="/static/js/post-actions\.[0-9a-f]{12}\.js" defer></script>', html)
    assert "cdn" not in html.lower()


# --- Reports -----------------------------------------------------------------------------------


def report_url(post) -> str:
    return f"/p/{post.pk}/report/"


def test_reporting_twice_is_answered_not_a_500(client, alice_published, bob):
    client.force_login(bob)
    page = client.get(report_url(alice_published)).content.decode()
    assert "Uses someone&#x27;s likeness without consent" in page and 'name="note"' in page
    response = client.post(report_url(alice_published), {"reason": "spam", "note": "  bought views  "})
    assert response.status_code == 302 and response.url == alice_published.get_absolute_url()
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason, report.note) == (
        alice_published,
        bob,
        "spam",
        "bought views",
    )

    response = client.post(report_url(alice_published), {"reason": "hate"}, **HTMX)
    assert response.status_code == 409 and "You already reported this" in response.content.decode()
    assert "You already reported this" in client.get(report_url(alice_published), **HTMX).content.decode()
    assert Report.objects.count() == 1


def test_the_htmx_report_thanks_in_place(client, alice_published, bob):
    client.force_login(bob)
    html = client.get(report_url(alice_published), **HTMX).content.decode()
    assert "<html" not in html and f'id="report-{alice_published.pk}"' in html
    response = client.post(report_url(alice_published), {"reason": "likeness"}, **HTMX)
    assert response.status_code == 200 and "Thanks for telling us" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a reason from the list."),
        ({"reason": "boring"}, "Choose a reason from the list."),
        ({"reason": "other", "note": "x" * 5000}, "at most 500 characters; this one has 5,000"),
    ],
)
def test_a_bad_report_gets_the_form_back_with_the_reason(client, alice_published, bob, data, message):
    client.force_login(bob)
    response = client.post(report_url(alice_published), data, **HTMX)
    assert response.status_code == 400 and message in response.content.decode()
    assert "<form" in response.content.decode()
    assert client.post(report_url(alice_published), data).status_code == 400  # and without JS
    assert not Report.objects.exists()


def test_creators_cannot_report_themselves_and_drafts_are_404(
    client, alice, alice_published, alice_draft, bob
):
    client.force_login(alice)
    response = client.post(report_url(alice_published), {"reason": "spam"})
    assert response.status_code == 400 and "can&#x27;t report your own video" in response.content.decode()
    client.force_login(bob)
    assert client.get(report_url(alice_draft)).status_code == 404
    assert client.post(report_url(alice_draft), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_anonymous_visitors_sign_in_before_reporting(client, alice_published):
    response = client.get(report_url(alice_published))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")
    assert client.post(report_url(alice_published), {"reason": "spam"}).status_code == 302
    assert not Report.objects.exists()


def test_staff_remove_a_reported_video_from_the_admin(client, alice, alice_published, bob, staff):
    report = Report.objects.create(post=alice_published, reporter=bob, reason="violence")
    client.force_login(staff)
    assert "violence" in client.get("/admin/feed/report/").content.decode()
    response = client.post(
        "/admin/feed/report/", {"action": "remove_videos", "_selected_action": [report.pk]}, follow=True
    )
    assert "Removed 1 video(s)" in response.content.decode()
    alice_published.refresh_from_db()
    report.refresh_from_db()
    assert (
        alice_published.status == Post.Status.REMOVED
        and "after people reported it" in alice_published.removed_reason
    )
    assert report.resolved_at is not None
    note = Notification.objects.get(recipient=alice, kind=Notification.Kind.VIDEO_REMOVED)
    assert note.text == alice_published.removed_reason
    # Out of the feed: nobody else can open it any more.
    client.force_login(bob)
    assert client.get(alice_published.get_absolute_url()).status_code == 404


def test_staff_resolve_a_report_and_keep_the_video(client, alice_published, bob, staff):
    report = Report.objects.create(post=alice_published, reporter=bob, reason="spam")
    client.force_login(staff)
    client.post("/admin/feed/report/", {"action": "mark_resolved", "_selected_action": [report.pk]})
    report.refresh_from_db()
    alice_published.refresh_from_db()
    assert report.resolved_at is not None and alice_published.is_published
    assert "0 reports" in client.get("/admin/feed/report/?state=open").content.decode()
    assert "1 report" in client.get("/admin/feed/report/?state=resolved").content.decode()


def test_people_without_staff_rights_never_see_reports(client, alice_published, bob):
    Report.objects.create(post=alice_published, reporter=bob, reason="spam")
    client.force_login(bob)
    assert client.get("/admin/feed/report/").status_code == 302
