import logging
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from datetime import timedelta
from importlib import import_module
from pathlib import Path, PurePath

import django_rq
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, FileField, Q, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Callback

from generation.models import Job
from generation.services import owner_lock
from sora.text import text_clean

from .archive import ArchiveCancelled, ExportArchive
from .models import (
    Comment,
    Export,
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
from .signals import account_deleting, account_exporting, post_publishing
from .steer_text import SteerParseError, steer_parse
from .timelines import fresh_post_remember


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
        job_done_clear(post=post)
        post_id, user_id = post.pk, user.pk
        transaction.on_commit(lambda: post_embedding_enqueue(post_id=post_id))
        transaction.on_commit(lambda: fresh_post_remember(user_id=user_id, post_id=post_id))
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
    *,
    recipients: Iterable[int],
    kind: str,
    text: str,
    url: str = "",
    actor: AbstractBaseUser | None = None,
    post_id: int | None = None,
) -> int:
    """Tell these users (by id) something; one INSERT for any number of them.

    `actor` is who did it (never told about their own doing); `post_id` the video it is about, whose
    poster the list shows to those who may see it. Open pages of the recipients get their unread
    badge pushed once the transaction commits.
    """
    ids = set(recipients) - ({actor.pk} if actor is not None else set())
    actor_id = actor.pk if actor is not None else None
    notes = [
        Notification(
            recipient_id=pk, kind=kind, text=text[:500], url=url[:200], actor_id=actor_id, post_id=post_id
        )
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
            post_id=post.pk,
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
            post_id=post.pk,
        )
    # The author hears about every comment, unless the reply above already told them.
    if answered is None or answered.author_id != post.author_id:
        notifications_send(
            recipients=[post.author_id],
            kind=Notification.Kind.COMMENTED,
            text=f"@{author.username} commented on your video: {_quote(body)}",
            url=url,
            actor=author,
            post_id=post.pk,
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
    # A job is marked done once; the guard keeps a re-sent signal from saying it twice (and a
    # published video is no news: publishing cleared it, see job_done_clear).
    if not post.is_published and not _job_done_notes(post=post, url=url).exists():
        notifications_send(
            recipients=[post.author_id],
            kind=Notification.Kind.JOB_DONE,
            text="Your video is ready. Watch it, then publish it when you like it.",
            url=url,
            post_id=post.pk,
        )


def _job_done_notes(*, post: Post, url: str) -> QuerySet[Notification]:
    # Rows from before notifications named their post are found by the link.
    return Notification.objects.filter(recipient_id=post.author_id, kind=Notification.Kind.JOB_DONE).filter(
        Q(post=post) | Q(post=None, url=url)
    )


def job_done_clear(*, post: Post) -> int:
    """Publishing answers "your video is ready": the notification goes, in the publish's transaction.

    Deleted rather than marked read: a read one would still sit in the list saying "publish it"
    about a published video, and hiding read ones of one kind would be a rule for every reader
    (the list, the badge's count) to remember. Returns how many went.
    """
    gone, _ = _job_done_notes(post=post, url=post.get_absolute_url()).delete()
    if gone:
        author_id = post.author_id
        transaction.on_commit(lambda: notifications_push(user_ids=[author_id]))  # the badge may drop
    return gone


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


def post_embedding_enqueue(*, post_id: int) -> None:
    """Embed a just-published post in the worker. Redis being down is no reason to fail the publish:
    ranking treats a post without an embedding as neutral, and post_embeddings_fill catches up."""
    from .tasks import post_embed

    try:
        # The CPU queue (SORA_CPU_QUEUE): embedding a prompt takes about 10 ms on a CPU.
        django_rq.get_queue(settings.SORA_CPU_QUEUE).enqueue(
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


# --- Your data: "Download my data" and "Delete my account" (issue 20) ------------------------------

EXPORT_TIMEOUT = 3600  # seconds the worker may spend writing one archive
EXPORT_QUEUE_DOWN = (
    "The worker that builds archives is unreachable right now, so nothing was started. "
    "Try again in a few minutes."
)
EXPORT_BROKE = "Building your archive stopped unexpectedly. Try again; nothing of yours was changed."
EXPORT_README = """\
Your data from Sora, as of {exported_at} (UTC), for @{handle}.

data.json       Your account and profile; every video you asked for (prompt, length, orientation,
                seed, engines, when it was made, its status and how it was made), with its post
                and where it sits in remix lineages; your likes, comments, followers, the people
                you follow, your reports and your feed steering. Times are UTC.
videos/<id>/    The files of each video you made, published or draft: the MP4 and its poster.
                <id> is the video's job_id in data.json. Videos taken down (by moderators or by
                someone whose cameo is in them) are listed in data.json without their files.
profile/        Your avatar, if you set one.
cameo/          Only if you have (or recorded) a cameo: your likeness. See cameo/README.txt.

This archive was made for you alone: it holds private things (drafts, your cameo). Keep it safe.
"""


def exports_delete_files(names: Iterable[tuple]) -> None:
    """Delete (storage, name) pairs; one that is already gone or can't be reached is logged, not
    raised, so the rest still go (this runs after a commit, when nothing can be undone)."""
    for storage, name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.warning("Could not delete %s", name, exc_info=True)


@transaction.atomic
def export_request(*, user: AbstractBaseUser) -> Export:
    """Ask for an archive of everything `user` has here; returns the export now building.

    One at a time: while one builds, asking again returns it. Starting a new one deletes the
    earlier exports and their files (once committed). The worker builds it (`export_build`).
    """
    owner_lock(owner=user)  # two clicks at once must not start two builds
    exports = list(Export.objects.filter(user=user))
    building = [export for export in exports if export.is_building]
    if building:
        return building[0]
    names = [(export.file.storage, export.file.name) for export in exports if export.file]
    Export.objects.filter(pk__in=[export.pk for export in exports]).delete()
    export = Export.objects.create(user=user, stage="Waiting for the worker")
    transaction.on_commit(lambda: exports_delete_files(names))
    transaction.on_commit(lambda: export_enqueue(export=export))
    return export


def export_enqueue(*, export: Export) -> None:
    from .tasks import account_export_abandoned, account_export_build

    try:
        # The CPU queue (SORA_CPU_QUEUE): an archive is copying, not rendering.
        django_rq.get_queue(settings.SORA_CPU_QUEUE).enqueue(
            account_export_build,
            export.pk,
            # The token, not the row id: ids restart in a test database, tokens never repeat.
            job_id=f"export-{export.token.hex}",
            job_timeout=EXPORT_TIMEOUT,
            result_ttl=0,
            failure_ttl=24 * 3600,
            # The worker died or was stopped mid-build: say so at once instead of building forever.
            on_failure=Callback(account_export_abandoned),
        )
    except RedisError as exc:
        logger.warning("Could not queue export %s: %s", export.pk, exc)
        export_fail(export=export, message=EXPORT_QUEUE_DOWN)


def export_fail(*, export: Export, message: str) -> None:
    """A build that can't finish: the page says why and offers another. Keeps no file."""
    failed = Export.objects.filter(pk=export.pk, status=Export.Status.BUILDING).update(
        status=Export.Status.FAILED, error=message, finished_at=timezone.now(), updated_at=timezone.now()
    )
    if failed and export.file:
        exports_delete_files([(export.file.storage, export.file.name)])


def exports_expire(*, now=None) -> int:
    """Delete the files of archives older than a day (the row stays, so the page can say it
    expired) and fail builds whose worker went silent. Returns how many archives expired.

    Run by every export build before it starts and by `manage.py exports_expire` (cron).
    """
    now = now or timezone.now()
    Export.objects.filter(status=Export.Status.BUILDING, updated_at__lte=now - Export.STALE_AFTER).update(
        status=Export.Status.FAILED, error=EXPORT_BROKE, finished_at=now, updated_at=now
    )
    expired = Export.objects.filter(status=Export.Status.READY, created_at__lte=now - Export.LIFETIME)
    rows = list(expired.values_list("pk", "file"))
    if not rows:
        return 0
    Export.objects.filter(pk__in=[pk for pk, _ in rows], status=Export.Status.READY).update(
        status=Export.Status.EXPIRED, file="", updated_at=now
    )
    storage = Export._meta.get_field("file").storage
    exports_delete_files([(storage, name) for _, name in rows if name])
    return len(rows)


def _job_file_fields() -> list[FileField]:
    # Every file a job keeps (video, poster, and whatever generation adds later) goes with it.
    return [field for field in Job._meta.get_fields() if isinstance(field, FileField)]


def _iso(value):
    return value.isoformat() if value else None


def _export_collect(*, user: AbstractBaseUser, archive: ExportArchive) -> None:
    """The feed's part of an archive: account, profile, videos, likes, comments, follows."""
    profile = profile_ensure(user=user)
    now = timezone.now()
    archive.data.update(
        {
            "format": "Sora data export",
            "version": 1,
            "exported_at": now,
            "account": {
                "user_id": user.pk,
                "handle": user.get_username(),
                "email": getattr(user, "email", ""),
                "joined": getattr(user, "date_joined", None),
                "last_login": user.last_login,
                "profile_url": reverse("feed:profile", args=[user.get_username()]),
            },
            "profile": {
                "display_name": profile.display_name,
                "bio": profile.bio,
                "avatar": archive.add_file(
                    f"profile/avatar{Path(profile.avatar.name).suffix}", profile.avatar
                ),
            },
        }
    )
    file_fields = _job_file_fields()
    videos = archive.videos
    jobs = Job.objects.filter(owner=user).select_related("post").order_by("created_at", "pk")
    for job in jobs.iterator(chunk_size=200):
        post = getattr(job, "post", None)  # a job that failed or is still rendering has none
        entry = {
            "job_id": job.pk,
            "prompt": job.prompt,
            "duration": job.duration,
            "orientation": job.orientation,
            "seed": job.seed,
            "engines": {"video": job.video_engine, "audio": job.audio_engine},
            "status": job.status,
            "error": job.error,
            "attempts": job.attempt,
            "created_at": job.created_at,
            "submitted_at": job.submitted_at,
            "started_at": job.started_at,
            "finished_at": job.finished_at,
            "render_info": job.render_info,
            "post": None,
            "files": {},
        }
        if post is not None:
            entry["post"] = {
                "post_id": post.pk,
                "url": post.get_absolute_url(),
                "status": post.status,
                "created_at": post.created_at,
                "published_at": post.published_at,
                "removed_reason": post.removed_reason,
                "likes": post.like_count,
                "comments": post.comment_count,
                "views": post.view_count,
            }
        if post is not None and post.is_removed:
            # Taken down by moderators or by someone whose likeness is in it: no copy leaves here.
            entry["files_left_out"] = "This video was taken down, so its files are not included."
        else:
            for field in file_fields:
                stored = getattr(job, field.name)
                name = archive.add_file(f"videos/{job.pk}/{PurePath(stored.name).name}", stored)
                if name:
                    entry["files"][field.name] = name
        videos.append(entry)
    archive.data["likes"] = [
        {"post_id": like.post_id, "url": reverse("feed:post_detail", args=[like.post_id]),
         "by": like.post.author.username, "liked_at": like.created_at}
        for like in Like.objects.filter(user=user).select_related("post__author").order_by("created_at")
    ]  # fmt: skip
    archive.data["comments"] = [
        {"comment_id": comment.pk, "post_id": comment.post_id,
         "url": f"{reverse('feed:comments', args=[comment.post_id])}#comment-{comment.pk}",
         "post_by": comment.post.author.username, "reply_to": comment.parent_id, "body": comment.body,
         "created_at": comment.created_at}
        for comment in Comment.objects.filter(author=user).select_related("post__author").order_by("pk")
    ]  # fmt: skip
    archive.data["followers"] = [
        {"handle": follow.follower.username, "since": follow.created_at}
        for follow in Follow.objects.filter(followee=user).select_related("follower").order_by("created_at")
    ]
    archive.data["following"] = [
        {"handle": follow.followee.username, "since": follow.created_at}
        for follow in Follow.objects.filter(follower=user).select_related("followee").order_by("created_at")
    ]
    archive.data["reports"] = [
        {"post_id": report.post_id, "reason": report.reason, "note": report.note,
         "created_at": report.created_at, "resolved_at": report.resolved_at}
        for report in Report.objects.filter(reporter=user).order_by("created_at")
    ]  # fmt: skip
    steer = Steer.objects.filter(user=user).first()
    archive.data["steering"] = {
        "text": steer.text if steer else "",
        "see_less_of_posts": list(
            LessLike.objects.filter(user=user).order_by("created_at").values_list("post_id", flat=True)
        ),
    }


def _export_step(export: Export, stage: str, progress: float) -> bool:
    """Record progress; False when the export is no longer building (its owner deleted it)."""
    return bool(
        Export.objects.filter(pk=export.pk, status=Export.Status.BUILDING).update(
            stage=stage[:120], progress=min(max(progress, 0.0), 1.0), updated_at=timezone.now()
        )
    )


def export_build(*, export: Export) -> str:
    """Write the archive (in the worker): the feed's data, then every app's through
    ``account_exporting``, streamed to a local ZIP, then into private storage.

    Returns what happened ("ready", "failed", "cancelled"). A failure leaves no file behind.
    """
    user = export.user
    workdir = Path(tempfile.mkdtemp(prefix=f"sora-export-{export.pk}-"))
    stored = ""
    storage = export.file.storage
    try:
        if not _export_step(export, "Gathering your data", 0.0):
            return "cancelled"
        archive = ExportArchive(user=user)
        _export_collect(user=user, archive=archive)
        account_exporting.send(sender=Export, user=user, archive=archive)
        archive.add_text(
            "README.txt",
            EXPORT_README.format(exported_at=timezone.now().strftime("%Y-%m-%d %H:%M"), handle=user.username),
        )
        local = workdir / "export.zip"
        # The bytes are 95% of the work; the last 5% is moving the file into storage.
        archive.write(local, on_progress=lambda stage, done: _export_step(export, stage, 0.95 * done))
        if not _export_step(export, "Storing your archive", 0.95):
            return "cancelled"
        name = f"sora-data-{user.username}-{timezone.localdate():%Y-%m-%d}.zip"
        with local.open("rb") as handle:
            stored = storage.save(export.file.field.generate_filename(export, name), File(handle))
        size = local.stat().st_size
        with transaction.atomic():
            finished = Export.objects.select_for_update().filter(pk=export.pk, status=Export.Status.BUILDING)
            if not finished.update(
                status=Export.Status.READY, stage="Ready", progress=1.0, file=stored, size=size,
                finished_at=timezone.now(), updated_at=timezone.now(),
            ):  # fmt: skip
                return "cancelled"
        stored = ""  # the row owns it now
        return "ready"
    except ArchiveCancelled:
        return "cancelled"
    except Exception:
        logger.exception("Export %s failed", export.pk)
        export_fail(export=export, message=EXPORT_BROKE)
        return "failed"
    finally:
        if stored:  # written, but its export was deleted (or failed) meanwhile
            exports_delete_files([(storage, stored)])
        shutil.rmtree(workdir, ignore_errors=True)


def _engagement_withdraw(*, user: AbstractBaseUser) -> None:
    """Other people's posts stop counting this person's likes and comments, and the replies
    that go with their comments (as when a comment is deleted)."""
    likes = Like.objects.filter(user=user).exclude(post__author=user)
    for row in likes.values("post_id").annotate(n=Count("pk")):
        Post.objects.filter(pk=row["post_id"]).update(like_count=Greatest(F("like_count") - row["n"], 0))
    comments = Comment.objects.filter(Q(author=user) | Q(parent__author=user)).exclude(post__author=user)
    for row in comments.values("post_id").annotate(n=Count("pk", distinct=True)):
        Post.objects.filter(pk=row["post_id"]).update(
            comment_count=Greatest(F("comment_count") - row["n"], 0)
        )


def _sessions_delete(*, user: AbstractBaseUser) -> list[str]:
    """Delete every stored session signed in as `user` (inside the caller's transaction); returns
    their keys, for the cache to forget after the commit. Sessions are signed blobs with no user
    column, so each live one is decoded; signed-cookie sessions have nothing stored to find."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return []
    model = store_class.get_model_class()
    store = store_class()
    keys = []
    for key, data in model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    ).iterator():
        if store.decode(data).get(SESSION_KEY) == str(user.pk):
            keys.append(key)
    for start in range(0, len(keys), 500):
        model.objects.filter(session_key__in=keys[start : start + 500]).delete()
    return keys


def _sessions_forget_cached(keys: list[str]) -> None:
    prefix = getattr(import_module(settings.SESSION_ENGINE).SessionStore, "cache_key_prefix", None)
    if not prefix or not keys:
        return
    try:
        caches[settings.SESSION_CACHE_ALIAS].delete_many([prefix + key for key in keys])
    except Exception:
        # The rows are gone and so is the user: a cached copy authenticates no one (Django finds
        # no such user), it only lingers until it expires.
        logger.warning("Could not drop %d cached sessions", len(keys), exc_info=True)


def account_delete(*, user: AbstractBaseUser) -> None:
    """Delete the account and everything of it: videos and their files, drafts, comments (and the
    replies under them), likes, follows, notifications, reports, exports, avatar, sessions, and
    through ``account_deleting`` what other apps keep (the cameo, its biometrics and the videos
    that show it, taken down).

    One transaction: anything that fails rolls all of it back. Files go only after the commit,
    so a failure leaves nothing half-deleted. Other people's remixes of these videos stay, their
    lineage showing "Removed" where these were. Checking the password is the caller's job.
    """
    file_fields = _job_file_fields()
    with transaction.atomic():
        owner_lock(owner=user)  # the person's submits and exports wait, then find no one
        account_deleting.send(sender=Profile, user=user)
        files = []
        for job in Job.objects.filter(owner=user).only("pk", *(field.name for field in file_fields)):
            files += [getattr(job, field.name) for field in file_fields]
        profile = Profile.objects.filter(user=user).first()
        if profile is not None:
            files.append(profile.avatar)
        files += [export.file for export in Export.objects.filter(user=user)]
        names = [(file.storage, file.name) for file in files if file]
        _engagement_withdraw(user=user)
        sessions = _sessions_delete(user=user)
        user.delete()
        transaction.on_commit(lambda: exports_delete_files(names))
        transaction.on_commit(lambda: _sessions_forget_cached(sessions))
