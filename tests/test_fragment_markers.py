"""User text can't play the feed cache's markers (feed.fragments).

Cached feed items carry markers where each request's own values go (its CSRF token, its address,
its origin, the page's prefetch link). Whatever anyone types in a prompt or a display name,
including the markers this app once used, shows as typed, for every viewer.
"""

import re

import pytest
from django.utils.html import escape

from feed.fragments import feed_items_forget
from feed.services import follow_create, profile_update

from .conftest import make_user
from .test_feed_page import publish

# The markers as they were (fixed, in the public source): anyone could type them.
TYPED_MARKERS = [f"sora-fragment-{part}-5f1c0e" for part in ("csrf", "path", "scheme", "host", "tail")]
PROMPT = "A cat types {} into a prompt, then {}; {}://{} and {} [applause]".format(*TYPED_MARKERS)
DISPLAY_NAME = f"Eve {TYPED_MARKERS[0]} {TYPED_MARKERS[4]}"


@pytest.fixture(autouse=True)
def empty_cache():
    feed_items_forget()
    yield
    feed_items_forget()


@pytest.fixture
def eve(bob):
    """Types the markers into her display name and her prompts; bob follows her."""
    eve = make_user("eve")
    profile_update(user=eve, display_name=DISPLAY_NAME, bio="")
    # Six videos: a page of five, and the prefetch link for the next one on the third.
    for _ in range(6):
        publish(eve, PROMPT)
    follow_create(follower=bob, followee=eve)
    return eve


def _shown(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html, re.DOTALL)


@pytest.mark.parametrize(
    ("viewer", "tab"), [("anonymous", "for_you"), ("bob", "for_you"), ("bob", "following")]
)
def test_marker_text_in_a_prompt_or_a_name_shows_as_typed_for_other_viewers(client, eve, bob, viewer, tab):
    if viewer == "bob":
        client.force_login(bob)
    for _ in range(2):  # the second page load comes from the cache
        response = client.get("/", {"tab": tab})
        html = response.content.decode()
        prompt, name = escape(PROMPT), escape(DISPLAY_NAME)
        assert _shown(html, r'<p class="caption">(.*?)</p>') == [prompt] * 5
        assert _shown(html, r'<video [^>]*?aria-label="([^"]*)"') == [prompt] * 5
        assert _shown(html, r'<span class="display-name">(.*?)</span>') == [name] * 5
        # So never the viewer's CSRF token, address or origin there; and the prefetch link once.
        assert str(response.context["csrf_token"]) not in prompt + name
        assert html.count('class="prefetch"') == 1
        # Take away what eve typed: nothing of the page's own markers is left to see.
        assert "sora-fragment" not in html.replace(prompt, "").replace(name, "")
