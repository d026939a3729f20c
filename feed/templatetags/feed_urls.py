"""`{{ post|post_url:"feed:like" }}`: the URL of a per-post route, reversed once per route.

A feed page has about sixteen links and forms per video; with `{% url %}` each is a full
reverse() (~50 µs, a third of a page's rendering time in bench/feed.py). The routes differ only
in the id, so each route is reversed once with a marker id and the marker swapped for the real
one. The script prefix is part of the key, so a deployment under a sub-path stays right.
"""

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

_MARKER = "2147483647"  # a valid <int:pk> that cannot collide with the rest of any route
_shapes: dict[tuple[str, str], tuple[str, str]] = {}


def url_with_id(name: str, pk: int) -> str:
    key = (get_script_prefix(), name)
    shape = _shapes.get(key)
    if shape is None:
        before, found, after = reverse(name, args=[int(_MARKER)]).partition(_MARKER)
        if not found:
            raise ValueError(f"{name} does not take a single id")
        shape = _shapes[key] = (before, after)
    return f"{shape[0]}{int(pk)}{shape[1]}"


@register.filter
def post_url(post, name: str) -> str:
    """The URL of route `name` for this post (or id)."""
    return url_with_id(name, getattr(post, "pk", post))


@register.filter
def profile_url(user) -> str:
    """The profile URL of this user, the same way (handles are letters, digits and underscores,
    so they need no quoting)."""
    key = (get_script_prefix(), "feed:profile")
    shape = _shapes.get(key)
    if shape is None:
        before, _, after = reverse("feed:profile", args=[_MARKER]).partition(_MARKER)
        shape = _shapes[key] = (before, after)
    return f"{shape[0]}{user.username}{shape[1]}"
