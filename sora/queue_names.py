"""The RQ queues' names, read from the environment without Django: the settings and `make run`'s
launcher (which starts the worker before any Django is loaded) must agree on them.

Renders go to the GPU queue or the CPU queue by what their engines need (generation/queues.py);
cameo checks, data exports and embeddings go to the CPU queue. A machine's worker listens on the
queues its hardware can serve: `manage.py rqworker gpu` on a GPU machine.
"""

import os
from collections.abc import Mapping

GPU_QUEUE_DEFAULT = "gpu"
CPU_QUEUE_DEFAULT = "cpu"

# Before renders were split by hardware, they went to "video" and everything else to "default".
# Nothing is enqueued there any more, but work queued before an upgrade is still on them: RQ_QUEUES
# keeps them and `make run`'s worker listens on them after the new ones, so none of it is lost.
LEGACY_QUEUES = ("video", "default")


def queue_names(environ: Mapping[str, str] = os.environ) -> tuple[str, str]:
    """(GPU queue, CPU queue), as SORA_GPU_QUEUE and SORA_CPU_QUEUE name them (empty: the default)."""
    gpu = environ.get("SORA_GPU_QUEUE", "").strip() or GPU_QUEUE_DEFAULT
    cpu = environ.get("SORA_CPU_QUEUE", "").strip() or CPU_QUEUE_DEFAULT
    return gpu, cpu


def worker_queues(environ: Mapping[str, str] = os.environ) -> list[str]:
    """What a worker serving everything listens on, in RQ's order of preference: the GPU queue, the
    CPU queue, then the legacy names (each once: an operator may have named a queue like another)."""
    return list(dict.fromkeys((*queue_names(environ), *LEGACY_QUEUES)))
