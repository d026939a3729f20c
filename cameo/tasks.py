"""The RQ job that checks a cameo recording, run by the worker (never in a request)."""

import logging
import shutil
import tempfile
import time
from pathlib import Path

from django.db import close_old_connections

from .models import Verification
from .progress import VerificationProgress, verification_publish
from .services import verification_finish_failed, verification_record

logger = logging.getLogger(__name__)

CHECKER_STOPPED = "The checker stopped unexpectedly, so your recording was not kept. Try again."


def verify_recording(verification_pk: int) -> str:
    from .analysis import recording_analyse

    close_old_connections()
    verification = Verification.objects.filter(
        pk=verification_pk, status=Verification.Status.CHECKING
    ).first()
    if verification is None or not verification.recording:
        return "skipped: not waiting for checks"
    workdir = Path(tempfile.mkdtemp(prefix=f"sora-verify-{verification.pk}-"))
    try:
        # A local copy: the analysis runs ffmpeg on a path, and storage may be remote.
        local = workdir / Path(verification.recording.name).name
        with verification.recording.open("rb") as source, local.open("wb") as target:
            shutil.copyfileobj(source, target)
        started = time.perf_counter()
        analysis = recording_analyse(local, on_progress=VerificationProgress(verification))
        verification_record(
            verification=verification, analysis=analysis, seconds=time.perf_counter() - started
        )
        return verification.status
    except Exception:
        logger.exception("Verification %s failed unexpectedly", verification.pk)
        verification_finish_failed(verification=verification, message=CHECKER_STOPPED)
        return "failed"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        current = Verification.objects.filter(pk=verification.pk).first()  # gone if deleted meanwhile
        if current is not None:
            verification_publish(verification=current)
        close_old_connections()


def verification_abandoned(rq_job, connection, exc_type, exc_value, traceback) -> None:
    """RQ's failure callback: the worker died mid-check (RQ found the job abandoned once its
    heartbeats stopped) or was stopped mid-check. The recording is deleted now, not kept."""
    verification = Verification.objects.filter(pk=rq_job.args[0], status=Verification.Status.CHECKING).first()
    if verification is None:
        return  # the checks finished, or its owner deleted it meanwhile
    logger.warning("Verification %s: its worker stopped mid-check", verification.pk)
    verification_finish_failed(verification=verification, message=CHECKER_STOPPED)
    verification_publish(verification=verification)
