"""Writes for cameos: verification, review, consent settings, appearances and removal."""

import logging
import math
from datetime import timedelta
from pathlib import Path

import django_rq
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from redis.exceptions import RedisError
from rq import Callback

from feed.archive import ExportArchive
from feed.models import Notification
from feed.services import notifications_send, posts_remove
from feed.signals import PublishRefused
from generation.models import Job
from generation.services import job_fail, owner_lock
from generation.signals import JobRefused

from .models import Appearance, Cameo, Challenge, Verification
from .selectors import cameo_may_use, cameo_refusal, handles_in, token_parse

logger = logging.getLogger(__name__)

UPLOAD_MAX_BYTES = 50 * 1024 * 1024
UPLOAD_TOO_LARGE = "A recording may be at most 50 MB (5–10 seconds is plenty). Record a shorter clip."
UPLOAD_TYPES = {".mp4": "MP4", ".webm": "WebM", ".mov": "MOV"}
# Face encodings closer than this to another person's approved cameo look like the same person.
IMPERSONATION_DISTANCE = 0.5


# --- Verification -------------------------------------------------------------------------------


def challenge_issue(*, user: AbstractBaseUser) -> Challenge:
    # Each visit to the page gets fresh digits. Unused ones go after a day; until then an old
    # tab still hears "expired" rather than "doesn't exist".
    stale = timezone.now() - timedelta(days=1)
    Challenge.objects.filter(user=user, used_at=None, created_at__lt=stale).delete()
    return Challenge.objects.create(user=user)


def upload_check(upload: UploadedFile | None) -> None:
    """Refuse what is plainly not a recording before storing anything."""
    if upload is None:
        raise ValidationError("Record a clip or choose a video file first.")
    if upload.size > UPLOAD_MAX_BYTES:
        raise ValidationError(f"That file is {upload.size / 2**20:.0f} MB. {UPLOAD_TOO_LARGE}")
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in UPLOAD_TYPES:
        raise ValidationError("Upload an MP4, WebM or MOV video (the file name ends in .mp4, .webm or .mov).")
    if upload.size == 0:
        raise ValidationError("That file is empty. Record again or choose another file.")


class TooManyAttempts(Exception):
    """More recordings in the last hour than SORA_CAMEO_ATTEMPTS_PER_HOUR allows; the message
    says when the next one may be sent (`retry_at`)."""

    def __init__(self, message: str, *, retry_at) -> None:
        super().__init__(message)
        self.message, self.retry_at = message, retry_at

    def retry_after(self) -> int:
        return max(1, math.ceil((self.retry_at - timezone.now()).total_seconds()))


