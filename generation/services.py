"""Writes for generation jobs: create, enqueue, and the sweep for jobs stored while Redis was away."""

import hashlib
import json
import logging
import secrets
from datetime import timedelta

import django_rq
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Callback, Retry
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job as RQJob

from .models import Job
from .progress import job_publish
from .signals import job_created, job_failed

logger = logging.getLogger(__name__)

RENDER_QUEUE = "video"
QUEUE_DOWN_MESSAGE = (
    "The render queue is unreachable right now. Your prompt is saved and will start "
    "automatically as soon as the queue is back."
)


def job_fingerprint(
    *, owner: AbstractBaseUser, prompt: str, duration: int, orientation: str, seed: int | None = None
) -> str:
    """What makes two requests "the same video": owner, prompt (spacing aside) and options.

    A seed left to chance is not part of it, so re-running a batch without seeds still skips.
    """
    key = [owner.pk, " ".join(prompt.split()), int(duration), orientation, seed]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()


@transaction.atomic
def job_create(
    *,
    owner: AbstractBaseUser,
    prompt: str,
    duration: int,
    orientation: str,
    seed: int | None = None,
    parent: Job | None = None,
    parent_strength: float = 0.6,
) -> Job:
    """Store and queue a render. Raises ``JobRefused`` (nothing stored) when a receiver of
    ``job_created`` refuses it, e.g. a cameo its owner has not consented to.

    With a finished ``parent``, the render is a variation of it (a remix): the parent's clip
    goes to the engine (video-to-video at ``parent_strength``: 0 keeps it, 1 ignores it).
    """
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
    transaction.on_commit(lambda: job_enqueue(job=job))
    return job


def job_enqueue(*, job: Job) -> bool:
    """Put the job on the render queue; on a Redis failure keep it WAITING with a clear message."""
    from .tasks import render_abandoned, render_job

    try:
        django_rq.get_queue(RENDER_QUEUE).enqueue(
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
        rq_job = RQJob.fetch(job.rq_job_id, connection=django_rq.get_connection(RENDER_QUEUE))
        if rq_job.get_status() in ("queued", "deferred", "scheduled"):
            rq_job.cancel()
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
    """Render a failed or cancelled job again, with the same spec (and so the same seed)."""
    retried = Job.objects.filter(pk=job.pk, status__in=Job.RETRYABLE).update(
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
