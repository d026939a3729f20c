"""Start the app the way `make run` does, in a scratch folder, for tests that need a real server."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from contextlib import closing, contextmanager
from pathlib import Path

from django.conf import settings

from sora.embedded_redis import free_port
from sora.processes import process_alive

BASE_DIR = Path(__file__).resolve().parent.parent
# Debian's Chromium, with the flags this machine needs; Playwright never downloads a browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@contextmanager
def _scratch_database():
    """A throwaway database of the kind the suite runs on: SQLite by default, else PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None  # SQLite inside the scratch folder
        return
    import psycopg

    name = f"sora_live_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class LiveApp:
    def __init__(
        self,
        root: Path,
        env: dict[str, str],
        port: int,
        database_url: str | None = None,
        python: str = sys.executable,
    ) -> None:
        self.root, self.env, self.port, self.database_url = root, env, port, database_url
        self.python = python
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = root / "launcher.log"
        self.tmp = Path(env["TMPDIR"])  # every temporary file the app's processes make
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        subprocess.run(
            [self.python, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
        )
        # Appended to: a test may stop the app and start it again on the same folder.
        logged = len(self.log())
        self.process = subprocess.Popen(
            [self.python, "-m", "sora.launcher", "--port", str(self.port), "--grace", "20"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200 and "started worker" in self.log()[logged:]:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the app did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def child_pids(self) -> list[int]:
        return [int(pid) for pid in re.findall(r"started \w+ \(pid (\d+)\)", self.log())]

    def worker_pid(self) -> int:
        """The worker started last."""
        return int(re.findall(r"started worker \(pid (\d+)\)", self.log())[-1])

    def redis_pid(self) -> int:
        """The embedded Redis running now (Redis titles its process with its address)."""
        title = f"redis-server 127.0.0.1:{self.env['SORA_EMBEDDED_REDIS_PORT']}"
        (pid,) = [pid for pid, command in running_commands().items() if command.endswith(title)]
        return pid

    def sql(self, query: str) -> list[tuple]:
        """Read the app's database directly (fast enough to time state changes)."""
        return scratch_sql(self.root, self.database_url, query)

    def superuser_create(self, handle: str, password: str) -> None:
        """A staff member with every permission, as `make superuser` makes one."""
        subprocess.run(
            [self.python, "manage.py", "createsuperuser", "--noinput", "--username", handle,
             "--email", f"{handle}@example.com"],
            cwd=BASE_DIR, env=dict(self.env, DJANGO_SUPERUSER_PASSWORD=password),
            check=True, capture_output=True,
        )  # fmt: skip

    def shell(self, code: str) -> str:
        """Run Python in a Django shell of the app (its database, Redis and settings); returns stdout."""
        done = subprocess.run(
            [self.python, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=BASE_DIR, env=self.env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    def wait_for(self, what: str, condition: Callable[[], object], timeout: float = 60) -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"the app exited while waiting for {what}:\n{self.log()}")
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}:\n{self.log()}")

    def processes_left(self) -> list[str]:
        """Processes still running with this app's scratch folder (or embedded Redis) in their command."""
        redis_title = f"redis-server 127.0.0.1:{self.env['SORA_EMBEDDED_REDIS_PORT']}"
        return [
            f"{pid}: {command[:200]}"
            for pid, command in running_commands().items()
            if str(self.root) in command or command.endswith(redis_title)
        ]

    def temp_files(self) -> list[Path]:
        return sorted(self.tmp.rglob("*"))

    def stop(self, timeout: float = 30) -> int:
        """Ctrl-C, as a person would; returns the launcher's exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def scratch_sql(root: Path, database_url: str | None, query: str) -> list[tuple]:
    """A query on a scratch install's database: PostgreSQL's when it has one, else its SQLite file."""
    if database_url:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            return conn.execute(query).fetchall()
    with closing(sqlite3.connect(root / "var" / "db.sqlite3", timeout=20)) as conn:
        return conn.execute(query).fetchall()


def running_commands() -> dict[int, str]:
    """Every live process's command line."""
    commands = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or not pid_alive(int(entry.name)):
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        commands[int(entry.name)] = command.strip()
    return commands


pid_alive = process_alive  # the tests' word for it


def wait_until(page, expression: str, arg=None, timeout: float = 30) -> None:
    """`page.wait_for_function` without eval: Playwright's polling builds the predicate with
    `new Function` inside the page, which the app's Content-Security-Policy refuses. This asks
    `page.evaluate` instead (through the DevTools protocol, which the page's policy doesn't govern)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {expression}")
        page.wait_for_timeout(100)


def csp_violations(target) -> list[str]:
    """Every Content-Security-Policy violation Chromium reports on this page or browser context,
    collected as it happens (the list fills in while the test runs)."""
    found: list[str] = []
    target.on(
        "console", lambda message: "Content Security Policy" in message.text and found.append(message.text)
    )
    return found


def browser_admin_review(page, base_url: str, handle: str, password: str, *, of: str) -> None:
    """Log in to the admin as staff and open the cameo verification of the person `of`."""
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", handle)
    page.fill("input[name=password]", password)
    page.click("input[type=submit]")
    page.goto(base_url + "/admin/cameo/verification/")
    page.click(f"table#result_list a:has-text('{of}')")


def browser_sign_up(page, base_url: str, handle: str, password: str) -> None:
    """Sign up through the real form, as a newcomer would, and wait until signed in."""
    page.goto(base_url + "/accounts/signup/")
    page.fill("input[name=email]", f"{handle}@example.com")
    page.fill("input[name=username]", handle)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector(".topbar .handle", state="attached")  # hidden on a phone-sized screen


@contextmanager
def live_app(*, test_engines: bool = False, redis_url: str | None = None, python: str = sys.executable):
    """The app as `make run` starts it, in a scratch folder.

    test_engines: the worker also has the engines of tests/fault_engines.py (gates in
    `app.root / "gates"`). redis_url: use that Redis instead of the embedded one. python: the
    interpreter of the environment to run it from (the test's own by default).
    """
    with tempfile.TemporaryDirectory(prefix="sora-live-") as tmp, _scratch_database() as database_url:
        root = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
        env.update(
            SORA_VAR_DIR=str(root / "var"),
            # The sprite vectors the suite's own process keeps: a live app need not compute them again.
            SORA_CACHE_DIR=str(settings.SORA_CACHE_DIR),
            MEDIA_ROOT=str(root / "var" / "media"),
            SORA_PRIVATE_ROOT=str(root / "var" / "private"),
            # No REDIS_URL: the launcher starts its embedded Redis, exactly as `make run` does.
            SORA_EMBEDDED_REDIS_PORT=str(free_port()),
            TMPDIR=str(root / "tmp"),
        )
        (root / "tmp").mkdir()
        if redis_url:
            env["REDIS_URL"] = redis_url
        if test_engines:
            (root / "gates").mkdir()
            hooks = [str(BASE_DIR / "tests" / "live_hooks"), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(filter(None, hooks))
            env["SORA_TEST_GATE_DIR"] = str(root / "gates")
        if database_url:
            env["DATABASE_URL"] = database_url
        app = LiveApp(root, env, free_port(), database_url, python=python)
        app.start()
        try:
            yield app
        finally:
            app.stop()


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()):
    """Debian's Chromium through Playwright; skipped without it, except in CI (it must run there)."""
    import pytest

    if not os.path.exists(CHROMIUM):
        if os.environ.get("SORA_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing; install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args))
        yield browser
        browser.close()