def verification_attempts_check(*, user: AbstractBaseUser) -> None:
    """Raise TooManyAttempts once the user has sent the hour's recordings: each runs face and
    voice models, and guessing at the checks shouldn't be cheap."""
    now = timezone.now()
    limit = settings.SORA_CAMEO_ATTEMPTS_PER_HOUR
    sent = list(
        Verification.objects.filter(user=user, created_at__gt=now - timedelta(hours=1))
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(sent) >= limit:
        retry_at = sent[-1] + timedelta(hours=1) if limit else now + timedelta(hours=1)
        wait = timeuntil(retry_at + timedelta(seconds=59), now, depth=1)  # rounded up to the minute
        raise TooManyAttempts(
            f"You've sent {len(sent)} recording{'s' if len(sent) != 1 else ''} in the last hour, the most "
            f"an hour allows. You can record again in {wait}.",
            retry_at=retry_at,
        )


@transaction.atomic
def verification_submit(
    *, user: AbstractBaseUser, challenge_token: str, upload: UploadedFile | None
) -> Verification:
    """Store a recording against its challenge and queue the checks. ValidationError or
    TooManyAttempts: nothing kept (the challenge stays usable)."""
    # The user's submits take turns, so two at once can't both take the hour's last place.
    owner_lock(owner=user)
    verification_attempts_check(user=user)
    challenge = (
        Challenge.objects.select_for_update().filter(token=token_parse(challenge_token), user=user).first()
    )
    if challenge is None:
        raise ValidationError("This challenge isn't yours or doesn't exist. Start again for fresh digits.")
    if challenge.used_at is not None:
        raise ValidationError(
            "These digits were already used. Start again: every recording needs fresh digits."
        )
    if challenge.is_expired():
        raise ValidationError("These digits expired (they last 10 minutes). Start again for fresh digits.")
    upload_check(upload)
    challenge.used_at = timezone.now()
    challenge.save(update_fields=["used_at"])
    verification = Verification(user=user, challenge=challenge, stage="Waiting for a checker")
    suffix = Path(upload.name).suffix.lower()
    verification.recording.save(f"recording{suffix}", upload, save=False)
    try:
        verification.save()
    except Exception:
        verification.recording.delete(save=False)  # the transaction rolls back; the file must too
        raise
    transaction.on_commit(lambda: verification_enqueue(verification=verification))
    return verification


def verification_enqueue(*, verification: Verification) -> None:
    from .tasks import verification_abandoned, verify_recording

    try:
        # The CPU queue: face and voice checks need no GPU, so any machine's worker takes them.
        django_rq.get_queue(settings.SORA_CPU_QUEUE).enqueue(
            verify_recording,
            verification.pk,
            job_id=f"verify-{verification.pk}",
            result_ttl=600,
            # The worker died or was stopped mid-check: fail it and delete the recording at once.
            on_failure=Callback(verification_abandoned),
        )
    except RedisError as exc:
        logger.warning("Could not queue verification %s: %s", verification.pk, exc)
        verification_finish_failed(
            verification=verification,
            message="The checker is unreachable right now, so your recording was not kept. "
            "Try again in a few minutes.",
        )


def verification_finish_failed(
    *, verification: Verification, message: str, scores: dict | None = None
) -> None:
    """A recording that did not pass: keep the scores and the reason, never the biometrics.

    Safe when the row is already gone (its owner deleted their data meanwhile).
    """
    _biometrics_delete(verification)
    outcome = {
        "status": Verification.Status.FAILED,
        "stage": "Done",
        "progress": 1.0,
        "error": message,
        "scores": scores if scores is not None else verification.scores,
        "seconds": verification.seconds,
    }
    Verification.objects.filter(pk=verification.pk).update(**outcome)
    for field, value in outcome.items():
        setattr(verification, field, value)


def _biometrics_delete(verification: Verification) -> None:
    """Drop a verification's recording, portrait and encoding; its scores and decision stay."""
    verification.recording.delete(save=False)
    verification.portrait.delete(save=False)
    verification.encoding = None
    Verification.objects.filter(pk=verification.pk).update(recording="", portrait="", encoding=None)


def verification_record(*, verification: Verification, analysis, seconds: float) -> Verification:
    """Store what the checks found: failed, pending review, or approved when allowed to auto-approve."""
    from .analysis import encoding_distance

    verification.seconds = seconds
    if not analysis.passed:
        verification_finish_failed(
            verification=verification, message=analysis.failure.message, scores=analysis.scores()
        )
        return verification
    closest, distance = None, None
    candidates = Cameo.objects.exclude(owner_id=verification.user_id).only("pk", "encoding")
    for cameo in candidates.iterator():
        d = encoding_distance(analysis.encoding, cameo.encoding)
        if distance is None or d < distance:
            closest, distance = cameo, d
    with transaction.atomic():
        # The user may have deleted their cameo data while the checks ran: then keep nothing.
        if (
            not Verification.objects.select_for_update()
            .filter(pk=verification.pk, status=Verification.Status.CHECKING)
            .exists()
        ):
            return verification
        verification.status = Verification.Status.PENDING
        verification.stage, verification.progress, verification.error = "Done", 1.0, ""
        verification.scores = analysis.scores()
        verification.encoding = list(analysis.encoding)
        if closest is not None and distance < IMPERSONATION_DISTANCE:
            verification.match, verification.match_distance = closest, distance
        verification.portrait.save("portrait.jpg", ContentFile(analysis.portrait_jpeg), save=False)
        verification.save()
        if settings.SORA_CAMEO_AUTO_APPROVE and analysis.passed_with_margin and not verification.flagged:
            verification_approve(verification=verification, reviewer=None)
    return verification


@transaction.atomic
def verification_approve(*, verification: Verification, reviewer: AbstractBaseUser | None) -> Cameo:
    """Make (or refresh) the user's cameo from this recording's portrait and encoding."""
    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.status != Verification.Status.PENDING:
        raise ValidationError(
            f"Only a verification waiting for review can be approved; this one is "
            f"{verification.get_status_display().lower()}."
        )
    cameo = Cameo.objects.select_related("verification").filter(owner_id=verification.user_id).first()
    old_portrait = cameo.portrait.name if cameo else ""
    if cameo is None:
        cameo = Cameo(owner_id=verification.user_id)
    elif cameo.verification is not None and cameo.verification.pk != verification.pk:
        # Recorded again: the superseded recording is no longer needed by anyone.
        _biometrics_delete(cameo.verification)
    cameo.encoding = verification.encoding
    cameo.verification = verification
    with verification.portrait.open("rb") as portrait:
        cameo.portrait.save("portrait.jpg", ContentFile(portrait.read()), save=False)
    cameo.save()
    if old_portrait and old_portrait != cameo.portrait.name:
        cameo.portrait.storage.delete(old_portrait)
    verification.status = Verification.Status.APPROVED
    verification.reviewed_by, verification.reviewed_at = reviewer, timezone.now()
    verification.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    notifications_send(
        recipients=[verification.user_id],
        kind=Notification.Kind.CAMEO_REVIEWED,
        text="Your cameo is approved. Choose who may use it under Cameo.",
        url=reverse("cameo:home"),
    )
    return cameo


@transaction.atomic
def verification_reject(
    *, verification: Verification, reviewer: AbstractBaseUser, reason: str
) -> Verification:
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give a reason: the user sees it and needs to know what to fix.")
    verification = Verification.objects.select_for_update().get(pk=verification.pk)
    if verification.status != Verification.Status.PENDING:
        raise ValidationError("Only a verification waiting for review can be rejected.")
    verification.status = Verification.Status.REJECTED
    verification.review_reason = reason
    verification.reviewed_by, verification.reviewed_at = reviewer, timezone.now()
    verification.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    _biometrics_delete(verification)  # a rejected recording is of no further use
    notifications_send(
        recipients=[verification.user_id],
        kind=Notification.Kind.CAMEO_REVIEWED,
        text=f"Your cameo wasn't approved: {reason}",
        url=reverse("cameo:verification", args=[verification.pk]),
    )
    verification.refresh_from_db()
    return verification


# --- Consent settings ---------------------------------------------------------------------------


@transaction.atomic
def cameo_update(*, cameo: Cameo, enabled: bool, tier: str, preferences: str, voice: str) -> Cameo:
    cameo.enabled, cameo.tier, cameo.preferences, cameo.voice = enabled, tier, preferences.strip(), voice
    cameo.full_clean(exclude=["portrait", "encoding", "verification"])
    cameo.save(update_fields=["enabled", "tier", "preferences", "voice", "updated_at"])
    transaction.on_commit(lambda: jobs_stop_without_consent(cameo=cameo))
    return cameo


def cameo_approve_user(*, cameo: Cameo, handle: str) -> AbstractBaseUser:
    handle = handle.strip().lstrip("@")
    user = get_user_model().objects.filter(username__iexact=handle).first() if handle else None
    if user is None:
        raise ValidationError(f"No one here is called @{handle}." if handle else "Type a @handle to add.")
    if user.pk == cameo.owner_id:
        raise ValidationError("You can always use your own cameo; no need to add yourself.")
    cameo.approved_users.add(user)
    return user


@transaction.atomic
def cameo_unapprove_user(*, cameo: Cameo, user: AbstractBaseUser) -> None:
    cameo.approved_users.remove(user)
    transaction.on_commit(lambda: jobs_stop_without_consent(cameo=cameo))


# --- Appearances (hooks from generation) --------------------------------------------------------


def appearances_attach(*, job: Job) -> list[Appearance]:
    """At submit: check consent for each @handle, freeze the likenesses into the spec, record who
    appears and tell them. Raises JobRefused (the whole submit rolls back) when any is refused.
    """
    handles = handles_in(job.prompt)
    if not handles:
        return []
    owner = job.owner
    problems = [problem for handle in handles if (problem := cameo_refusal(handle=handle, user=owner))]
    if problems:
        raise JobRefused(" ".join(problems))
    limit = settings.SORA_CAMEOS_PER_VIDEO
    if len(handles) > limit:
        raise JobRefused(f"A video can feature up to {limit} cameos; this prompt has {len(handles)}.")
    # In the prompt's order; handles match usernames in any case, as cameo_refusal does.
    cameos = [Cameo.objects.select_related("owner").get(owner__username__iexact=handle) for handle in handles]
    job.spec["references"] = [
        {
            "name": f"@{cameo.handle}",
            "image": cameo.portrait.name,
            "voice": cameo.voice,
            "notes": cameo.preferences,
            # Travels in the video's Content Credentials: which consent allowed this likeness.
            "consent": (
                f"cameo {cameo.pk} (verification {cameo.verification_id}), "
                f"open to: {cameo.get_tier_display()}, checked {timezone.now():%Y-%m-%d %H:%M} UTC"
            ),
        }
        for cameo in cameos
    ]
    job.save(update_fields=["spec"])
    appearances = Appearance.objects.bulk_create(
        [Appearance(job=job, owner_id=cameo.owner_id, cameo=cameo) for cameo in cameos]
    )
    likeness_use_notify(
        owner_ids=[cameo.owner_id for cameo in cameos],
        by=owner,
        text=f"@{owner.username} used your cameo: “{job.prompt[:120]}”",
    )
    return appearances


def likeness_use_notify(*, owner_ids: list[int], by: AbstractBaseUser, text: str) -> None:
    """Every use of a likeness is told to its owner (drafts included), except to oneself."""
    if owner_ids:
        notifications_send(
            recipients=owner_ids,
            kind=Notification.Kind.CAMEO_USED,
            text=text,
            url=reverse("cameo:videos"),
            actor=by,  # never told to themselves
        )


def appearances_inherit(*, job: Job, parent: Job) -> list[Appearance]:
    """A remix keeps its parent's likenesses: its owners co-own it too (revoking reaches it)."""
    kept = Appearance.objects.filter(job=parent, removed_at=None).exclude(
        owner_id__in=job.appearances.values("owner")
    )
    return Appearance.objects.bulk_create(
        [Appearance(job=job, owner_id=a.owner_id, cameo_id=a.cameo_id) for a in kept]
    )


def appearance_refusal(appearance: Appearance, *, user: AbstractBaseUser) -> str | None:
    """Why this person's likeness may no longer be in `user`'s video, in words for them; None if it may."""
    handle = appearance.owner.username
    if appearance.is_removed:
        return f"@{handle} removed their likeness from this video."
    cameo = appearance.cameo
    if cameo is None or not cameo_may_use(cameo=cameo, user=user):
        return cameo_refusal(handle=handle, user=user) or f"@{handle}'s cameo is no longer available."
    return None


def appearances_recheck(*, job: Job) -> None:
    """At worker start: consent may have been withdrawn while the job was queued."""
    for appearance in Appearance.objects.filter(job=job).select_related("cameo", "owner"):
        if reason := appearance_refusal(appearance, user=job.owner):
            raise JobRefused(f"{reason} This changed after you submitted, so the video was not made.")


def appearances_check_publishable(*, job: Job, user: AbstractBaseUser) -> None:
    """Before a draft goes public: everyone in it must allow its creator now, not only at render."""
    for appearance in Appearance.objects.filter(job=job).select_related("cameo", "owner"):
        if reason := appearance_refusal(appearance, user=user):
            raise PublishRefused(
                f"{reason} This changed after the video was made, so it can't be published; "
                "it stays in your drafts."
            )


def jobs_stop_without_consent(*, cameo: Cameo) -> int:
    """Stop every unfinished render with this likeness whose creator it no longer allows.

    Called once a change of consent commits: switched off, a narrower tier, someone taken off
    the list, an unfollow under "mutuals". A queued job fails at once; a running one stops at its
    next progress step (the worker's cancel check reads the row) and keeps nothing.
    Returns how many were stopped.
    """
    # The rows as committed (a cameo deleted meanwhile simply has no appearances left).
    active = Appearance.objects.filter(cameo_id=cameo.pk, removed_at=None, job__status__in=Job.ACTIVE)
    stopped = 0
    for appearance in active.select_related("cameo", "job__owner", "owner"):
        job = appearance.job
        if reason := appearance_refusal(appearance, user=job.owner):
            job_fail(
                job=job, reason=f"{reason} This changed while your video was being made, so it was stopped."
            )
            stopped += 1
    return stopped


# --- Co-ownership: removal ----------------------------------------------------------------------


@transaction.atomic
def appearance_remove(*, appearance: Appearance) -> Appearance:
    """The person in a video takes it down: unfinished renders stop, the post leaves the feed."""
    if appearance.is_removed:
        return appearance
    handle = appearance.owner.username
    reason = f"@{handle} removed this video because it features their cameo."
    appearance.removed_at, appearance.removed_reason = timezone.now(), reason
    appearance.save(update_fields=["removed_at", "removed_reason"])
    _take_down(job_ids=[appearance.job_id], reason=reason, by=appearance.owner_id)
    return appearance


def cameo_revoke_everywhere(*, cameo: Cameo) -> int:
    """Switch the cameo off, stop queued renders with it and unpublish every video featuring it
    (remixes of those included: they carry the parent's appearances). Returns videos affected.
    """
    reason = f"@{cameo.handle} withdrew consent for their cameo, so this video was removed."
    with transaction.atomic():
        Cameo.objects.filter(pk=cameo.pk).update(enabled=False, updated_at=timezone.now())
        cameo.enabled = False
        appearances = Appearance.objects.filter(owner_id=cameo.owner_id, removed_at=None)
        job_ids = list(appearances.values_list("job_id", flat=True))
        appearances.update(removed_at=timezone.now(), removed_reason=reason)
    _take_down(job_ids=job_ids, reason=reason, by=cameo.owner_id)
    return len(job_ids)


def _take_down(*, job_ids: list[int], reason: str, by: int) -> None:
    for job in Job.objects.filter(pk__in=job_ids, status__in=Job.ACTIVE):
        job_fail(job=job, reason=reason)
    removed = posts_remove(job_ids=job_ids, reason=reason)
    creators = {post.author_id for post in removed} | set(
        Job.objects.filter(pk__in=job_ids).exclude(owner_id=by).values_list("owner_id", flat=True)
    )
    creators.discard(by)
    notifications_send(
        recipients=creators, kind=Notification.Kind.VIDEO_REMOVED, text=reason, url=reverse("feed:drafts")
    )


# --- Deletion -----------------------------------------------------------------------------------


def cameo_delete(*, user: AbstractBaseUser) -> int:
    """Delete the user's cameo and every recording, portrait and encoding ever taken of them.

    Queued renders that would use the likeness fail; finished videos stay listed under
    "Videos with me", so they can still be removed. Returns how many files were deleted.
    """
    cameo = Cameo.objects.filter(owner=user).first()
    reason = f"@{user.get_username()} deleted their cameo, so this video can't be made."
    active = Job.objects.filter(appearances__owner=user, status__in=Job.ACTIVE).distinct()
    for job in active:
        job_fail(job=job, reason=reason)
    files = []
    with transaction.atomic():
        verifications = list(Verification.objects.filter(user=user))
        for verification in verifications:
            files += [verification.recording, verification.portrait]
        if cameo is not None:
            files.append(cameo.portrait)
            cameo.delete()
        Verification.objects.filter(user=user).delete()
        Challenge.objects.filter(user=user).delete()
        # Files go only once their rows are gone for good, so a failure leaves nothing dangling.
        names = [(f.storage, f.name) for f in files if f]
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
    return len(names)


# --- Your data: the cameo's part of an export and of deleting an account (issue 20) ------------

CAMEO_EXPORT_README = """\
This folder is your cameo: your likeness as this site keeps it.

portrait.jpg             The portrait taken from your approved recording. It is what the engines
                         put in videos that feature you.
verification-<id>/       Each verification recording you made that is still kept (the one your
                         cameo was approved from, or one waiting for review), with the portrait
                         taken from it. Recordings that failed or were rejected are never kept.

data.json's "cameo" section holds your settings: whether the cameo is on, who may use it (the
tier, and the people you approved), your notes for the engines, your voice, your face encoding
(128 numbers the site compares faces with), each verification's checks, and the videos you
appear in.

These are biometric data: keep this folder safe, and share it with no one.
"""


def cameo_export(*, user: AbstractBaseUser, archive: ExportArchive) -> None:
    """Add the person's cameo to their data export: settings to data.json, and their recordings
    and portraits (private storage) under cameo/, with a README saying what they are."""
    cameo = Cameo.objects.filter(owner=user).prefetch_related("approved_users").first()
    verifications = list(Verification.objects.filter(user=user).order_by("created_at", "pk"))
    appearances = Appearance.objects.filter(owner=user).select_related("job__owner", "job__post")
    section = {"cameo": None, "verifications": [], "appearances": []}
    if cameo is not None:
        section["cameo"] = {
            "enabled": cameo.enabled,
            "tier": cameo.tier,
            "approved_users": sorted(person.username for person in cameo.approved_users.all()),
            "preferences": cameo.preferences,
            "voice": cameo.voice,
            "face_encoding": cameo.encoding,
            "created_at": cameo.created_at,
            "updated_at": cameo.updated_at,
            "portrait": archive.add_file("cameo/portrait.jpg", cameo.portrait),
            "approved_from_verification": cameo.verification_id,
        }
    for verification in verifications:
        folder = f"cameo/verification-{verification.pk}"
        suffix = Path(verification.recording.name).suffix or ".mp4"
        section["verifications"].append(
            {
                "verification_id": verification.pk,
                "status": verification.status,
                "error": verification.error,
                "review_reason": verification.review_reason,
                "checks": verification.scores,
                "created_at": verification.created_at,
                "reviewed_at": verification.reviewed_at,
                "recording": archive.add_file(f"{folder}/recording{suffix}", verification.recording),
                "portrait": archive.add_file(f"{folder}/portrait.jpg", verification.portrait),
            }
        )
    for appearance in appearances:
        post = getattr(appearance.job, "post", None)
        section["appearances"].append(
            {
                "job_id": appearance.job_id,
                "by": appearance.job.owner.username,
                "post_id": post.pk if post else None,
                "url": post.get_absolute_url() if post else None,
                "removed_at": appearance.removed_at,
                "removed_reason": appearance.removed_reason,
            }
        )
    archive.data["cameo"] = section
    if any(name.startswith("cameo/") for name in archive.names):
        archive.add_text("cameo/README.txt", CAMEO_EXPORT_README)


ACCOUNT_DELETED_REASON = "Someone in this video deleted their account, so it was removed."


def cameo_account_delete(*, user: AbstractBaseUser) -> int:
    """The person deletes their account: every video that shows them comes down, as with "Revoke
    and remove everywhere" (creators told why, without the handle of an account that is gone),
    then the cameo and every recording, portrait and encoding go (cameo_delete, whose files are
    deleted once the caller's transaction commits). Returns the videos taken down."""
    with transaction.atomic():
        Cameo.objects.filter(owner=user).update(enabled=False, updated_at=timezone.now())
        appearances = Appearance.objects.filter(owner=user, removed_at=None)
        job_ids = list(appearances.values_list("job_id", flat=True))
        appearances.update(removed_at=timezone.now(), removed_reason=ACCOUNT_DELETED_REASON)
        _take_down(job_ids=job_ids, reason=ACCOUNT_DELETED_REASON, by=user.pk)
        cameo_delete(user=user)
    return len(job_ids)
