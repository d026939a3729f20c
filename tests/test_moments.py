"""Times as people say them ({{ moment|ago }}): "just now" for the first minute, never "0 minutes"."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0, "just now"), (59, "just now"), (61, "a minute ago"), (5 * 3600 + 30, "5\xa0hours ago"),
     (3 * 86400 + 5, "3\xa0days ago")],
)  # fmt: skip
def test_times_read_as_people_say_them(seconds, said):
    moment = timezone.now() - timedelta(seconds=seconds)
    assert Template("{{ moment|ago }}").render(Context({"moment": moment})) == said


def test_no_time_is_nothing():
    assert Template("{{ moment|ago }}").render(Context({"moment": None})) == ""


def test_a_new_comment_says_just_now(client, alice, db):
    from feed.services import comment_create
    from tests.conftest import make_published_row

    post = make_published_row(alice, "a clip")
    comment_create(author=alice, post=post, body="first!")
    client.force_login(alice)
    html = client.get(f"/p/{post.pk}/").content.decode()
    assert "just now</time>" in html and "0\xa0minutes" not in html
