"""Feed items rendered once and reused. Rendering the same videos' HTML for viewer after viewer
was the biggest part of a For You page's time (bench/feed.py).

An item's HTML depends on the post (its counts, its author's name and avatar, its remix state);
on who looks only through three yes/no facts (signed in, their own video, liked); on where it
sits on the page (the first video preloads); and on three strings of the request: the CSRF
token, the page's address (the like form's "next") and the site's origin (share links).

The cache key holds every value of the first kinds, so any change (a like, a renamed author) is
a new entry and nothing stale can show. The request's strings are rendered as markers and filled
in per request, as is the prefetch link that one item per page carries. Everything else the
item template reads must be in the key: tests/test_feed_fragments.py renders varied items both
ways and compares.

The cache is this process's memory, not a shared cache: an entry is a few KB, built in about a
millisecond, and a deploy (new templates) restarts the process, so no entry outlives the
template that made it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import escape

from .models import Post

ITEM_TEMPLATE = "feed/_feed_item.html"
# About 4 KB each: at most ~20 MB per process, several thousand distinct videos in their states.
MAX_ITEMS = 5000
ITEM_SECONDS = 3600

# Letters, digits and hyphens only, so every filter a template may apply on the way (escaping in
# text and attributes, urlencode) leaves them as they are. The random part is drawn per process
# and never leaves it (every marker is replaced before a page is sent): a fixed marker could be
# typed into a prompt or a name, and each viewer would find their own CSRF token there. A marker
# HTML escaping always changes ("<", marked safe where inserted) would not survive urlencode.
_SECRET = secrets.token_hex(16)
_CSRF = f"sora-fragment-csrf-{_SECRET}"
_PATH = f"sora-fragment-path-{_SECRET}"
_SCHEME = f"sora-fragment-scheme-{_SECRET}"
_HOST = f"sora-fragment-host-{_SECRET}"
_TAIL = f"sora-fragment-tail-{_SECRET}"

_MARKERS = re.compile(f"({_CSRF}|{_PATH}|{_SCHEME}|{_HOST}|{_TAIL})")

# key -> (when it expires, the HTML split at the markers: text and markers alternating). A dict
# under a lock rather than a cache backend: these are str pieces only this process reads, and
# LocMemCache's key checks and pickling cost more than the lookup itself.
_items: OrderedDict[str, tuple[float, list[str]]] = OrderedDict()
_items_lock = threading.Lock()


def _cached(key: str) -> list[str] | None:
    with _items_lock:
        entry = _items.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del _items[key]
            return None
        _items.move_to_end(key)
        return entry[1]


def _keep(key: str, parts: list[str]) -> None:
    with _items_lock:
        _items[key] = (time.monotonic() + ITEM_SECONDS, parts)
        _items.move_to_end(key)
        while len(_items) > MAX_ITEMS:
            _items.popitem(last=False)


class _SomeoneElse:
    """Renders an item as any signed-in viewer who is not its author sees it: the template may
    ask whether the viewer is signed in and whether they are the author, nothing else (their name
    would end up in everyone's copy)."""

    is_authenticated = True
    is_anonymous = False
    pk = None


class _RequestMarkers:
    """The request as the item template reads it, with markers for what differs per request."""

    scheme = _SCHEME

    def get_host(self) -> str:
        return _HOST

    def get_full_path(self) -> str:
        return _PATH


@dataclass(frozen=True)
class RequestFill:
    """What one request puts in place of the markers; the same for every item on its page."""

    csrf_token: str
    path: str
    scheme: str
    host: str

    @classmethod
    def of(cls, request: HttpRequest, csrf_token: str) -> RequestFill:
        return cls(
            csrf_token=escape(csrf_token),
            path=escape(request.get_full_path()),
            scheme=escape(request.scheme),
            host=escape(request.get_host()),
        )


def _viewer(post: Post, user) -> str:
    """All the item template may know of who looks (see _SomeoneElse)."""
    if not user.is_authenticated:
        return "anonymous"
    return "author" if user.pk == post.author.pk else "other"


def _state(post: Post, viewer: str) -> tuple:
    """Every value of the post and the viewer that the item template shows or decides on."""
    author = post.author
    try:
        profile = author.profile
        person = (profile.display_name, profile.avatar.name or "")
    except ObjectDoesNotExist:
        person = None
    try:
        node = post.remix_node
        remix = (node.remixing_allowed, node.remix_count)
    except (ObjectDoesNotExist, AttributeError):  # no node yet, or the remix app absent
        remix = None
    job = post.job
    return (
        post.pk,
        post.prompt,
        job.orientation,
        job.video_engine,
        author.pk,
        author.username,
        person,
        remix,
        post.like_count,
        post.comment_count,
        bool(getattr(post, "liked", False)),
        viewer,
    )


def _render(post: Post, viewer: str, *, preload: bool) -> str:
    stand_ins = {"anonymous": AnonymousUser, "author": lambda: post.author, "other": _SomeoneElse}
    context = {
        "post": post,
        "user": stand_ins[viewer](),
        "request": _RequestMarkers(),
        "csrf_token": _CSRF,
        "preload": "auto" if preload else "metadata",
        "tail": _TAIL,
    }
    return render_to_string(ITEM_TEMPLATE, context)


def feed_item_html(*, post: Post, user, fill: RequestFill, preload: bool = False, tail: str = "") -> str:
    """One feed item's HTML for this viewer and request (`post` through posts_for_viewer).
    `preload`: the page's first video, loaded at once; `tail`: HTML to put at the item's end."""
    viewer = _viewer(post, user)
    key = hashlib.blake2b(repr((_state(post, viewer), preload)).encode(), digest_size=16).hexdigest()
    parts = _cached(key)
    if parts is None:
        parts = _MARKERS.split(_render(post, viewer, preload=preload))
        _keep(key, parts)
    fills = {_CSRF: fill.csrf_token, _PATH: fill.path, _SCHEME: fill.scheme, _HOST: fill.host, _TAIL: tail}
    # Odd positions are the markers (re.split with a group).
    return "".join([fills[part] if i % 2 else part for i, part in enumerate(parts)])


def feed_items_forget() -> None:
    """Empty this process's cache (tests)."""
    with _items_lock:
        _items.clear()
