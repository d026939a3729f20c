"""The production layout's files (docs/deploy/), run for real: the systemd units' commands with their
environment, nginx in front of two web processes over TLS, the upgrade procedure, and the database
backups docs/operations.md gives. No systemd runs here: tests/deploy_units.py reads the units as it
would."""

import datetime
import html
import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from websockets.sync.client import connect

from sora.embedded_redis import free_port
from sora.launcher import web_command, worker_command
from sora.queue_names import queue_names, worker_queues

from .app_processes import RENDER_ENGINES, Install, Process, answers, scratch_install
from .deploy_units import environment_file_read, service_of, unit_parse, unit_value, unit_values
from .http_client import PASSWORD, Visitor
from .live_app import BASE_DIR, _scratch_database

DEPLOY = BASE_DIR / "docs" / "deploy"
WEB_UNIT, WORKER_UNIT = DEPLOY / "sora-web@.service", DEPLOY / "sora-worker@.service"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROMPT = "A paper boat drifts down a rainy street"
# What systemd gives a service before its own settings: no variable of the shell that started it.
MANAGER_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp"}


def rendered(text: str, replacements: list[tuple[str, str]]) -> str:
    """The shipped file with this machine's names, paths and ports; each replaced text must be there."""
    for old, new in replacements:
        assert old in text, f"{old!r} is no longer in the shipped file"
        text = text.replace(old, new)
    return text


# --- the install: env file, units, nginx ----------------------------------------------------------


@dataclass
class Site:
    install: Install
    etc: Path
    webs: list[Process]
    worker: Process
    https_url: str | None
    http_port: int
    context: ssl.SSLContext | None
    nginx: Process | None


def sora_env_render(install: Install, etc: Path, site_url: str) -> dict[str, str]:
    """docs/deploy/sora.env with this install's database, Redis, folder and address. The bucket,
    the signing identity and mail are left out: no S3, certificate or SMTP server here
    (tests/test_object_storage.py runs the bucket against moto's S3 server)."""
    shipped = environment_file_read(DEPLOY / "sora.env")
    here = {
        "SECRET_KEY": install.env["SECRET_KEY"],
        "SORA_VAR_DIR": install.env["SORA_VAR_DIR"],
        "DATABASE_URL": install.database_url or f"sqlite:///{install.env['SORA_VAR_DIR']}/db.sqlite3",
        "REDIS_URL": install.env["REDIS_URL"],
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": site_url,
        "SORA_SITE_URL": site_url,
    }
    assert set(here) <= set(shipped), set(here) - set(shipped)
    left_out = re.compile(r"SORA_S3_|AWS_|SORA_C2PA_|SORA_WATERMARK_KEY|EMAIL_|DEFAULT_FROM_EMAIL")
    values = {name: here.get(name, value) for name, value in shipped.items() if not left_out.match(name)}
    (etc / "sora.env").write_text("".join(f'{name}="{value}"\n' for name, value in values.items()))
    shutil.copy(DEPLOY / "worker-cpu.env", etc / "worker-cpu.env")
    return values


def unit_text(unit: Path, etc: Path) -> str:
    return rendered(unit.read_text(), [("/etc/sora", str(etc)), ("/srv/sora", str(BASE_DIR))])


def scratch_extras(install: Install) -> dict[str, str]:
    """Not the operator's: the fault tests' engines (a render waits at a gate for the test), the
    suite's sprite vectors and a scratch TMPDIR."""
    return {
        "PYTHONPATH": install.env["PYTHONPATH"], "SORA_TEST_GATE_DIR": install.env["SORA_TEST_GATE_DIR"],
        "SORA_CACHE_DIR": install.env["SORA_CACHE_DIR"], "TMPDIR": install.env["TMPDIR"],
    }  # fmt: skip


def unit_process(site_install: Install, etc: Path, unit: Path, instance: str, *, web: bool) -> Process:
    service = service_of(unit_text(unit, etc), instance, MANAGER_ENV)
    env = service.env | scratch_extras(site_install) | (RENDER_ENGINES if web else {})
    name = unit.name.replace("@.", f"@{instance}.")
    return Process(name, service.args, env, site_install.root, cwd=service.cwd)


