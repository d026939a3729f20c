"""The query-count guarantee: a feed page costs the same few queries at any page size.

Through the real home view with the test client, so sessions, auth, the page's template and
everything it includes are counted too.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed.models import Comment, Follow, LessLike, Like, View
from feed.services import post_embeddings_fill, steer_set
from feed.views import pages
from tests.conftest import make_published_row as publish
from tests.conftest import make_user

QUERY_LIMIT = 8


@pytest.fixture
def busy_world(db):
    """A viewer with every kind of state ranking reads: follows both ways, friends of friends,
    likes, views, comments, a steer and "see less" choices; 120 posts by 12 people (40 by the
    people the viewer follows, so the Following tab has a second page at size 20 too)."""
    me = make_user("viewer")
    people = [make_user(f"person{i}") for i in range(12)]
    topics = ["a chef tosses pasta", "a skateboard prank", "a corgi surfs", "rain on a neon street"]
    posts = [
        publish(people[i % 12], f"{topics[i % 4]}, take {i}", hours_ago=i * 0.25, like_count=i % 7)
        for i in range(120)
    ]
    for person in people[:4]:
        Follow.objects.create(follower=me, followee=person)
    for person in people[:2]:
        Follow.objects.create(follower=person, followee=me)
    for person in people[4:8]:
        Follow.objects.create(follower=people[0], followee=person)
    for post in posts[::3]:
        Like.objects.create(user=me, post=post)
    for post in posts[::4]:
        View.objects.create(post=post, viewer=me, viewer_key=f"u{me.pk}", day=timezone.localdate())
    for post in posts[:5]:
        Comment.objects.create(post=post, author=people[1], body="nice")
    LessLike.objects.create(user=me, post=posts[1])
    post_embeddings_fill()
    steer_set(user=me, text="more cooking, fewer pranks")
    return me, posts


def count_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(queries.captured_queries), [q["sql"] for q in queries.captured_queries]


def next_cursor_of(client, url: str) -> str:
    cursor = client.get(url).context["next_cursor"]
    assert cursor
    return cursor


@pytest.mark.parametrize("tab", ["for_you", "following"])
def test_queries_per_page_do_not_grow_with_page_size_or_depth(client, busy_world, monkeypatch, tab):
    me, _ = busy_world
    client.force_login(me)
    counts = {}
    for size in (5, 20):
        monkeypatch.setattr(pages, "PAGE_SIZE", size)
        first, sql = count_queries(client, f"/?tab={tab}")
        assert first <= QUERY_LIMIT, "\n".join(sql)
        cursor = next_cursor_of(client, f"/?tab={tab}")
        later, sql = count_queries(client, f"/?tab={tab}&after={cursor}")
        assert later <= QUERY_LIMIT, "\n".join(sql)
        while after := client.get(f"/?tab={tab}&after={cursor}").context["next_cursor"]:
            cursor = after  # on to the scroll's last page
        last, sql = count_queries(client, f"/?tab={tab}&after={cursor}")
        assert last == later, "\n".join(sql)
        counts[size] = (first, later)
    assert counts[5] == counts[20], counts


def test_htmx_continuation_pages_are_cheap(client, busy_world, monkeypatch):
    me, _ = busy_world
    client.force_login(me)
    counts = []
    for size in (5, 20):
        monkeypatch.setattr(pages, "PAGE_SIZE", size)
        cursor = next_cursor_of(client, "/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/?after={cursor}", headers={"HX-Request": "true"})
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] <= QUERY_LIMIT


def test_anonymous_for_you_queries(client, busy_world, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 5)
    ranking, _ = count_queries(client, "/")  # the first visitor ranks; the others share it
    counts = []
    for size in (5, 20):
        monkeypatch.setattr(pages, "PAGE_SIZE", size)
        counts.append(count_queries(client, "/")[0])
    assert counts[0] == counts[1] == ranking - 1 <= QUERY_LIMIT
