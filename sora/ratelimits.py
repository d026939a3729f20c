"""Rate limits on what people do: comments, likes, follows, reports, steering, profile edits and
websocket connections (sign-up and log-in are allauth's own, ACCOUNT_RATE_LIMITS).

django-ratelimit counts in CACHES["default"], the Redis every web process shares, so a limit holds
however many processes serve the site. Past a limit the answer is a 429 saying when to try again:
a page, or for htmx a notice swapped into the page's #notices (templates/base.html). The rates are
settings (SORA_RATE_LIMITS); a request whose count can't be read (Redis away for a moment) is let
through: a lost count is better than refusing everyone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What each group limits, in the words of the 429 message.
DOING = {
    "comment": "commenting",
    "like": "liking videos",
    "follow": "following people",
    "report": "reporting videos",
    "steer": "steering your feed",
    "profile": "editing your profile",
    "websocket": "opening live connections",
    "appeal": "asking for reviews",
    "verify": "verifying videos",
}


def seconds_left(
    *, group: str, request: HttpRequest | None, key: str | Callable = "user_or_ip"
) -> int | None:
    """Count one more `group` action for this person (or address); the seconds until they may act
    again when that is over the group's rate, else None. (`request` may be None with a callable
    `key`: a websocket has none.)"""
    try:
        usage = get_usage(
            request, group=group, key=key, rate=settings.SORA_RATE_LIMITS[group], increment=True
        )
    except (RedisError, OSError) as error:
        logger.warning("rate limit %s not counted: %s", group, error)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, usage["time_left"])


def too_many(request: HttpRequest, *, group: str, seconds: int) -> HttpResponse:
    """The 429: the page, or for htmx the notice (retargeted, so no caller's fragment is replaced)."""
    context = {"doing": DOING.get(group, "that"), "seconds": seconds}
    if getattr(request, "htmx", False):
        response = render(request, "_too_many.html", context, status=429)
        response["HX-Retarget"] = "#notices"
        response["HX-Reswap"] = "innerHTML"
    else:
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def rate_limit(group: str, *, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """A view decorator: `methods` requests count towards `group`'s rate; past it, a 429."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods:
                seconds = seconds_left(group=group, request=request)
                if seconds is not None:
                    return too_many(request, group=group, seconds=seconds)
            return view(request, *args, **kwargs)

        return limited

    return decorator


class WebsocketRateLimit:
    """Channels middleware, inside AuthMiddlewareStack: each websocket opened counts towards the
    person's (or, signed out, the address's) "websocket" rate; past it, the handshake is refused
    (HTTP 403; htmx's ws extension tries again later, backing off)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket":
            user = scope.get("user")
            if user is not None and user.is_authenticated:
                who = f"user:{user.pk}"
            else:
                who = f"ip:{(scope.get('client') or ['unknown'])[0]}"
            seconds = await sync_to_async(seconds_left)(
                group="websocket", request=None, key=lambda group, request: who
            )
            if seconds is not None:
                await receive()  # the client's websocket.connect
                await send({"type": "websocket.close", "code": 4429})
                return
        await self.app(scope, receive, send)
