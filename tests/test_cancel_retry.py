"""Cancel and Try again on the job page, with the real queue, worker code and renderer."""

import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.urls import reverse

from generation.models import Job
from generation.services import job_create
from generation.tasks import render_job

from .conftest import make_finished_job, media_files, run_worker

HTMX = {"HX-Request": "true"}


def wait_for(condition, *, timeout: float = 20.0, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out waiting")


def leftover_workdirs(job: Job) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"sora-job-{job.pk}-*"))


@pytest.mark.django_db(transaction=True)
def test_cancel_while_rendering_stops_within_a_second_and_keeps_nothing(
    client, alice, render_queue, media_root
):
    client.force_login(alice)
    job = job_create(owner=alice, prompt="A long slow pan over a city at night", duration=15,
                     orientation="portrait")  # fmt: skip
    outcome: dict = {}

    def worker():
        outcome["result"] = render_job(job.pk)  # what the RQ worker calls
        outcome["returned_at"] = time.monotonic()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        wait_for(lambda: Job.objects.filter(pk=job.pk, status="running", progress__gt=0.2).exists())
        cancelled_at = time.monotonic()
        response = client.post(reverse("generation:job_cancel", args=[job.pk]), headers=HTMX)
        assert response.status_code == 200
        assert "Cancelled" in response.content.decode() and "Try again" in response.content.decode()
    finally:
        thread.join(timeout=30)
    assert outcome["result"] == "cancelled"
    stopped_after = outcome["returned_at"] - cancelled_at
    print(f"render stopped {stopped_after:.3f} s after Cancel")  # shown with pytest -s
    assert stopped_after < 1.0
    job.refresh_from_db()
    assert job.status == "cancelled" and not job.video and not job.poster
    assert media_files(media_root) == []
    assert leftover_workdirs(job) == []


@pytest.mark.django_db(transaction=True)
def test_try_again_right_after_cancel_stops_the_old_render_and_runs_the_new_one(client, alice, render_queue):
    client.force_login(alice)
    job = job_create(owner=alice, prompt="A fox runs through a forest", duration=15, orientation="portrait")
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(result=render_job(job.pk)))
    thread.start()
    try:
        wait_for(lambda: Job.objects.filter(pk=job.pk, status="running", progress__gt=0.2).exists())
        client.post(reverse("generation:job_cancel", args=[job.pk]))
        client.post(reverse("generation:job_retry", args=[job.pk]))  # before the worker noticed
    finally:
        thread.join(timeout=30)
    assert outcome["result"] == "cancelled", "attempt 1 must not carry on as if it were attempt 2"
    job.refresh_from_db()
    assert (job.status, job.attempt, job.video.name) == ("queued", 2, "")
    run_worker()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.video


@pytest.mark.django_db(transaction=True)
def test_cancel_while_queued_removes_it_from_the_queue(client, alice, render_queue, media_root):
    client.force_login(alice)
    job = job_create(owner=alice, prompt="A fox in the snow", duration=5, orientation="portrait")
    assert job.rq_job_id in render_queue.job_ids
    response = client.post(reverse("generation:job_cancel", args=[job.pk]))
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.rq_job_id not in render_queue.job_ids
    run_worker()
    job.refresh_from_db()
    assert job.status == "cancelled" and job.started_at is None
    assert media_files(media_root) == []


@pytest.mark.django_db(transaction=True)
def test_try_again_renders_the_same_spec_under_a_new_attempt(client, alice, render_queue):
    client.force_login(alice)
    job = job_create(owner=alice, prompt="A corgi at the beach", duration=5, orientation="landscape", seed=42)
    client.post(reverse("generation:job_cancel", args=[job.pk]))
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Try again" in page and "Cancel</button>" not in page

    response = client.post(reverse("generation:job_retry", args=[job.pk]), headers=HTMX)
    assert response.status_code == 200 and "Cancel</button>" in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.attempt, job.seed) == ("queued", 2, 42)
    assert render_queue.job_ids == [f"render-{job.pk}-2"]
    run_worker()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.video and job.render_info["seed"] == 42


@pytest.mark.django_db
def test_a_failed_job_offers_try_again(client, alice, render_queue):
    job = job_create(owner=alice, prompt="A storm at sea", duration=5, orientation="portrait")
    Job.objects.filter(pk=job.pk).update(status="failed", error="The encoder gave up.")
    client.force_login(alice)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The encoder gave up." in page and "Try again" in page


@pytest.mark.django_db
def test_cancelling_a_finished_video_says_why_and_changes_nothing(client, alice):
    job = make_finished_job(alice)
    client.force_login(alice)
    response = client.post(reverse("generation:job_cancel", args=[job.pk]), headers=HTMX)
    assert response.status_code == 200
    assert "already finished" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.video

    response = client.post(reverse("generation:job_cancel", args=[job.pk]), follow=True)
    assert "already finished" in response.content.decode()


@pytest.mark.django_db
def test_retrying_a_running_job_says_it_is_still_being_made(client, alice, render_queue):
    job = job_create(owner=alice, prompt="A robot dances", duration=5, orientation="portrait")
    client.force_login(alice)
    response = client.post(reverse("generation:job_retry", args=[job.pk]), follow=True)
    assert response.status_code == 200 and "still being made" in response.content.decode()
    job.refresh_from_db()
    assert job.attempt == 1


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["generation:job_cancel", "generation:job_retry"])
def test_cancel_and_retry_are_post_only_and_only_for_the_owner(client, alice, bob, staff, view, render_queue):
    job = job_create(owner=alice, prompt="A cat in a kitchen", duration=5, orientation="portrait")
    url = reverse(view, args=[job.pk])
    assert client.post(url).status_code == 302  # anonymous: to the login page
    for someone in (bob, staff):
        client.force_login(someone)
        assert client.post(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 405
    job.refresh_from_db()
    assert job.status == "queued" and job.attempt == 1


@pytest.mark.django_db
def test_a_cancel_check_that_fails_for_a_moment_is_asked_again_not_a_failed_render(alice, monkeypatch):
    from django.db import OperationalError

    from generation.tasks import CancelWatch

    job = job_create(owner=alice, prompt="A fox runs through a forest", duration=5, orientation="portrait")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    watch = CancelWatch(job.pk, attempt=job.attempt, interval=0.0)
    real_filter = Job.objects.filter
    locked = {"times": 1}

    def filter_once_locked(*args, **kwargs):
        if locked["times"]:
            locked["times"] -= 1
            raise OperationalError("database table is locked: generation_job")
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Job.objects, "filter", filter_once_locked)
    assert watch() is False  # unknown for a moment: the render goes on
    assert watch() is False  # asked again: still running
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CANCELLED)
    assert watch() is True
