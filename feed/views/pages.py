from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from generation.selectors import jobs_unfinished_for

from ..selectors import comments_for, drafts_for, post_get_visible, posts_for_viewer
from ..services import post_publish
from ..timelines import BadCursor, following_page, for_you_page, steer_text_for

FOR_YOU, FOLLOWING = "for_you", "following"
# One video fills the screen and the next page is fetched three videos ahead, so five a page keeps
# scrolling seamless while each request renders (and the phone downloads) as little as it can.
PAGE_SIZE = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    tab = FOLLOWING if request.GET.get("tab") == FOLLOWING else FOR_YOU
    cursor = request.GET.get("after") or None
    if tab == FOLLOWING and not request.user.is_authenticated:
        # Nobody to follow yet: the tab explains itself instead of an empty page.
        context = {"tab": tab, "posts": [], "next_cursor": None}
        return render(request, "feed/home.html", context)
    try:
        if tab == FOLLOWING:
            page = following_page(user=request.user, cursor=cursor, size=PAGE_SIZE)
        else:
            page = for_you_page(
                user=request.user, cursor=cursor, size=PAGE_SIZE, session_key=request.session.session_key
            )
    except BadCursor:
        return render(request, "feed/bad_cursor.html", {"tab": tab}, status=400)
    context = {"tab": tab, "posts": page.posts, "next_cursor": page.next_cursor, "after": cursor}
    # Where this page lives (its snapshot and place): the address Back returns to (static/js/feed.js).
    here = f"&after={quote(page.here_cursor, safe='')}" if page.here_cursor else ""
    context["here_url"] = mark_safe(f"{reverse('feed:home')}?tab={tab}{here}")
    if page.next_cursor:
        # Once here rather than three times in the template (a reverse() each). Safe: the route,
        # a tab from two names, and the cursor percent-quoted.
        after = quote(page.next_cursor, safe="")
        context["more_url"] = mark_safe(f"{reverse('feed:home')}?tab={tab}&after={after}")
    if request.htmx:
        return render(request, "feed/_feed_items.html", context)
    if tab == FOR_YOU and request.user.is_authenticated:
        context["steer_text"] = steer_text_for(user=request.user)
    return render(request, "feed/home.html", context)


@login_required
@require_GET
def drafts(request: HttpRequest) -> HttpResponse:
    context = {"drafts": drafts_for(user=request.user), "jobs": jobs_unfinished_for(user=request.user)}
    return render(request, "feed/drafts.html", context)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    # Re-read through the feed's own query so the page shows the same counts and `liked` state.
    post = posts_for_viewer(type(post).objects.filter(pk=post.pk), user=request.user).get()
    context = {"post": post, "next_url": request.get_full_path()}
    if post.is_published:
        context["comments"] = comments_for(post=post, user=request.user)
    return render(request, "feed/post_detail.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    # Others' drafts 404 before the service is reached; the service re-checks authorship.
    post = post_get_visible(user=request.user, pk=pk)
    try:
        post = post_publish(post=post, user=request.user)
    except PermissionDenied as refusal:
        # E.g. removed by someone whose cameo is in it: say why instead of a bare 403 page.
        if request.htmx:
            context = {"post": post, "refusal": str(refusal)}
            return render(request, "feed/_publish_state.html", context, status=403)
        messages.error(request, str(refusal))
        return redirect("feed:drafts")
    if request.htmx:
        return render(request, "feed/_publish_state.html", {"post": post})
    messages.success(request, "Published: your video is in the feed.")
    return redirect("feed:home")
