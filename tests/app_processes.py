"""The app's processes started one by one, as an operator runs them on several machines
(docs/deploy.md): web processes and workers around a scratch install with its own folder,
database and Redis. `tests/live_app.py` starts the whole app through `make run`'s launcher instead.

Renders use the `gated` engine of tests/fault_engines.py with quick audio: it stops mid-render until
the test opens its gate, so a test can watch a render's progress from the start.
"""

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from sora import embedded_redis
from sora.embedded_redis import free_port
from sora.launcher import web_command, worker_command

from .live_app import BASE_DIR, _scratch_database, scratch_sql

# A render takes seconds with these: the gated engine's plain frames, and tones for sound. For web
# processes only: the engine is chosen when a render is submitted, and Django's checks (run by
# manage.py commands) know only the shipped engines.
RENDER_ENGINES = {"SORA_VIDEO_ENGINE": "gated", "SORA_AUDIO_ENGINE": "tones"}


@dataclass
class Install:
    """What several machines share: a folder standing for their disks, the database and Redis."""

    root: Path
    env: dict[str, str]
    database_url: str | None

    @property
    def gates(self) -> Path:
        return self.root / "gates"

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env,
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert done.returncode == 0 or not check, f"manage.py {' '.join(args)}:\n{done.stdout}{done.stderr}"
        return done

    def sql(self, query: str) -> list[tuple]:
        return scratch_sql(self.root, self.database_url, query)

    def job_seed(self, pk: int) -> int:
        (row,) = self.sql(f"SELECT seed FROM generation_job WHERE id = {int(pk)}")
        return row[0]

    def gate_reached(self, pk: int) -> bool:
        return (self.gates / f"reached-{self.job_seed(pk)}").exists()

    def gate_open(self, pk: int) -> None:
        (self.gates / f"open-{self.job_seed(pk)}").touch()


@contextmanager
def scratch_install(**extra_env: str) -> Iterator[Install]:
    """A migrated install with collected static files, a private Redis and a scratch database (the
    kind the suite runs on: SQLite in the folder, or a PostgreSQL database of its own)."""
    with tempfile.TemporaryDirectory(prefix="sora-deploy-") as tmp, _scratch_database() as database_url:
        root = Path(tmp)
        redis_port = free_port()
        redis = embedded_redis.start(port=redis_port, data_dir=root / "redis", persist=False)
        try:
            env = _environment(root, f"redis://127.0.0.1:{redis_port}/0", database_url)
            env.update(extra_env)
            install = Install(root, env, database_url)
            install.manage("migrate", "--noinput", "-v", "0")
            install.manage("collectstatic", "--noinput", "-v", "0")
            yield install
        finally:
            embedded_redis.stop(redis)


def _environment(root: Path, redis_url: str, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    hooks = [str(BASE_DIR / "tests" / "live_hooks"), env.get("PYTHONPATH", "")]
    env.update(
        REDIS_URL=redis_url,
        # Every process shares one key, as several machines must (a file made on one is not on others).
        SECRET_KEY=secrets.token_urlsafe(40),
        SORA_VAR_DIR=str(root / "var"),
        SORA_CACHE_DIR=str(settings.SORA_CACHE_DIR),  # the suite's sprite vectors, computed once
        MEDIA_ROOT=str(root / "var" / "media"),
        SORA_PRIVATE_ROOT=str(root / "var" / "private"),
        TMPDIR=str(root / "tmp"),
        # The worker registers the fault tests' engines (tests/live_hooks/sitecustomize.py).
        PYTHONPATH=os.pathsep.join(filter(None, hooks)),
        SORA_TEST_GATE_DIR=str(root / "gates"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("SORA_CACHE_PREFIX", None)  # the suite's own; the install's Redis is private anyway
    if database_url:
        env["DATABASE_URL"] = database_url
    for folder in ("tmp", "gates"):
        (root / folder).mkdir()
    return env


class Process:
    """One long-running process of the app, its output in a log file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path, cwd: Path = BASE_DIR):
        self.name, self.args, self.env, self.cwd = name, args, env, cwd
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Process":
        self.process = subprocess.Popen(
            self.args, cwd=self.cwd, env=self.env, stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        return self

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_for(self, what: str, condition, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if not self.alive():
                raise AssertionError(f"{self.name} exited while waiting for {what}:\n{self.log()[-4000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: no {what} within {timeout} s:\n{self.log()[-4000:]}")
            time.sleep(0.1)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Signal the process alone (its children are its business, as systemd's KillMode=mixed
        does), then kill what is left of its group; returns its exit code."""
        if self.alive():
            self.process.send_signal(signum)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        return self.process.wait()


def answers(url: str, context=None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return response.status == 200
    except OSError:
        return False


def web_process(install: Install, name: str, port: int) -> Process:
    """A web process as `make run` starts it (sora.launcher.web_command), serving once it answers."""
    args = web_command(sys.executable, "127.0.0.1", port)
    web = Process(name, args, install.env | RENDER_ENGINES, install.root).start()
    web.wait_for("answer on /healthz", lambda: answers(f"http://127.0.0.1:{port}/healthz"))
    return web


def worker_started(process: Process) -> bool:
    return "Listening on" in process.log()


def worker_process(install: Install, name: str, queues: list[str]) -> Process:
    worker = Process(name, worker_command(sys.executable, queues), install.env, install.root).start()
    worker.wait_for("listening on its queues", lambda: worker_started(worker))
    return worker
