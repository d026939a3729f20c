"""Faults: Redis down at submit, a render that raises, a worker that stops mid-render.

Never a 500, nothing half-made. Faults with real processes are in test_faults_live.py.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rq.callbacks import execute_failure_callback
from rq.exceptions import AbandonedJobError
from rq.job import Job as RQJob
from rq.timeouts import UnixSignalDeathPenalty

from feed.models import Post
from generation import engines
from generation.engines.base import RenderError
from generation.models import Job
from generation.services import WORKER_LOST_REQUEUED, job_cancel, job_retry, jobs_enqueue_waiting
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
    settings.RQ_QUEUES = {name: {"URL": url} for name in settings.RQ_QUEUES}

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


def abandon(rq_job: RQJob) -> None:
    """What RQ does first with a job whose worker stopped heartbeating: call its failure callback."""
    execute_failure_callback(rq_job, UnixSignalDeathPenalty, AbandonedJobError, AbandonedJobError(), None)


def test_a_video_whose_worker_stopped_goes_back_in_the_queue_and_its_page_says_so(
    client, alice, render_queue, media_root
):
    client.force_login(alice)
    client.post(reverse("generation:create"), GOOD)
    job = Job.objects.get()
    # As the worker leaves the row when its process is killed mid-render.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, stage="Rendering frames", progress=0.4)

    abandon(RQJob.fetch(job.rq_job_id, connection=render_queue.connection))

    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (Job.Status.QUEUED, 0.0, WORKER_LOST_REQUEUED)
    page = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert WORKER_LOST_REQUEUED in page and "Queued" in page

    run_worker()  # RQ put it back in the queue: it is made again, and the note goes
    job.refresh_from_db()
    assert (job.status, job.error) == (Job.Status.SUCCEEDED, "")
    assert WORKER_LOST_REQUEUED not in client.get(job.get_absolute_url()).content.decode()


def test_a_stopped_worker_of_an_old_attempt_leaves_the_new_attempt_alone(client, alice, render_queue):
    client.force_login(alice)
    client.post(reverse("generation:create"), GOOD)
    job = Job.objects.get()
    old_attempt = RQJob.fetch(job.rq_job_id, connection=render_queue.connection)
    # Its owner cancelled it and pressed Try again: attempt 2 is rendering now.
    job_cancel(job=job)
    job_retry(job=job)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)

    abandon(old_attempt)

    job.refresh_from_db()
    assert (job.status, job.attempt, job.error) == (Job.Status.RUNNING, 2, "")
