"""The load side of bench/feed.py: the app started as the README runs it, signed-in sessions, the
pages a load replays (walked over HTTP, following each page's own next link), and wrk.

A load is a list of requests, "session kind path" a line, that wrk's script sends in turn over its
connections: a person's scroll is their full first page, then the htmx pages after it (kind
"later": sent with HX-Request, as the browser fetches them). The lists are walked before the load
through the live server, so every cursor is one the app made; For You's cursors name snapshots in
the server's Redis, which the walk and the load share. Each response's view time comes from its
Server-Timing header (SORA_SERVER_TIMING=1, sora/server_timing.py), recorded as a full page or a
partial one by whether the body is a whole document.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 50
# The link to the next page, as htmx follows it: For You and Following's "More videos" and their
# prefetch, and a profile's "More videos" button.
NEXT_LINK = re.compile(r'hx-get="([^"]*[?&]after=[^"]*)"')


def server_start(workdir: Path, port: int, redis_port: int) -> subprocess.Popen:
    """`python -m sora.launcher` (web server, worker, embedded Redis on redis_port) on the scratch
    database, DEBUG off, Server-Timing on."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SORA_SERVER_TIMING="1",
        SORA_EMBEDDED_REDIS_PORT=str(redis_port),
        LOG_LEVEL="WARNING",
    )
    # DB_CONN_MAX_AGE stays unset, as the README runs it (sora/settings.py: Django's pool on
    # PostgreSQL, a connection per request on SQLite).
    env.pop("DB_CONN_MAX_AGE", None)
    log = (workdir / "server.log").open("a")
    process = subprocess.Popen(
        [sys.executable, "-m", "sora.launcher", "--port", str(port), "--grace", "5"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{(workdir / 'server.log').read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    server_stop(process)
    raise RuntimeError(f"the server did not answer:\n{(workdir / 'server.log').read_text()[-3000:]}")


def server_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def sessions_make(user_ids: list[int]) -> dict[int, str]:
    """A signed-in session per user, as logging in leaves it (the cookie is all the load needs)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    made = {}
    for user in get_user_model().objects.filter(pk__in=user_ids):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        made[user.pk] = session.session_key
    return made


def next_link(body: str) -> str | None:
    found = NEXT_LINK.search(body)
    return html.unescape(found.group(1)) if found else None


def http_get(base: str, path: str, session: str, later: bool) -> str:
    from django.conf import settings

    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
    if later:
        headers["HX-Request"] = "true"
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30) as answer:
        assert answer.status == 200, (path, answer.status)
        return answer.read().decode()


def scrolls_walk(base: str, starts: list[tuple[str, str]], pages: int) -> list[tuple[str, str, str]]:
    """Each (session, first page) scrolled for up to `pages` pages over HTTP, following the pages'
    own next links: the load's lines (session, "first" or "later", path), scroll by scroll."""

    def scroll(start: tuple[str, str]) -> list[tuple[str, str, str]]:
        session, path = start
        lines = []
        for n in range(pages):
            lines.append((session, "later" if n else "first", path))
            path = next_link(http_get(base, path, session, later=bool(n)))
            if path is None:
                break
        return lines

    # A few at once: the walk is the load's warm-up too, and it should not take long.
    with ThreadPoolExecutor(max_workers=4) as pool:
        return [line for lines in pool.map(scroll, starts) for line in lines]


# wrk's script: "kind wall-ms cpu-ms" per response from the Server-Timing header (a flat list: wrk
# copies nested tables between threads badly), written to a file by the main thread at the end
# (wrk gives threads no other way out). Requests go through the list in turn.
WRK_SCRIPT = r"""
times, statuses = {}, {}
local lines, turn = {}, 0
function init(args)
  if args[1] then
    for line in io.lines(args[1]) do
      local session, kind, path = line:match('(%S+) (%S+) (%S+)')
      lines[#lines + 1] = { session, kind, path }
    end
  end
end
function request()
  if #lines == 0 then return wrk.format('GET') end
  turn = turn % #lines + 1
  local line = lines[turn]
  local headers = { Cookie = 'sessionid=' .. line[1] }
  if line[2] == 'later' then headers['HX-Request'] = 'true' end
  return wrk.format('GET', line[3], headers)
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local timing = headers['Server-Timing'] or headers['server-timing']
  if not timing then return end
  local wall, cpu = tonumber(timing:match('app;dur=([%d%.]+)')), tonumber(timing:match('cpu;dur=([%d%.]+)'))
  local kind = body:sub(1, 15):lower() == '<!doctype html>' and 'first' or 'later'
  if wall and cpu then times[#times + 1] = kind .. ' ' .. wall .. ' ' .. cpu end
end
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local e = summary.errors
  local out = io.open(os.getenv('WRK_OUT'), 'w')
  out:write(string.format('requests %d\nduration_us %d\nerrors %d\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout))
  out:write(string.format('latency_us %d %d\n', latency:percentile(50), latency:percentile(95)))
  for _, thread in ipairs(threads) do
    for _, line in ipairs(thread:get('times')) do out:write(line, '\n') end
    for status, n in pairs(thread:get('statuses')) do out:write('status ', status, ' ', n, '\n') end
  end
  out:close()
end
"""


def wrk_run(url: str, lines: list[tuple[str, str, str]] | None, seconds: int, workdir: Path) -> dict:
    """One wrk run of 50 connections over these lines (none: GET url); returns requests/s,
    statuses, socket errors, and wall and CPU ms per response, by full page ("first") and partial."""
    from django.conf import settings

    stamp = time.monotonic_ns()
    script, out = workdir / "load.lua", workdir / f"wrk-{stamp}.txt"
    script.write_text(WRK_SCRIPT.replace("sessionid=", f"{settings.SESSION_COOKIE_NAME}="))
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    if lines:
        listing = workdir / f"lines-{stamp}.txt"
        listing.write_text("".join(f"{session} {kind} {path}\n" for session, kind, path in lines))
        command += ["--", str(listing)]
    subprocess.run(command, check=True, capture_output=True, env=dict(os.environ, WRK_OUT=str(out)))
    result: dict = {"wall": {}, "cpu": {}, "statuses": Counter()}
    for line in out.read_text().splitlines():
        parts = line.split()
        if parts[0] in ("requests", "duration_us", "errors"):
            result[parts[0]] = int(parts[1])
        elif parts[0] == "latency_us":
            result["latency_ms"] = (int(parts[1]) / 1000, int(parts[2]) / 1000)
        elif parts[0] == "status":
            result["statuses"][int(parts[1])] += int(parts[2])
        else:
            result["wall"].setdefault(parts[0], []).append(float(parts[1]))
            result["cpu"].setdefault(parts[0], []).append(float(parts[2]))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result
