"""A Server-Timing header with the time each view took (bench/feed.py reads it).

Enabled by SORA_SERVER_TIMING=1 only: it tells anyone who looks how long requests take, which a
public deployment need not advertise.

It times the view itself, in the thread that runs it: `app` is the wall time, `cpu` the CPU time
of that thread. Under ASGI each request runs its sync code in a thread of its own, so with many
requests in flight their threads share one interpreter lock: wall time then grows with the number
of requests in flight, while CPU time stays the work of one request (with SQLite, queries
included: they run in the thread; a database server's time is in the wall time only).
"""

import time
from collections.abc import Callable

from asgiref.sync import iscoroutinefunction
from django.http import HttpRequest, HttpResponse
from django.utils.deprecation import MiddlewareMixin


class ServerTimingMiddleware(MiddlewareMixin):
    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if iscoroutinefunction(view):
            return None  # Django awaits it as usual, untimed
        # Django runs a sync process_view in the same thread as sync views: calling the view here
        # times exactly its work (sessions and users load lazily inside it, so they count too).
        wall, cpu = time.perf_counter(), time.thread_time()
        response = view(request, *args, **kwargs)
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        response["Server-Timing"] = f"app;dur={wall * 1000:.2f}, cpu;dur={cpu * 1000:.2f}"
        return response
