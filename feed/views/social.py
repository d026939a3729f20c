"""Likes, comments, shares' targets, reports and view counting: small htmx swaps, plain forms without JS."""

import math
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from sora.converters import ID_MAX, bounded_int
from sora.ratelimits import rate_limit

from ..models import Comment, Like, Post, Report
from ..selectors import comments_for, post_get_visible, posts_for_viewer
from ..services import (
    AlreadyReported,
    NotOpen,
    comment_create,
    comment_delete,
    like_create,
    like_delete,
    report_create,
    view_record,
    viewer_key_for,
)


def _sign_in_first(request: HttpRequest, *, then: str, what: str) -> HttpResponse:
    """Anonymous people are sent to sign in and come back to `then` (a page, never the POST)."""
    login_url = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': then})}"
    if request.htmx:
        # htmx follows HX-Redirect with a full page load; the text is for anything else.
        response = HttpResponse(f"Sign in to {what}.", status=401, content_type="text/plain")
        response["HX-Redirect"] = login_url
        return response
    return redirect(login_url)


def _next_url(request: HttpRequest, default: str) -> str:
    """Where a plain (no-JS) form returns to: its `next` if it is ours, else `default`."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return default
    return target.split("#")[0]


def _back(request: HttpRequest, default: str) -> HttpResponse:
    # Not redirect(): it would look a `next` such as "home" up as a view's name (a 500).
    return HttpResponseRedirect(_next_url(request, default))


def _refusal(request: HttpRequest, message: str, *, status: int, back: str) -> HttpResponse:
    if request.htmx:
        return HttpResponse(message, status=status, content_type="text/plain")
    messages.error(request, message)
    return _back(request, back)


def _post_for_viewer(request: HttpRequest, pk: int) -> Post:
    """The post with the counts and `liked` state the action buttons show (404 if not visible)."""
    post_get_visible(user=request.user, pk=pk)
    return posts_for_viewer(Post.objects.filter(pk=pk), user=request.user).get()


# --- Likes ---------------------------------------------------------------------------------------


@require_POST
@rate_limit("like")
def like(request: HttpRequest, pk: int) -> HttpResponse:
    """`action` like / unlike says what the button showed, so a double tap is harmless;
    without it the like is toggled."""
    post_url = reverse("feed:post_detail", args=[pk])
    if not request.user.is_authenticated:
        return _sign_in_first(request, then=post_url, what="like videos")
    post = post_get_visible(user=request.user, pk=pk)
    action = request.POST.get("action") or "toggle"
    if action == "toggle":
        action = "unlike" if Like.objects.filter(user=request.user, post=post).exists() else "like"
    if action not in ("like", "unlike"):
        return HttpResponseBadRequest("action is like or unlike.", content_type="text/plain")
    try:
        if action == "like":
            like_create(user=request.user, post=post)
        else:
            like_delete(user=request.user, post=post)
    except NotOpen as refusal:
        return _refusal(request, refusal.messages[0], status=409, back=post_url)
    if request.htmx:
        return render(request, "feed/_like_button.html", {"post": _post_for_viewer(request, pk)})
    return _back(request, post_url)


# --- Comments ------------------------------------------------------------------------------------


def _comments_context(request: HttpRequest, post: Post, **extra) -> dict:
    return {
        "post": post,
        "comments": comments_for(post=post, user=request.user),
        "next_url": request.POST.get("next") or request.get_full_path(),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@rate_limit("comment")
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the thread (the drawer's content for htmx, a page otherwise). POST: add a comment,
    or a reply with `parent`."""
    comments_url = reverse("feed:comments", args=[pk])
    if request.method == "GET":
        post = _post_for_viewer(request, pk)
        template = "feed/_comments.html" if request.htmx else "feed/comments.html"
        return render(request, template, _comments_context(request, post))

    if not request.user.is_authenticated:
        return _sign_in_first(request, then=comments_url, what="comment")
    post = post_get_visible(user=request.user, pk=pk)
    body = request.POST.get("body", "")
    parent_id = None
    if request.POST.get("parent"):
        try:
            parent_id = bounded_int(request.POST["parent"], low=1, high=ID_MAX)
        except ValueError:
            return HttpResponseBadRequest("parent is a comment id.", content_type="text/plain")
    try:
        comment = comment_create(author=request.user, post=post, body=body, parent_id=parent_id)
    except NotOpen as refusal:
        return _refusal(request, refusal.messages[0], status=409, back=post.get_absolute_url())
    except ValidationError as error:
        # The form comes back with what was typed and why it was refused, beside the right box
        # (the main one when the comment answered is not in the thread any more).
        context = _comments_context(
            request, _post_for_viewer(request, pk), error=error.messages[0], body=body
        )
        shown = {c.pk for c in context["comments"]} | {
            r.pk for c in context["comments"] for r in c.replies.all()
        }
        context["error_parent"] = parent_id if parent_id in shown else None
        template = "feed/_comments.html" if request.htmx else "feed/comments.html"
        return render(request, template, context, status=400)
    if request.htmx:
        context = _comments_context(request, _post_for_viewer(request, pk), count_changed=True)
        return render(request, "feed/_comments.html", context)
    return HttpResponseRedirect(f"{_next_url(request, comments_url)}#comment-{comment.pk}")


