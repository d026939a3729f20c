"""What the live fault tests share: submitting jobs to a running app, reading their rows, the gates
of tests/fault_engines.py and checks that nothing of the app is left (test_faults_live.py,
test_faults_redis_live.py)."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, suppress

import redis

from sora.embedded_redis import port_in_use
from sora.queue_names import CPU_QUEUE_DEFAULT, worker_queues

from .live_app import BASE_DIR, pid_alive

# What the issue asks: a dead worker's job has its new state within a minute.
NOTICE_WITHIN = 60
# The fault engines declare no hardware, so their renders wait in the CPU queue (generation/queues.py).
RENDERS = CPU_QUEUE_DEFAULT
JOB_FIELDS = ("status", "error", "stage", "video", "poster", "attempt")


def submit(app, *, seeds, engine: str = "gated", owners: list[str] | None = None) -> list[int]:
    """Jobs (alice's, or one per name in `owners`), created as the create page does, with a
    fault-test engine and quick audio; past their quota, as an operator's `generate_batch
    --no-quota` may (a test queues 21). One person's videos render one after another (the fair
    queue): renders meant to run at once on two workers belong to two people."""
    owners = owners or ["alice"] * len(list(seeds))
    code = f"""
from django.conf import settings
from django.contrib.auth import get_user_model
from generation.services import job_create
settings.SORA_VIDEO_ENGINE, settings.SORA_AUDIO_ENGINE = {engine!r}, "tones"
User = get_user_model()
for seed, name in zip({list(seeds)}, {owners!r}, strict=True):
    owner = User.objects.filter(username=name).first()
    owner = owner or User.objects.create_user(name, name + "@example.com")
    job = job_create(
        owner=owner, prompt="A lighthouse", duration=5, orientation="portrait", seed=seed, quota=False
    )
    print(job.pk)
"""
    return [int(pk) for pk in app.shell(code).split()]


def in_redis(app) -> int:
    """Renders waiting in Redis: in the queue, or deferred behind their owner's previous one."""
    connection = redis_of(app)
    return connection.llen(f"rq:queue:{RENDERS}") + connection.zcard(f"rq:deferred:{RENDERS}")


def job_row(app, pk: int) -> dict:
    (row,) = app.sql(f"SELECT {', '.join(JOB_FIELDS)} FROM generation_job WHERE id = {int(pk)}")
    return dict(zip(JOB_FIELDS, row, strict=True))


def gate_reached(app, seed: int) -> bool:
    return (app.root / "gates" / f"reached-{seed}").exists()


def gate_forget(app, seed: int) -> None:
    (app.root / "gates" / f"reached-{seed}").unlink()


def gate_open(app, seed: int) -> None:
    (app.root / "gates" / f"open-{seed}").touch()


def ffmpegs(app) -> list[str]:
    return [line for line in app.processes_left() if "ffmpeg" in line]


def media_files(app) -> list[str]:
    media = app.root / "var" / "media"
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def scratch_files(app) -> list[str]:
    """Files in the app's temporary folder (a worker's own scratch folder itself may be there)."""
    return [str(p.relative_to(app.tmp)) for p in app.temp_files() if p.is_file()]


def assert_nothing_left(app, pids: list[int], ports: list[int]) -> None:
    """After the app stopped: no process, port or temporary file of it remains."""
    assert [pid for pid in pids if pid_alive(pid)] == [], app.log()
    assert app.processes_left() == [], app.log()
    assert [port for port in ports if port_in_use(port)] == []
    assert app.temp_files() == [], app.log()


def what_runs(app, *more: int) -> tuple[list[int], list[int]]:
    """The app's processes (the launcher's children, the embedded Redis, `more`) and ports now, to
    check at the end that none is left."""
    return [*app.child_pids(), app.redis_pid(), *more], [app.port, int(app.env["SORA_EMBEDDED_REDIS_PORT"])]


def one_render_held_mid_way(app):
    """One job submitted and held mid-render by its gate."""
    (job,) = submit(app, seeds=[1])
    app.wait_for("the render to be mid-way", lambda: gate_reached(app, 1))
    return job


@contextmanager
def second_worker(app):
    """A worker of our own beside the launcher's, as an operator running several would have."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", *worker_queues(app.env)],
        cwd=BASE_DIR, env=app.env, stdout=(app.root / "second-worker.log").open("ab"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(30)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # an ffmpeg it left, had it been killed


def redis_of(app) -> redis.Redis:
    return redis.Redis(port=int(app.env["SORA_EMBEDDED_REDIS_PORT"]))


def seconds_until(app, what: str, condition, started: float, timeout: float = 90) -> float:
    app.wait_for(what, condition, timeout=timeout)
    return time.monotonic() - started


