from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from generation.delivery import serve_field_file
from generation.selectors import jobs_unfinished_for

from .selectors import (
    drafts_for,
    feed_page,
    follows,
    notifications_for,
    notifications_unread_count,
    post_get_visible,
    posts_published_by,
    profile_get,
)
from .services import follow_create, follow_delete, notifications_mark_read, post_publish


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


@require_GET
def post_media(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    field_file, content_type = (
        (post.job.video, "video/mp4") if kind == "video" else (post.job.poster, "image/jpeg")
    )
    return serve_field_file(request, field_file, content_type=content_type, private=not post.is_published)


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    items = notifications_for(user=request.user)
    notifications_mark_read(user=request.user)  # seen now; the list still shows which were new
    return render(request, "feed/notifications.html", {"notifications": items})


@require_GET
def profile(request: HttpRequest, handle: str) -> HttpResponse:
    person = profile_get(handle=handle)
    context = {
        "person": person,
        "posts": posts_published_by(user=person)[:30],
        "following": request.user.is_authenticated and follows(follower=request.user, followee=person),
        "follows_me": request.user.is_authenticated and follows(follower=person, followee=request.user),
    }
    return render(request, "feed/profile.html", context)


@login_required
@require_POST
def follow(request: HttpRequest, handle: str) -> HttpResponse:
    person = profile_get(handle=handle)
    if person.pk == request.user.pk:
        messages.error(request, "You can't follow yourself.")
    elif request.POST.get("action") == "unfollow":
        follow_delete(follower=request.user, followee=person)
        messages.success(request, f"You no longer follow @{person.username}.")
    else:
        follow_create(follower=request.user, followee=person)
        messages.success(request, f"You follow @{person.username}.")
    return redirect("feed:profile", handle=person.username)


@login_required
@require_GET
def notifications_badge(request: HttpRequest) -> HttpResponse:
    unread = notifications_unread_count(user=request.user)
    return render(request, "feed/_notifications_badge.html", {"unread": unread})
