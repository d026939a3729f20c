"""The feed page itself: tabs, what each item carries, paging links, and bad input."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from feed.models import Like, Post
from feed.services import (
    comment_create,
    follow_create,
    like_create,
    post_publish,
    profile_ensure,
    profile_update,
)
from feed.views.pages import PAGE_SIZE
from remix.models import MAX_DEPTH, RemixNode
from remix.selectors import remix_refusal
from remix.services import node_ensure, remixing_set

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


def item_in(html: str, post) -> str:
    """One feed item's HTML from a page."""
    start = html.index(f'<article class="feed-item" id="post-{post.pk}"')
    return html[start : html.index("</article>", start)]


def test_only_the_first_pages_first_video_preloads_and_one_item_prefetches(client, bob, alice):
    for i in range(2 * PAGE_SIZE + 1):
        publish(alice, f"clip {i}")
    client.force_login(bob)
    follow_create(follower=bob, followee=alice)
    first = client.get(reverse("feed:home"), {"tab": "following"}).content.decode()
    assert re.findall(r'preload="(\w+)"', first) == ["auto"] + ["metadata"] * (PAGE_SIZE - 1)
    # The prefetch sits in the third item from the end and fetches what the "More" link points at.
    items = re.findall(r'<article class="feed-item".*?</article>', first, re.DOTALL)
    assert ['class="prefetch"' in item for item in items] == [False] * (PAGE_SIZE - 3) + [True, False, False]
    more = re.search(r'<a class="feed-more" id="more-after-\d+" href="([^"]+)"', first).group(1)
    assert f'<span class="prefetch" hx-get="{more}"' in first
    second = client.get(more.replace("&amp;", "&"), headers={"HX-Request": "true"}).content.decode()
    assert re.findall(r'preload="(\w+)"', second) == ["metadata"] * PAGE_SIZE


@pytest.fixture
def varied(alice, bob):
    """Posts in the states an item shows differently: liked or not, a display name, an avatar or
    neither, remixing refused, remixes counted, and a prompt that needs escaping."""
    carol = make_user("carol")
    profile_update(user=alice, display_name="Alice <A>", bio="")
    profile = profile_ensure(user=carol)
    profile.avatar.save("carol.png", ContentFile(b"\x89PNG fake"), save=True)
    posts = {
        "alice": publish(alice, 'a "quoted" <b>prompt</b> & more'),
        "bob": publish(bob, "bob's own clip"),
        "carol": publish(carol, "carol's clip"),
        "remixed": publish(carol, "carol's remixed clip"),
    }
    like_create(user=bob, post=posts["alice"])
    remixing_set(post=posts["carol"], user=carol, allowed=False)
    RemixNode.objects.filter(pk=node_ensure(post=posts["remixed"]).pk).update(remix_count=3)
    return posts


@pytest.mark.parametrize("viewer", ["anonymous", "alice", "bob", "dave"])
def test_each_viewer_sees_their_own_state_of_each_item(client, varied, alice, bob, viewer):
    user = {"anonymous": None, "alice": alice, "bob": bob, "dave": make_user("dave")}[viewer]
    if user:
        client.force_login(user)
    html = client.get(reverse("feed:home")).content.decode()
    assert sorted(ids_in(html)) == sorted(post.pk for post in varied.values())
    for name, post in varied.items():
        item = item_in(html, post)
        own = user is not None and user == post.author
        liked = viewer == "bob" and name == "alice"
        assert ('aria-pressed="true"' in item and 'value="unlike"' in item) is liked, name
        assert ('aria-pressed="false"' in item and 'value="like"' in item) is not liked, name
        # No reporting or "see less" of one's own videos; "see less" is for signed-in people.
        assert (reverse("feed:report", args=[post.pk]) in item) is not own, name
        assert (reverse("feed:see_less", args=[post.pk]) in item) is (user is not None and not own), name
        assert (
            f'href="{reverse("feed:profile", args=[post.author.username])}">@{post.author.username}</a>'
            in item
        )
    alices = item_in(html, varied["alice"])
    assert '<span class="display-name" dir="auto">Alice &lt;A&gt;</span>' in alices
    caption = f'<p class="caption" dir="auto">{escape(varied["alice"].prompt)}</p>'
    assert caption in alices and "<b>" not in alices
    assert '<img class="avatar' in item_in(html, varied["carol"])
    # Remix is on the rail, unless the creator turned remixing off.
    assert reverse("remix:create", args=[varied["carol"].pk]) not in item_in(html, varied["carol"])
    remixed = item_in(html, varied["remixed"])
    remix_url = reverse("remix:create", args=[varied["remixed"].pk])
    assert f'<a class="action remix" href="{remix_url}">' in remixed
    assert f'href="{reverse("remix:lineage", args=[varied["remixed"].pk])}">3 remixes</a>' in remixed
    # Nobody's name but the authors' ends up in an item.
    for someone in ("dave", "bob") if viewer == "dave" else ():
        assert someone not in item_in(html, varied["carol"])


