"""Refuse oversized uploads from their headers, before the body is read (ASGI middleware).

Django reads a whole request body before any view runs, so a view can only refuse a 2 GB upload
after receiving it. This sits in front: a declared Content-Length over the limit is answered at
once with 413 (uvicorn then drops the connection instead of reading the rest), and a body without
a length is counted as it streams in and cut off at the limit.
"""

from collections.abc import Awaitable, Callable

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>File too large · Sora</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/app.css"></head><body><main><section class="card">
<h1>That file is too large</h1><p class="error" role="alert">{message}</p>
<p><a class="button" href="{back}">Try again</a></p></section></main></body></html>"""


class BodyTooLarge(Exception):
    pass


class UploadLimit:
    def __init__(self, app, *, limits: dict[str, tuple[int, str]]) -> None:
        """`limits` maps a path to (most bytes allowed in the body, message for the user)."""
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limits.get(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        most, message = limit
        declared = _content_length(scope)
        if declared is not None and declared > most:
            await _refuse(send, message, scope["path"])
            return
        received = 0

        async def counted() -> dict:
            nonlocal received
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > most:
                    raise BodyTooLarge()
            return event

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            # Django reads the whole body before responding, so nothing has been sent yet.
            await _refuse(send, message, scope["path"])


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, message: str, back: str) -> None:
    body = PAGE.format(message=message, back=back).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
