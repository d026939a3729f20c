"""Faults with real processes: the worker killed mid-job, and Ctrl-C at the launcher (Redis dying:
test_faults_redis_live.py).

Each test runs the app as `make run` does (tests/live_app.py) and checks the end state of every
job, that no file is orphaned and that no process or port is left. Renders use the engines of
tests/fault_engines.py: `gated` stops mid-render until the test lets it go on.
"""

import os
import signal
import time

import pytest
from rq import Worker
from rq.job import Job as RQJob

from cameo.tasks import CHECKER_STOPPED
from generation.services import WORKER_LOST_FAILED, WORKER_LOST_REQUEUED

from .cameo_clips import clip_verification
from .faults_live import (
    NOTICE_WITHIN,
    assert_nothing_left,
    ffmpegs,
    gate_forget,
    gate_open,
    gate_reached,
    job_row,
    media_files,
    one_render_held_mid_way,
    redis_of,
    scratch_files,
    second_worker,
    seconds_until,
    submit,
    what_runs,
)
from .live_app import live_app

pytestmark = pytest.mark.live


# --- kill -9 of the worker --------------------------------------------------------------------


def test_kill_9_of_the_worker_mid_render_under_make_run_retries_it_once_then_fails_it_with_a_reason():
    with live_app(test_engines=True) as app:
        (job,) = submit(app, seeds=[1])
        for attempt, outcome in ((1, WORKER_LOST_REQUEUED), (2, WORKER_LOST_FAILED)):
            app.wait_for(f"try {attempt} to be mid-way", lambda: gate_reached(app, 1))
            gate_forget(app, 1)
            assert ffmpegs(app), "the render's encoder runs"
            killed = time.monotonic()
            os.kill(app.worker_pid(), signal.SIGKILL)  # the launcher restarts it
            app.wait_for("the dead worker's ffmpeg to go", lambda: not ffmpegs(app), timeout=10)
            noticed = seconds_until(
                app, f"the loss of try {attempt}", lambda o=outcome: job_row(app, job)["error"] == o, killed
            )
            print(f"\nkill -9 of the worker mid-render, try {attempt} -> new state after {noticed:.1f} s")
            assert noticed < NOTICE_WITHIN

        assert job_row(app, job) | {"stage": ""} == dict(
            status="failed", error=WORKER_LOST_FAILED, stage="", video="", poster="", attempt=1
        )
        assert media_files(app) == []
        rq_job = RQJob.fetch(f"render-{job}-1", connection=redis_of(app))
        app.wait_for("RQ to record it", lambda: rq_job.get_status() == "failed", timeout=10)
        # The restarted worker removed what the killed ones left in their scratch folders.
        app.wait_for("the scratch folders to be swept", lambda: scratch_files(app) == [], timeout=30)

        pids, ports = what_runs(app)
        assert app.stop() == 0, app.log()
        assert_nothing_left(app, pids, ports)


def test_kill_9_of_a_worker_mid_render_is_noticed_by_another_busy_one_and_the_video_made_once_more():
    with live_app(test_engines=True) as app, second_worker(app) as second:
        jobs = submit(app, seeds=[1, 2], owners=["alice", "bob"])
        seed = dict(zip(jobs, (1, 2), strict=True))
        app.wait_for("both renders to be mid-way", lambda: gate_reached(app, 1) and gate_reached(app, 2))
        connection = redis_of(app)
        (name,) = [w.name for w in Worker.all(connection=connection) if w.pid == second.pid]
        on_second = [RQJob.fetch(f"render-{pk}-1", connection=connection).worker_name == name for pk in jobs]
        (lost,) = [pk for pk, there in zip(jobs, on_second, strict=True) if there]
        (busy,) = set(jobs) - {lost}
        gate_forget(app, seed[lost])
        dead_ones = f"sora-worker-{second.pid}-"

        killed = time.monotonic()
        os.kill(second.pid, signal.SIGKILL)  # nobody restarts this one: the launcher's worker is busy
        noticed = seconds_until(
            app, "the loss", lambda: job_row(app, lost)["error"] == WORKER_LOST_REQUEUED, killed
        )
        print(f"\nkill -9 of one of two workers mid-render -> noticed by the busy one after {noticed:.1f} s")
        assert noticed < NOTICE_WITHIN
        assert job_row(app, lost)["status"] == "queued"
        assert (job_row(app, busy)["status"], job_row(app, busy)["error"]) == ("running", "")
        app.wait_for("the dead worker's ffmpeg to go", lambda: not any(dead_ones in p for p in ffmpegs(app)))
        app.wait_for("its scratch folder to go", lambda: not any(dead_ones in f for f in scratch_files(app)))

        gate_open(app, seed[busy])
        app.wait_for("the lost video's second try to be mid-way", lambda: gate_reached(app, seed[lost]))
        # Its page keeps saying why it started over.
        assert job_row(app, lost) | {"stage": ""} == dict(
            status="running", error=WORKER_LOST_REQUEUED, stage="", video="", poster="", attempt=1
        )
        gate_open(app, seed[lost])
        app.wait_for("both videos", lambda: {job_row(app, pk)["status"] for pk in jobs} == {"succeeded"})
        rows = [job_row(app, pk) for pk in jobs]
        assert [row["error"] for row in rows] == ["", ""]
        assert media_files(app) == sorted(f for row in rows for f in (row["video"], row["poster"]))
        rq_lost = RQJob.fetch(f"render-{lost}-1", connection=connection)
        app.wait_for("RQ to record it", lambda: rq_lost.get_status() == "finished", timeout=10)
        assert rq_lost.retries_left == 0, "made on its one retry"

        pids, ports = what_runs(app, second.pid)
        assert app.stop() == 0, app.log()
        assert_nothing_left(app, pids, ports)


