from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, re_path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from generation.delivery import serve_field_file
from sora.converters import NameConverter
from sora.ratelimits import rate_limit

from ..forms import ProfileForm
from ..models import AVATAR_CACHE_SECONDS, AVATAR_TYPES, Profile
from ..selectors import (
    follow_list_page,
    known_followers,
    profile_get,
    profile_get_for_page,
    profile_posts_page,
)
from ..services import follow_create, follow_delete, profile_ensure, profile_update


@require_GET
def profile(request: HttpRequest, handle: str) -> HttpResponse:
    person = profile_get_for_page(handle=handle, viewer=request.user)
    try:
        posts, next_cursor = profile_posts_page(
            person=person, viewer=request.user, after=request.GET.get("after")
        )
    except ValueError:
        return render(request, "feed/bad_cursor.html", status=400)
    context = {"person": person, "posts": posts, "next_cursor": next_cursor}
    if request.htmx and request.GET.get("after"):
        return render(request, "feed/_profile_posts.html", context)  # the "More" button's next page
    context["known_followers"] = known_followers(person=person, viewer=request.user)
    context["known_others"] = max(0, person.known_follower_count - len(context["known_followers"]))
    return render(request, "feed/profile.html", context)


def _back(request: HttpRequest, person) -> HttpResponse:
    # Follow buttons live on profiles, lists and feed items; go back to where the click was.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)  # redirect() would read a word as a view's name
    return redirect("feed:profile", handle=person.username)


@login_required
@require_POST
@rate_limit("follow")
def follow(request: HttpRequest, handle: str) -> HttpResponse:
    person = profile_get(handle=handle)
    if person.pk == request.user.pk:
        if request.htmx:
            return HttpResponse(
                "You can't follow yourself.", status=400, content_type="text/plain; charset=utf-8"
            )
        messages.error(request, "You can't follow yourself.")
        return redirect("feed:profile", handle=person.username)
    unfollow = request.POST.get("action") == "unfollow"
    if unfollow:
        follow_delete(follower=request.user, followee=person)  # not following: nothing to undo, fine
    else:
        follow_create(follower=request.user, followee=person)  # already following: stays one row
    if request.htmx:
        # Fresh state and counts (one query), and the profile's counters swapped out of band.
        person = profile_get_for_page(handle=person.username, viewer=request.user)
        context = {"person": person, "oob": True, "next": request.POST.get("next", "")}
        return render(request, "feed/_follow_button.html", context)
    if unfollow:
        messages.success(request, f"You no longer follow @{person.username}.")
    else:
        messages.success(request, f"You follow @{person.username}.")
    return _back(request, person)


@require_GET
def follow_list(request: HttpRequest, handle: str, kind: str) -> HttpResponse:
    person = profile_get_for_page(handle=handle, viewer=request.user)
    page = follow_list_page(
        person=person, kind=kind, viewer=request.user, number=request.GET.get("page") or 1
    )
    return render(request, "feed/follow_list.html", {"person": person, "kind": kind, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("profile")
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile_update(
            user=request.user, display_name=data["display_name"], bio=data["bio"], avatar=data["avatar"]
        )
        messages.success(request, "Your profile is saved.")
        return redirect("feed:profile", handle=request.user.username)
    status = 400 if request.method == "POST" else 200
    return render(request, "feed/profile_edit.html", {"form": form, "profile": profile}, status=status)


@require_safe
def avatar_file(request: HttpRequest, name: str) -> HttpResponse:
    # MEDIA_URL is not served wholesale (job media is access-checked); avatars are public, and
    # only files that are some profile's current avatar are answered.
    content_type = AVATAR_TYPES.get(name.rpartition(".")[2].lower())
    if content_type is None:  # e.g. an SVG put there by hand: never served from our origin
        raise Http404("No such avatar.")
    profile = get_object_or_404(Profile.objects.only("avatar"), avatar=f"avatars/{name}")
    return serve_field_file(
        request,
        profile.avatar,
        content_type=content_type,
        private=False,
        max_age=AVATAR_CACHE_SECONDS,
        immutable=True,
    )


urlpatterns = [
    # <name:>, not <str:>: a handle with a NUL or another control character is no one's (404).
    path("u/<name:handle>/", profile, name="profile"),
    path("u/<name:handle>/follow/", follow, name="follow"),
    re_path(
        rf"^u/(?P<handle>{NameConverter.regex})/(?P<kind>followers|following|mutuals)/$",
        follow_list,
        name="follow_list",
    ),
    path("profile/edit/", profile_edit, name="profile_edit"),
]

if settings.MEDIA_URL.startswith("/"):
    # Local avatars (Profile.avatar_url); on object storage pages name the bucket or the CDN.
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/avatars/<name:name>", avatar_file, name="avatar_file")
    )
