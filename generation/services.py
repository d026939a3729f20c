"""Writes for generation jobs: create, enqueue, and the sweep for jobs stored while Redis was away."""

import hashlib
import json
import logging
import math
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

import django_rq
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from redis.exceptions import RedisError
from rq import Callback, Retry
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Dependency
from rq.job import Job as RQJob

from .models import Appeal, Job, PolicyCategory, PolicyDecision
from .moderation import Custom, Verdict, prompt_check, prompt_vector
from .progress import job_publish
from .queues import job_queue_name
from .selectors import QUOTA_DAY, jobs_counted_today, jobs_in_progress, public_figures, quota_limits_for
from .signals import JobRefused, appeal_decided, job_created, job_failed

logger = logging.getLogger(__name__)

QUEUE_DOWN_MESSAGE = (
    "The render queue is unreachable right now. Your prompt is saved and will start "
    "automatically as soon as the queue is back."
)


class QuotaExceeded(JobRefused):
    """A video over its owner's quota. `retry_at`: when the next one may start (None: once one of
    the videos in progress is done)."""

    def __init__(self, message: str, *, limit: str, retry_at: datetime | None) -> None:
        super().__init__(message)
        self.limit, self.retry_at = limit, retry_at

    def retry_after(self) -> int | None:
        """Whole seconds until the next video may start (HTTP's Retry-After), if known."""
        if self.retry_at is None:
            return None
        return max(1, math.ceil((self.retry_at - timezone.now()).total_seconds()))


def quota_check(*, owner: AbstractBaseUser, now: datetime | None = None) -> None:
    """Raise QuotaExceeded when one more video would pass the owner's limits.

    Call it inside the transaction that creates the video, after locking the owner's row
    (`owner_lock`), so two submits at once can't both take the last place.
    """
    now = now or timezone.now()
    limits = quota_limits_for(user=owner)
    if not limits.per_day or not limits.at_once:  # staff set a limit of 0 in the admin
        raise QuotaExceeded(
            "Making videos is turned off for your account. Ask the operator if that's a mistake.",
            limit="off",
            retry_at=None,
        )
    busy = jobs_in_progress(user=owner).count()
    if busy >= limits.at_once:
        raise QuotaExceeded(
            f"You already have {_videos(busy)} queued or rendering, and {limits.at_once} at once is "
            "your limit. Submit this one as soon as one of them is done (or cancel one).",
            limit="at_once",
            retry_at=None,
        )
    counted = list(jobs_counted_today(user=owner, now=now).values_list("submitted_at", flat=True))
    if len(counted) >= limits.per_day:
        # The place that frees first: the oldest of the videos that keep the count at the limit.
        retry_at = counted[limits.per_day - 1] + QUOTA_DAY
        # Rounded up to the minute: "in 29 minutes" with 29:59 to go would send them back too soon.
        wait = timeuntil(retry_at + timedelta(seconds=59), now, depth=2)
        raise QuotaExceeded(
            f"You've asked for {_videos(len(counted))} in the last 24 hours, and {limits.per_day} "
            f"a day is your limit. Your next one can start in {wait} "
            f"(at {timezone.localtime(retry_at):%H:%M %Z}).",
            limit="per_day",
            retry_at=retry_at,
        )


def _videos(count: int) -> str:
    return f"{count} video{'' if count == 1 else 's'}"


def owner_lock(*, owner: AbstractBaseUser) -> None:
    """Lock the owner's row until the transaction ends: their submits take turns at the quota."""
    users = get_user_model()._default_manager
    list(users.select_for_update().filter(pk=owner.pk).values_list("pk", flat=True))


def job_fingerprint(
    *, owner: AbstractBaseUser, prompt: str, duration: int, orientation: str, seed: int | None = None
) -> str:
    """What makes two requests "the same video": owner, prompt (spacing aside) and options.

    A seed left to chance is not part of it, so re-running a batch without seeds still skips.
    """
    key = [owner.pk, " ".join(prompt.split()), int(duration), orientation, seed]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()


