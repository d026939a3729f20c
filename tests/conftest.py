"""Fixed people and helpers shared by the suite."""

import copy
import uuid
from pathlib import Path

import django_rq
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rq.exceptions import NoSuchJobError

PASSWORD = "correct horse battery staple"

# What lets a test reach the database or the suite's Redis: the `django_db` mark, pytest-django's
# fixtures and the queue fixtures below.
_DATABASE_OR_REDIS = {
    "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server",
    "render_queue", "verify_queue", "gpu_queue",
}  # fmt: skip


# `make test` runs the suite on two workers (pytest-xdist's loadgroup). Each worker is handed
# whole groups in the order collected, so pytest-django's order (plain database tests, then the
# transactional ones that empty the tables, rows seeded by migrations included, then the rest)
# holds in each worker as long as no group mixes those kinds: a group is a module's tests of one
# kind, and its module-scoped fixtures are set up once per group. These modules' tests take minutes
# (rendering, processes killed and waited for, a browser) and need no database: they start first,
# and the quick ones fill in around them.
LONGEST_FIRST = [
    "test_faults_live.py", "test_faults_redis_live.py", "test_phone_app_browser.py", "test_feed_browser.py",
    "test_deploy_configs.py", "test_seed_demo.py", "test_cameo_browser.py", "test_browser.py",
    "test_remix_browser.py", "test_web_processes.py", "test_cameo_analysis.py", "test_websockets.py",
]  # fmt: skip


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """CI runs `nodb` tests only on the embedded defaults, so the mark has to be true: a test that
    can reach the database or Redis is refused the mark here rather than left out of the
    PostgreSQL run unnoticed."""
    wrong = [item.nodeid for item in items if item.get_closest_marker("nodb") and _reaches_storage(item)]
    if wrong:
        raise pytest.UsageError("marked nodb but can reach the database or Redis: " + ", ".join(wrong))
    for item in items:
        item.add_marker(pytest.mark.xdist_group(f"{item.path.name}:{_database_kind(item)}"))


class _LongestFirst:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items) -> None:
        # pytest-xdist (in each worker, before this) appends the group to every node id; when a
        # pytest release stores node ids where it cannot, the groups silently fall apart and every
        # test is handed out alone (module fixtures then run on both workers).
        if getattr(config.option, "loadgroup", False) and any("@" not in item.nodeid for item in items):
            raise pytest.UsageError("pytest-xdist could not group the tests (--dist loadgroup)")
        # After pytest-django's order (database tests first, as Django runs them): the tests of
        # LONGEST_FIRST that cannot reach the test database go before all others, which keep theirs.
        rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
        first = [item for item in items if item.path.name in rank and not _reaches_storage(item)]
        chosen = set(map(id, first))
        first.sort(key=lambda item: rank[item.path.name])
        items[:] = first + [item for item in items if id(item) not in chosen]


