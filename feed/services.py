import secrets
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from generation.models import Job

from .models import Follow, Notification, Post, Profile


def profile_ensure(*, user: AbstractBaseUser) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def post_create_draft(*, job: Job) -> Post:
    """A finished render becomes a draft that only its creator sees until published."""
    post, _ = Post.objects.get_or_create(job=job, defaults={"author_id": job.owner_id})
    return post


@transaction.atomic
def post_publish(*, post: Post, user: AbstractBaseUser) -> Post:
    if post.author_id != user.pk:
        raise PermissionDenied("Only the creator can publish this video.")
    if post.is_removed:
        raise PermissionDenied(f"This video was removed and can't be published: {post.removed_reason}")
    if not post.is_published:
        post.status, post.published_at = Post.Status.PUBLISHED, timezone.now()
        post.save(update_fields=["status", "published_at"])
    return post


@transaction.atomic
def posts_remove(*, job_ids: Iterable[int], reason: str) -> list[Post]:
    """Take the posts of these jobs out of the feed for good; returns those that changed.

    One UPDATE whatever the count: revoking a cameo may remove a thousand videos at once.
    """
    posts = Post.objects.filter(job_id__in=list(job_ids)).exclude(status=Post.Status.REMOVED)
    removed = list(posts.select_for_update().only("pk", "author_id", "job_id"))
    Post.objects.filter(pk__in=[post.pk for post in removed]).update(
        status=Post.Status.REMOVED, removed_reason=reason[:300]
    )
    return removed


def follow_create(*, follower: AbstractBaseUser, followee: AbstractBaseUser) -> Follow:
    if follower.pk == followee.pk:
        raise ValidationError("You can't follow yourself.")
    follow, _ = Follow.objects.get_or_create(follower=follower, followee=followee)
    return follow


def follow_delete(*, follower: AbstractBaseUser, followee: AbstractBaseUser) -> None:
    Follow.objects.filter(follower=follower, followee=followee).delete()


def notifications_send(*, recipients: Iterable[int], kind: str, text: str, url: str = "") -> int:
    """Tell these users (by id) something; one INSERT for any number of them."""
    notes = [Notification(recipient_id=pk, kind=kind, text=text[:500], url=url) for pk in set(recipients)]
    Notification.objects.bulk_create(notes)
    return len(notes)


def notifications_mark_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


# --- Profiles (helper C) --------------------------------------------------------------------------


@transaction.atomic
def profile_update(
    *, user: AbstractBaseUser, display_name: str, bio: str, avatar: ContentFile | bool | None = None
) -> Profile:
    """Save what the profile form cleaned. `avatar`: a normalised image, False to remove, None to keep.

    A new avatar gets a fresh random name, so its URL can be cached for good; the old file is
    deleted once the change is committed (a rolled-back save must not lose the current one).
    """
    profile = profile_ensure(user=user)
    profile.display_name, profile.bio = display_name, bio
    profile.full_clean(exclude=["avatar", "user"])
    old = profile.avatar.name if profile.avatar else ""
    if avatar is False:
        profile.avatar = ""
    elif avatar:
        profile.avatar.save(f"{user.pk}-{secrets.token_hex(8)}.webp", avatar, save=False)
    profile.save()
    if old and old != profile.avatar.name:
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old))
    return profile
