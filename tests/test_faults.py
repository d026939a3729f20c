"""Faults: Redis down at submit, and a render that raises. Never a 500, nothing half-made."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feed.models import Post
from generation import engines
from generation.engines.base import RenderError
from generation.models import Job
from generation.services import jobs_enqueue_waiting
from sora import embedded_redis

from .conftest import media_files, run_worker

pytestmark = pytest.mark.django_db(transaction=True)
GOOD = {"prompt": "A lighthouse in a storm", "duration": "5", "orientation": "portrait"}


@pytest.fixture
def flaky_redis(settings, tmp_path):
    """A real Redis the test can stop and start again on the same port, used by the render queue."""
    port = embedded_redis.free_port()
    server = {"process": embedded_redis.start(port=port, data_dir=tmp_path / "redis", persist=False)}
    url = f"redis://127.0.0.1:{port}/0?socket_connect_timeout=1"
    settings.RQ_QUEUES = {name: {"URL": url} for name in ("default", "video")}

    class Control:
        def stop(self):
            embedded_redis.stop(server["process"])

        def start(self):
            server["process"] = embedded_redis.start(port=port, data_dir=tmp_path / "redis", persist=False)

    yield Control()
    embedded_redis.stop(server["process"])


def test_queue_down_at_submit_keeps_the_job_waiting_then_it_renders_when_redis_is_back(
    client, alice, flaky_redis
):
    client.force_login(alice)
    flaky_redis.stop()

    response = client.post(reverse("generation:create"), GOOD, follow=True)

    assert response.status_code == 200
    job = Job.objects.get()
    assert job.status == Job.Status.WAITING
    page = response.content.decode()
    assert "render queue is unreachable" in page and "start automatically" in page
    # While Redis is still down, the status poll answers normally and the job keeps waiting.
    poll = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "Waiting for the render queue" in poll.content.decode()

    flaky_redis.start()
    client.get(job.get_absolute_url(), headers={"HX-Request": "true"})  # the page notices
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and job.error == ""

    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.post.status == "draft"


def test_the_worker_sweeps_waiting_jobs_as_it_starts(client, alice, flaky_redis):
    client.force_login(alice)
    flaky_redis.stop()
    client.post(reverse("generation:create"), GOOD)
    flaky_redis.start()
    run_worker()  # nobody polled: the worker's start-up sweep enqueues and renders it
    assert Job.objects.get().status == Job.Status.SUCCEEDED


def test_a_job_that_waited_past_the_window_fails_clearly(client, alice, flaky_redis, settings):
    client.force_login(alice)
    flaky_redis.stop()
    client.post(reverse("generation:create"), GOOD)
    later = timezone.now() + timedelta(seconds=settings.SORA_QUEUE_RETRY_WINDOW + 1)
    flaky_redis.start()
    assert jobs_enqueue_waiting(now=later) == 0
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "stayed unreachable for 15 minutes" in job.error


class ExplodingEngine:
    """Renders a few frames, then fails the way a buggy engine would."""

    name = "exploding"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def describe(self) -> dict[str, str]:
        return {"engine": self.name}

    def frames(self, spec, plan, soundtrack, *, progress, cancelled):
        from generation.engines.preview import PreviewEngine

        preview = PreviewEngine().frames(spec, plan, soundtrack, progress=progress, cancelled=cancelled)
        for index, frame in enumerate(preview):
            if index == 30:
                raise self.error
            yield frame


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (ZeroDivisionError("bug"), "The renderer stopped unexpectedly (ZeroDivisionError)"),
        (RenderError("The scene could not be drawn."), "The scene could not be drawn."),
    ],
)
def test_a_render_that_raises_fails_with_a_reason_and_leaves_no_file(
    client, alice, render_queue, media_root, settings, monkeypatch, error, shown
):
    monkeypatch.setitem(engines.VIDEO_ENGINES, "exploding", lambda: ExplodingEngine(error))
    settings.SORA_VIDEO_ENGINE = "exploding"
    client.force_login(alice)
    client.post(reverse("generation:create"), GOOD)

    run_worker()

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert shown in job.error
    assert not job.video and not job.poster
    assert media_files(media_root) == []
    assert not Post.objects.filter(job=job).exists(), "no draft for a failed render"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Failed." in page and shown in page
