"""Steering the For You feed: the steer box ("more cooking, fewer pranks") and "see less like this"."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from sora import converters  # noqa: F401  (registers the <id:> and <name:> path converters)
from sora.ratelimits import rate_limit

from ..selectors import post_get_visible
from ..services import less_like_create, less_like_delete, steer_set
from ..steer_text import SteerParseError
from ..timelines import steer_text_for

SIGN_IN_TO_STEER = "Sign in to tell the feed what you want more or less of."


def _back(request: HttpRequest) -> str:
    """Where a form without JavaScript returns to: its `next` field or the referring page, if ours."""
    for candidate in (request.POST.get("next"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return reverse("feed:home")


def _steer_summary(text: str) -> str:
    return f"Steering your feed: “{text}”." if text else "Steering cleared: your feed is back to normal."


@require_http_methods(["GET", "POST"])
@rate_limit("steer")
def steer(request: HttpRequest) -> HttpResponse:
    """GET: the steer box on a page of its own (without JavaScript, or from a link).
    POST `text`: store it (empty or `clear` resets). Bad text: the box again with the reason."""
    if not request.user.is_authenticated:
        if request.method == "POST" and not request.htmx:
            return redirect_to_login(reverse("feed:steer"))
        template = "feed/_steer_box.html" if request.htmx else "feed/steer.html"
        return render(request, template, {"steer_signin": SIGN_IN_TO_STEER})
    if request.method == "GET":
        return render(request, "feed/steer.html", {"steer_text": steer_text_for(user=request.user)})
    text = "" if request.POST.get("clear") else request.POST.get("text", "")
    try:
        saved = steer_set(user=request.user, text=text)
    except SteerParseError as refusal:
        context = {
            "steer_text": steer_text_for(user=request.user),
            "steer_input": text,
            "steer_error": str(refusal),
        }
        # htmx swaps only 2xx answers by default: the box with its error replaces itself in place.
        if request.htmx:
            return render(request, "feed/_steer_box.html", context)
        return render(request, "feed/steer.html", context, status=400)
    messages.success(request, _steer_summary(saved.text if saved else ""))
    if request.htmx:
        # The new order only shows in a fresh first page: reload it (the message says what changed).
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect("feed:home")


@require_POST
@rate_limit("steer")
def see_less(request: HttpRequest, pk: int) -> HttpResponse:
    """ "See less like this" on a post the user may see (404 otherwise); `undo` takes it back."""
    if not request.user.is_authenticated:
        if request.htmx:
            return render(request, "feed/_see_less_signin.html", {"login_next": _back(request)})
        return redirect_to_login(_back(request))
    post = post_get_visible(user=request.user, pk=pk)
    undo = bool(request.POST.get("undo"))
    if undo:
        less_like_delete(user=request.user, post=post)
    else:
        less_like_create(user=request.user, post=post)
    if request.htmx:
        template = "feed/_see_less.html" if undo else "feed/_see_less_done.html"
        return render(request, template, {"post": post})
    if undo:
        messages.success(request, "Undone: this video counts as usual again.")
    else:
        messages.success(request, "Got it – you'll see less like this.")
    return HttpResponseRedirect(_back(request))  # redirect() would read a word as a view's name


urlpatterns = [
    path("steer/", steer, name="steer"),
    path("p/<id:pk>/see-less/", see_less, name="see_less"),
]