def web_start(process: Process, port: int) -> Process:
    process.start().wait_for("/healthz", lambda: answers(f"http://127.0.0.1:{port}/healthz"))
    return process


def worker_start(process: Process) -> Process:
    starts = process.log().count("Listening on")
    process.start().wait_for("its queues", lambda: process.log().count("Listening on") > starts)
    return process


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, standing in for Let's Encrypt's."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def nginx_site_render(folder: Path, web_ports: list[int], https_port: int, http_port: int) -> str:
    cert, key = certificate(folder)
    return rendered(
        (DEPLOY / "nginx-sora.conf").read_text(),
        [
            ("    server 127.0.0.1:8001;\n    server 127.0.0.1:8002;\n",
             "".join(f"    server 127.0.0.1:{port};\n" for port in web_ports)),
            ("    listen [::]:80;\n", ""), ("    listen [::]:443 ssl http2;\n", ""),  # IPv6 may be off here
            ("listen 80;", f"listen 127.0.0.1:{http_port};"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
            ("/etc/letsencrypt/live/sora.example/fullchain.pem", str(cert)),
            ("/etc/letsencrypt/live/sora.example/privkey.pem", str(key)),
            ("server_name sora.example;", "server_name localhost;"),
        ],
    )  # fmt: skip


def nginx_main_conf(prefix: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf provides around a site, in a scratch prefix."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # its workers must read the scratch files
    temp = "".join(f"    {kind}_temp_path {prefix / kind};\n" for kind in ("client_body", "proxy", "fastcgi",
                                                                          "uwsgi", "scgi"))  # fmt: skip
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} info;\n"
        f"events {{ worker_connections 256; }}\nhttp {{\n    access_log {prefix / 'access.log'};\n{temp}"
        f"    include {site};\n}}\n"
    )


def nginx_present() -> bool:
    if os.path.exists(NGINX):
        return True
    if os.environ.get("SORA_REQUIRE_BROWSER") or os.environ.get("CI"):
        pytest.fail(f"{NGINX} is missing (apt-get install nginx)")
    return False


def nginx_start(install: Install, web_ports: list[int], https_port: int, http_port: int) -> Process:
    prefix = install.root / "nginx"
    prefix.mkdir()
    (prefix / "sora.conf").write_text(nginx_site_render(prefix, web_ports, https_port, http_port))
    (prefix / "nginx.conf").write_text(nginx_main_conf(prefix, prefix / "sora.conf"))
    args = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*args, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = Process("nginx", args, MANAGER_ENV, prefix).start()
    url = f"https://localhost:{https_port}"
    nginx.wait_for("TLS on its port", lambda: speaks_https(url, tls_context(install)))
    return nginx


def tls_context(install: Install) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(install.root / "nginx" / "fullchain.pem"))


def speaks_https(url: str, context: ssl.SSLContext) -> bool:
    """Any answer over TLS: the web processes behind it may not be up yet (nginx's 502)."""
    try:
        urllib.request.urlopen(url + "/healthz", timeout=2, context=context).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def site():
    with scratch_install() as install:
        etc = install.root / "etc"
        etc.mkdir()
        web_ports = [free_port(), free_port()]
        https_port, http_port = free_port(), free_port()
        url = f"https://localhost:{https_port}"
        started: list[Process] = []
        try:
            sora_env_render(install, etc, url)
            webs = [unit_process(install, etc, WEB_UNIT, str(port), web=True) for port in web_ports]
            for web, port in zip(webs, web_ports, strict=True):
                started.append(web_start(web, port))
            worker = worker_start(unit_process(install, etc, WORKER_UNIT, "cpu", web=False))
            started.append(worker)
            # After the web processes: nginx takes an upstream that refused a connection out of the
            # rotation for 10 s (max_fails=1, fail_timeout=10s).
            nginx = nginx_start(install, web_ports, https_port, http_port) if nginx_present() else None
            started.append(nginx) if nginx else None
            context = tls_context(install) if nginx else None
            yield Site(install, etc, webs, worker, url, http_port, context, nginx)
        finally:
            for process in reversed(started):
                process.stop()


