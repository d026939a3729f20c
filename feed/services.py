import logging
import secrets
from collections.abc import Iterable
from datetime import timedelta

import django_rq
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import RedisError

from generation.models import Job
from sora.text import text_clean

from .models import (
    Comment,
    Follow,
    LessLike,
    Like,
    Notification,
    Post,
    PostEmbedding,
    Profile,
    Report,
    Steer,
    View,
)
from .signals import post_publishing
from .steer_text import SteerParseError, steer_parse


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
        # Everyone in the video must still allow it now: consent may have changed since the render.
        post_publishing.send(sender=Post, post=post, user=user)
        post.status, post.published_at = Post.Status.PUBLISHED, timezone.now()
        post.save(update_fields=["status", "published_at"])
        post_id = post.pk
        transaction.on_commit(lambda: post_embedding_enqueue(post_id=post_id))
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


@transaction.atomic
def follow_create(*, follower: AbstractBaseUser, followee: AbstractBaseUser) -> Follow:
    if follower.pk == followee.pk:
        raise ValidationError("You can't follow yourself.")
    follow, created = Follow.objects.get_or_create(follower=follower, followee=followee)
    # Unfollow-refollow loops must not become a stream of "followed you": once a day at most.
    url = reverse("feed:profile", args=[follower.username])
    if created and not _notified(Notification.Kind.FOLLOWED, to=followee.pk, actor=follower, url=url, days=1):
        notifications_send(
            recipients=[followee.pk],
            kind=Notification.Kind.FOLLOWED,
            text=f"@{follower.username} followed you.",
            url=url,
            actor=follower,
        )
    return follow


def follow_delete(*, follower: AbstractBaseUser, followee: AbstractBaseUser) -> None:
    Follow.objects.filter(follower=follower, followee=followee).delete()


def notifications_send(
    *, recipients: Iterable[int], kind: str, text: str, url: str = "", actor: AbstractBaseUser | None = None
) -> int:
    """Tell these users (by id) something; one INSERT for any number of them.

    `actor` is who did it (never told about their own doing). Open pages of the recipients get
    their unread badge pushed once the transaction commits.
    """
    ids = set(recipients) - ({actor.pk} if actor is not None else set())
    actor_id = actor.pk if actor is not None else None
    notes = [
        Notification(recipient_id=pk, kind=kind, text=text[:500], url=url[:200], actor_id=actor_id)
        for pk in ids
    ]
    Notification.objects.bulk_create(notes)
    if ids:
        transaction.on_commit(lambda: notifications_push(user_ids=ids))
    return len(notes)


def notifications_mark_read(*, user: AbstractBaseUser) -> int:
    count = Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())
    if count:
        # The user's other tabs drop their badge too.
        transaction.on_commit(lambda: notifications_push(user_ids=[user.pk]))
    return count


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


# --- Social: likes, comments, views, reports, live notifications (helper B) ----------------------

logger = logging.getLogger(__name__)


class NotOpen(ValidationError):
    """Likes, comments and reports are for published videos (a draft or removed one answers this)."""


class AlreadyReported(ValidationError):
    pass


def _require_published(post: Post) -> None:
    if not post.is_published:
        raise NotOpen("Only published videos can be liked, commented on or reported.")


def _notified(kind: str, *, to: int, actor: AbstractBaseUser, url: str, days: int | None = None) -> bool:
    """Whether `to` already heard this (same kind, actor and link), within `days` if given."""
    notes = Notification.objects.filter(recipient_id=to, kind=kind, actor=actor, url=url)
    if days is not None:
        notes = notes.filter(created_at__gte=timezone.now() - timedelta(days=days))
    return notes.exists()


def _quote(body: str, limit: int = 80) -> str:
    body = " ".join(body.split())
    return f"“{body if len(body) <= limit else body[: limit - 1] + '…'}”"


