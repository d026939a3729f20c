from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from generation.models import Job

from .models import Post, Profile


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
    if not post.is_published:
        post.status, post.published_at = Post.Status.PUBLISHED, timezone.now()
        post.save(update_fields=["status", "published_at"])
    return post
