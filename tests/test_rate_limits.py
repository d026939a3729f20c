"""Rate limits: past a rate, a 429 that says when to try again (a page, or an htmx notice), nothing
done; counted in the shared Redis cache, so they hold across web processes."""

import os
import subprocess
import sys
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model
from django.test import Client

from feed.models import Comment, Like, Report
from sora.asgi import application

from .conftest import make_user
from .live_app import BASE_DIR

HTMX = {"HTTP_HX_REQUEST": "true"}

# django-ratelimit counts in fixed windows: a count starts again when its window ends, which a
# per-minute window may do in the middle of a test. The tests' rates are per day, whose window
# ending within a test's few seconds is as good as never.


@pytest.fixture
def bobs_post(bob):
    from feed.services import post_publish

    from .conftest import make_finished_job

    return post_publish(post=make_finished_job(bob, prompt="A kite over the dunes").post, user=bob)


def try_again(seconds: int) -> str:
    """What the 429 says of `seconds`: seconds under two minutes, else minutes."""
    if seconds < 120:
        return f"Try again in {seconds} second{'s' if seconds != 1 else ''}."
    return f"Try again in {round(seconds / 60)} minutes."


@pytest.mark.parametrize("seconds", [1, 45, 119, 120, 600, 3599])
def test_the_429_says_when_in_seconds_or_minutes(seconds):
    from django.template.loader import render_to_string

    html = render_to_string("_too_many.html", {"doing": "liking videos", "seconds": seconds})
    assert f"You've been liking videos a lot in a short time. {try_again(seconds)}" in html


def actions(bobs_post, bob):
    """Each limited action: (group, how to do it once, what it leaves behind to count)."""
    pk = bobs_post.pk
    return {
        "comment": (f"/p/{pk}/comments/", lambda i: {"body": f"Nice {i}"}, Comment.objects.count),
        "like": (f"/p/{pk}/like/", lambda i: {"action": "unlike" if i % 2 else "like"}, lambda: None),
        "follow": (
            f"/u/{bob.username}/follow/",
            lambda i: {"action": "unfollow" if i % 2 else ""},
            lambda: None,
        ),
        "report": (f"/p/{pk}/report/", lambda i: {"reason": "spam", "note": f"n{i}"}, Report.objects.count),
        "steer": ("/steer/", lambda i: {"text": f"more kites {i}"}, lambda: None),
        "profile": ("/profile/edit/", lambda i: {"display_name": f"Alice {i}", "bio": ""}, lambda: None),
    }


@pytest.mark.parametrize("group", ["comment", "like", "follow", "report", "steer", "profile"])
def test_past_its_rate_an_action_is_a_429_page_that_says_when_to_try_again(
    client, alice, bob, bobs_post, settings, group
):
    settings.SORA_RATE_LIMITS = {**settings.SORA_RATE_LIMITS, group: "3/d"}
    url, data, left = actions(bobs_post, bob)[group]
    client.force_login(alice)
    for i in range(3):
        response = client.post(url, data(i))
        # (a second report of the same video is refused as a repeat, 409: it still counts)
        assert response.status_code in (200, 302, 409), (i, response.status_code)
    before = left()

    response = client.post(url, data(3))
    html = response.content.decode()
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 24 * 3600
    assert "You've been " in html and "a lot in a short time. Try again in " in html
    assert try_again(int(response["Retry-After"])) in html
    assert left() == before, "nothing was done"

    # Someone else is not held up by alice's count.
    other = Client()
    other.force_login(make_user("dana"))
    assert other.post(url, data(0)).status_code in (200, 302)


def test_under_htmx_the_429_is_a_notice_put_where_the_page_shows_notices(
    client, alice, bob, bobs_post, settings
):
    settings.SORA_RATE_LIMITS = {**settings.SORA_RATE_LIMITS, "comment": "1/d"}
    client.force_login(alice)
    assert client.post(f"/p/{bobs_post.pk}/comments/", {"body": "First"}, **HTMX).status_code == 200
    response = client.post(f"/p/{bobs_post.pk}/comments/", {"body": "Second"}, **HTMX)
    assert response.status_code == 429
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#notices", "innerHTML")
    fragment = response.content.decode()
    assert "You've been commenting a lot in a short time." in fragment and "<html" not in fragment
    assert list(Comment.objects.values_list("body", flat=True)) == ["First"]
    page = client.get("/").content.decode()
    assert '<div id="notices"' in page and '{"code": "429", "swap": true' in page


