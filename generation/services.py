"""Writes for generation jobs: create, enqueue, and the sweep for jobs stored while Redis was away."""

import logging
import secrets
from datetime import timedelta

import django_rq
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Callback

from .models import Job
from .progress import job_publish
from .signals import job_failed

logger = logging.getLogger(__name__)

RENDER_QUEUE = "video"
QUEUE_DOWN_MESSAGE = (
    "The render queue is unreachable right now. Your prompt is saved and will start "
    "automatically as soon as the queue is back."
)


@transaction.atomic
def job_create(
    *, owner: AbstractBaseUser, prompt: str, duration: int, orientation: str, seed: int | None = None
) -> Job:
    job = Job(
        owner=owner,
        prompt=prompt.strip(),
        duration=duration,
        orientation=orientation,
        seed=secrets.randbelow(2**31) if seed is None else seed,
        video_engine=settings.SORA_VIDEO_ENGINE,
        audio_engine=settings.SORA_AUDIO_ENGINE,
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
    job.save()
    transaction.on_commit(lambda: job_enqueue(job=job))
    return job


def job_enqueue(*, job: Job) -> bool:
    """Put the job on the render queue; on a Redis failure keep it WAITING with a clear message."""
    from .tasks import render_abandoned, render_job

    try:
        django_rq.get_queue(RENDER_QUEUE).enqueue(
            render_job,
            job.pk,
            job_id=f"render-{job.pk}",
            job_timeout=settings.SORA_RENDER_TIMEOUT,
            result_ttl=3600,
            failure_ttl=7 * 24 * 3600,
            # RQ calls this when the worker died mid-render (its job is found abandoned).
            on_failure=Callback(render_abandoned),
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
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED, error=reason, finished_at=timezone.now(), video="", poster=""
    )
    job.refresh_from_db()
    job_failed.send(sender=Job, job=job)
    job_publish(job=job)
