"""At most SORA_WEB_CONCURRENCY HTTP requests run Django code at once in a web process; the rest wait."""

import asyncio
import threading
import time

import pytest
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpResponse, StreamingHttpResponse
from django.test import override_settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from sora.concurrency import ConcurrencyLimit


class InFlight:
    """Counts the requests inside the slow view, from the threads Django runs it in."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = self.most = 0

    def __enter__(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc) -> None:
        with self.lock:
            self.now -= 1


in_flight = InFlight()
released = threading.Event()
unblocked = threading.Event()


def slow(request):
    with in_flight:
        time.sleep(0.15)  # a view busy with its database, say
    return HttpResponse("done")


def together(request):
    # Stays until all six are inside (or five seconds pass), so a slow start of one request on a
    # busy machine cannot let another finish first: only a cap keeps them apart.
    with in_flight:
        deadline = time.monotonic() + 5
        while in_flight.now < 6 and time.monotonic() < deadline:
            time.sleep(0.01)
    return HttpResponse("done")


def stuck(request):
    with in_flight:
        unblocked.wait(30)  # a view waiting on a mail server that stopped answering, say
    return HttpResponse("late")


def quick(request):
    return HttpResponse("quick")


def stream(request):
    # Its body is read after the view returned: the request has left the gate by then.
    async def body():
        for _ in range(2000):
            if released.is_set():
                break
            await asyncio.sleep(0.01)
        yield b"late"

    return StreamingHttpResponse(body())


@csrf_exempt
def upload(request):
    return HttpResponse(f"{len(request.body)} bytes")


urlpatterns = [
    path("slow", slow),
    path("together", together),
    path("stuck", stuck),
    path("quick", quick),
    path("stream", stream),
    path("upload", upload),
]


async def call(app, path: str, *, method: str = "GET", chunks=(b"",), scope_type: str = "http"):
    """One request through `app`; `chunks` are the body's pieces, each a bytes or an asyncio.Event
    to wait for before the next piece (a slow client)."""
    sent, pending = [], list(chunks)

    async def receive():
        while pending and isinstance(pending[0], asyncio.Event):
            await pending.pop(0).wait()
        if not pending:  # Django listens for a disconnect while the view runs: the client stays
            await asyncio.Event().wait()
        body = pending.pop(0)
        return {"type": "http.request", "body": body, "more_body": any(isinstance(c, bytes) for c in pending)}

    async def send(message):
        sent.append(message)

    scope = {
        "type": scope_type,
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "path": f"/{path}",
        "raw_path": f"/{path}".encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/octet-stream")],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


@pytest.fixture(autouse=True)
def fresh_count():
    in_flight.now = in_flight.most = 0
    released.clear()
    unblocked.clear()
    with override_settings(ROOT_URLCONF=__name__):
        yield


def test_the_site_runs_behind_the_cap():
    from django.conf import settings

    with override_settings(ROOT_URLCONF="sora.urls"):
        from sora.asgi import application

    gate = application.application_mapping["http"].app
    assert isinstance(gate, ConcurrencyLimit) and gate.limit == settings.SORA_WEB_CONCURRENCY


@pytest.mark.asyncio
async def test_requests_beyond_the_cap_wait_their_turn_and_all_are_answered():
    app = ConcurrencyLimit(ASGIHandler(), limit=2)
    answers = await asyncio.gather(*(call(app, "slow") for _ in range(6)))
    assert answers == [(200, b"done")] * 6
    assert in_flight.most == 2


@pytest.mark.asyncio
async def test_without_the_cap_every_request_runs_at_once():
    # What the cap prevents: the same load, one thread per request, all in the view together.
    answers = await asyncio.gather(*(call(ASGIHandler(), "together") for _ in range(6)))
    assert answers == [(200, b"done")] * 6
    assert in_flight.most == 6


@pytest.mark.asyncio
async def test_a_streaming_body_does_not_hold_a_place():
    app = ConcurrencyLimit(ASGIHandler(), limit=1)
    streaming = asyncio.ensure_future(call(app, "stream"))
    await asyncio.sleep(0.3)  # its view has returned; its body is still waiting
    assert not streaming.done()
    assert await asyncio.wait_for(call(app, "slow"), 3) == (200, b"done")
    released.set()
    assert await streaming == (200, b"late")


@pytest.mark.asyncio
async def test_a_slow_upload_waits_for_its_bytes_without_holding_a_place():
    app = ConcurrencyLimit(ASGIHandler(), limit=1)
    rest_arrives = asyncio.Event()
    uploading = asyncio.ensure_future(
        call(app, "upload", method="POST", chunks=[b"x" * 10, rest_arrives, b"y" * 5])
    )
    await asyncio.sleep(0.1)
    assert await asyncio.wait_for(call(app, "slow"), 5) == (200, b"done")
    rest_arrives.set()
    assert await asyncio.wait_for(uploading, 5) == (200, b"15 bytes")


@pytest.mark.asyncio
async def test_websockets_pass_while_every_place_is_taken():
    seen = []

    async def inner(scope, receive, send):
        if scope["type"] == "http":
            await asyncio.sleep(0.5)
        seen.append(scope["type"])

    app = ConcurrencyLimit(inner, limit=1)
    busy = asyncio.ensure_future(call(app, "slow"))
    await asyncio.sleep(0.05)
    await asyncio.wait_for(app({"type": "websocket"}, None, None), 0.2)
    assert seen == ["websocket"]
    busy.cancel()


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        ConcurrencyLimit(ASGIHandler(), limit=0)


@pytest.mark.asyncio
async def test_a_few_stuck_requests_do_not_stall_the_others_at_the_default_cap():
    from django.conf import settings

    app = ConcurrencyLimit(ASGIHandler(), limit=settings.SORA_WEB_CONCURRENCY)
    stuck_ones = [asyncio.ensure_future(call(app, "stuck")) for _ in range(3)]
    try:
        while in_flight.now < 3:
            await asyncio.sleep(0.01)
        # Behind a cap of three or less this would wait for the stuck ones, which wait for it.
        assert await asyncio.wait_for(call(app, "quick"), timeout=20) == (200, b"quick")
    finally:
        unblocked.set()
        assert await asyncio.gather(*stuck_ones) == [(200, b"late")] * 3
