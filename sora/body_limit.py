"""Refuse oversized request bodies from their headers, before the body is read (ASGI middleware).

Django reads a whole request body before any view runs (and spools a large one to disk), so a
view can only refuse a 2 GB upload after receiving it. This sits in front of every HTTP path: a
declared Content-Length over the path's limit is answered at once with 413 (uvicorn then drops
the connection instead of reading the rest), and a body without a length is counted as it
streams in and cut off at the limit. Paths that take a file have their own, larger limits.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


@dataclass(frozen=True)
class Limit:
    most: int  # bytes allowed in the body
    message: str  # for the person whose request is refused


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, *, default: Limit, paths: dict[str, Limit]) -> None:
        """`default` holds for every path but those in `paths` (exact paths with their own limit)."""
        self.app = app
        self.default = default
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope.get("path", ""), self.default)
        declared = _content_length(scope)
        if declared is not None and declared > limit.most:
            await _refuse(send, limit, scope)
            return
        received = 0

        async def counted() -> dict:
            nonlocal received
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > limit.most:
                    raise BodyTooLarge()
            return event

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            # Django reads the whole body before responding, so nothing has been sent yet.
            await _refuse(send, limit, scope)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, limit: Limit, scope: Scope) -> None:
    back = scope.get("path", "/") if scope.get("method") == "POST" else "/"
    body = render_to_string("413.html", {"message": limit.message, "back": back}).encode()
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