@transaction.atomic
def like_create(*, user: AbstractBaseUser, post: Post) -> bool:
    """Like a post; liking it again changes nothing. Returns whether this call added the like."""
    _require_published(post)
    _, created = Like.objects.get_or_create(user=user, post=post)
    if not created:
        return False
    Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
    # One "liked" per liker and post, ever: toggling a like must not ping the author again.
    url = post.get_absolute_url()
    if post.author_id != user.pk and not _notified(
        Notification.Kind.LIKED, to=post.author_id, actor=user, url=url
    ):
        notifications_send(
            recipients=[post.author_id],
            kind=Notification.Kind.LIKED,
            text=f"@{user.username} liked your video.",
            url=url,
            actor=user,
        )
    return True


@transaction.atomic
def like_delete(*, user: AbstractBaseUser, post: Post) -> bool:
    """Take a like back; a like that is not there is nothing to undo. Returns whether one went."""
    deleted, _ = Like.objects.filter(user=user, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(like_count=Greatest(F("like_count") - deleted, 0))
    return bool(deleted)


def _comment_body(body: str) -> str:
    # Line breaks as LF (browsers send CRLF but count one character in maxlength); control
    # characters refused; nothing but invisible characters is empty (sora.text).
    body = text_clean(body, multiline=True)
    if not body:
        raise ValidationError("Write something first: an empty comment says nothing.")
    if len(body) > Comment.MAX_LENGTH:
        raise ValidationError(
            f"A comment has at most {Comment.MAX_LENGTH} characters; this one has {len(body):,}."
        )
    return body


@transaction.atomic
def comment_create(
    *, author: AbstractBaseUser, post: Post, body: str, parent_id: int | None = None
) -> Comment:
    """A comment, or a reply when `parent_id` is given.

    Replies are one level deep: answering a reply files the answer under the same top-level
    comment (the thread stays readable on a phone) and tells the person answered.
    """
    _require_published(post)
    body = _comment_body(body)
    answered = None
    if parent_id is not None:
        answered = Comment.objects.filter(pk=parent_id, post=post).select_related("author").first()
        if answered is None:
            raise ValidationError("The comment you replied to is gone; it may have been deleted.")
    # Lock the thread's top-level comment: a concurrent delete of it must not orphan this reply
    # or leave comment_count off by one.
    top_id = (answered.parent_id or answered.pk) if answered else None
    if top_id is not None and not Comment.objects.select_for_update().filter(pk=top_id).exists():
        raise ValidationError("The comment you replied to is gone; it may have been deleted.")
    comment = Comment.objects.create(post=post, author=author, parent_id=top_id, body=body)
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)

    url = f"{reverse('feed:comments', args=[post.pk])}#comment-{comment.pk}"
    if answered is not None:
        notifications_send(
            recipients=[answered.author_id],
            kind=Notification.Kind.REPLIED,
            text=f"@{author.username} replied to your comment: {_quote(body)}",
            url=url,
            actor=author,
        )
    # The author hears about every comment, unless the reply above already told them.
    if answered is None or answered.author_id != post.author_id:
        notifications_send(
            recipients=[post.author_id],
            kind=Notification.Kind.COMMENTED,
            text=f"@{author.username} commented on your video: {_quote(body)}",
            url=url,
            actor=author,
        )
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: AbstractBaseUser) -> int:
    """Delete one's own comment and, with a top-level one, its replies (a reply without its
    comment reads as nonsense). Returns how many comments went."""
    if comment.author_id != user.pk:
        raise PermissionDenied("Only its author can delete a comment.")
    locked = Comment.objects.select_for_update().filter(pk=comment.pk).first()
    if locked is None:
        return 0  # deleted meanwhile (another tab, a double click): nothing left to do
    _, per_model = locked.delete()
    gone = per_model.get(Comment._meta.label, 0)
    Post.objects.filter(pk=comment.post_id).update(comment_count=Greatest(F("comment_count") - gone, 0))
    return gone


