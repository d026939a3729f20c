"""The RQ job that renders one generation job, run by the worker."""

import logging
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from rq.timeouts import JobTimeoutException

from sora.storage import private_storage

from . import pipeline, provenance
from .engines.base import Cancelled, RenderError, RenderSpec
from .models import Job
from .progress import ProgressReporter, job_publish
from .services import WORKER_LOST_REQUEUED, job_fail, job_worker_lost, prompt_recheck
from .signals import JobRefused, job_started, job_succeeded

logger = logging.getLogger(__name__)


def render_job(job_id: int) -> str:
    # The worker is long-lived and does not fork per job: drop connections the database closed.
    close_old_connections()
    claimed = Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.WAITING]).update(
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        stage="Starting",
        progress=0.0,
        # A job queued again after its worker stopped keeps saying so while it renders.
        error=Case(When(error=WORKER_LOST_REQUEUED, then=Value(WORKER_LOST_REQUEUED)), default=Value("")),
    )
    if not claimed:
        return "skipped: not queued"  # already run, or failed while waiting
    job = Job.objects.get(pk=job_id)
    job_publish(job=job)
    try:
        # Consent may have been withdrawn while the job waited in the queue, and the policy (or
        # its lists of figures and categories) may have changed.
        job_started.send(sender=Job, job=job)
        prompt_recheck(job=job)
    except JobRefused as refusal:
        job_fail(job=job, reason=refusal.message)
        close_old_connections()
        return "refused"
    workdir = Path(tempfile.mkdtemp(prefix=f"sora-job-{job.pk}-"))
    saved: list = []
    try:
        spec = references_fetch(RenderSpec.from_dict(job.spec), workdir=workdir)
        spec = parent_fetch(spec, workdir=workdir)
        output = pipeline.render(
            spec,
            video_engine=job.video_engine,
            audio_engine=job.audio_engine,
            out_dir=workdir,
            on_progress=ProgressReporter(job),
            cancelled=CancelWatch(job.pk, attempt=job.attempt),
            mark=provenance.job_mark(job=job),
        )
        # Signed before it is stored: no unsigned copy is ever served (a failure fails the job).
        seconds = provenance.job_sign(
            job=job,
            video=output.video_path,
            info=output.info,
            parent=Path(spec.parent_video) if spec.parent_video else None,
        )
        output.info["stages"]["sign"] = round(seconds, 3)
        output.info["media"]["bytes"] = output.video_path.stat().st_size
        with output.video_path.open("rb") as video, output.poster_path.open("rb") as poster:
            job.video.save("video.mp4", File(video), save=False)
            saved.append(job.video)
            job.poster.save("poster.jpg", File(poster), save=False)
            saved.append(job.poster)
        with transaction.atomic():
            # Only a job still running succeeds: it may have been cancelled in the last moment.
            still_ours = Job.objects.filter(pk=job.pk, attempt=job.attempt, status=Job.Status.RUNNING)
            finished = still_ours.update(
                status=Job.Status.SUCCEEDED,
                stage="Done",
                progress=1.0,
                error="",
                render_info=output.info,
                finished_at=timezone.now(),
                video=job.video.name,
                poster=job.poster.name,
            )
            if not finished:
                raise Cancelled()
            job.refresh_from_db()
            job_succeeded.send(sender=Job, job=job)
            transaction.on_commit(lambda: job_publish(job=job))
        return "succeeded"
    except BaseException as exc:
        for field_file in saved:
            field_file.delete(save=False)  # no half-made result stays in media
        if not isinstance(exc, Exception):
            raise  # the worker is being stopped mid-render: RQ then calls render_abandoned
        if isinstance(exc, Cancelled):
            job.refresh_from_db()
            job_publish(job=job)
            logger.info("Job %s cancelled while rendering", job.pk)
            return "cancelled"
        if isinstance(exc, RenderError):
            # The user sees user_message; the detail (e.g. ffmpeg's stderr) is for the operator.
            logger.warning("Job %s failed: %s", job.pk, exc)
            reason = exc.user_message
        elif isinstance(exc, JobTimeoutException):
            reason = "Rendering took longer than this server allows, so it was stopped. Try a shorter video."
        else:
            logger.exception("Job %s failed", job.pk)
            reason = _unexpected(exc)
        job_fail(job=job, reason=reason)
        return "failed"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        close_old_connections()


