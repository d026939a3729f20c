"""ASGI entry point: HTTP through Django, websockets through Channels (job and verification progress)."""

import os

# Before numpy loads: its OpenBLAS starts a thread per core, and after each product (a viewer's
# steering, a steer text's embedding) those threads spin for a while waiting for more. The web
# process's products are small; under For You load the spinning took a quarter of the process's
# CPU, away from the requests and from the render worker on the same machine. The worker does not
# import this module and keeps every core.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
# Django must be set up before importing consumers (they import models).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from cameo.routing import websocket_urlpatterns as cameo_websockets  # noqa: E402
from cameo.services import UPLOAD_MAX_BYTES, UPLOAD_TOO_LARGE  # noqa: E402
from feed.forms import AVATAR_MAX_BYTES, VERIFY_MAX_BYTES, VERIFY_TOO_LARGE  # noqa: E402
from feed.routing import websocket_urlpatterns as feed_websockets  # noqa: E402
from generation.routing import websocket_urlpatterns as generation_websockets  # noqa: E402

from .body_limit import BodyLimit, Limit  # noqa: E402
from .concurrency import ConcurrencyLimit  # noqa: E402
from .ratelimits import WebsocketRateLimit  # noqa: E402
from .same_origin import SameOriginValidator  # noqa: E402

# Every form here is a few KB of text; 2 MB leaves room and refuses anything meant to fill a disk.
FORM_LIMIT = Limit(
    2 * 1024 * 1024, "That is more than this page accepts (2 MB at most). Shorten it and try again."
)
# The multipart envelope around a file adds a little; the views check the file itself exactly.
ENVELOPE = 64 * 1024


def _upload_limits() -> dict[str, Limit]:
    megabytes = AVATAR_MAX_BYTES // (1024 * 1024)
    return {
        reverse("cameo:new"): Limit(UPLOAD_MAX_BYTES + ENVELOPE, UPLOAD_TOO_LARGE),
        reverse("feed:verify"): Limit(VERIFY_MAX_BYTES + ENVELOPE, VERIFY_TOO_LARGE),
        reverse("feed:profile_edit"): Limit(
            AVATAR_MAX_BYTES + ENVELOPE, f"An avatar may be at most {megabytes} MB. Choose a smaller image."
        ),
    }


application = ProtocolTypeRouter(
    {
        "http": BodyLimit(
            ConcurrencyLimit(django_asgi_app, limit=settings.SORA_WEB_CONCURRENCY),
            default=FORM_LIMIT,
            paths=_upload_limits(),
        ),
        "websocket": SameOriginValidator(
            AuthMiddlewareStack(
                WebsocketRateLimit(URLRouter(generation_websockets + cameo_websockets + feed_websockets))
            )
        ),
    }
)
