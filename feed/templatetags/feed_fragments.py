"""`{% feed_item post %}` in a loop over a page's posts: the item's HTML from feed.fragments."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ..fragments import RequestFill, feed_item_html

register = template.Library()

_FILL = "feed_fragments.fill"


@register.simple_tag(takes_context=True)
def feed_item(context: template.Context, post) -> SafeString:
    """Context: request, user, csrf_token, posts, forloop, and after / more_url for the page's
    first video (preloaded) and its prefetch link (three videos before the end)."""
    fill = context.render_context.get(_FILL)
    if fill is None:
        fill = context.render_context[_FILL] = RequestFill.of(context["request"], str(context["csrf_token"]))
    loop = context["forloop"]
    tail = ""
    if loop["revcounter"] == 3 and context.get("more_url"):
        prefetch = {"more_url": context["more_url"], "last": context["posts"][-1]}
        tail = render_to_string("feed/_feed_prefetch.html", prefetch)
    preload = loop["first"] and not context.get("after")
    html = feed_item_html(post=post, user=context["user"], fill=fill, preload=preload, tail=tail)
    return mark_safe(html)  # rendered by the item template, which escapes what it shows
