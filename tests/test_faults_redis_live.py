"""Faults with real processes: Redis dying under a running app, the embedded one and an
operator's (the worker's faults: test_faults_live.py)."""

import os
import signal
import time

import pytest
import redis
from rq.job import Job as RQJob
from rq.registry import StartedJobRegistry

from sora import embedded_redis
from sora.embedded_redis import free_port, port_in_use

from .faults_live import (
    RENDERS,
    assert_nothing_left,
    gate_open,
    gate_reached,
    in_redis,
    job_row,
    media_files,
    redis_of,
    second_worker,
    submit,
    what_runs,
)
from .live_app import live_app, pid_alive

pytestmark = pytest.mark.live


@pytest.mark.embedded_redis
def test_the_embedded_redis_killed_mid_render_with_20_jobs_queued_is_restarted_and_nothing_is_lost():
    with live_app(test_engines=True) as app:
        (first,) = submit(app, seeds=[1])
        app.wait_for("the render to be mid-way", lambda: gate_reached(app, 1))
        queued = submit(app, seeds=range(100, 120), engine="quick")
        assert in_redis(app) == 20
        worker, redis_before = app.worker_pid(), app.redis_pid()

        os.kill(redis_before, signal.SIGKILL)
        app.wait_for("Redis to be restarted", lambda: "embedded Redis restarted" in app.log())
        assert app.redis_pid() != redis_before
        assert in_redis(app) == 20, "the append-only file kept the queue"
        gate_open(app, 1)
        jobs = [first, *queued]
        app.wait_for(
            "every video",
            lambda: all(job_row(app, pk)["status"] in ("succeeded", "failed") for pk in jobs),
            timeout=180,
        )

        rows = {pk: job_row(app, pk) for pk in jobs}
        assert {pk: (row["status"], row["error"]) for pk, row in rows.items()} == {
            pk: ("succeeded", "") for pk in jobs
        }
        assert app.worker_pid() == worker and pid_alive(worker), "the worker rode the outage out"
        assert media_files(app) == sorted(f for row in rows.values() for f in (row["video"], row["poster"]))
        connection = redis_of(app)
        rq_jobs = [RQJob.fetch(f"render-{pk}-1", connection=connection) for pk in jobs]
        app.wait_for("RQ to record them", lambda: {j.get_status() for j in rq_jobs} == {"finished"})
        assert StartedJobRegistry(RENDERS, connection=connection).get_job_ids() == []

        pids, ports = what_runs(app, redis_before)
        assert app.stop() == 0, app.log()
        assert_nothing_left(app, pids, ports)


def test_a_render_finishes_while_redis_is_away_and_no_live_job_is_taken_for_abandoned(tmp_path):
    """An operator's Redis (REDIS_URL) away for longer than a heartbeat's TTL, with two workers."""
    port = free_port()
    server = embedded_redis.start(port=port, data_dir=tmp_path / "redis")  # append-only, as a real one
    try:
        with live_app(test_engines=True, redis_url=f"redis://127.0.0.1:{port}/0") as app:
            with second_worker(app) as second:
                held, finishing = submit(app, seeds=[1, 2], owners=["alice", "bob"])
                app.wait_for("both renders mid-way", lambda: gate_reached(app, 1) and gate_reached(app, 2))
                workers = [app.worker_pid(), second.pid]

                os.kill(server.pid, signal.SIGKILL)
                server.wait()
                away = time.monotonic()
                gate_open(app, 2)
                app.wait_for("a video made while Redis is away", lambda: job_row(app, finishing)["video"])
                assert job_row(app, finishing)["status"] == "succeeded"
                assert not port_in_use(port), "Redis is still away"
                time.sleep(max(0.0, 12 - (time.monotonic() - away)))  # past the heartbeats' TTL
                server = embedded_redis.start(port=port, data_dir=tmp_path / "redis")

                # Longer than a heartbeat TTL and an abandoned-job check: the held render is left alone.
                time.sleep(18)
                assert job_row(app, held) | {"stage": ""} == dict(
                    status="running", error="", stage="", video="", poster="", attempt=1
                )
                gate_open(app, 1)
                app.wait_for("the held video", lambda: job_row(app, held)["status"] == "succeeded")
                connection = redis.Redis(port=port)
                rq_jobs = [RQJob.fetch(f"render-{pk}-1", connection=connection) for pk in (held, finishing)]
                app.wait_for("RQ to catch up", lambda: {j.get_status() for j in rq_jobs} == {"finished"})
                assert [j.retries_left for j in rq_jobs] == [1, 1], "neither was taken for abandoned"
                assert StartedJobRegistry(RENDERS, connection=connection).get_job_ids() == []
                assert [pid_alive(pid) for pid in workers] == [True, True]
                assert app.worker_pid() == workers[0], "the launcher's worker rode the outage out"

                (after,) = submit(app, seeds=[3], engine="quick")
                app.wait_for("a video after the outage", lambda: job_row(app, after)["status"] == "succeeded")
                assert len(media_files(app)) == 6
            pids = [*app.child_pids(), second.pid]
            assert app.stop() == 0, app.log()
            assert_nothing_left(app, pids, [app.port])
    finally:
        embedded_redis.stop(server)
