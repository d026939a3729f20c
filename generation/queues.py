"""Render queues by hardware: which RQ queue a render waits in, and its place there.

Each engine class declares the `hardware` it needs. A render whose video or audio engine needs a
GPU (diffusers, bark) goes to the GPU queue (`SORA_GPU_QUEUE`), any other (preview video with
speech or tones audio) to the CPU queue (`SORA_CPU_QUEUE`), so a GPU machine's worker
(`manage.py rqworker gpu`) takes only what needs it. The queue is worked out from the engines
recorded on the job whenever it is needed rather than stored: a job's engines never change.
"""

import logging
from dataclasses import dataclass

import django_rq
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from redis.exceptions import RedisError

from sora.queue_names import CPU_QUEUE_DEFAULT, GPU_QUEUE_DEFAULT

from .engines import UnknownEngine, get_audio_engine, get_video_engine
from .models import Job

logger = logging.getLogger(__name__)

GPU, CPU = "gpu", "cpu"  # what an engine's `hardware` says


def engine_hardware(*, kind: str, name: str) -> str:
    """GPU or CPU: what the named engine ("video" or "audio" `kind`) needs, as its class declares.

    An engine that declares nothing (a test's stand-in) or that this installation lacks counts as
    CPU: the CPU queue is the one every installation's worker serves, and a worker fails a job with
    an unknown engine with a clear message.
    """
    get = get_video_engine if kind == "video" else get_audio_engine
    try:
        engine = get(name)  # cheap: engines load their models on first use, in the worker
    except UnknownEngine:
        return CPU
    return GPU if getattr(engine, "hardware", CPU) == GPU else CPU


def engines_queue_name(*, video_engine: str, audio_engine: str) -> str:
    """The queue a render with these engines goes to: the GPU queue if either needs a GPU."""
    needs = {
        engine_hardware(kind="video", name=video_engine),
        engine_hardware(kind="audio", name=audio_engine),
    }
    return settings.SORA_GPU_QUEUE if GPU in needs else settings.SORA_CPU_QUEUE


def job_queue_name(*, job: Job) -> str:
    """The queue the job's render goes to, from the engines recorded on it."""
    return engines_queue_name(video_engine=job.video_engine, audio_engine=job.audio_engine)


def queue_label(name: str) -> str:
    """How a page names a queue: "GPU" and "CPU" for the default names, else the configured name."""
    return {GPU_QUEUE_DEFAULT: "GPU", CPU_QUEUE_DEFAULT: "CPU"}.get(name, name)


@dataclass(frozen=True)
class QueuePlace:
    queue: str  # the queue's name
    position: int  # as RQ counts, from 0: the next job a worker takes

    def __str__(self) -> str:
        place = "next" if self.position == 0 else ordinal(self.position + 1)
        return f"{place} in the {queue_label(self.queue)} queue"


def job_queue_place(*, job: Job) -> QueuePlace | None:
    """Where a queued job waits, from RQ's `Queue.get_job_position`.

    None when it is not in its queue: deferred behind its owner's earlier video (RQ keeps those
    aside until that one ends), already taken by a worker, or stored while Redis was away; and
    when Redis can't be asked: a place in the queue is a nicety, never a reason for a page to fail.
    """
    if job.status != Job.Status.QUEUED:
        return None
    name = job_queue_name(job=job)
    try:
        position = django_rq.get_queue(name).get_job_position(job.rq_job_id)
    except (RedisError, OSError) as exc:
        logger.info("No queue place for job %s: %s", job.pk, exc)
        return None
    return None if position is None else QueuePlace(queue=name, position=position)