def job_create(
    *,
    owner: AbstractBaseUser,
    prompt: str,
    duration: int,
    orientation: str,
    seed: int | None = None,
    parent: Job | None = None,
    parent_strength: float = 0.6,
    quota: bool = True,
) -> Job:
    """Store and queue a render. Raises ``JobRefused`` (nothing stored) when a receiver of
    ``job_created`` refuses it, e.g. a cameo its owner has not consented to, and its subclasses
    ``QuotaExceeded`` when the owner's limits are reached (unless ``quota`` is False: an
    operator's explicit override) and ``PromptRefused`` when the prompt policy refuses it.

    With a finished ``parent``, the render is a variation of it (a remix): the parent's clip
    goes to the engine (video-to-video at ``parent_strength``: 0 keeps it, 1 ignores it).
    """
    # The policy's sentence vector takes about 10 ms, and seconds on a process's first use (the
    # model loads): made before the transaction, which on SQLite holds the database's write lock.
    prompt_vector(prompt.strip())
    return _job_store(
        owner=owner, prompt=prompt, duration=duration, orientation=orientation, seed=seed,
        parent=parent, parent_strength=parent_strength, quota=quota,
    )  # fmt: skip


@transaction.atomic
def _job_store(
    *, owner, prompt, duration, orientation, seed, parent, parent_strength, quota
) -> Job:
    job = Job(
        owner=owner,
        prompt=prompt.strip(),
        duration=duration,
        orientation=orientation,
        seed=secrets.randbelow(2**31) if seed is None else seed,
        video_engine=settings.SORA_VIDEO_ENGINE,
        audio_engine=settings.SORA_AUDIO_ENGINE,
        fingerprint=job_fingerprint(
            owner=owner, prompt=prompt, duration=duration, orientation=orientation, seed=seed
        ),
    )
    job.full_clean(exclude=["spec"])
    if quota:
        owner_lock(owner=owner)
        quota_check(owner=owner)
    width, height = job.frame_size
    job.spec = {
        "prompt": job.prompt,
        "duration": job.duration,
        "width": width,
        "height": height,
        "fps": 24,
        "seed": job.seed,
        "handle": owner.get_username(),
    }
    if parent is not None:
        if not parent.video:
            raise ValueError("A remix needs a finished parent video.")
        job.spec["parent_video"] = parent.video.name  # a storage name; the worker fetches it
        job.spec["parent_strength"] = min(max(float(parent_strength), 0.0), 1.0)
        job.spec["parent_prompt"] = parent.prompt
    job.save()
    job_created.send(sender=Job, job=job)
    prompt_review(job=job)  # after the cameo hook: a public figure's own consented @handle counts
    transaction.on_commit(lambda: job_enqueue(job=job))
    return job


