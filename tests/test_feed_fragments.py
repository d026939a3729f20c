"""Cached feed items (feed.fragments): the same HTML as rendering the item afresh, for every viewer
and state, and never another viewer's or an outdated copy."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.safestring import mark_safe

from feed.fragments import RequestFill, feed_item_html, feed_items_forget
from feed.models import Post
from feed.selectors import feed_items_for_viewer
from feed.services import comment_create, like_create, post_publish, profile_ensure, profile_update
from remix.models import RemixNode
from remix.services import node_ensure, remixing_set

from .conftest import make_finished_job, make_user

TOKEN = "tok3nTOK3Ntok3nTOK3Ntok3nTOK3Ntok3nTOK3Ntok3nTOK3Ntok3nTOK3Ntok3n"


@pytest.fixture(autouse=True)
def empty_cache():
    feed_items_forget()
    yield
    feed_items_forget()


def publish(owner, prompt: str) -> Post:
    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


def loaded(post: Post, user) -> Post:
    return feed_items_for_viewer(Post.objects.filter(pk=post.pk), user=user).get()


def request_for(user, path: str = "/?tab=for_you&after=abc", host: str = "sora.example"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    request.user = user
    return request


def fresh(post: Post, user, request, *, preload: bool = False, tail: str = "") -> str:
    """The item rendered afresh, as the page did before the cache: the real request and viewer."""
    context = {
        "post": post,
        "user": user,
        "request": request,
        "csrf_token": TOKEN,
        "preload": "auto" if preload else "metadata",
        "tail": mark_safe(tail),
    }
    return render_to_string("feed/_feed_item.html", context)


def cached(post: Post, user, request, *, preload: bool = False, tail: str = "") -> str:
    fill = RequestFill.of(request, TOKEN)
    return feed_item_html(post=post, user=user, fill=fill, preload=preload, tail=tail)


@pytest.fixture
def varied(alice, bob, settings):
    """Posts in every state an item shows differently: liked or not, a display name and an
    avatar or neither, remixing allowed, refused, with remixes, and a prompt that needs escaping."""
    settings.ALLOWED_HOSTS = ["*"]
    carol = make_user("carol")
    profile_update(user=alice, display_name="Alice <A>", bio="")
    profile = profile_ensure(user=carol)
    profile.avatar.save("carol.png", ContentFile(b"\x89PNG fake"), save=True)
    posts = [
        publish(alice, 'a "quoted" <b>prompt</b> & more'),
        publish(bob, "bob's own clip"),
        publish(carol, "carol's clip"),
        publish(carol, "carol's remixed clip"),
    ]
    like_create(user=bob, post=posts[0])
    remixing_set(post=posts[2], user=carol, allowed=False)
    RemixNode.objects.filter(pk=node_ensure(post=posts[3]).pk).update(remix_count=3)
    return posts


def test_cached_items_are_the_fresh_rendering_for_every_viewer_and_state(varied, alice, bob):
    # dave and bob both see others' videos; bob liked alice's, dave did not.
    viewers = [AnonymousUser(), alice, make_user("dave"), bob]
    compared = 0
    for _ in range(2):  # the second round is served from the cache
        for viewer in viewers:
            request = request_for(viewer)
            for post in varied:
                post = loaded(post, viewer)
                for preload in (False, True):
                    tail = '<span class="prefetch"></span>' if preload else ""
                    want = fresh(post, viewer, request, preload=preload, tail=tail)
                    assert cached(post, viewer, request, preload=preload, tail=tail) == want
                    compared += 1
    assert compared == 2 * 4 * 4 * 2
    # The states differ where they should: bob liked alice's video, bob owns his (no report link).
    bob_view = cached(loaded(varied[0], bob), bob, request_for(bob))
    assert 'aria-pressed="true"' in bob_view and 'value="unlike"' in bob_view
    assert "feed:report" not in cached(loaded(varied[1], bob), bob, request_for(bob))
    assert "/report/" not in cached(loaded(varied[1], bob), bob, request_for(bob))
    assert "/report/" in cached(loaded(varied[1], alice), alice, request_for(alice))
    # The fixture's states are there to be seen: escaped names and prompts, an avatar, remixes.
    assert "Alice &lt;A&gt;" in bob_view and "&lt;b&gt;prompt&lt;/b&gt;" in bob_view
    refused = cached(loaded(varied[2], bob), bob, request_for(bob))
    assert "Remix</a>" not in refused and '<img class="avatar' in refused
    assert "3 remixes" in cached(loaded(varied[3], bob), bob, request_for(bob))


def test_a_cached_item_carries_this_requests_token_address_and_host(varied, alice, bob):
    post = loaded(varied[0], bob)
    cached(post, bob, request_for(bob))  # cached with the first request's strings
    other = request_for(bob, path='/?tab=for_you&after=x"y&z=<1>', host="other.example")
    html = cached(post, bob, other)
    assert html.count(f'name="csrfmiddlewaretoken" value="{TOKEN}"') == html.count("csrfmiddlewaretoken") > 0
    # As the fresh rendering escapes it (the test client's path arrives percent-encoded).
    assert 'name="next" value="/?tab=for_you&amp;after=x%22y&amp;z=%3C1%3E"' in html
    share = reverse("feed:post_detail", args=[post.pk])
    assert f'data-share="http://other.example{share}"' in html
    assert "sora.example" not in html
    assert "sora-fragment" not in html


def test_no_viewer_gets_another_viewers_copy(varied, alice, bob):
    dave = make_user("dave_the_viewer")
    post = loaded(varied[2], dave)
    first = cached(post, dave, request_for(dave))
    # bob sees carol's post the same way dave does: served from the entry dave's view made,
    # which must not carry dave's name.
    second = cached(loaded(varied[2], bob), bob, request_for(bob))
    assert second == first
    assert "dave_the_viewer" not in first


def test_each_change_shows_at_once_not_a_stale_copy(varied, alice, bob):
    """Each thing an item shows, changed on its own: the next rendering has it."""
    post = varied[2]  # carol's
    carol = post.author

    def item() -> str:
        return cached(loaded(post, bob), bob, request_for(bob))

    changes = {
        "someone else likes it": lambda: like_create(user=alice, post=post),
        "bob likes it": lambda: like_create(user=bob, post=post),
        "a comment": lambda: comment_create(author=alice, post=post, body="Nice"),
        "a new display name": lambda: profile_update(user=carol, display_name="Carol R", bio=""),
        "no avatar": lambda: profile_update(user=carol, display_name="Carol R", bio="", avatar=False),
        "remixing allowed": lambda: remixing_set(post=post, user=carol, allowed=True),
        "a remix counted": lambda: RemixNode.objects.filter(post=post).update(remix_count=2),
    }
    for change, make in changes.items():
        before = item()
        make()
        after = item()
        assert after != before, change
        assert after == fresh(loaded(post, bob), bob, request_for(bob)), change


def test_the_feed_page_serves_items_from_the_cache(client, varied, bob):
    """Second load of the same page: each item comes from the cache, and it is the same page."""
    client.force_login(bob)
    first = client.get(reverse("feed:home"))
    from feed import fragments

    rendered = []
    original = fragments._render

    def counting(*args, **kwargs):
        rendered.append(args[0].pk)
        return original(*args, **kwargs)

    fragments._render = counting
    try:
        second = client.get(reverse("feed:home"))
    finally:
        fragments._render = original
    assert rendered == []
    assert len(re.findall(r'<article class="feed-item"', second.content.decode())) == len(varied)
    strip = re.compile(r"[A-Za-z0-9]{64}")  # CSRF tokens: masked afresh each time
    assert strip.sub("", first.content.decode()) == strip.sub("", second.content.decode())


def test_the_cache_keeps_the_most_recently_used_and_lets_old_entries_expire(varied, bob, monkeypatch):
    from feed import fragments

    rendered = []
    original = fragments._render

    def counting(*args, **kwargs):
        rendered.append(args[0].pk)
        return original(*args, **kwargs)

    monkeypatch.setattr(fragments, "_render", counting)
    monkeypatch.setattr(fragments, "MAX_ITEMS", 2)
    request = request_for(bob)
    a, b, c = (loaded(post, bob) for post in varied[:3])
    for post in (a, b, a, c):  # c pushes out b, the least recently used, not a
        assert cached(post, bob, request) == fresh(post, bob, request)
    assert rendered == [a.pk, b.pk, c.pk]
    cached(a, bob, request), cached(b, bob, request)
    assert rendered == [a.pk, b.pk, c.pk, b.pk]

    monkeypatch.setattr(fragments, "ITEM_SECONDS", -1)  # anything kept from now on is already old
    cached(c, bob, request)
    assert cached(c, bob, request) == fresh(c, bob, request)
    assert rendered[-2:] == [c.pk, c.pk]