def needs_nginx(site: Site) -> None:
    if site.nginx is None:
        pytest.skip(f"{NGINX} is missing; install Debian's nginx to run the proxy tests")


# --- the systemd units ------------------------------------------------------------------------------


@pytest.mark.nodb
@pytest.mark.parametrize("unit, instance", [(WEB_UNIT, "8001"), (WORKER_UNIT, "gpu"), (WORKER_UNIT, "cpu")])
def test_systemd_accepts_the_units(tmp_path, unit, instance):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is missing; the units are still parsed and run below")
    # Installed where they would be, with this checkout as /srv/sora (verify checks ExecStart exists).
    path = tmp_path / unit.name.replace("@.", f"@{instance}.")
    path.write_text(unit_text(unit, tmp_path))
    checked = subprocess.run([analyze, "verify", "--man=no", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


@pytest.mark.nodb
def test_the_web_unit_runs_what_make_run_runs(tmp_path):
    shutil.copy(DEPLOY / "sora.env", tmp_path / "sora.env")
    service = service_of(unit_text(WEB_UNIT, tmp_path), "8001", MANAGER_ENV)
    python = str(BASE_DIR / ".venv" / "bin" / "python")
    assert service.args == web_command(python, "127.0.0.1", 8001)
    assert service.cwd == BASE_DIR


@pytest.mark.nodb
def test_each_worker_instance_takes_its_hardwares_queues(tmp_path):
    for name in ("sora.env", "worker-cpu.env"):
        shutil.copy(DEPLOY / name, tmp_path / name)
    gpu, cpu = (service_of(unit_text(WORKER_UNIT, tmp_path), name, MANAGER_ENV) for name in ("gpu", "cpu"))
    python = str(BASE_DIR / ".venv" / "bin" / "python")
    gpu_queue, cpu_queue = queue_names({})
    assert gpu.args == worker_command(python, [gpu_queue])
    # The CPU queue, then the names earlier versions queued on: `make run`'s worker's, less the GPU's.
    assert cpu.args == worker_command(python, [q for q in worker_queues({}) if q != gpu_queue])
    assert cpu.args[-3:] == [cpu_queue, "video", "default"]


@pytest.mark.nodb
def test_stopping_and_restarting_as_the_processes_expect():
    web, worker = (unit_parse(unit.read_text()) for unit in (WEB_UNIT, WORKER_UNIT))
    # uvicorn drains on SIGTERM within its --timeout-graceful-shutdown; systemd waits longer than that.
    assert unit_value(web, "Service", "KillSignal") == "SIGTERM"
    grace = float(web_command("python", "h", 1)[-1])
    assert int(unit_value(web, "Service", "TimeoutStopSec")) > grace
    # RQ's warm shutdown, as the launcher asks for it: SIGINT to the worker alone (its ffmpeg would
    # stop on it), and as long as the launcher waits before abandoning the video (60 s + 15 s).
    assert unit_value(worker, "Service", "KillSignal") == "SIGINT"
    assert unit_value(worker, "Service", "KillMode") == "mixed"
    from sora.launcher import Launcher

    assert int(unit_value(worker, "Service", "TimeoutStopSec")) >= 60 + Launcher.ABANDON_GRACE
    for unit in (web, worker):
        assert unit_value(unit, "Service", "Restart") == "always"
        assert "/etc/sora/sora.env" in unit_values(unit, "Service", "EnvironmentFile")


@pytest.mark.nodb
def test_every_setting_in_the_env_file_is_one_the_app_reads():
    settings_text = (BASE_DIR / "sora" / "settings.py").read_text()
    for name in environment_file_read(DEPLOY / "sora.env"):
        boto3s = name in {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}  # boto3 reads them itself
        assert boto3s or f'"{name}"' in settings_text, name


@pytest.mark.live
def test_the_units_serve_and_work(site):
    for web in site.webs:
        port = web.args[web.args.index("--port") + 1]
        assert answers(f"http://127.0.0.1:{port}/healthz")  # plain HTTP, for load balancers
        # Everything else is HTTPS only (SORA_HTTPS=1 from the env file)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/")
        with pytest.raises(urllib.error.HTTPError) as redirected:
            urllib.request.build_opener(NoRedirect).open(request, timeout=10)
        assert redirected.value.code == 301 and redirected.value.headers["Location"].startswith("https://")
    from rq import Worker

    connection = redis.Redis.from_url(site.install.env["REDIS_URL"])
    listening = [worker.queue_names() for worker in Worker.all(connection=connection)]
    assert listening == [["cpu", "video", "default"]]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- nginx in front ------------------------------------------------------------------------------------


class BrowserVisitor(Visitor):
    """A browser at the site's HTTPS address: its forms post with their page's Origin and Referer,
    which Django checks on HTTPS requests."""

    def __init__(self, base_url: str, context: ssl.SSLContext) -> None:
        super().__init__(base_url)
        self.context = context
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), urllib.request.HTTPSHandler(context=context)
        )
        self.opener.addheaders = [("Origin", base_url), ("Referer", base_url + "/")]

    def open(self, path: str):
        return self.opener.open(self.base_url + path, timeout=30)

    def wss(self, path: str):
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        url = self.base_url.replace("https://", "wss://") + path
        headers = {"Cookie": cookies, "Origin": self.base_url}
        return connect(url, ssl=self.context, additional_headers=headers, open_timeout=10)


