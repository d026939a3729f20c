"""`make run`'s launcher: everything starts, and Ctrl-C stops everything with no orphans."""

import urllib.request

from .live_app import live_app, pid_alive


def test_launcher_serves_pages_and_ctrl_c_leaves_no_orphans():
    with live_app() as app:
        pids = app.child_pids()
        assert len(pids) == 2, app.log()  # web and worker
        redis_port = int(app.env["SORA_EMBEDDED_REDIS_PORT"])
        assert f"embedded Redis on 127.0.0.1:{redis_port}" in app.log()
        with urllib.request.urlopen(app.url + "/static/vendor/htmx/htmx-2.0.11.min.js") as response:
            assert response.status == 200
        assert app.stop() == 0, app.log()
        assert [pid for pid in pids if pid_alive(pid)] == [], app.log()
        from sora.embedded_redis import port_in_use

        assert not port_in_use(redis_port), "the embedded Redis must stop too"
        assert not port_in_use(app.port)
        assert "stopped" in app.log()
