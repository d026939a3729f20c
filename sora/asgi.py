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

from cameo.routing import websocket_urlpatterns as cameo_websockets  # noqa: E402
from feed.routing import websocket_urlpatterns as feed_websockets  # noqa: E402
from generation.routing import websocket_urlpatterns as generation_websockets  # noqa: E402

from .body_limit import BodyLimit  # noqa: E402
from .concurrency import ConcurrencyLimit  # noqa: E402
from .ratelimits import WebsocketRateLimit  # noqa: E402
from .same_origin import SameOriginValidator  # noqa: E402
from .upload_limits import FORM_LIMIT, upload_limits  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": BodyLimit(
            ConcurrencyLimit(django_asgi_app, limit=settings.SORA_WEB_CONCURRENCY),
            default=FORM_LIMIT,
            paths=upload_limits(),
        ),
        "websocket": SameOriginValidator(
            AuthMiddlewareStack(
                WebsocketRateLimit(URLRouter(generation_websockets + cameo_websockets + feed_websockets))
            )
        ),
    }
)
