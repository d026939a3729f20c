"""How long an idle websocket stays open, and whether it still receives a push at the end.

Starts the app as `make run` does (launcher, embedded Redis, uvicorn, worker) in a scratch folder,
signs two people up over HTTP, opens alice's notification badge socket (/ws/notifications/) and
leaves it idle for MINUTES; then bob follows her, and the new badge must arrive over that socket.
The launcher's log must stay free of tracebacks throughout.
Run: .venv/bin/python bench/websocket_idle.py [--minutes 11]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from websockets.exceptions import ConnectionClosed

from bench.benchkit import verdict
from tests.http_client import Visitor
from tests.live_app import live_app

GOAL_MINUTES = 10
PUSH_WAIT = 10  # seconds a push may take to arrive before it counts as lost


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=11, help="how long the socket stays idle")
    args = parser.parse_args()
    idle_goal = args.minutes * 60

    with live_app() as app:
        alice, bob = Visitor(app.url).sign_up("alice"), Visitor(app.url).sign_up("bob")
        with alice.websocket("/ws/notifications/") as socket:
            socket.recv(timeout=10)  # the badge as it is on connecting
            opened = time.monotonic()
            closed_after = None
            while (idle := time.monotonic() - opened) < idle_goal:
                try:
                    # Nothing is sent to alice meanwhile: a message here is as wrong as a close.
                    message = socket.recv(timeout=min(60, idle_goal - idle))
                    print(f"unexpected message after {idle:.0f} s: {message[:80]}", flush=True)
                except TimeoutError:
                    print(f"idle {time.monotonic() - opened:.0f} s, socket open", flush=True)
                except ConnectionClosed as exc:
                    closed_after = time.monotonic() - opened
                    print(f"socket closed after {closed_after:.1f} s idle: {exc}", flush=True)
                    break
            idle = time.monotonic() - opened
            pushed_after = None
            if closed_after is None:
                sent = time.monotonic()
                bob.post("/u/alice/follow/", {})
                try:
                    badge = socket.recv(timeout=PUSH_WAIT)
                    if ">1</span>" in badge:
                        pushed_after = time.monotonic() - sent
                    else:
                        print(f"the push carried the wrong badge: {badge}")
                except (TimeoutError, ConnectionClosed) as exc:
                    print(f"no push within {PUSH_WAIT} s: {exc!r}")
        log = app.log()

    tracebacks = log.count("Traceback")
    asgi_errors = log.count("Exception in ASGI application")
    print(f"launcher log: {asgi_errors} 'Exception in ASGI application', {tracebacks} tracebacks")
    if pushed_after is not None:
        print(f"bob's follow request sent to alice's new badge received: {pushed_after * 1000:.0f} ms")
    ok = closed_after is None and pushed_after is not None and tracebacks == 0 and asgi_errors == 0
    print(
        f"idle websocket stayed open {(closed_after or idle) / 60:.1f} min and "
        f"{'still received a push' if pushed_after is not None else 'received no push'} "
        f"(goal >= {GOAL_MINUTES} min, push received, clean log) {verdict(ok and idle >= GOAL_MINUTES * 60)}"
    )


if __name__ == "__main__":
    main()
