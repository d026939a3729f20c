"""A cap on how many HTTP requests run Django code at once in one web process (SORA_WEB_CONCURRENCY).

Under ASGI every request runs its sync code (middleware hooks, the view, the template) in a thread
of its own, and those threads share one interpreter lock. With fifty requests in flight, fifty
threads take turns every few milliseconds: each request's CPU time grows (in bench/feed.py a
first For You page took 45 ms of CPU at p95 under 50 clients, 19 ms alone) and its wall time
reaches seconds. Holding the others at an asyncio semaphore, where waiting costs nothing, lets a
few run at full speed instead. (uvicorn's --limit-concurrency answers 503 beyond its limit; this
queues them.)

A request takes its place once its body has arrived (Django reads it all before any view runs) and
leaves it when its response starts (a download's or a stream's body is sent after): a slow client,
uploading or downloading, never holds one. Websockets pass straight through (Channels serves
them on the event loop).
"""

from __future__ import annotations

import asyncio

from asgiref.typing import ASGIReceiveCallable, ASGIReceiveEvent, ASGISendCallable, ASGISendEvent, Scope


class ConcurrencyLimit:
    def __init__(self, app, *, limit: int) -> None:
        if limit < 1:
            raise ValueError("the limit must be at least 1")
        self.app = app
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:  # made on first use, on the server's event loop
            self._semaphore = asyncio.Semaphore(self.limit)
        semaphore = self._semaphore
        held = entered = False

        async def receiving() -> ASGIReceiveEvent:
            nonlocal held, entered
            message = await receive()
            if not entered and message["type"] == "http.request" and not message.get("more_body"):
                # Django reads the whole body before it runs any middleware or view: an upload
                # from a slow phone waits for its bytes outside, without holding a place.
                entered = True
                await semaphore.acquire()
                held = True
            return message

        def leave() -> None:
            nonlocal held
            if held:
                held = False
                semaphore.release()

        async def sending(message: ASGISendEvent) -> None:
            if message["type"] == "http.response.start":
                leave()  # Django's work for this request is done; the body may take its time
            await send(message)

        try:
            await self.app(scope, receiving, sending)
        finally:
            leave()