def test_reading_is_never_limited(client, alice, bob, bobs_post, settings):
    settings.SORA_RATE_LIMITS = {**settings.SORA_RATE_LIMITS, "comment": "1/d", "report": "1/d"}
    client.force_login(alice)
    for _ in range(5):
        assert client.get(f"/p/{bobs_post.pk}/comments/").status_code == 200
        assert client.get(f"/p/{bobs_post.pk}/report/").status_code == 200


def test_signed_out_likes_are_counted_per_address(client, bob, bobs_post, settings):
    settings.SORA_RATE_LIMITS = {**settings.SORA_RATE_LIMITS, "like": "2/d"}
    codes = [client.post(f"/p/{bobs_post.pk}/like/").status_code for _ in range(3)]
    assert codes == [302, 302, 429]  # sent to sign in twice, then told to slow down
    assert Like.objects.count() == 0


def test_a_count_that_cannot_be_read_lets_the_action_through(client, alice, bob, bobs_post, settings):
    # Redis away: a comment is worth more than its count (the page still answers, not a 500).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client.force_login(alice)
    response = client.post(f"/p/{bobs_post.pk}/comments/", {"body": "Still here"})
    assert response.status_code == 302
    assert Comment.objects.filter(body="Still here").exists()


def test_allauth_limits_sign_ups_per_address_with_the_apps_page(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    password = "pa55 word xyz"
    codes = []
    for i in range(3):
        data = {
            "email": f"p{i}@example.com",
            "username": f"person{i}",
            "password1": password,
            "password2": password,
        }
        response = client.post("/accounts/signup/", data)
        codes.append(response.status_code)
        client.logout()
    assert codes == [302, 302, 429]
    assert "You've been trying to sign up or log in a lot in a short time." in response.content.decode()
    assert get_user_model().objects.filter(username__startswith="person").count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_websockets_past_the_rate_are_refused_at_the_handshake(alice, settings):
    settings.SORA_RATE_LIMITS = {**settings.SORA_RATE_LIMITS, "websocket": "2/d"}

    def session_cookie() -> bytes:
        client = Client()
        client.force_login(alice)
        return f"sessionid={client.cookies['sessionid'].value}".encode()

    headers = [
        (b"origin", b"http://localhost"),
        (b"host", b"localhost"),
        (b"cookie", await sync_to_async(session_cookie)()),
    ]
    outcomes = []
    for _ in range(3):
        communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
        connected, code = await communicator.connect()
        outcomes.append("open" if connected else code)
        await communicator.disconnect()
    assert outcomes == ["open", "open", 4429]

    # Signed out, it's the address that counts.
    anonymous = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=anonymous)
    connected, code = await communicator.connect()
    assert code != 4429  # refused as anonymous (4404 or the like), not by alice's count
    await communicator.disconnect()


COUNT_ONE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
import django
django.setup()
from sora.ratelimits import seconds_left
for _ in range(int(sys.argv[1])):
    print(seconds_left(group="comment", request=None, key=lambda group, request: "user:shared-test"))
"""


def test_limits_hold_across_two_web_processes_sharing_redis(settings):
    """Two processes of the app, each with its own Django and its own cache connections, count in
    the same Redis (the suite's, with this run's cache prefix): three comments counted by one,
    the fourth, counted by the other, is over a rate of three a day."""
    env = {**os.environ, "SORA_RATE_COMMENT": "3/d", "SORA_CACHE_PREFIX": f"shared-{uuid.uuid4().hex}"}

    def process(times: int) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", COUNT_ONE, str(times)], cwd=BASE_DIR, env=env,
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return done.stdout.split()

    assert process(3) == ["None", "None", "None"]
    (refused,) = process(1)
    assert refused != "None" and 1 <= int(refused) <= 24 * 3600
