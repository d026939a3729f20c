"""Live websockets against the app as `make run` starts it: idle sockets live on, and only the site's
own pages (or trusted origins) may open them."""

import asyncio
import os
import signal
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from websockets.exceptions import InvalidStatus

from sora import embedded_redis

from .http_client import Visitor
from .live_app import live_app

pytestmark = pytest.mark.live

IDLE_SECONDS = 10  # twice the 5 s after which idle sockets used to die
TRUSTED = "http://127.0.0.1:5173"  # e.g. a front-end dev server the operator trusts


@pytest.fixture(scope="module")
def app():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CSRF_TRUSTED_ORIGINS", f"{TRUSTED},https://*.sora.test")
        with live_app() as app:
            yield app


@pytest.fixture(scope="module")
def alice_visitor(app):
    return Visitor(app.url).sign_up("alice")


def badge(socket) -> str:
    fragment = socket.recv(timeout=10)
    assert fragment.startswith('<span id="unread-count"'), fragment
    return fragment


def test_an_idle_websocket_stays_open_and_still_receives_a_push(app, alice_visitor):
    bob_visitor = Visitor(app.url).sign_up("bob")
    with alice_visitor.websocket("/ws/notifications/") as socket:
        assert "hidden" in badge(socket)  # nothing unread yet
        time.sleep(IDLE_SECONDS)
        assert bob_visitor.post("/u/alice/follow/", {}) == 200  # redirected to the profile
        assert ">1</span>" in badge(socket)
    log = app.log()
    assert "Exception in ASGI application" not in log and "Traceback" not in log, log


def test_a_page_of_the_site_itself_may_open_a_socket(app, alice_visitor):
    with alice_visitor.websocket("/ws/notifications/", origin=app.url) as socket:
        badge(socket)


def test_a_page_on_another_port_or_host_of_the_machine_may_not(app, alice_visitor):
    port = urlsplit(app.url).port
    for origin in (f"http://127.0.0.1:{port + 1}", f"https://127.0.0.1:{port}", f"http://localhost:{port}"):
        with pytest.raises(InvalidStatus) as refused:
            alice_visitor.websocket("/ws/notifications/", origin=origin)
        assert refused.value.response.status_code == 403, origin


def test_trusted_origins_may_open_a_socket(app, alice_visitor):
    for origin in (TRUSTED, "https://app.sora.test"):
        with alice_visitor.websocket("/ws/notifications/", origin=origin) as socket:
            badge(socket)


def test_a_handshake_without_an_origin_is_refused_as_channels_documents(app, alice_visitor):
    """Browsers always send an Origin on a websocket handshake; we keep Channels' refusal without one."""
    with pytest.raises(InvalidStatus) as refused:
        alice_visitor.websocket("/ws/notifications/", origin=None)
    assert refused.value.response.status_code == 403


def test_a_host_outside_allowed_hosts_is_not_our_origin(app, alice_visitor):
    """A rebinding name pointed at our address: its Host and Origin agree, but it is not us."""
    port = urlsplit(app.url).port
    with pytest.raises(InvalidStatus) as refused:
        alice_visitor.websocket(
            "/ws/notifications/", origin=f"http://evil.test:{port}", host=f"evil.test:{port}"
        )
    assert refused.value.response.status_code == 403


def test_the_channel_layer_reads_outlast_its_blocking_wait():
    host = settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]
    assert host["socket_timeout"] > RedisChannelLayer.brpop_timeout


@pytest.mark.asyncio
async def test_a_redis_that_stops_answering_is_still_noticed(tmp_path):
    """Idle sockets wait longer now, but not forever: a frozen Redis still ends the layer's read."""
    port = embedded_redis.free_port()
    process = embedded_redis.start(port=port, data_dir=tmp_path, persist=False)
    host = dict(settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0])
    host["address"] = urlunsplit(urlsplit(host["address"])._replace(netloc=f"127.0.0.1:{port}"))
    layer = RedisChannelLayer(hosts=[host])
    try:
        receiving = asyncio.ensure_future(layer.receive(await layer.new_channel()))
        await asyncio.sleep(1)  # blocked in Redis now, waiting for a message
        os.kill(process.pid, signal.SIGSTOP)
        with pytest.raises(redis.exceptions.TimeoutError):  # not asyncio's: the layer gave up itself
            await asyncio.wait_for(receiving, timeout=60)
    finally:
        os.kill(process.pid, signal.SIGCONT)
        embedded_redis.stop(process)
