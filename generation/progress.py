"""Job progress: saved on the row and pushed as an HTML fragment to the job's Channels group."""

import asyncio
import logging
import threading
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import OperationalError
from django.template.loader import render_to_string

from .models import Job

logger = logging.getLogger(__name__)

STATUS_TEMPLATE = "generation/_job_status.html"
# Live updates are best effort: one may take this long before it is given up, and after a
# failure none is tried for a while, so a render never waits on a Redis that is away.
PUBLISH_TIMEOUT = 2.0
PUBLISH_PAUSE = 5.0
_paused_until = 0.0
_pause_lock = threading.Lock()


def render_status(job: Job, request=None) -> str:
    return render_to_string(STATUS_TEMPLATE, {"job": job}, request=request)


def job_publish(*, job: Job) -> None:
    """Push the job's current status fragment to every page watching it."""
    fragment_publish(group=job.group_name, html=render_status(job))


def fragment_publish(*, group: str, html: str) -> None:
    """Send an HTML fragment to a Channels group of pages (an OwnStatusConsumer streams it)."""
    global _paused_until
    layer = get_channel_layer()
    if layer is None or time.monotonic() < _paused_until:
        return
    try:
        async_to_sync(_send)(layer, group, {"type": "status.update", "html": html})
    except Exception as exc:
        # Live updates are a nicety: the polling fallback still shows the truth from the row.
        with _pause_lock:
            quiet = time.monotonic() < _paused_until + PUBLISH_PAUSE  # still the same outage
            _paused_until = time.monotonic() + PUBLISH_PAUSE
        if quiet:
            logger.info("Could not publish progress to %s (%s)", group, type(exc).__name__)
        else:
            logger.warning("Could not publish progress to %s", group, exc_info=True)


async def _send(layer, group: str, message: dict) -> None:
    await asyncio.wait_for(layer.group_send(group, message), PUBLISH_TIMEOUT)


class ProgressReporter:
    """Called by the pipeline with (stage, fraction); saves and publishes at a humane rate."""

    def __init__(self, job: Job, *, min_interval: float = 0.25, min_step: float = 0.02) -> None:
        self.job = job
        self.min_interval = min_interval
        self.min_step = min_step
        self._last_time = 0.0
        self._last_progress = -1.0

    def __call__(self, stage: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        now = time.monotonic()
        changed_stage = stage != self.job.stage
        if not changed_stage and (
            now - self._last_time < self.min_interval or fraction - self._last_progress < self.min_step
        ):
            return
        self._last_time, self._last_progress = now, fraction
        # Only while running: a cancel that just landed must not be painted over.
        try:
            saved = Job.objects.filter(pk=self.job.pk, status=Job.Status.RUNNING).update(
                stage=stage, progress=fraction
            )
        except OperationalError:
            # A database busy for a moment (SQLite while a batch polls its jobs) must not fail
            # the render over a progress bar: the next report tries again.
            logger.warning("Could not save the progress of job %s", self.job.pk, exc_info=True)
            self._last_time, self._last_progress = 0.0, -1.0
            return
        if saved:
            self.job.stage, self.job.progress = stage, fraction
            job_publish(job=self.job)