@pytest.fixture(scope="module")
def carol(site):
    needs_nginx(site)
    return BrowserVisitor(site.https_url, site.context).sign_up("carol")


@pytest.mark.live
def test_pages_through_nginx_are_secure_and_spread_over_the_web_processes(site, carol):
    with carol.open("/") as response:
        assert response.status == 200 and "max-age=" in response.headers["Strict-Transport-Security"]
    assert all(cookie.secure for cookie in carol.jar if cookie.name in {"sessionid", "csrftoken"})
    for number in range(4):
        with carol.open(f"/healthz?through=nginx{number}") as response:
            assert response.read() == b"ok"
    for web in site.webs:  # round robin: each one has served some of them
        assert '"GET /healthz?through=nginx' in web.log(), web.log()[-2000:]
    with pytest.raises(urllib.error.HTTPError) as redirected:
        urllib.request.build_opener(NoRedirect).open(f"http://localhost:{site.http_port}/", timeout=10)
    assert redirected.value.code == 301
    assert redirected.value.headers["Location"] == "https://localhost/"  # port 443 in production


@pytest.mark.live
def test_signing_in_through_nginx_passes_csrf_and_a_form_from_elsewhere_does_not(site, carol):
    again = BrowserVisitor(site.https_url, site.context)
    assert again.post("/accounts/login/", {"login": "carol", "password": PASSWORD}) == 200
    assert any(cookie.name == "sessionid" for cookie in again.jar)
    with again.open("/notifications/") as response:
        assert response.status == 200 and "/accounts/login/" not in response.url
    # The app knows the request is HTTPS: a form posted without Origin or Referer is refused.
    stranger = BrowserVisitor(site.https_url, site.context)
    stranger.get("/accounts/login/")
    stranger.opener.addheaders = []
    with pytest.raises(urllib.error.HTTPError) as refused:
        stranger.post("/accounts/login/", {"login": "carol", "password": PASSWORD})
    assert refused.value.code == 403


def submit(site: Site, visitor: Visitor) -> int:
    before = site.install.sql("SELECT COALESCE(MAX(id), 0) FROM generation_job")[0][0]
    assert visitor.post("/create/", {"prompt": PROMPT, "duration": "5", "orientation": "portrait"}) == 200
    (pk,) = [row[0] for row in site.install.sql(f"SELECT id FROM generation_job WHERE id > {before}")]
    return pk


@pytest.mark.live
def test_a_websocket_through_nginx_receives_the_workers_progress(site, carol):
    pk = submit(site, carol)
    site.worker.wait_for("the render at its gate", lambda: site.install.gate_reached(pk))
    with carol.wss(f"/ws/jobs/{pk}/") as socket:
        first = socket.recv(timeout=10)
        site.install.gate_open(pk)
        pushed = [socket.recv(timeout=60)]
        while 'data-status="running"' in pushed[-1]:
            pushed.append(socket.recv(timeout=60))
    assert 'data-status="running"' in first
    progress = [int(re.search(r'data-progress="(\d+)"', f).group(1)) for f in [first, *pushed[:-1]]]
    assert len(progress) > 1 and progress[-1] > progress[0], progress
    assert 'data-status="succeeded"' in pushed[-1]


