"""Several web processes behind one site (docs/deploy.md): a render's progress reaches the page
whichever web process holds its websocket, pushed by a worker process through channels-redis."""

import re

import pytest

from sora.embedded_redis import free_port
from sora.queue_names import worker_queues

from .app_processes import scratch_install, web_process, worker_process
from .http_client import Visitor

pytestmark = pytest.mark.live

PROMPT = "A lighthouse keeper waves at a passing ship"


@pytest.fixture(scope="module")
def site():
    """Two web processes and a worker, separate processes sharing one database and one Redis."""
    with scratch_install() as install:
        processes = []
        try:
            for name in ("web-a", "web-b"):
                processes.append(web_process(install, name, free_port()))
            processes.append(worker_process(install, "worker", worker_queues({})))
            yield install, *processes
        finally:
            for process in processes:
                process.stop()


def same_browser(visitor: Visitor, base_url: str) -> Visitor:
    """The visitor's cookies, talking to another web process (cookies do not depend on the port)."""
    other = Visitor(base_url)
    other.jar, other.opener = visitor.jar, visitor.opener
    return other


def url_of(web) -> str:
    return "http://127.0.0.1:" + web.args[web.args.index("--port") + 1]


def submit(install, visitor: Visitor) -> int:
    before = install.sql("SELECT COALESCE(MAX(id), 0) FROM generation_job")[0][0]
    assert visitor.post("/create/", {"prompt": PROMPT, "duration": "5", "orientation": "portrait"}) == 200
    (pk,) = [row[0] for row in install.sql(f"SELECT id FROM generation_job WHERE id > {before}")]
    return pk


def fragments_until_done(socket) -> list[str]:
    """What the socket receives until the job's fragment says it is finished."""
    received = []
    while not received or 'data-status="running"' in received[-1]:
        received.append(socket.recv(timeout=60))
    return received


def progress_of(fragment: str) -> int:
    return int(re.search(r'data-progress="(\d+)"', fragment).group(1))


def watch(install, worker, pk: int, sockets: list) -> list[list[str]]:
    """Each socket's fragments: its first (the job as the database has it), then the worker's pushes
    from the moment the render goes past its gate until the job is done."""
    worker.wait_for("the render at its gate", lambda: install.gate_reached(pk))
    firsts = [socket.recv(timeout=10) for socket in sockets]
    install.gate_open(pk)
    return [[first, *fragments_until_done(socket)] for first, socket in zip(firsts, sockets, strict=True)]


def assert_pushed_to_done(fragments: list[str]) -> None:
    first, *pushed = fragments
    assert 'id="job-status"' in first and 'data-status="running"' in first, first
    running = [f for f in pushed if 'data-status="running"' in f]
    # Pushed while rendering: progress past where the socket found it (the worker's pushes, since
    # nothing else sends to the group).
    assert running and max(map(progress_of, running)) > progress_of(first), [first, *running]
    assert 'data-status="succeeded"' in pushed[-1] and "<video" in pushed[-1], pushed[-1]


def test_progress_reaches_a_socket_on_the_other_web_process_and_on_the_same_one(site):
    install, web_a, web_b, worker = site
    alice = Visitor(url_of(web_a)).sign_up("alice")
    pk = submit(install, alice)
    on_b = same_browser(alice, url_of(web_b))
    with on_b.websocket(f"/ws/jobs/{pk}/") as socket_b, alice.websocket(f"/ws/jobs/{pk}/") as socket_a:
        seen_b, seen_a = watch(install, worker, pk, [socket_b, socket_a])
    assert_pushed_to_done(seen_b)
    assert_pushed_to_done(seen_a)
    assert install.sql(f"SELECT status FROM generation_job WHERE id = {pk}") == [("succeeded",)]


def test_submitted_on_the_second_web_process_and_watched_on_the_first(site):
    install, web_a, web_b, worker = site
    bob = Visitor(url_of(web_b)).sign_up("bob")
    pk = submit(install, bob)
    with same_browser(bob, url_of(web_a)).websocket(f"/ws/jobs/{pk}/") as socket_a:
        (seen_a,) = watch(install, worker, pk, [socket_a])
    assert_pushed_to_done(seen_a)


def test_the_processes_logged_no_error(site):
    _, *processes = site
    for process in processes:
        assert process.alive(), process.log()
        assert "Traceback" not in process.log(), process.log()
