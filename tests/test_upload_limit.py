"""An oversized cameo upload is refused from its headers, before its body is read."""

import socket
import time

import pytest

from sora.upload_limit import UploadLimit

LIMIT = 1000
MESSAGE = "A recording may be at most 50 MB."


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
    app = UploadLimit(downstream, limits={"/cameo/new/": (LIMIT, MESSAGE)})
    read, sent = await call(app, scope(length=LIMIT + 1), [b"x" * 500] * 3)
    assert read == [] and not downstream.called
    assert sent[0]["status"] == 413
    assert MESSAGE.encode() in sent[1]["body"]


@pytest.mark.asyncio
async def test_a_body_without_a_length_is_cut_off_at_the_limit():
    downstream = Downstream()
    app = UploadLimit(downstream, limits={"/cameo/new/": (LIMIT, MESSAGE)})
    read, sent = await call(app, scope(length=None), [b"x" * 400] * 10)
    assert len(read) == 3  # 1,200 bytes: the first chunk past the limit, not the other seven
    assert sent[0]["status"] == 413


@pytest.mark.asyncio
async def test_within_the_limit_and_other_paths_pass_through():
    app = UploadLimit(Downstream(), limits={"/cameo/new/": (LIMIT, MESSAGE)})
    _, sent = await call(app, scope(length=LIMIT), [b"x" * LIMIT])
    assert sent[0]["status"] == 200
    _, sent = await call(app, scope(path="/create/", length=10 * LIMIT), [b"x" * 10 * LIMIT])
    assert sent[0]["status"] == 200


def test_the_view_refuses_by_length_too_when_no_middleware_ran(client, alice):
    """Under runserver or WSGI the view itself checks the declared length first."""
    client.force_login(alice)
    response = client.post("/cameo/new/", data=b"", content_type="multipart/form-data; boundary=x",
                           CONTENT_LENGTH=str(60 * 2**20))  # fmt: skip
    assert response.status_code == 413
    assert "at most 50 MB" in response.content.decode()


def test_the_running_server_answers_413_before_the_body_is_sent():
    """Through `make run`'s real server: headers claiming 60 MB, then silence."""
    from .live_app import live_app

    with live_app() as app:
        with socket.create_connection(("127.0.0.1", app.port), timeout=10) as conn:
            conn.sendall(
                b"POST /cameo/new/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                + f"Content-Length: {60 * 2**20}\r\n\r\n".encode()
            )
            started = time.monotonic()
            reply = b""
            while chunk := conn.recv(65536):  # the server closes the connection after answering
                reply += chunk
            waited = time.monotonic() - started
            reply = reply.decode(errors="replace")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert "at most 50 MB" in reply
    assert waited < 5, f"the server waited {waited:.1f} s for a body it should not read"