def nginx_body_limits() -> dict[str, int]:
    """client_max_body_size by path in the shipped site ("" for the server's own, every other path)."""
    text = (DEPLOY / "nginx-sora.conf").read_text()
    limits = {"": int(re.search(r"^    client_max_body_size (\d+);", text, re.M).group(1))}
    for path, size in re.findall(r"location = (\S+) \{\s*client_max_body_size (\d+);", text):
        limits[path] = int(size)
    return limits


@pytest.mark.nodb
def test_nginx_refuses_exactly_what_the_app_refuses_path_by_path():
    from sora.asgi import FORM_LIMIT, application

    app = application.application_mapping["http"].paths
    assert nginx_body_limits() == {"": FORM_LIMIT.most, **{path: limit.most for path, limit in app.items()}}


@pytest.mark.live
def test_an_oversized_upload_gets_the_apps_413_and_its_message_through_nginx(site, carol):
    from sora.asgi import application

    limits = application.application_mapping["http"].paths
    host, port = "localhost", int(site.https_url.rsplit(":", 1)[1])
    # One byte over a page's limit, sent whole as a browser sends it (a browser reads no answer
    # before its upload is sent): nginx refuses it and the app writes the page, with that page's
    # message. The largest (200 MB) is not sent: the test above keeps every limit equal to the app's.
    for path in ("/profile/edit/", "/cameo/new/"):
        conn = http.client.HTTPSConnection(host, port, context=site.context, timeout=60)
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Content-Length", str(limits[path].most + 1))
        conn.endheaders()
        chunk = b"x" * 2**20
        left = limits[path].most + 1
        while left:
            conn.send(chunk[:left])
            left -= min(left, len(chunk))
        response = conn.getresponse()
        body = html.unescape(response.read().decode())
        conn.close()
        logs = (site.install.root / "nginx" / "error.log").read_text()[-2000:]
        assert response.status == 413 and "<title>" in body and "nginx" not in body, path + logs
        assert limits[path].message in body


@pytest.mark.live
def test_a_whole_oversized_form_gets_the_apps_413_through_nginx(site, carol):
    # A form well over 2 MB, sent whole. Refused by the app while nginx streamed it, this got
    # nginx's 502 every time at 40 MB, one time in three at 3 MB (uvicorn closes with the body
    # unread, and the reset loses the answer); nginx refuses it now, and the app writes the page.
    for _ in range(3):
        with pytest.raises(urllib.error.HTTPError) as refused:
            carol.post("/create/", {"prompt": "x" * (40 * 2**20)})
        assert refused.value.code == 413 and "2 MB at most" in refused.value.read().decode()
    # The profile page's own limit is larger (an avatar): 3 MB get past nginx to the app, whose
    # answer to a post with no CSRF cookie is its own 403.
    host, port = "localhost", int(site.https_url.rsplit(":", 1)[1])
    conn = http.client.HTTPSConnection(host, port, context=site.context, timeout=60)
    conn.request("POST", "/profile/edit/", body=b"x" * (3 * 2**20),
                 headers={"Content-Type": "multipart/form-data; boundary=x"})  # fmt: skip
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    assert response.status == 403 and "nginx" not in body, body[:500]


# --- upgrades ------------------------------------------------------------------------------------------


def sora_manage(site: Site, *args: str) -> subprocess.CompletedProcess:
    """docs/deploy/sora-manage as installed on a machine of the site (the sora user aside)."""
    script = site.etc / "sora-manage"
    script.write_text(unit_text(DEPLOY / "sora-manage", site.etc))
    return subprocess.run(["sh", str(script), *args], env=MANAGER_ENV | scratch_extras(site.install),
                          capture_output=True, text=True, timeout=180)  # fmt: skip