def parent_fetch(spec: RenderSpec, *, workdir: Path) -> RenderSpec:
    """The spec with the remixed clip copied from media storage to a local file."""
    if not spec.parent_video:
        return spec
    local = workdir / "parent.mp4"
    try:
        with default_storage.open(spec.parent_video, "rb") as source, local.open("wb") as target:
            shutil.copyfileobj(source, target)
    except (FileNotFoundError, OSError) as error:
        raise RenderError(
            "The video this remixes is no longer available, so the remix can't be made.",
            detail=f"{spec.parent_video}: {error}",
        ) from error
    return replace(spec, parent_video=str(local))


def references_fetch(spec: RenderSpec, *, workdir: Path) -> RenderSpec:
    """The spec with each likeness's portrait copied from private storage to a local file.

    The job stores storage names (a worker may run on another machine); engines read paths.
    """
    if not spec.references:
        return spec
    storage = private_storage()
    folder = workdir / "references"
    folder.mkdir()
    fetched = []
    for index, reference in enumerate(spec.references):
        local = folder / f"{index}{Path(reference.image).suffix or '.jpg'}"
        try:
            with storage.open(reference.image, "rb") as source, local.open("wb") as target:
                shutil.copyfileobj(source, target)
        except (FileNotFoundError, OSError) as error:
            raise RenderError(
                f"The likeness of {reference.name} is no longer available (its cameo was deleted), "
                "so this video can't be made.",
                detail=f"{reference.image}: {error}",
            ) from error
        fetched.append(replace(reference, image=str(local)))
    return replace(spec, references=tuple(fetched))


class CancelWatch:
    """The pipeline's `cancelled()` flag: is this attempt of the job no longer wanted?

    True once the row stops saying "running this attempt": its owner cancelled it (and may
    already have pressed Try again, which starts a new attempt). Engines ask every frame or
    step; the database is asked at most every `interval` seconds, which bounds how late a
    cancel is noticed (well under the one second we promise).
    """

    def __init__(self, job_pk: int, *, attempt: int, interval: float = 0.25) -> None:
        self.job_pk = job_pk
        self.attempt = attempt
        self.interval = interval
        self._checked = 0.0
        self._cancelled = False

    def __call__(self) -> bool:
        now = time.monotonic()
        if not self._cancelled and now - self._checked >= self.interval:
            self._checked = now
            try:
                self._cancelled = not Job.objects.filter(
                    pk=self.job_pk, attempt=self.attempt, status=Job.Status.RUNNING
                ).exists()
            except DatabaseError as error:
                # A read that failed for a moment (SQLite busy while the owner's cancel writes)
                # says nothing about the job: ask again at the next interval rather than fail a
                # render that may still be wanted. Writing the outcome reports a lasting failure.
                logger.warning("job %s: could not check for a cancel (%s); will again", self.job_pk, error)
        return self._cancelled


def _unexpected(exc: Exception) -> str:
    return (
        f"The renderer stopped unexpectedly ({type(exc).__name__}). Nothing was saved; "
        "try again, and tell the operator if it keeps happening."
    )


def render_abandoned(rq_job, connection, exc_type, exc_value, traceback) -> None:
    """RQ's failure callback: the render ended without render_job recording an outcome.

    Its worker died (RQ found the job abandoned once its heartbeats stopped) or was stopped
    mid-render (a second Ctrl-C). RQ then retries it once, as job_enqueue asked.
    """
    job = Job.objects.filter(pk=rq_job.args[0]).first()
    if job is None or job.rq_job_id != rq_job.id:
        return  # deleted, or a later attempt (Try again) owns the row now
    job_worker_lost(job=job, retrying=rq_job.should_retry)
