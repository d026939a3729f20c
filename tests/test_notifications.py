"""Notifications: who did what (with their face), read once seen, and a badge that updates live."""

import datetime

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed.models import Notification
from feed.services import comment_create, follow_create, like_create, notifications_send, post_publish
from generation.models import Job
from generation.signals import job_succeeded
from sora.asgi import application
from tests.conftest import make_finished_job, make_user


def kinds(user) -> list[tuple[str, str | None]]:
    notes = Notification.objects.filter(recipient=user).order_by("id")
    return [(n.kind, n.actor.username if n.actor else None) for n in notes]


def published(owner, prompt: str = "A lighthouse in a storm"):
    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


# --- Each kind -------------------------------------------------------------------------------------


def test_a_finished_video_says_it_is_ready_and_links_its_page(alice):
    job = make_finished_job(alice)
    (note,) = Notification.objects.filter(recipient=alice)
    assert (note.kind, note.actor, note.url) == ("job_done", None, job.post.get_absolute_url())
    assert note.text.startswith("Your video is ready")
    # A re-sent signal (a retried commit hook, say) does not say it twice.
    job_succeeded.send(sender=Job, job=job)
    assert Notification.objects.filter(recipient=alice).count() == 1


def test_likes_comments_replies_and_follows_each_tell_with_their_actor(alice, bob):
    post = published(alice)
    carol = make_user("carol")
    like_create(user=bob, post=post)
    top = comment_create(author=bob, post=post, body="Wow")
    comment_create(author=carol, post=post, body="Agreed", parent_id=top.pk)
    follow_create(follower=carol, followee=alice)
    assert kinds(alice) == [  # publishing answered "your video is ready": it went
        ("liked", "bob"),
        ("commented", "bob"),
        ("commented", "carol"),
        ("followed", "carol"),
    ]
    assert kinds(bob) == [("replied", "carol")]
    assert kinds(carol) == []


def test_following_tells_once_a_day_however_often_someone_refollows(client, alice, bob):
    client.force_login(alice)
    for _ in range(3):
        client.post("/u/bob/follow/")
        client.post("/u/bob/follow/", {"action": "unfollow"})
    client.post("/u/bob/follow/")
    (note,) = Notification.objects.filter(recipient=bob)
    assert (note.kind, note.actor, note.text, note.url) == (
        "followed",
        alice,
        "@alice followed you.",
        "/u/alice/",
    )
    client.post("/u/alice/follow/")  # yourself: refused, and nobody is told
    assert not Notification.objects.filter(recipient=alice).exists()

    # A day later a new follow is news again.
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    client.post("/u/bob/follow/", {"action": "unfollow"})
    client.post("/u/bob/follow/")
    assert Notification.objects.filter(recipient=bob, kind="followed").count() == 2


def test_nobody_is_told_of_their_own_doing(alice, bob):
    assert notifications_send(recipients=[alice.pk, bob.pk], kind="remixed", text="x", actor=alice) == 1
    assert kinds(alice) == [] and kinds(bob) == [("remixed", "alice")]


# --- The list page ---------------------------------------------------------------------------------


def test_the_list_shows_who_with_their_avatar_and_marks_everything_read(client, alice, bob):
    post = published(alice)
    like_create(user=bob, post=post)
    notifications_send(recipients=[alice.pk], kind="cameo_reviewed", text="Your cameo is approved.")
    client.force_login(alice)
    html = client.get("/notifications/").content.decode()
    assert html.count('class="note ') == 2 and html.count(" unread") == 2
    assert 'href="/u/bob/" class="note-actor" aria-label="@bob"' in html and "avatar" in html
    assert f'<a class="note-body" href="{post.get_absolute_url()}">' in html
    assert '<span class="note-text" dir="auto">@bob liked your video.</span>' in html
    assert "Your cameo is approved." in html
    assert not Notification.objects.filter(recipient=alice, read_at=None).exists()
    html = client.get("/notifications/").content.decode()
    assert html.count('class="note ') == 2 and " unread" not in html


@pytest.mark.parametrize("who", ["friend", "stranger", "staff"])
def test_everyone_sees_only_their_own_notifications(client, alice, bob, staff, who):
    like_create(user=bob, post=published(alice))
    user = {"friend": make_user("carol"), "stranger": bob, "staff": staff}[who]
    client.force_login(user)
    html = client.get("/notifications/").content.decode()
    assert "liked your video" not in html and "Nothing yet." in html
    assert Notification.objects.filter(recipient=alice, read_at=None).count() == 1  # untouched


