"""`make run`: the web server, one worker on every queue and (when REDIS_URL is unset) an embedded Redis.

Ctrl-C (or SIGTERM) stops everything: the worker finishes the video it is rendering (a second
Ctrl-C abandons it: the video goes back in the queue for the next start), the web server closes,
then Redis. A crashed worker is restarted, and so is the embedded Redis (its append-only file
keeps the queue).
"""

import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import embedded_redis
from .processes import die_with_parent
from .queue_names import worker_queues

BASE_DIR = Path(__file__).resolve().parent.parent
log = logging.getLogger("sora.launcher")


def web_command(python: str, host: str, port: int) -> list[str]:
    """One web process, as `make run` starts it and docs/deploy/sora-web@.service does (a test
    keeps the two the same)."""
    # uvicorn streams request bodies to the app, so oversized uploads are refused from their
    # headers (sora.body_limit); Django has no lifespan protocol.
    return [python, "-m", "uvicorn", "sora.asgi:application", "--host", host, "--port", str(port),
            "--lifespan", "off", "--ws", "websockets-sansio", "--timeout-graceful-shutdown", "5"]  # fmt: skip


def worker_command(python: str, queues: list[str]) -> list[str]:
    """One RQ worker on `queues`, in order of preference (settings.RQ makes it a RenderWorker)."""
    return [python, "manage.py", "rqworker", *queues]