def test_forms_carry_this_requests_token_and_address_and_shares_this_host(varied, bob, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    post = varied["carol"]
    for host in ("sora.example", "other.example"):
        response = client.get(reverse("feed:home"), {"tab": "for_you", "x": 'y"<1>'}, HTTP_HOST=host)
        item = item_in(response.content.decode(), post)
        share = reverse("feed:post_detail", args=[post.pk])
        assert f'data-share="http://{host}{share}"' in item
        assert 'name="next" value="/?tab=for_you&amp;x=y%22%3C1%3E"' in item
    # The like form works as served: its token passes the CSRF check.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', item).group(1)
    like = reverse("feed:like", args=[post.pk])
    assert client.post(like, {"action": "like"}, HTTP_HOST=host).status_code == 403
    response = client.post(like, {"action": "like", "csrfmiddlewaretoken": token}, HTTP_HOST=host)
    assert response.status_code == 302 and Like.objects.filter(user=bob, post=post).exists()


def test_each_change_to_what_an_item_shows_is_on_the_next_page_load(client, varied, alice, bob):
    """Each thing an item shows, changed on its own (through the services, and by a bulk update
    for the remix count): the next page has it."""
    post = varied["carol"]
    carol = post.author
    client.force_login(bob)

    def item() -> str:
        return item_in(client.get(reverse("feed:home")).content.decode(), post)

    changes = {
        "someone else likes it": (lambda: like_create(user=alice, post=post), '<span class="count">1</span>'),
        "bob likes it": (lambda: like_create(user=bob, post=post), 'aria-pressed="true"'),
        "a comment": (
            lambda: comment_create(author=alice, post=post, body="Nice"),
            f'id="comment-count-{post.pk}">1</span>',
        ),
        "a display name": (
            lambda: profile_update(user=carol, display_name="Carol R", bio=""),
            '<span class="display-name" dir="auto">Carol R</span>',
        ),
        "no avatar": (
            lambda: profile_update(user=carol, display_name="Carol R", bio="", avatar=False),
            'avatar-initial" aria-hidden="true">C</span>',
        ),
        "remixing allowed": (
            lambda: remixing_set(post=post, user=carol, allowed=True),
            'class="action remix"',
        ),
        "a remix counted": (
            lambda: RemixNode.objects.filter(post=post).update(remix_count=2),
            "2 remixes</a>",
        ),
    }
    for change, (make, shown) in changes.items():
        assert shown not in item(), change
        make()
        assert shown in item(), change


def rail_of(item: str) -> str:
    start = item.index('<div class="rail">')
    return item[start : item.index('<span class="action-status"', start)]


def test_remix_is_on_the_rail_when_the_viewer_may_remix(client, alice, bob):
    """As remix.selectors.remix_refusal decides: not where the creator turned remixing off (but
    still for the creator), nowhere once the chain is MAX_DEPTH deep; never a link under the caption."""
    post = publish(alice, "A lighthouse in a storm")
    remix_url = reverse("remix:create", args=[post.pk])

    def rails() -> dict[str, bool]:
        shown = {}
        for name, user in (("alice", alice), ("bob", bob), ("anonymous", None)):
            client.logout()
            if user:
                client.force_login(user)
            item = item_in(client.get(reverse("feed:home")).content.decode(), post)
            assert item.count(remix_url) == (1 if remix_url in rail_of(item) else 0), name  # only the rail's
            rail = rail_of(item)
            shown[name] = f'<a class="action remix" href="{remix_url}">' in rail
            assert ('<span class="label">Remix</span>' in rail) is shown[name], name
            refusal = remix_refusal(post=Post.objects.get(pk=post.pk), user=user or AnonymousUser())
            assert (refusal is None) is shown[name], name  # the rail agrees with the remix page
        return shown

    assert rails() == {"alice": True, "bob": True, "anonymous": True}  # signed out: through sign-in
    remixing_set(post=post, user=alice, allowed=False)
    assert rails() == {"alice": True, "bob": False, "anonymous": False}
    remixing_set(post=post, user=alice, allowed=True)
    RemixNode.objects.filter(post=post).update(depth=MAX_DEPTH)
    assert rails() == {"alice": False, "bob": False, "anonymous": False}


def test_a_post_page_has_one_remix_button_with_its_actions(client, alice, bob):
    post = publish(alice, "A lighthouse in a storm")
    remix_url = reverse("remix:create", args=[post.pk])
    client.force_login(bob)
    page = client.get(post.get_absolute_url()).content.decode()
    assert page.count(f'href="{remix_url}"') == 1
    assert f'<a class="action remix" href="{remix_url}">' in page.split('<div class="post-actions-row">')[1]
    # A draft has no actions row: its creator's Remix is by the remix count.
    draft = make_finished_job(alice).post
    client.force_login(alice)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'<a class="button small" href="{reverse("remix:create", args=[draft.pk])}">Remix</a>' in page


def test_a_signed_out_visitor_first_sees_what_this_is_and_the_way_in(client, bob, world):
    html = client.get(reverse("feed:home")).content.decode()
    intro = html.index('<section class="feed-intro"')
    assert intro < html.index('<article class="feed-item"')  # the videos are a scroll below
    assert "Videos made from a sentence, with sound" in html
    assert f'<a class="button" href="{reverse("account_signup")}">Sign up to create</a>' in html
    first = ids_in(html)[0]
    assert f'href="#post-{first}">Watch what people made' in html
    client.force_login(bob)
    assert "feed-intro" not in client.get(reverse("feed:home")).content.decode()


def test_an_empty_install_asks_a_visitor_to_sign_up_and_make_the_first(client, db):
    html = client.get(reverse("feed:home")).content.decode()
    assert "Sign up to create" in html and "Sign up and make the first one" in html
    assert "Watch what people made" not in html
