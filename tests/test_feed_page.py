"""The feed page itself: tabs, what each item carries, paging links, and bad input."""

import re

import pytest
from django.urls import reverse

from feed.services import follow_create, post_publish
from feed.views.pages import PAGE_SIZE

from .conftest import make_finished_job, make_user


def publish(owner, prompt: str):
    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


@pytest.fixture
def world(alice, bob):
    """bob follows alice; carol is a stranger to both; each has published videos."""
    carol = make_user("carol")
    follow_create(follower=bob, followee=alice)
    posts = {
        "alice": [publish(alice, f"alice clip {i}") for i in range(3)],
        "carol": [publish(carol, f"carol clip {i}") for i in range(3)],
    }
    return {"carol": carol, "posts": posts}


def ids_in(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article class="feed-item" id="post-(\d+)"', html)]


def test_for_you_is_the_default_tab_and_following_is_one_tap_away(client, bob, world):
    client.force_login(bob)
    html = client.get(reverse("feed:home")).content.decode()
    assert re.search(r'<a href="/"\s+aria-current="page">For You</a>', html)
    assert 'href="/?tab=following"' in html
    ids = ids_in(html)
    assert len(ids) == PAGE_SIZE
    # Friends first: bob follows alice, so her newest video leads.
    assert ids[0] == world["posts"]["alice"][-1].pk


def test_the_following_tab_shows_only_people_you_follow_newest_first(client, bob, world):
    client.force_login(bob)
    html = client.get(reverse("feed:home"), {"tab": "following"}).content.decode()
    assert ids_in(html) == [p.pk for p in reversed(world["posts"]["alice"])]
    assert re.search(r'aria-current="page">Following</a>', html)


def test_following_tab_explains_itself_when_you_follow_nobody_or_are_signed_out(client, world):
    html = client.get(reverse("feed:home"), {"tab": "following"}).content.decode()
    assert "to see videos from people you follow" in html
    client.force_login(world["carol"])
    html = client.get(reverse("feed:home"), {"tab": "following"}).content.decode()
    assert "Nothing from people you follow yet" in html


def test_each_item_has_captions_alt_text_actions_and_its_media(client, bob, world):
    client.force_login(bob)
    post = world["posts"]["alice"][0]
    html = client.get(reverse("feed:home")).content.decode()
    item = html[html.index(f'id="post-{post.pk}"') :]
    item = item[: item.index("</article>")]
    assert f'src="{reverse("feed:post_video", args=[post.pk])}"' in item
    assert f'<track kind="captions" src="{reverse("feed:post_captions", args=[post.pk])}"' in item
    assert f'aria-describedby="alt-{post.pk}"' in html
    assert f'<p class="visually-hidden" id="alt-{post.pk}">{post.prompt}</p>' in item
    assert f'data-view-url="{reverse("feed:post_view", args=[post.pk])}"' in html
    assert reverse("feed:see_less", args=[post.pk]) in item
    assert reverse("feed:like", args=[post.pk]) in item


def test_pages_link_onwards_without_javascript_and_prefetch_with_it(client, bob, alice):
    for i in range(20):
        publish(alice, f"clip {i}")
    client.force_login(bob)
    first = client.get(reverse("feed:home"))
    html = first.content.decode()
    cursor = first.context["next_cursor"]
    assert cursor
    more = re.search(r'<a class="feed-more" id="(more-after-\d+)" href="([^"]+)"', html)
    assert more, "a plain link to the next page"
    # The prefetch, three items before the end, targets that link.
    assert f'hx-target="#{more.group(1)}"' in html
    second = client.get(more.group(2).replace("&amp;", "&"))
    assert second.status_code == 200
    assert not set(ids_in(html)) & set(ids_in(second.content.decode()))
    fragment = client.get(more.group(2).replace("&amp;", "&"), headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and ids_in(fragment.content.decode())


@pytest.mark.parametrize("tab", ["for_you", "following"])
@pytest.mark.parametrize("cursor", ["garbage", "12-", "-5", "99999999999999999999999-1", "x" * 500])
def test_a_forged_cursor_is_a_clear_400_on_either_tab(client, bob, world, tab, cursor):
    client.force_login(bob)
    response = client.get(reverse("feed:home"), {"tab": tab, "after": cursor})
    assert response.status_code == 400
    assert "That page link is broken" in response.content.decode()


def test_an_unknown_tab_falls_back_to_for_you(client, bob, world):
    client.force_login(bob)
    response = client.get(reverse("feed:home"), {"tab": "<script>"})
    assert response.status_code == 200 and "<script>" not in response.content.decode().split("<main>")[1]


def test_the_steer_box_is_for_signed_in_users(client, bob, world):
    html = client.get(reverse("feed:home")).content.decode()
    assert "to tell the feed what you want more or less of" in html
    client.force_login(bob)
    html = client.get(reverse("feed:home")).content.decode()
    assert reverse("feed:steer") in html


def test_an_empty_install_invites_you_to_create(client, bob):
    client.force_login(bob)
    html = client.get(reverse("feed:home")).content.decode()
    assert "Nothing here yet" in html and reverse("generation:create") in html


@pytest.mark.parametrize(
    "name",
    ["feed:post_detail", "feed:like", "feed:comments", "feed:post_download", "remix:lineage"],
)
def test_the_fast_post_urls_are_what_reverse_gives(name, settings):
    from django.urls import clear_script_prefix, reverse, set_script_prefix

    from feed.templatetags.feed_urls import post_url, profile_url

    class Someone:
        username = "maya_makes"

    for prefix in ("/", "/sora/"):
        set_script_prefix(prefix)
        try:
            assert post_url(1234, name) == reverse(name, args=[1234])
            assert profile_url(Someone()) == reverse("feed:profile", args=["maya_makes"])
        finally:
            clear_script_prefix()