def viewer_key_for(*, user: AbstractBaseUser | None = None, session_key: str | None = None) -> str:
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    if not session_key:
        raise ValueError("An anonymous viewer needs a session.")
    return f"s{session_key}"


@transaction.atomic
def view_record(
    *, post: Post, viewer_key: str, completion: float, viewer: AbstractBaseUser | None = None
) -> View:
    """Count a view once per viewer and day; a replay only raises how much of it was watched.

    `post.view_count` grows on the first view of the day; `post.watch_total` by the view's
    completion, and later by any increase of it, so watch_total / view_count stays the mean
    completion of counted views.
    """
    if not 0 <= completion <= 1:
        raise ValidationError("completion is the fraction watched, from 0 to 1.")
    day = timezone.localdate()
    user_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    try:
        # A savepoint: two tabs reporting the same first view race on the unique constraint.
        with transaction.atomic():
            view = View.objects.create(
                post=post, viewer_id=user_id, viewer_key=viewer_key, day=day, completion=completion
            )
    except IntegrityError:
        view = View.objects.select_for_update().get(post=post, viewer_key=viewer_key, day=day)
        increase = completion - view.completion
        if increase > 0:
            view.completion = completion
            view.save(update_fields=["completion"])
            Post.objects.filter(pk=post.pk).update(watch_total=F("watch_total") + increase)
        return view
    Post.objects.filter(pk=post.pk).update(
        view_count=F("view_count") + 1, watch_total=F("watch_total") + completion
    )
    return view


def report_create(*, reporter: AbstractBaseUser, post: Post, reason: str, note: str = "") -> Report:
    _require_published(post)
    if post.author_id == reporter.pk:
        raise ValidationError("You can't report your own video; you can delete or keep it.")
    if reason not in Report.Reason.values:
        raise ValidationError("Choose a reason from the list.")
    note = text_clean(note, multiline=True)
    if len(note) > 500:
        raise ValidationError(f"The note has at most 500 characters; this one has {len(note):,}.")
    try:
        with transaction.atomic():
            return Report.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    except IntegrityError:
        raise AlreadyReported("You already reported this video. Thank you, we are looking at it.") from None


@transaction.atomic
def reports_resolve(*, reports: QuerySet[Report]) -> int:
    """Close these reports (the open ones among them); returns how many."""
    return reports.filter(resolved_at=None).update(resolved_at=timezone.now())


@transaction.atomic
def reported_posts_remove(*, post_ids: Iterable[int]) -> list[Post]:
    """Moderation: take reported videos down, tell their creators why, close the reports."""
    post_ids = list(post_ids)
    job_ids = Post.objects.filter(pk__in=post_ids).values_list("job_id", flat=True)
    reason = "Removed by our moderators after people reported it."
    removed = posts_remove(job_ids=job_ids, reason=reason)
    notifications_send(
        recipients={post.author_id for post in removed},
        kind=Notification.Kind.VIDEO_REMOVED,
        text=reason,
        url=reverse("feed:drafts"),
    )
    reports_resolve(reports=Report.objects.filter(post_id__in=post_ids))
    return removed


def job_done_notify(*, post: Post) -> None:
    url = post.get_absolute_url()
    # A job is marked done once; the guard keeps a re-sent signal from saying it twice.
    if not Notification.objects.filter(
        recipient_id=post.author_id, kind=Notification.Kind.JOB_DONE, url=url
    ).exists():
        notifications_send(
            recipients=[post.author_id],
            kind=Notification.Kind.JOB_DONE,
            text="Your video is ready. Watch it, then publish it when you like it.",
            url=url,
        )


def notifications_group(user_id: int) -> str:
    """The Channels group of one user's open pages (feed.consumers.NotificationsConsumer)."""
    return f"notifications-{user_id}"