def test_kill_9_of_the_worker_mid_verification_fails_it_and_deletes_the_recording(tmp_path):
    clip = clip_verification(tmp_path / "good.mp4")
    with live_app() as app:
        code = f"""
from pathlib import Path
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from cameo.services import challenge_issue, verification_submit
user = get_user_model().objects.create_user("alice", "alice@example.com")
upload = SimpleUploadedFile("good.mp4", Path({str(clip)!r}).read_bytes())
token = str(challenge_issue(user=user).token)
print(verification_submit(user=user, challenge_token=token, upload=upload).pk)
"""
        pk = int(app.shell(code))
        private = app.root / "var" / "private"

        def verification() -> dict:
            fields = ("status", "error", "recording", "portrait", "progress")
            (row,) = app.sql(f"SELECT {', '.join(fields)} FROM cameo_verification WHERE id = {pk}")
            return dict(zip(fields, row, strict=True))

        recording = private / verification()["recording"]
        assert recording.is_file()
        app.wait_for("the checks to be mid-way", lambda: verification()["progress"] >= 0.2)
        killed = time.monotonic()
        os.kill(app.worker_pid(), signal.SIGKILL)
        noticed = seconds_until(app, "the failure", lambda: verification()["status"] == "failed", killed)
        print(f"\nkill -9 of the worker mid-verification -> failed after {noticed:.1f} s")
        assert noticed < NOTICE_WITHIN

        row = verification()
        assert (row["error"], row["recording"], row["portrait"]) == (CHECKER_STOPPED, "", "")
        assert not recording.exists()
        assert [p for p in private.rglob("*") if p.is_file()] == [], "no biometrics are kept"
        app.wait_for("the scratch folders to be swept", lambda: scratch_files(app) == [], timeout=30)

        pids, ports = what_runs(app)
        assert app.stop() == 0, app.log()
        assert_nothing_left(app, pids, ports)


# --- Ctrl-C at the launcher -------------------------------------------------------------------


def test_one_ctrl_c_lets_the_video_being_rendered_finish_and_keeps_it():
    with live_app(test_engines=True) as app:
        job = one_render_held_mid_way(app)
        pids, ports = what_runs(app)

        app.process.send_signal(signal.SIGINT)
        app.wait_for("the launcher to stop the app", lambda: "stopping…" in app.log())
        time.sleep(1)  # what the signal would do to the render is done by now
        assert ffmpegs(app), "the encoder is untouched"
        gate_open(app, 1)
        assert app.process.wait(60) == 0, app.log()

        row = job_row(app, job)
        assert (row["status"], row["error"]) == ("succeeded", ""), row
        assert media_files(app) == sorted([row["video"], row["poster"]])
        assert (app.root / "var" / "media" / row["video"]).stat().st_size > 10_000
        assert_nothing_left(app, pids, ports)


def test_two_ctrl_c_abandon_the_render_which_is_made_at_the_next_start():
    with live_app(test_engines=True) as app:
        job = one_render_held_mid_way(app)
        pids, ports = what_runs(app)

        app.process.send_signal(signal.SIGINT)
        time.sleep(0.3)  # a person pressing twice, quicker than RQ's one-second rule
        app.process.send_signal(signal.SIGINT)
        assert app.process.wait(30) == 0, app.log()

        # Not left "Rendering": back in the queue, its page says why; nothing half-made stays.
        row = job_row(app, job)
        assert (row["status"], row["error"], row["video"]) == ("queued", WORKER_LOST_REQUEUED, ""), row
        assert media_files(app) == []
        assert_nothing_left(app, pids, ports)

        gate_open(app, 1)
        app.start()
        app.wait_for("the video, made at the next start", lambda: job_row(app, job)["status"] == "succeeded")
        row = job_row(app, job)
        assert row["error"] == "" and media_files(app) == sorted([row["video"], row["poster"]])