def _database_kind(item) -> str:
    """As pytest-django orders tests: "db", "transactional" or "none"."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    options = marker.kwargs if marker else {}
    if options.get("transaction") or options.get("reset_sequences"):
        return "transactional"
    if fixtures & {"transactional_db", "live_server"}:
        return "transactional"
    return "db" if marker or "db" in fixtures else "none"


def pytest_configure(config) -> None:
    config.pluginmanager.register(_LongestFirst(), "sora-longest-first")


def _reaches_storage(item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(item.get_closest_marker("django_db") or fixtures & _DATABASE_OR_REDIS)


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD, **extra
    )


@pytest.fixture
def alice(db):
    """Owner: creates the jobs and posts under test."""
    return make_user("alice")


@pytest.fixture
def bob(db):
    """Stranger: a signed-in user with no relation to alice."""
    return make_user("bob")


@pytest.fixture
def friend(alice):
    """Mutual: follows alice and is followed back."""
    from feed.services import follow_create

    carol = make_user("carol")
    follow_create(follower=carol, followee=alice)
    follow_create(follower=alice, followee=carol)
    return carol


def make_published_row(
    author, prompt: str = "a paper boat drifts down a rainy street", *, hours_ago: float = 0, **fields
):
    """A published post without any media, published `hours_ago` (ranking reads rows only)."""
    from datetime import timedelta

    from django.utils import timezone

    from feed.models import Post
    from generation.models import Job

    job = Job.objects.create(
        owner=author, prompt=prompt, seed=1, video_engine="preview", audio_engine="tones",
        status=Job.Status.SUCCEEDED, progress=1.0,
    )  # fmt: skip
    when = timezone.now() - timedelta(hours=hours_ago)
    return Post.objects.create(
        author=author, job=job, status=Post.Status.PUBLISHED, published_at=when, **fields
    )


@pytest.fixture
def staff(db):
    return make_user("staffer", is_staff=True, is_superuser=True)


@pytest.fixture
def plain_staff(db):
    """A staff account granted nothing: it may open the admin and see no model, queue or recording."""
    return make_user("intern", is_staff=True)


@pytest.fixture
def reviewer(db):
    """Staff granted what reviewing cameos needs, and no more."""
    from django.contrib.auth.models import Permission

    user = make_user("reviewer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cameo",
            codename__in=["view_verification", "change_verification", "view_cameo"],
        )
    )
    return user


@pytest.fixture(scope="session")
def astronaut_portrait() -> tuple[bytes, list[float]]:
    """A real face (shipped in scikit-image) as a portrait JPEG, and its real 128-d encoding."""
    import io

    import face_recognition
    import numpy as np
    from PIL import Image
    from skimage.data import astronaut

    face = np.ascontiguousarray(astronaut()[0:260, 100:320])
    buffer = io.BytesIO()
    Image.fromarray(face).save(buffer, "JPEG", quality=90)
    boxes = face_recognition.face_locations(face)
    (encoding,) = face_recognition.face_encodings(face, boxes[:1])
    return buffer.getvalue(), [float(x) for x in encoding]


@pytest.fixture(scope="session")
def portraits(tmp_path_factory) -> tuple[str, str]:
    """Two portraits for the video engines' cameo tests (tests/engine_inputs.py)."""
    from tests.engine_inputs import portraits_save

    return portraits_save(tmp_path_factory.mktemp("portraits"))


@pytest.fixture(scope="session")
def parent_clips(tmp_path_factory) -> tuple[str, str]:
    """Two 5 s clips for the video engines' remix tests (tests/engine_inputs.py)."""
    from tests.engine_inputs import parent_clips_save

    return parent_clips_save(tmp_path_factory.mktemp("parents"))


def make_cameo(owner, portrait: tuple[bytes, list[float]], **fields):
    """An approved cameo as review leaves it: portrait in private storage, encoding on the row."""
    from django.core.files.base import ContentFile

    from cameo.models import Cameo

    jpeg, encoding = portrait
    cameo = Cameo(owner=owner, encoding=encoding, **fields)
    cameo.portrait.save("portrait.jpg", ContentFile(jpeg), save=False)
    cameo.save()
    return cameo


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory) -> None:
    """On SQLite the tests' database is a file in WAL mode, as the app's is. Django's default
    test database is shared-cache memory, where a reader in one thread makes another thread's
    write fail at once ("database table is locked") instead of waiting out the busy timeout,
    which production's file never does: tests where a worker writes while a command polls
    failed now and then for that alone."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory, django_test_environment):
    """Static files collected as the launcher does: pages render with production's manifest
    storage (hashed, compressed names), so a missing file fails here as it would for users."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    # Every persona is a real user; PBKDF2's deliberate slowness would dominate the suite.
    # (The live-server tests run the app with its real hasher.)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def own_cache_namespace(settings):
    """Each test keeps its cache entries (rate-limit counts, sessions, feed snapshots) under a key
    prefix of its own: users of different tests share ids, and an earlier test's counts must not
    refuse this one's actions. (Nothing is flushed: CI's Redis also holds the queues.)"""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"{caches['default'].get('KEY_PREFIX', '')}-{uuid.uuid4().hex[:8]}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SORA_PRIVATE_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def private_root(settings) -> Path:
    return Path(settings.SORA_PRIVATE_ROOT)