def notifications_push(*, user_ids: Iterable[int]) -> None:
    """Ask these users' open pages to refresh their unread badge.

    The message carries no count: each connected page reads its own, so a notification to a
    thousand people costs the sender no query, and users with no page open cost nothing but a
    Redis call.
    """
    layer = get_channel_layer()
    groups = [notifications_group(pk) for pk in set(user_ids)]
    if layer is None or not groups:
        return

    async def send_all() -> None:
        for group in groups:
            await layer.group_send(group, {"type": "badge.refresh"})

    try:
        async_to_sync(send_all)()
    except Exception:
        # The badge is a nicety: the notification is stored and the next page load shows it.
        logger.warning("Could not push notification badges to %d users", len(groups), exc_info=True)


# --- Ranking: post embeddings, steering, "see less like this" (helper A) ----------------------------

EMBED_QUEUE = "default"  # the CPU worker's queue; embedding a prompt takes ~10 ms


def post_embedding_enqueue(*, post_id: int) -> None:
    """Embed a just-published post in the worker. Redis being down is no reason to fail the publish:
    ranking treats a post without an embedding as neutral, and post_embeddings_fill catches up."""
    from .tasks import post_embed

    try:
        django_rq.get_queue(EMBED_QUEUE).enqueue(
            post_embed, post_id, job_id=f"post-embed-{post_id}", result_ttl=0, failure_ttl=24 * 3600
        )
    except RedisError as exc:
        logger.warning("Could not queue the embedding of post %s: %s", post_id, exc)


def post_embeddings_fill(*, post_ids: Iterable[int] | None = None, batch_size: int = 256) -> int:
    """Store the prompt embedding of published posts that have none (these ids, or all); returns
    how many were made. Batched: encoding 256 prompts at once is far cheaper than one by one."""
    from generation.embeddings import texts_embed, vector_to_bytes

    posts = Post.objects.filter(status=Post.Status.PUBLISHED, embedding__isnull=True)
    if post_ids is not None:
        posts = posts.filter(pk__in=list(post_ids))
    rows = list(posts.order_by("pk").values_list("pk", "job__prompt"))
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        vectors = texts_embed([prompt for _, prompt in chunk])
        # ignore_conflicts: the worker and a bulk fill may race on the same post; either is right.
        made = [
            PostEmbedding(post_id=pk, vector=vector_to_bytes(vector))
            for (pk, _), vector in zip(chunk, vectors, strict=True)
        ]
        PostEmbedding.objects.bulk_create(made, ignore_conflicts=True)
    return len(rows)


def steer_set(*, user: AbstractBaseUser, text: str) -> Steer | None:
    """What the user wants more or less of, in their words ("more cooking, fewer pranks").

    Empty text clears it (returns None). Raises feed.steer_text.SteerParseError, with a message for
    the user, for text it cannot use. The phrases are embedded before the transaction, so a slow
    first model load holds no database lock.
    """
    from generation.embeddings import texts_embed, vector_to_bytes

    try:
        text = text_clean(text or "", multiline=False)
    except ValidationError as refusal:
        raise SteerParseError(refusal.messages[0]) from None
    more, less = steer_parse(text)
    if not more and not less:
        Steer.objects.filter(user=user).delete()
        return None
    vectors = texts_embed(more + less)
    with transaction.atomic():
        steer, _ = Steer.objects.update_or_create(
            user=user,
            defaults={
                "text": text,
                "more": vector_to_bytes(vectors[: len(more)]) if more else None,
                "less": vector_to_bytes(vectors[len(more) :]) if less else None,
            },
        )
    return steer


def less_like_create(*, user: AbstractBaseUser, post: Post) -> LessLike:
    """ "See less like this": this post sinks, and so do posts that mean about the same."""
    less_like, _ = LessLike.objects.get_or_create(user=user, post=post)
    return less_like


def less_like_delete(*, user: AbstractBaseUser, post: Post) -> None:
    LessLike.objects.filter(user=user, post=post).delete()