@pytest.mark.live
def test_an_upgrade_across_machines_as_the_docs_give_it(site, carol):
    """The previous release's schema (one migration back), then docs/deploy.md#upgrades: stop the
    workers, migrate once, collect the static files, restart the web processes one at a time and
    start the workers."""
    assert sora_manage(site, "migrate", "--check").returncode == 0
    assert sora_manage(site, "migrate", "feed", "0008", "--noinput").returncode == 0
    assert sora_manage(site, "migrate", "--check").returncode == 1  # an upgrade's new migration

    stop = getattr(signal, unit_value(unit_parse(WORKER_UNIT.read_text()), "Service", "KillSignal"))
    assert site.worker.stop(stop, timeout=20) == 0  # idle: a warm shutdown ends at once
    migrated = sora_manage(site, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    assert sora_manage(site, "migrate", "--check").returncode == 0
    assert sora_manage(site, "collectstatic", "--noinput", "-v", "0").returncode == 0
    for web in site.webs:
        # uvicorn exits by the signal it stopped on, which systemd counts as a clean stop.
        assert web.stop(signal.SIGTERM, timeout=15) in (0, -signal.SIGTERM)
        port = int(web.args[web.args.index("--port") + 1])
        web_start(web, port)
    worker_start(site.worker)
    with carol.open("/notifications/") as response:  # reads the column the migration added
        assert response.status == 200


@pytest.mark.live
def test_a_stopped_worker_finishes_the_video_it_is_rendering(site, carol):
    """What `systemctl stop sora-worker@cpu` does: KillSignal to the worker alone (KillMode=mixed)."""
    pk = submit(site, carol)
    site.worker.wait_for("the render at its gate", lambda: site.install.gate_reached(pk))
    stop = getattr(signal, unit_value(unit_parse(WORKER_UNIT.read_text()), "Service", "KillSignal"))
    site.worker.process.send_signal(stop)
    time.sleep(2)
    assert site.worker.alive()  # still rendering
    site.install.gate_open(pk)
    assert site.worker.process.wait(60) == 0
    assert site.install.sql(f"SELECT status FROM generation_job WHERE id = {pk}") == [("succeeded",)]
    worker_start(site.worker)  # Restart=always brings it back
    for process in [*site.webs, site.worker]:
        assert "Traceback" not in process.log(), process.log()[-4000:]


# --- backups ---------------------------------------------------------------------------------------------


OPERATIONS = (BASE_DIR / "docs" / "operations.md").read_text()
SQLITE_BACKUP = (
    "mkdir -p backup && .venv/bin/python -c \"import sqlite3; "
    "sqlite3.connect('var/db.sqlite3').backup(sqlite3.connect('backup/db.sqlite3'))\""
)
PG_DUMP = 'pg_dump --format=custom --file=sora.dump "$DATABASE_URL"'
PG_RESTORE = 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" sora.dump'


def shell(command: str, cwd: Path, **env: str) -> None:
    done = subprocess.run(["sh", "-c", command], cwd=cwd, env=MANAGER_ENV | env, capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"


def test_the_database_backup_and_restore_the_docs_give(tmp_path):
    """Run as docs/operations.md#backups writes them, against a scratch database of the suite's kind."""
    for command in (SQLITE_BACKUP, PG_DUMP, PG_RESTORE):
        assert command in OPERATIONS, command
    with scratch_install() as install:
        install.manage("createsuperuser", "--noinput", "--username", "dora", "--email", "dora@example.com")
        users = install.sql("SELECT username FROM auth_user ORDER BY id")
        assert ("dora",) in users
        if not install.database_url:
            (install.root / ".venv").symlink_to(Path(sys.executable).parent.parent)
            shell(SQLITE_BACKUP, install.root)  # while the database is open elsewhere: online backup
            import sqlite3

            restored = sqlite3.connect(install.root / "backup" / "db.sqlite3")
            assert restored.execute("SELECT username FROM auth_user ORDER BY id").fetchall() == users
            return
        shell(PG_DUMP, tmp_path, DATABASE_URL=install.database_url)
        with _scratch_database() as fresh:  # a new, empty server's database
            shell(PG_RESTORE, tmp_path, DATABASE_URL=fresh)
            import psycopg

            with psycopg.connect(fresh) as conn:
                assert conn.execute("SELECT username FROM auth_user ORDER BY id").fetchall() == users
