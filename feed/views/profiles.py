from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from generation.delivery import serve_field_file

from ..models import Profile
from ..selectors import follows, posts_published_by, profile_get
from ..services import follow_create, follow_delete


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


@require_GET
def avatar_file(request: HttpRequest, name: str) -> HttpResponse:
    # MEDIA_URL is not served wholesale (job media is access-checked); avatars are public, and
    # only files that are some profile's current avatar are answered.
    profile = get_object_or_404(Profile.objects.only("avatar"), avatar=f"avatars/{name}")
    content_type = "image/webp" if name.endswith(".webp") else "image/jpeg"
    return serve_field_file(request, profile.avatar, content_type=content_type, private=False)


urlpatterns = [
    path("u/<str:handle>/", profile, name="profile"),
    path("u/<str:handle>/follow/", follow, name="follow"),
]

if settings.MEDIA_URL.startswith("/"):
    # Avatars behind the storage's own URL (profile.avatar.url); a CDN or S3 MEDIA_URL serves itself.
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/avatars/<str:name>", avatar_file, name="avatar_file")
    )