def _emptied(name: str):
    queue = django_rq.get_queue(name)
    _forget(queue)
    yield queue
    _forget(queue)


def _forget(queue) -> None:
    """The queue emptied, and every record of its jobs gone: a transactional test's database
    starts its ids again at 1, and a job id left from another test (a finished "render-2-1", or
    one still deferred on it) must not stand for this test's job of the same id."""
    queue.empty()
    for registry in (
        queue.deferred_job_registry, queue.finished_job_registry, queue.failed_job_registry,
        queue.canceled_job_registry, queue.scheduled_job_registry,
    ):  # fmt: skip
        for job_id in registry.get_job_ids():
            try:
                registry.remove(job_id, delete_job=True)
            except NoSuchJobError:
                # Out of the registry already; its record went with another queue's clean-up (a
                # render deferred in one queue, whose record the other queue's sweep below took).
                pass
    # Renders and cameo checks share the CPU queue: whichever queue this is, both kinds go.
    for prefix in ("render-", "verify-"):
        stale = list(queue.connection.scan_iter(f"rq:job:{prefix}*"))
        if stale:
            queue.connection.delete(*stale)


@pytest.fixture
def render_queue(settings):
    """The real queue the suite's renders go to, on its Redis: the CPU queue, as the default
    engines (preview video, speech or tones audio) need no GPU. Emptied so each test sees only
    its own jobs."""
    yield from _emptied(settings.SORA_CPU_QUEUE)


@pytest.fixture
def gpu_queue(settings):
    """The GPU queue (diffusers or Bark renders), emptied likewise."""
    yield from _emptied(settings.SORA_GPU_QUEUE)


@pytest.fixture
def verify_queue(settings):
    """The real queue cameo checks go to (the CPU queue, like preview renders), emptied likewise."""
    yield from _emptied(settings.SORA_CPU_QUEUE)


def run_worker(queue: str | None = None) -> None:
    """Drain a queue (by default the CPU queue: preview renders, cameo checks, exports, embeddings)
    the way `make run`'s worker does, then return (burst mode)."""
    from django.conf import settings

    call_command("rqworker", queue or settings.SORA_CPU_QUEUE, burst=True, verbosity=0)


def media_files(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else []


def make_finished_job(owner, *, prompt: str = "A corgi surfs at sunset", video_bytes: bytes = b"\x00" * 4096):
    """A job as the worker leaves it (files in storage, draft post created), without rendering."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from generation.models import Job
    from generation.signals import job_succeeded

    job = Job.objects.create(
        owner=owner, prompt=prompt, duration=5, orientation="portrait", seed=7,
        video_engine="preview", audio_engine="tones", status=Job.Status.SUCCEEDED, progress=1.0,
        started_at=timezone.now(), finished_at=timezone.now(),
    )  # fmt: skip
    job.video.save("video.mp4", ContentFile(video_bytes), save=False)
    job.poster.save("poster.jpg", ContentFile(b"\xff\xd8\xff\xe0 poster"), save=False)
    job.save()
    job_succeeded.send(sender=Job, job=job)
    return job


@pytest.fixture
def alice_draft(alice):
    return make_finished_job(alice).post


@pytest.fixture
def alice_published(alice):
    from feed.services import post_publish

    post = make_finished_job(alice, prompt="A lighthouse in a storm").post
    return post_publish(post=post, user=alice)


@pytest.fixture(scope="module")
def one_torch_thread():
    """One torch thread for a module of tiny-model tests.

    On two shared cores torch's thread pool spinning against other work is far slower than one
    thread at these toy sizes, and one thread also sums in one order, so outputs repeat exactly.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