@require_POST
def comment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    # Anyone else's comment is 404, the same as a missing one.
    if not request.user.is_authenticated:
        raise Http404("No such comment.")
    comment = get_object_or_404(Comment, pk=pk, author=request.user)
    comment_delete(comment=comment, user=request.user)
    if request.htmx:
        post = _post_for_viewer(request, comment.post_id)
        return render(request, "feed/_comments.html", _comments_context(request, post, count_changed=True))
    messages.success(request, "Comment deleted.")
    return _back(request, reverse("feed:comments", args=[comment.post_id]))


# --- Reports -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@rate_limit("report")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """A small form: a reason from the list and an optional note. Staff act on it in the admin."""
    report_url = reverse("feed:report", args=[pk])
    if not request.user.is_authenticated:
        return _sign_in_first(request, then=report_url, what="report videos")
    post = post_get_visible(user=request.user, pk=pk)
    template = "feed/_report_form.html" if request.htmx else "feed/report.html"
    context = {"post": post, "reasons": Report.Reason.choices}
    if request.method == "GET":
        if Report.objects.filter(post=post, reporter=request.user).exists():
            context["done"] = "You already reported this video. Thank you, we are looking at it."
        return render(request, template, context)

    reason, note = request.POST.get("reason", ""), request.POST.get("note", "")
    context.update(reason=reason, note=note)
    try:
        report_create(reporter=request.user, post=post, reason=reason, note=note)
    except (AlreadyReported, NotOpen) as refusal:
        return render(request, template, {**context, "done": refusal.messages[0]}, status=409)
    except ValidationError as error:
        return render(request, template, {**context, "error": error.messages[0]}, status=400)
    thanks = "Thanks for telling us. Our team will look at it."
    if request.htmx:
        return render(request, template, {**context, "done": thanks})
    messages.success(request, thanks)
    return redirect(post.get_absolute_url())


# --- Views ---------------------------------------------------------------------------------------


@require_POST
def post_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The feed reports a watched video with `completion` (fraction watched, 0..1): counted once
    per viewer and day, anonymous viewers by their session. Answers 204."""
    post = post_get_visible(user=request.user, pk=pk)
    try:
        completion = float(request.POST.get("completion", ""))
    except ValueError:
        completion = math.nan
    if not math.isfinite(completion) or not 0 <= completion <= 1:
        return HttpResponseBadRequest("completion is the fraction watched, a number from 0 to 1.")
    # Creators watching their own video (or draft) don't make it look more watched than it is.
    if not post.is_published or post.author_id == request.user.pk:
        return HttpResponse(status=204)
    if request.user.is_authenticated:
        key = viewer_key_for(user=request.user)
    else:
        if not request.session.session_key:
            # Give the visitor a session (and its cookie), so their replays count once.
            request.session.save()
            request.session.modified = True
        key = viewer_key_for(session_key=request.session.session_key)
    view_record(post=post, viewer_key=key, completion=completion, viewer=request.user)
    return HttpResponse(status=204)


urlpatterns = [
    path("p/<id:pk>/like/", like, name="like"),
    path("p/<id:pk>/comments/", comments, name="comments"),
    path("comments/<id:pk>/delete/", comment_remove, name="comment_delete"),
    path("p/<id:pk>/report/", report, name="report"),
    path("p/<id:pk>/view/", post_view, name="post_view"),
]
