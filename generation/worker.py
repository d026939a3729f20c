"""The RQ worker class `make run` and operators use (settings.RQ["WORKER_CLASS"])."""

import logging

from rq.worker import SimpleWorker

from .services import jobs_enqueue_waiting

logger = logging.getLogger(__name__)


class RenderWorker(SimpleWorker):
    """Runs jobs in its own process instead of forking one per job.

    RQ's default worker forks per job, which would reload a diffusion model for every video;
    here engines stay resident. It also re-enqueues jobs stored while Redis was unreachable,
    as it starts (Redis is evidently back) and at each maintenance round.
    """

    def work(self, *args, **kwargs) -> bool:
        self._sweep_waiting_jobs()
        return super().work(*args, **kwargs)

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        self._sweep_waiting_jobs()

    def _sweep_waiting_jobs(self) -> None:
        try:
            count = jobs_enqueue_waiting()
        except Exception:
            logger.warning("Could not sweep jobs waiting for the queue", exc_info=True)
            return
        if count:
            logger.info("Enqueued %d job(s) stored while the queue was unreachable", count)