def test_anonymous_visitors_sign_in_for_notifications(client, db):
    assert client.get("/notifications/").url.startswith("/accounts/login/")
    assert client.get("/notifications/badge/").url.startswith("/accounts/login/")


def test_the_list_costs_the_same_queries_for_one_actor_or_many(client, alice):
    post = published(alice)
    client.force_login(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/notifications/")
        return len(captured)

    like_create(user=make_user("u0"), post=post)
    one = queries()
    for n in range(1, 8):
        like_create(user=make_user(f"u{n}"), post=post)
    assert queries() == one


def test_the_badge_counts_unread_and_hides_at_zero(client, alice, bob):
    client.force_login(alice)
    assert "hidden" in client.get("/notifications/badge/").content.decode()
    like_create(user=bob, post=published(alice))  # liked (publishing cleared job_done)
    notifications_send(recipients=[alice.pk], kind="cameo_reviewed", text="Your cameo is approved.")
    badge = client.get("/notifications/badge/").content.decode()
    assert badge.startswith('<span id="unread-count" class="badge">') and ">2</span>" in badge


def test_signed_in_pages_connect_the_live_badge_and_keep_the_load_fallback(client, alice, alice_published):
    assert "ws/notifications" not in client.get(alice_published.get_absolute_url()).content.decode()
    client.force_login(alice)
    html = client.get(alice_published.get_absolute_url()).content.decode()
    assert 'hx-ext="ws" ws-connect="/ws/notifications/"' in html
    assert '<span id="unread-count" hidden hx-get="/notifications/badge/" hx-trigger="load"' in html


# --- Live over Channels ----------------------------------------------------------------------------


def _communicator(user) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]  # as a browser sends them
    if user is not None:
        client = Client()
        client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return WebsocketCommunicator(application, "/ws/notifications/", headers=headers)


def _post_as(user, path: str, data: dict | None = None) -> int:
    client = Client()
    client.force_login(user)
    return client.post(path, data or {}).status_code


def _get_as(user, path: str) -> int:
    client = Client()
    client.force_login(user)
    return client.get(path).status_code


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_badge_updates_live_when_someone_likes_comments_or_follows(alice, bob):
    post = await sync_to_async(published)(alice)  # publishing cleared "your video is ready"
    await sync_to_async(notifications_send)(recipients=[alice.pk], kind="cameo_reviewed", text="Approved.")
    alice_socket = await sync_to_async(_communicator)(alice)
    bob_socket = await sync_to_async(_communicator)(bob)
    connected, _ = await alice_socket.connect()
    assert connected and (await bob_socket.connect())[0]
    first = await alice_socket.receive_from(timeout=5)
    assert first.startswith('<span id="unread-count" class="badge">') and ">1</span>" in first
    assert "hidden" in await bob_socket.receive_from(timeout=5)

    # Real requests, from another thread, through the Redis channel layer.
    assert await sync_to_async(_post_as)(bob, f"/p/{post.pk}/like/", {"action": "like"}) == 302
    assert ">2</span>" in await alice_socket.receive_from(timeout=5)
    assert await sync_to_async(_post_as)(bob, f"/p/{post.pk}/comments/", {"body": "Nice"}) == 302
    assert ">3</span>" in await alice_socket.receive_from(timeout=5)
    assert await sync_to_async(_post_as)(bob, "/u/alice/follow/") == 302
    assert ">4</span>" in await alice_socket.receive_from(timeout=5)
    assert await bob_socket.receive_nothing(timeout=0.3)  # nothing of alice's reaches bob

    # Reading the list clears the badge on every open page.
    assert await sync_to_async(_get_as)(alice, "/notifications/") == 200
    cleared = await alice_socket.receive_from(timeout=5)
    assert "hidden" in cleared and ">0</span>" in cleared
    await alice_socket.disconnect()
    await bob_socket.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_finished_render_rings_the_owners_badge(alice):
    socket = await sync_to_async(_communicator)(alice)
    assert (await socket.connect())[0]
    assert "hidden" in await socket.receive_from(timeout=5)
    await sync_to_async(make_finished_job)(alice)
    assert ">1</span>" in await socket.receive_from(timeout=5)
    await socket.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_anonymous_sockets_are_refused():
    socket = await sync_to_async(_communicator)(None)
    connected, code = await socket.connect()
    assert not connected and code == 4401
    await socket.disconnect()
