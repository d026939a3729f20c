from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from generation.selectors import jobs_unfinished_for

from ..selectors import (
    drafts_for,
    feed_page,
    post_get_visible,
)
from ..services import post_publish


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    try:
        posts, next_cursor = feed_page(after=request.GET.get("after") or None)
    except ValueError:
        return render(request, "feed/bad_cursor.html", status=400)
    context = {"posts": posts, "next_cursor": next_cursor}
    template = "feed/_feed_items.html" if request.htmx else "feed/home.html"
    return render(request, template, context)


@login_required
@require_GET
def drafts(request: HttpRequest) -> HttpResponse:
    context = {"drafts": drafts_for(user=request.user), "jobs": jobs_unfinished_for(user=request.user)}
    return render(request, "feed/drafts.html", context)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    return render(request, "feed/post_detail.html", {"post": post})


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
            return render(request, "feed/_publish_state.html", {"post": post}, status=403)
        messages.error(request, str(refusal))
        return redirect("feed:drafts")
    if request.htmx:
        return render(request, "feed/_publish_state.html", {"post": post})
    messages.success(request, "Published: your video is in the feed.")
    return redirect("feed:home")
