"""ASGI entry point: HTTP through Django, websockets through Channels (job and verification progress)."""

import contextvars
import gc
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
from feed.routing import websocket_urlpatterns as feed_websockets  # noqa: E402
from generation.routing import websocket_urlpatterns as generation_websockets  # noqa: E402

from .concurrency import ConcurrencyLimit  # noqa: E402
from .same_origin import SameOriginValidator  # noqa: E402
from .upload_limit import UploadLimit  # noqa: E402

# The multipart envelope around the file adds a little; the view checks the file itself exactly.
# Reversed in a context of its own: the first reverse() fills Django's URL resolvers, which sets an
# asgiref Local (a context variable) on each. Set here, in the server's own context, they would
# ride along with every request, and asgiref copies each of them back at every one of the thirty
# or so switches between the event loop and Django's threads that a request makes.
cameo_new = contextvars.copy_context().run(reverse, "cameo:new")
upload_limits = {cameo_new: (UPLOAD_MAX_BYTES + 64 * 1024, UPLOAD_TOO_LARGE)}

application = ProtocolTypeRouter(
    {
        "http": UploadLimit(
            ConcurrencyLimit(django_asgi_app, limit=settings.SORA_WEB_CONCURRENCY), limits=upload_limits
        ),
        "websocket": SameOriginValidator(
            AuthMiddlewareStack(URLRouter(generation_websockets + cameo_websockets + feed_websockets))
        ),
    }
)

# What is loaded by now (Django, the apps, their modules and settings) lives as long as the
# process: moved where the garbage collector no longer walks it. A full collection then visits
# only what requests made since, instead of stopping a request for a hundred milliseconds and more.
gc.freeze()