def job_enqueue(*, job: Job) -> bool:
    """Put the job on its render queue (the GPU or the CPU one, by what its engines need:
    generation/queues.py); on a Redis failure keep it WAITING with a clear message."""
    from .tasks import render_abandoned, render_job

    # Fairness: a person's videos render one after another. Each waits (RQ "deferred") for the
    # owner's latest video in the queue, and RQ puts it at the back of the queue once that one
    # ends, however it ends: behind everyone else's videos queued meanwhile. So someone with 30
    # videos queued delays another person's first by one render at most. RQ's dependencies are by
    # job id, so this holds across queues: a GPU render may wait for the owner's CPU one.
    before = (
        Job.objects.filter(owner_id=job.owner_id, status__in=(Job.Status.QUEUED, Job.Status.RUNNING))
        .exclude(pk=job.pk)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    try:
        django_rq.get_queue(job_queue_name(job=job)).enqueue(
            render_job,
            job.pk,
            job_id=job.rq_job_id,
            job_timeout=settings.SORA_RENDER_TIMEOUT,
            result_ttl=3600,
            failure_ttl=7 * 24 * 3600,
            # RQ calls this when the worker died mid-render (its job is found abandoned) or was
            # stopped mid-render; the retry then puts the job back at the front of the queue, once.
            on_failure=Callback(render_abandoned),
            retry=Retry(max=1, enqueue_at_front=True),
            # A dependency RQ no longer knows (its record expired) counts as met.
            depends_on=Dependency(jobs=[before.rq_job_id], allow_failure=True) if before else None,
        )
    except RedisError as exc:
        logger.warning("Could not enqueue job %s: %s", job.pk, exc)
        Job.objects.filter(pk=job.pk, status__in=[Job.Status.QUEUED, Job.Status.WAITING]).update(
            status=Job.Status.WAITING, error=QUEUE_DOWN_MESSAGE
        )
        job.status, job.error = Job.Status.WAITING, QUEUE_DOWN_MESSAGE
        return False
    # Only a job still waiting changes state: the worker may already have claimed it.
    if Job.objects.filter(pk=job.pk, status=Job.Status.WAITING).update(status=Job.Status.QUEUED, error=""):
        job.status, job.error = Job.Status.QUEUED, ""
    return True


def jobs_enqueue_waiting(*, now=None) -> int:
    """Retry jobs stored while Redis was unreachable; fail those that waited past the window.

    Returns how many were enqueued. Called by the worker as it starts and between jobs, and by
    a job's status poll, so a job resumes as soon as anything notices the queue is back.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.SORA_QUEUE_RETRY_WINDOW)
    expired = Job.objects.filter(status=Job.Status.WAITING, created_at__lt=cutoff)
    minutes = max(1, settings.SORA_QUEUE_RETRY_WINDOW // 60)
    expired.update(
        status=Job.Status.FAILED,
        finished_at=now,
        error=f"The render queue stayed unreachable for {minutes} minutes, so this video was not "
        "made. Try again.",
    )
    enqueued = 0
    for job in Job.objects.filter(status=Job.Status.WAITING).order_by("created_at"):
        if not job_enqueue(job=job):
            break  # still down: the rest would fail the same way
        enqueued += 1
    return enqueued


def job_fail(*, job: Job, reason: str) -> None:
    """Mark the job failed with a reason fit for its owner, and tell listeners and watchers."""
    failed = Job.objects.filter(pk=job.pk, status__in=Job.ACTIVE).update(
        status=Job.Status.FAILED, error=reason, finished_at=timezone.now(), video="", poster=""
    )
    job.refresh_from_db()
    if not failed:
        return  # it ended meanwhile (e.g. its owner cancelled it): that outcome stands
    job_failed.send(sender=Job, job=job)
    job_publish(job=job)


WORKER_LOST_REQUEUED = (
    "The render worker stopped while making this video, so it was put back in the queue to be made again."
)
WORKER_LOST_FAILED = (
    "The render worker stopped while making this video, also on its second try, so it was given up. "
    "Try again, and tell the operator if it keeps happening."
)


def job_worker_lost(*, job: Job, retrying: bool) -> None:
    """The worker rendering this job died or was stopped mid-render.

    With the queue's retry to come, the job waits in the queue again (its page says why);
    without, it fails with a reason. A job that ended meanwhile keeps its outcome.
    """
    if not retrying:
        job_fail(job=job, reason=WORKER_LOST_FAILED)
        return
    requeued = Job.objects.filter(pk=job.pk, attempt=job.attempt, status__in=Job.ACTIVE).update(
        status=Job.Status.QUEUED, stage="", progress=0.0, started_at=None, error=WORKER_LOST_REQUEUED
    )
    job.refresh_from_db()
    if requeued:
        logger.warning("Job %s: its worker stopped mid-render; queued again", job.pk)
        job_publish(job=job)


class JobStateError(Exception):
    """The job is not in a state that allows this action; the message says why, for the user."""


def job_cancel(*, job: Job) -> Job:
    """Stop a queued or running job. The worker notices within a second and removes its files."""
    now = timezone.now()
    cancelled = Job.objects.filter(pk=job.pk, status__in=Job.ACTIVE).update(
        status=Job.Status.CANCELLED, stage="Cancelled", error="", finished_at=now
    )
    job.refresh_from_db()
    if not cancelled:
        raise JobStateError(_NOT_ACTIVE.get(job.status, "This video can't be cancelled now."))
    try:
        # A job still on the queue is dropped there; one already running stops itself (the
        # worker is mid-call, so RQ's own record of it is left for the worker to close).
        rq_job = RQJob.fetch(job.rq_job_id, connection=django_rq.get_connection(job_queue_name(job=job)))
        if rq_job.get_status() in ("queued", "deferred", "scheduled"):
            rq_job.cancel(enqueue_dependents=True)  # the owner's next video goes on
    except (NoSuchJobError, InvalidJobOperation, RedisError) as exc:
        # The row already says cancelled: the worker skips or stops the job either way.
        logger.info("Job %s cancelled; its queue entry was not removed: %s", job.pk, exc)
    job_publish(job=job)
    return job


_NOT_ACTIVE = {
    Job.Status.SUCCEEDED: "This video has already finished, so there is nothing to cancel.",
    Job.Status.FAILED: "This video has already failed, so there is nothing to cancel.",
    Job.Status.CANCELLED: "This video was already cancelled.",
}


@transaction.atomic
def job_retry(*, job: Job) -> Job:
    """Render a failed or cancelled job again, with the same spec (and so the same seed).

    It is asked for again, so the quota counts it (QuotaExceeded when that would pass a limit)."""
    if job.status in Job.RETRYABLE:
        owner_lock(owner=job.owner)
        quota_check(owner=job.owner)
    retried = Job.objects.filter(pk=job.pk, status__in=Job.RETRYABLE).update(
        submitted_at=timezone.now(),
        status=Job.Status.QUEUED,
        stage="",
        progress=0.0,
        error="",
        started_at=None,
        finished_at=None,
        render_info={},
        video="",
        poster="",
        attempt=models.F("attempt") + 1,
    )
    job.refresh_from_db()
    if not retried:
        if job.status == Job.Status.SUCCEEDED:
            raise JobStateError("This video has already finished.")
        raise JobStateError("This video is still being made.")
    transaction.on_commit(lambda: job_enqueue(job=job))
    return job


# --- The prompt policy (generation/moderation.py) -------------------------------------------------


class PromptRefused(JobRefused):
    """A prompt the policy refuses; `verdict` says which category, how sure, and what matched."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(policy_message(verdict))
        self.verdict = verdict


def policy_message(verdict: Verdict) -> str:
    if verdict.category == "public_figure" and not verdict.figures:
        # Read by meaning, not by name: a description ("the actor who played Iron Man").
        return (
            "This prompt reads as describing a real public figure. A video may show a real person only "
            "through their own cameo here, with their consent: if they have one and allow you, use their "
            "@handle. If you meant no one real, ask for a review."
        )
    if verdict.category == "public_figure":
        return (
            f"This prompt names {' and '.join(verdict.figures)}, a real public figure. A video may show a "
            "real person only through their own cameo here, with their consent: if they have one and allow "
            "you, use their @handle."
        )
    if not verdict.appealable:
        return f"This prompt asks for {verdict.label}, which is never made here."
    if not verdict.certain:
        return (
            f"This prompt was refused: it reads as asking for {verdict.label}, which this app doesn't make. "
            "If it doesn't, ask for a review."
        )
    return f"This prompt was refused: it asks for {verdict.label}, which this app doesn't make."


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def prompt_verdict(*, prompt: str, allowed_handles: Iterable[str] = ()) -> Verdict:
    """The policy's verdict, with the public figures and the operator's categories staff keep."""
    figures = public_figures()
    customs = [
        Custom(c.key, c.label, _lines(c.words), _lines(c.examples))
        for c in PolicyCategory.objects.filter(enabled=True)
    ]
    return prompt_check(
        prompt,
        figures=figures,
        allowed_handles=allowed_handles,
        customs=customs,
        threshold=settings.SORA_MODERATION_THRESHOLD,
        thresholds=settings.SORA_MODERATION_THRESHOLDS,
        short=settings.SORA_MODERATION_SHORT,
        weak=settings.SORA_MODERATION_WEAK,
        multilingual=settings.SORA_MODERATION_MULTILINGUAL,
        vector=prompt_vector(prompt),
    )


def _same_prompt(a: str, b: str) -> bool:
    return " ".join(a.split()).lower() == " ".join(b.split()).lower()


def prompt_review(*, job: Job) -> None:
    """At submit, once the cameo hook has attached the likenesses it checked: raise PromptRefused,
    unless staff allowed this very prompt once (the allowance is then used up)."""
    handles = [reference.get("name", "") for reference in job.spec.get("references", [])]
    verdict = prompt_verdict(prompt=job.prompt, allowed_handles=handles)
    if not verdict.refused:
        return
    allowance = next(
        (
            appeal
            for appeal in Appeal.objects.filter(user=job.owner, status=Appeal.Status.ALLOWED, used_at=None)
            if _same_prompt(appeal.prompt, job.prompt)
        ),
        None,
    )
    if allowance is None or not verdict.appealable:
        raise PromptRefused(verdict)
    Appeal.objects.filter(pk=allowance.pk).update(used_at=timezone.now())
    job.spec["allowed_by_appeal"] = allowance.pk
    job.save(update_fields=["spec"])


def prompt_recheck(*, job: Job) -> None:
    """In the worker, before rendering: the policy (or its lists) may have changed while the job
    waited. Raises PromptRefused, recorded; a prompt staff allowed stays allowed."""
    if job.spec.get("allowed_by_appeal"):
        return
    handles = [reference.get("name", "") for reference in job.spec.get("references", [])]
    verdict = prompt_verdict(prompt=job.prompt, allowed_handles=handles)
    if verdict.refused:
        refusal = PromptRefused(verdict)
        policy_refusal_record(user=job.owner, prompt=job.prompt, refusal=refusal, stage="worker")
        raise refusal


def policy_refusal_record(*, user: AbstractBaseUser, prompt: str, refusal: JobRefused, stage: str) -> None:
    """Record a refusal where it was finally caught (a submit's own transaction rolled back)."""
    if isinstance(refusal, PromptRefused):
        verdict = refusal.verdict
        PolicyDecision.objects.create(
            user=user, prompt=prompt, category=verdict.category, score=verdict.score,
            reason=verdict.reason[:300], stage=stage,
        )  # fmt: skip


class AppealRefused(Exception):
    """An appeal that can't be made; the message says why."""


def appeal_create(*, user: AbstractBaseUser, prompt: str, note: str = "") -> Appeal:
    """Ask staff to review a refused prompt (the policy is asked again: the page's word isn't
    taken). One pending appeal a prompt: asking twice returns the first."""
    verdict = prompt_verdict(prompt=prompt)  # outside the transaction: it may load the model
    if not verdict.refused:
        raise AppealRefused("This prompt isn't refused now: make the video.")
    if not verdict.appealable:
        raise AppealRefused(
            f"A prompt that asks for {verdict.label} can't be reviewed: it is never made here."
        )
    with transaction.atomic():
        owner_lock(owner=user)  # a double click makes one appeal
        pending = [
            a
            for a in Appeal.objects.filter(user=user, status=Appeal.Status.PENDING)
            if _same_prompt(a.prompt, prompt)
        ]
        if pending:
            return pending[0]
        return Appeal.objects.create(
            user=user, prompt=prompt, category=verdict.category, score=verdict.score,
            reason=verdict.reason[:300], note=note[:500],
        )  # fmt: skip


@transaction.atomic
def appeal_decide(*, appeal: Appeal, allow: bool, staff: AbstractBaseUser) -> bool:
    """Allow the prompt once, or uphold the refusal; recorded, and the person is told (the
    `appeal_decided` hook). False if it was already decided."""
    status = Appeal.Status.ALLOWED if allow else Appeal.Status.UPHELD
    decided = Appeal.objects.filter(pk=appeal.pk, status=Appeal.Status.PENDING).update(
        status=status, reviewed_by=staff, reviewed_at=timezone.now()
    )
    if not decided:
        return False
    appeal.refresh_from_db()
    PolicyDecision.objects.create(
        user=appeal.user, prompt=appeal.prompt, category=appeal.category, score=appeal.score,
        reason=appeal.reason, stage="review", decided_by=staff,
        outcome=PolicyDecision.Outcome.ALLOWED if allow else PolicyDecision.Outcome.UPHELD,
    )  # fmt: skip
    appeal_decided.send(sender=Appeal, appeal=appeal)
    return True
