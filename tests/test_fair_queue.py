"""A fair render queue: one person's many queued videos delay another person's first by one render
at most, because each person's videos wait on their previous one (RQ dependencies)."""

import time

import pytest
from django.core.management import call_command
from rq.exceptions import NoSuchJobError
from rq.job import Job as RQJob

from generation.models import Job
from generation.services import job_cancel, job_create


@pytest.fixture
def clean_rq(render_queue):
    """Every RQ record the test made goes with it (deferred ones are in no queue to empty)."""
    yield render_queue
    for job in Job.objects.all():
        try:
            RQJob.fetch(job.rq_job_id, connection=render_queue.connection).delete()
        except NoSuchJobError:
            pass


def make(owner, prompt: str) -> Job:
    return job_create(owner=owner, prompt=prompt, duration=5, orientation="portrait", quota=False)


@pytest.mark.django_db(transaction=True)  # the queue is filled on commit, and the worker commits
def test_thirty_videos_of_one_person_delay_anothers_first_by_one_render(alice, bob, clean_rq, settings):
    settings.SORA_AUDIO_ENGINE = "tones"
    alices = [make(alice, f"A lighthouse in a storm, take {i}") for i in range(30)]
    submitted = time.monotonic()
    bobs = make(bob, "A red kite over the dunes")
    assert clean_rq.job_ids == [alices[0].rq_job_id, bobs.rq_job_id], "the rest of alice's wait their turn"

    call_command("rqworker", clean_rq.name, burst=True, max_jobs=3, verbosity=0)
    started = list(Job.objects.exclude(started_at=None).order_by("started_at"))
    assert [job.owner.username for job in started] == ["alice", "bob", "alice"]
    bobs.refresh_from_db()
    alices[0].refresh_from_db()
    assert bobs.status == Job.Status.SUCCEEDED
    renders_before = Job.objects.filter(started_at__lt=bobs.started_at).count()
    waited = (bobs.started_at - alices[0].started_at).total_seconds()
    print(
        f"\nbob's first video, queued behind alice's 30, started after {renders_before} render "
        f"({waited:.1f} s after alice's first began; {time.monotonic() - submitted:.1f} s for three renders)"
    )
    assert renders_before == 1
    # Alice's videos still go on, one at a time, in order.
    assert clean_rq.job_ids == [alices[2].rq_job_id]
    assert Job.objects.filter(owner=alice, status=Job.Status.SUCCEEDED).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_video_never_leaves_the_next_one_stuck(alice, clean_rq):
    first, second, third, fourth = (make(alice, f"A paper boat, take {i}") for i in range(4))
    assert clean_rq.job_ids == [first.rq_job_id]
    job_cancel(job=second)  # waiting on the first: the third, which waited on it, goes in the queue
    assert clean_rq.job_ids == [first.rq_job_id, third.rq_job_id]
    job_cancel(job=first)
    assert clean_rq.job_ids == [third.rq_job_id]
    assert RQJob.fetch(fourth.rq_job_id, connection=clean_rq.connection).get_status() == "deferred"
    job_cancel(job=third)
    assert clean_rq.job_ids == [fourth.rq_job_id]


@pytest.mark.django_db(transaction=True)
def test_a_queued_video_says_it_waits_for_the_owners_earlier_one(client, alice, bob, clean_rq):
    first, second = make(alice, "A paper boat, take 1"), make(alice, "A paper boat, take 2")
    bobs = make(bob, "A red kite over the dunes")
    client.force_login(alice)
    page = client.get(f"/jobs/{second.pk}/").content.decode()
    link = f'<a href="/jobs/{first.pk}/">your earlier video</a>'
    assert f"After {link}: your videos render one after another" in page
    # The first, and another person's first, wait for nothing of their own.
    assert "your earlier video" not in client.get(f"/jobs/{first.pk}/").content.decode()
    client.force_login(bob)
    assert "your earlier video" not in client.get(f"/jobs/{bobs.pk}/").content.decode()
    # Once the earlier one is gone, so is the line.
    job_cancel(job=first)
    client.force_login(alice)
    assert "your earlier video" not in client.get(f"/jobs/{second.pk}/").content.decode()
