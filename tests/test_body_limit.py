"""An oversized body is refused from its headers, before it is read: on every path, each with its limit."""

import html
import socket
import time

import pytest

from sora.body_limit import BodyLimit, Limit

LIMIT = 1000
MESSAGE = "A recording may be at most 50 MB."
FORMS = Limit(100, "That is more than this page accepts.")


def limited(downstream) -> BodyLimit:
    return BodyLimit(downstream, default=FORMS, paths={"/cameo/new/": Limit(LIMIT, MESSAGE)})


class Downstream:
    """Stands in for Django behind the middleware: reads the whole body, then answers 200."""

    def __init__(self) -> None:
        self.called = False

    async def __call__(self, scope, receive, send) -> None:
        self.called = True
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"stored"})


def scope(path: str = "/cameo/new/", method: str = "POST", length: int | None = None) -> dict:
    headers = [(b"content-type", b"multipart/form-data; boundary=x")]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return {"type": "http", "path": path, "method": method, "headers": headers}


async def call(app, scope, chunks):
    read, sent = [], []
    pending = list(chunks)

    async def receive():
        chunk = pending.pop(0)
        read.append(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    return read, sent


@pytest.mark.asyncio
async def test_a_declared_length_over_the_limit_is_refused_without_reading_a_byte():
    downstream = Downstream()
    app = limited(downstream)
    read, sent = await call(app, scope(length=LIMIT + 1), [b"x" * 500] * 3)
    assert read == [] and not downstream.called
    assert sent[0]["status"] == 413
    assert MESSAGE.encode() in sent[1]["body"]


@pytest.mark.asyncio
async def test_a_body_without_a_length_is_cut_off_at_the_limit():
    downstream = Downstream()
    app = limited(downstream)
    read, sent = await call(app, scope(length=None), [b"x" * 400] * 10)
    assert len(read) == 3  # 1,200 bytes: the first chunk past the limit, not the other seven
    assert sent[0]["status"] == 413


@pytest.mark.asyncio
async def test_within_the_limit_and_other_paths_pass_through():
    app = limited(Downstream())
    _, sent = await call(app, scope(length=LIMIT), [b"x" * LIMIT])
    assert sent[0]["status"] == 200
    _, sent = await call(app, scope(path="/create/", length=100), [b"x" * 100])
    assert sent[0]["status"] == 200


@pytest.mark.asyncio
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "GET"])
async def test_every_other_path_and_method_has_the_form_limit(method):
    downstream = Downstream()
    read, sent = await call(limited(downstream), scope(path="/nowhere/", method=method, length=101), [b"x"])
    assert read == [] and not downstream.called
    assert sent[0]["status"] == 413 and FORMS.message.encode() in sent[1]["body"]
    read, sent = await call(limited(downstream), scope(path="/create/", method=method), [b"x" * 60] * 5)
    assert len(read) == 2 and sent[0]["status"] == 413


def test_the_view_refuses_by_length_too_when_no_middleware_ran(client, alice):
    """Under runserver or WSGI the view itself checks the declared length first."""
    client.force_login(alice)
    response = client.post("/cameo/new/", data=b"", content_type="multipart/form-data; boundary=x",
                           CONTENT_LENGTH=str(60 * 2**20))  # fmt: skip
    assert response.status_code == 413
    assert "at most 50 MB" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "alice"])
def test_the_413_page_the_proxy_asks_for_names_the_limit_of_the_page_refused(client, alice, who):
    """docs/deploy/nginx-sora.conf refuses an oversized upload itself and shows this page."""
    from sora.upload_limits import FORM_LIMIT, upload_limits

    if who == "alice":
        client.force_login(alice)
    for page, limit in [*upload_limits().items(), ("/create/", FORM_LIMIT)]:
        response = client.get("/413/", {"page": page})
        assert response.status_code == 413
        body = response.content.decode()
        assert html.escape(limit.message) in body and f'href="{page}"' in body
    # Only a page of this site to go back to; a POST is not how the proxy asks.
    for elsewhere in ("//evil.example/", "https://evil.example/", "javascript:alert(1)", ""):
        body = client.get("/413/", {"page": elsewhere}).content.decode()
        assert "evil" not in body and "javascript" not in body and html.escape(FORM_LIMIT.message) in body
    assert client.post("/413/", {"page": "/create/"}).status_code == 405


def _declare(port: int, path: str, length: int) -> tuple[str, float]:
    """Send only the headers of a request declaring `length` bytes; the reply and how long it took."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {length}\r\n\r\n".encode()
        )
        started = time.monotonic()
        reply = b""
        while chunk := conn.recv(65536):  # the server closes the connection after answering
            reply += chunk
        return reply.decode(errors="replace"), time.monotonic() - started


def test_the_running_server_answers_413_before_any_oversized_body_is_sent():
    """Through `make run`'s real server: headers claiming too much, then silence, on every kind of path."""
    from .live_app import live_app

    cases = [
        ("/cameo/new/", 60 * 2**20, "at most 50 MB"),
        ("/profile/edit/", 6 * 2**20, "An avatar may be at most 5 MB"),
        ("/healthz", 2 * 2**30, "2 MB at most"),
        ("/no/such/page/", 2 * 2**30, "2 MB at most"),
        ("/create/", 3 * 2**20, "2 MB at most"),
        ("/accounts/login/", 2 * 2**30, "2 MB at most"),
    ]
    with live_app() as app:
        for path, length, message in cases:
            reply, waited = _declare(app.port, path, length)
            assert reply.startswith("HTTP/1.1 413"), (path, reply[:200])
            assert message in reply and "That's too large" in reply, path
            assert waited < 5, f"{path}: the server waited {waited:.1f} s for a body it should not read"
        assert not list((app.root / "var").rglob("*.upload*")), "nothing was spooled to disk"