class Child:
    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.name, self.args, self.env = name, args, env
        self.process: subprocess.Popen | None = None
        self.restarts = 0

    def start(self) -> None:
        # Own session: a terminal Ctrl-C reaches only the launcher, which stops children in order.
        self.process = subprocess.Popen(
            self.args, cwd=BASE_DIR, env=self.env, start_new_session=True, preexec_fn=die_with_parent
        )
        log.info("started %s (pid %d)", self.name, self.process.pid)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, signum: int) -> None:
        """Signal the child alone: its own children (the worker's ffmpeg) are its business."""
        if self.alive():
            try:
                os.kill(self.process.pid, signum)
            except ProcessLookupError:
                pass

    def kill_group(self) -> None:
        """SIGKILL the child's whole process group, leader and leftovers (even once it exited)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # nothing left in it
        if self.process.poll() is None:
            self.process.wait()


class Launcher:
    # RQ ignores a second stop signal within a second of the first (it takes it for a duplicate).
    SECOND_SIGNAL_AFTER = 1.2
    # How long an abandoned render may take to unwind (stop ffmpeg, remove its files, requeue).
    ABANDON_GRACE = 15.0

    def __init__(self, host: str, port: int, grace: float) -> None:
        self.host, self.port, self.grace = host, port, grace
        self.stopping = 0
        self.redis: subprocess.Popen | None = None
        self.redis_port = 0
        self.redis_dir: Path | None = None
        self.redis_failures = 0
        self.redis_retry_at = 0.0
        self.children: list[Child] = []

    def _on_signal(self, signum, frame) -> None:
        self.stopping += 1
        if self.stopping == 1:
            log.info("stopping… (the worker finishes its current video; press Ctrl-C again to abandon it)")
        elif self.stopping == 2:
            log.info("abandoning the current video (it goes back in the queue for the next start)…")
        else:
            log.info("stopping now")

    def run(self) -> int:
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)
        env = dict(os.environ, PYTHONUNBUFFERED="1", DJANGO_SETTINGS_MODULE="sora.settings")
        # Production serves hashed, compressed static files (WhiteNoise's manifest): collect them
        # first. About a second; files that did not change are not copied again.
        collected = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=BASE_DIR,
            env=env,
        )
        if collected.returncode != 0:
            log.error("collecting the static files failed (code %s)", collected.returncode)
            return 1
        try:
            if not os.environ.get("REDIS_URL"):
                self.redis_port = int(os.environ.get("SORA_EMBEDDED_REDIS_PORT", "6399"))
                self.redis_dir = Path(os.environ.get("SORA_VAR_DIR", BASE_DIR / "var")) / "redis"
                self.redis = embedded_redis.start(port=self.redis_port, data_dir=self.redis_dir)
                env["REDIS_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
                log.info(
                    "embedded Redis on 127.0.0.1:%d (data in %s, pid %d)",
                    self.redis_port, self.redis_dir, self.redis.pid,
                )  # fmt: skip
            self.children = [
                Child("web", web_command(sys.executable, self.host, self.port), env),
                # One worker for everything here: the GPU queue, the CPU queue, then the names
                # earlier versions queued on, so work queued before an upgrade is still done.
                Child("worker", worker_command(sys.executable, worker_queues(env)), env),
            ]
            for child in self.children:
                child.start()
            log.info("Sora is running at http://%s:%d/ (Ctrl-C to stop)", self.host, self.port)
            return self._supervise()
        except embedded_redis.EmbeddedRedisError as exc:
            log.error("%s", exc)
            return 1
        finally:
            self._shutdown()

    def _supervise(self) -> int:
        web, worker = self.children
        while not self.stopping:
            time.sleep(0.2)
            if not web.alive():
                log.error("the web server exited (code %s); stopping", web.process.returncode)
                return 1
            self._keep_redis_up()
            if not worker.alive():
                worker.kill_group()  # what it left running (an ffmpeg it was feeding)
                worker.restarts += 1
                delay = min(30, 2**worker.restarts)
                log.warning(
                    "the worker exited (code %s); restarting in %d s", worker.process.returncode, delay
                )
                self._sleep_unless_stopping(delay)
                if not self.stopping:
                    worker.start()
        return 0

    def _keep_redis_up(self) -> None:
        """Our own Redis exited: start it again on the same port and data.

        The worker waits for it, and the queue comes back from the append-only file.
        """
        if self.redis is None or self.redis.poll() is None or time.monotonic() < self.redis_retry_at:
            return
        log.warning("the embedded Redis exited (code %s); restarting it", self.redis.returncode)
        try:
            self.redis = embedded_redis.start(port=self.redis_port, data_dir=self.redis_dir)
        except embedded_redis.EmbeddedRedisError as exc:
            self.redis_failures += 1
            delay = min(30, 2**self.redis_failures)
            log.error("%s\nTrying again in %d s.", exc, delay)
            self.redis_retry_at = time.monotonic() + delay
            return
        self.redis_failures = 0
        log.info("embedded Redis restarted (pid %d)", self.redis.pid)

    def _sleep_unless_stopping(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)

    def _shutdown(self) -> None:
        # The worker alone gets SIGINT, as from a terminal: RQ's warm shutdown, which lets the
        # video being rendered finish. Its ffmpeg must not get it: ffmpeg stops on SIGINT.
        asked = time.monotonic()
        for child in self.children:
            child.signal(signal.SIGINT if child.name == "worker" else signal.SIGTERM)
        deadline = asked + self.grace
        abandoned = False
        while any(child.alive() for child in self.children) and time.monotonic() < deadline:
            if self.stopping >= 3:
                break
            if self.stopping == 2 and not abandoned and time.monotonic() - asked >= self.SECOND_SIGNAL_AFTER:
                # A second SIGINT: RQ's cold shutdown, which abandons the render; render_abandoned
                # puts it back in the queue.
                abandoned = True
                for child in self.children:
                    if child.name == "worker":
                        child.signal(signal.SIGINT)
                deadline = min(deadline, time.monotonic() + self.ABANDON_GRACE)
            time.sleep(0.1)
        for child in self.children:
            if child.alive():
                log.warning("%s did not stop in time; killing it", child.name)
            child.kill_group()  # and whatever it left behind
        if self.redis is not None:
            embedded_redis.stop(self.redis)
        log.info("stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("SORA_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SORA_PORT", "8000")))
    parser.add_argument(
        "--grace", type=float, default=float(os.environ.get("SORA_SHUTDOWN_GRACE", "60")),
        help="seconds the worker may take to finish its current video on Ctrl-C",
    )  # fmt: skip
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s [launcher] %(message)s", datefmt="%H:%M:%S")
    return Launcher(args.host, args.port, args.grace).run()


if __name__ == "__main__":
    sys.exit(main())
