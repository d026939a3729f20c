"""The RQ worker class `make run` and operators use (settings.RQ["WORKER_CLASS"])."""

import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from django.db import close_old_connections, connections
from redis.backoff import ConstantBackoff
from redis.exceptions import RedisError
from redis.retry import Retry
from rq.job import Job as RQJob
from rq.registry import StartedJobRegistry
from rq.timeouts import BaseDeathPenalty
from rq.worker import SimpleWorker

from sora.processes import process_alive

from . import provenance
from .services import jobs_enqueue_waiting

logger = logging.getLogger(__name__)

# Each worker process keeps its jobs' temporary files in a folder of its own, named after its pid,
# so that a worker starting later can remove what a killed one left behind.
SCRATCH_PREFIX = "sora-worker-"


class _UntimedCallback(BaseDeathPenalty):
    """Runs the failure callback of an abandoned job found by the keeper thread.

    RQ's default time limit arms SIGALRM, which only the main thread may do; our callbacks only
    update a row.
    """

    def setup_death_penalty(self) -> None:
        pass

    def cancel_death_penalty(self) -> None:
        pass


class RenderWorker(SimpleWorker):
    """Runs jobs in its own process instead of forking one per job.

    RQ's default worker forks per job, which would reload a diffusion model for every video;
    here engines stay resident. It also re-enqueues jobs stored while Redis was unreachable,
    as it starts (Redis is evidently back) and at each maintenance round.

    A forking worker's parent heartbeats while its child runs the job; a SimpleWorker's only
    thread is busy with the job, so RQ keeps its job in the started registry for the whole job
    timeout (an hour), and a killed worker's job looked alive that long. Here a keeper thread
    sends RQ's heartbeats every `job_monitoring_interval` seconds with a TTL of
    `MISSED_HEARTBEATS` of them, and every worker, busy or idle, runs RQ's handling of
    abandoned jobs (the job's failure callback, then its Retry or the failed registry) every
    `abandoned_check_interval` seconds.

    A busy worker waits for Redis (up to `redis_patience` seconds) instead of failing: the job's
    outcome is in the database, and RQ's bookkeeping of it is written once Redis is back.
    """

    MISSED_HEARTBEATS = 5
    abandoned_check_interval = 5
    redis_patience = 300

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("job_monitoring_interval", 2)
        super().__init__(*args, **kwargs)
        # RQ's calls wait for Redis (a try a second) instead of failing: its bookkeeping after a
        # job would otherwise raise and end the worker, though the job's outcome is in the database.
        retry = Retry(ConstantBackoff(1), self.redis_patience)
        connections = {id(c): c for c in [self.connection, *(queue.connection for queue in self.queues)]}
        for connection in connections.values():
            connection.set_retry(retry)
        self._running: tuple[RQJob, object] | None = None
        self._keeper: threading.Thread | None = None
        self._keeper_stop = threading.Event()
        self._scratch: Path | None = None
        self._saved_tempdir: tuple[str | None, str | None] = (None, None)

    @property
    def heartbeat_ttl(self) -> int:
        return self.job_monitoring_interval * self.MISSED_HEARTBEATS

    def get_heartbeat_ttl(self, job: RQJob, working_time: float = 0.0) -> int:
        # SimpleWorker's is the job timeout plus a minute, as nothing heartbeats mid-job; ours does.
        return self.heartbeat_ttl

    def work(self, *args, **kwargs) -> bool:
        self._sweep_waiting_jobs()
        return super().work(*args, **kwargs)

    def bootstrap(self, *args, **kwargs) -> None:
        self._scratch_enter()
        # The signing identity is made as the worker starts, not in the middle of the first render.
        try:
            provenance.signing_identity()
        except OSError:
            logger.exception("No signing identity: every render will fail until this is fixed")
        super().bootstrap(*args, **kwargs)
        self._keeper_stop.clear()
        self._keeper = threading.Thread(target=self._keep, name="rq-keeper", daemon=True)
        self._keeper.start()

    def teardown(self) -> None:
        self._keeper_stop.set()
        if self._keeper is not None:
            self._keeper.join(timeout=self.job_monitoring_interval + 5)
        try:
            super().teardown()
        finally:
            self._scratch_leave()

    def perform_job(self, job: RQJob, queue, execution) -> bool:
        self._running = (job, execution)
        try:
            return super().perform_job(job, queue, execution)
        finally:
            self._running = None

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        self._sweep_waiting_jobs()

    def abandoned_jobs_handle(self) -> None:
        """Let RQ handle this worker's queues' jobs whose worker stopped heartbeating."""
        for queue in self.queues:
            # The lock RQ's own maintenance takes: one worker at a time handles a queue's jobs.
            if not queue.acquire_maintenance_lock():
                continue
            try:
                StartedJobRegistry(
                    queue.name,
                    connection=self.connection,
                    job_class=self.job_class,
                    serializer=self.serializer,
                    death_penalty_class=_UntimedCallback,
                ).cleanup()
            finally:
                queue.release_maintenance_lock()

    def _keep(self) -> None:
        """The keeper thread: heartbeats while a job runs, and handles other workers' abandoned jobs.

        After Redis was away long enough for live jobs' entries to expire, their workers need a
        heartbeat to renew them before anyone may call those jobs abandoned; so may a worker
        that just started, not knowing what came before.
        """
        reachable_since = time.monotonic()
        unreachable = False
        next_check = 0.0
        while not self._keeper_stop.wait(self.job_monitoring_interval):
            began = time.monotonic()
            try:
                running = self._running
                if running is not None:
                    self.maintain_heartbeats(*running)
                else:
                    self.connection.ping()
                probed = time.monotonic()
                if unreachable or probed - began > self.job_monitoring_interval:
                    # Redis was away: the call waited for it (the connection retries), or failed.
                    logger.warning("Worker %s: Redis answers again", self.name)
                    if running is not None:
                        running[1].save(ttl=self.heartbeat_ttl)  # its record may have expired meanwhile
                    reachable_since, unreachable = probed, False
                if probed >= next_check and probed - reachable_since >= self.heartbeat_ttl:
                    next_check = probed + self.abandoned_check_interval
                    self.abandoned_jobs_handle()
                    scratch = self._scratch
                    if scratch is not None:
                        scratch_sweep(scratch.parent, keep=scratch)  # another worker here may have died
            except RedisError as exc:
                if not unreachable:
                    logger.warning("Worker %s: Redis is unreachable (%s); waiting for it", self.name, exc)
                unreachable = True
            except Exception:
                logger.exception("Worker %s: the keeper thread failed a round", self.name)
            finally:
                close_old_connections()  # the abandoned jobs' callbacks use this thread's connection
        # This thread's own database connections end with it (a pooled one goes back to the pool).
        connections.close_all()

    def _scratch_enter(self) -> None:
        """Point this process's temporary files into a folder of its own; remove dead workers' ones."""
        base = Path(tempfile.gettempdir())
        scratch_sweep(base)
        self._scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=base))
        self._saved_tempdir = (tempfile.tempdir, os.environ.get("TMPDIR"))
        # Python's temporary files and those of child processes (ffmpeg) alike.
        tempfile.tempdir = os.environ["TMPDIR"] = str(self._scratch)

    def _scratch_leave(self) -> None:
        if self._scratch is None:
            return
        tempdir, environ = self._saved_tempdir
        tempfile.tempdir = tempdir
        if environ is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = environ
        shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch = None

    def _sweep_waiting_jobs(self) -> None:
        try:
            count = jobs_enqueue_waiting()
        except Exception:
            logger.warning("Could not sweep jobs waiting for the queue", exc_info=True)
            return
        if count:
            logger.info("Enqueued %d job(s) stored while the queue was unreachable", count)


def scratch_sweep(base: Path, *, keep: Path | None = None) -> int:
    """Remove the scratch folders of worker processes that are gone, except `keep`; returns how many."""
    removed = 0
    for folder in base.glob(f"{SCRATCH_PREFIX}*"):
        pid = folder.name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        if folder == keep or not pid.isdigit():
            continue
        # Another folder with our own pid: a dead worker's, whose pid this process now has.
        if int(pid) == os.getpid() or not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    if removed:
        logger.info("Removed %d scratch folder(s) left by stopped workers", removed)
    return removed
