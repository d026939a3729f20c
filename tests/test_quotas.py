"""Quotas: videos per day and at once (remixes included), per person, answered with 429 and a reason."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from cameo.models import Challenge, Verification
from feed.models import Post
from feed.services import post_publish
from generation.models import Job, Quota
from generation.services import job_cancel, job_create

from .conftest import make_finished_job, make_user

CREATE = reverse("generation:create")
PROMPT = 'A corgi surfs a huge wave at sunset, then says "best day ever!"'
GOOD = {"prompt": PROMPT, "duration": "5", "orientation": "portrait"}


def made(owner, *, hours_ago: float, status: str = Job.Status.SUCCEEDED, started: bool = True) -> Job:
    """A video asked for `hours_ago`, as it is now (rows only: nothing renders)."""
    when = timezone.now() - timedelta(hours=hours_ago)
    return Job.objects.create(
        owner=owner, prompt="a paper boat", seed=1, video_engine="preview", audio_engine="tones",
        status=status, submitted_at=when, started_at=when if started else None,
    )  # fmt: skip


@pytest.fixture
def defaults(settings):
    """The shipped defaults, whatever the environment says."""
    settings.SORA_VIDEOS_PER_DAY, settings.SORA_VIDEOS_AT_ONCE = 30, 2
    settings.SORA_STAFF_VIDEOS_PER_DAY, settings.SORA_STAFF_VIDEOS_AT_ONCE = 200, 10


def test_a_third_video_at_once_is_refused_with_a_429_that_keeps_the_prompt(
    client, alice, render_queue, defaults, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert client.post(CREATE, GOOD).status_code == 302
    assert (
        "28 of 30 videos left in any 24 hours · 2 at once (2 in progress)"
        in client.get(CREATE).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, {**GOOD, "duration": "10"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" not in response  # it depends on the renders, not on a clock
    assert "You already have 2 videos queued or rendering, and 2 at once is your limit." in html
    assert "then says &quot;best day ever!&quot;</textarea>" in html, "the prompt is kept"
    assert re.search(r'value="10"[^>]*checked', html), "and the length chosen"
    assert Job.objects.count() == 2 and render_queue.count == 1  # the second waits on the first

    # One finishes (or is cancelled): the next may start.
    job_cancel(job=Job.objects.filter(owner=alice).first())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(CREATE, GOOD).status_code == 302
    assert Job.objects.count() == 3


def test_the_31st_video_in_24_hours_says_when_the_next_may_start(client, alice, render_queue, defaults):
    for hours in range(30):
        made(alice, hours_ago=23.5 - hours * 0.5)  # the oldest 23.5 hours ago
    client.force_login(alice)
    response = client.post(CREATE, GOOD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "You&#x27;ve asked for 30 videos in the last 24 hours, and 30 a day is your limit." in html
    assert "Your next one can start in 30\xa0minutes" in html, html
    assert 1790 <= int(response["Retry-After"]) <= 1800
    assert PROMPT.split(",")[0] in html
    assert Job.objects.count() == 30 and render_queue.count == 0
    assert "0 of 30 videos left" in client.get(CREATE).content.decode()


def test_failed_videos_and_those_cancelled_before_they_started_do_not_count(
    client, alice, render_queue, defaults
):
    for _ in range(27):
        made(alice, hours_ago=2)
    made(alice, hours_ago=1, status=Job.Status.FAILED)
    made(alice, hours_ago=1, status=Job.Status.CANCELLED, started=False)
    made(alice, hours_ago=25)  # more than a day ago
    counted = made(alice, hours_ago=1, status=Job.Status.CANCELLED, started=True)
    client.force_login(alice)
    assert "2 of 30 videos left" in client.get(CREATE).content.decode()
    assert client.post(CREATE, GOOD).status_code == 302
    assert client.post(CREATE, GOOD).status_code == 302
    assert client.post(CREATE, GOOD).status_code == 429
    assert counted.status == Job.Status.CANCELLED


def test_try_again_is_asked_for_again_and_counts(client, alice, render_queue, defaults):
    failed = made(alice, hours_ago=30, status=Job.Status.FAILED)
    busy = [made(alice, hours_ago=0.1, status=Job.Status.RUNNING) for _ in range(2)]
    client.force_login(alice)
    url = reverse("generation:job_retry", args=[failed.pk])

    page = client.post(url, follow=True).content.decode()
    assert "2 at once is your limit" in page
    fragment = client.post(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200  # htmx swaps it in the job's own fragment
    assert "2 at once is your limit" in fragment.content.decode()
    failed.refresh_from_db()
    assert failed.status == Job.Status.FAILED and failed.attempt == 1

    Job.objects.filter(pk=busy[0].pk).update(status=Job.Status.SUCCEEDED)
    assert client.post(url).status_code == 302
    failed.refresh_from_db()
    assert failed.status == Job.Status.QUEUED and failed.attempt == 2
    assert timezone.now() - failed.submitted_at < timedelta(minutes=1), "counted from now"


def test_a_remix_is_a_video_and_meets_the_same_limit(client, alice, bob, render_queue, defaults):
    parent = make_finished_job(alice)
    post_publish(post=Post.objects.get(job=parent), user=alice)
    for _ in range(2):
        made(bob, hours_ago=0.1, status=Job.Status.QUEUED)
    client.force_login(bob)
    url = reverse("remix:create", args=[parent.post.pk])
    response = client.post(
        url, {"prompt": "the same, at night", "duration": "5", "orientation": "portrait", "strength": "0.6"}
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "2 at once is your limit" in html and "the same, at night" in html
    assert Job.objects.filter(owner=bob).count() == 2


def test_staff_and_named_people_have_their_own_limits(
    client, alice, bob, plain_staff, render_queue, defaults
):
    for person in (alice, bob, plain_staff):
        for _ in range(2):
            made(person, hours_ago=0.1, status=Job.Status.QUEUED)
    Quota.objects.create(user=bob, videos_at_once=5, note="runs the Friday challenge")
    Quota.objects.create(user=alice, videos_per_day=2)

    outcomes = {}
    for person in (alice, bob, plain_staff):
        client.force_login(person)
        outcomes[person.username] = client.post(CREATE, GOOD).status_code
    assert outcomes == {"alice": 429, "bob": 302, "intern": 302}
    client.force_login(alice)
    assert "0 of 2 videos left" in client.get(CREATE).content.decode()

    Quota.objects.filter(user=bob).update(videos_per_day=0)  # staff turn making videos off
    client.force_login(bob)
    response = client.post(CREATE, GOOD)
    assert response.status_code == 429
    assert "Making videos is turned off for your account." in response.content.decode()


def test_the_service_refuses_the_same_way_and_an_operator_may_pass_the_limit(alice, render_queue, defaults):
    from generation.services import QuotaExceeded

    for _ in range(2):
        job_create(owner=alice, prompt="A lighthouse", duration=5, orientation="portrait")
    with pytest.raises(QuotaExceeded) as refused:
        job_create(owner=alice, prompt="A lighthouse", duration=5, orientation="portrait")
    assert refused.value.limit == "at_once" and refused.value.retry_at is None
    job_create(owner=alice, prompt="A lighthouse", duration=5, orientation="portrait", quota=False)
    assert Job.objects.filter(owner=alice).count() == 3


def test_generate_batch_keeps_to_the_as_users_limits_unless_told_not_to(
    tmp_path, alice, render_queue, defaults
):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("A lighthouse\nA red kite\nA slow river\n")

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("generate_batch", str(prompts), "--as", "alice", "--dry-run", stdout=out, stderr=err)
    assert re.findall(r"line (\d): refused: .*2 at once is your limit.*--no-quota", err.getvalue()) == ["3"]
    assert Job.objects.count() == 0, "a dry run creates nothing"

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("generate_batch", str(prompts), "--as", "alice", stdout=out, stderr=err)
    assert "1 invalid line skipped" in str(failed.value)
    assert Job.objects.count() == 2

    out = io.StringIO()
    call_command(
        "generate_batch", str(prompts), "--as", "alice", "--no-quota", stdout=out, stderr=io.StringIO()
    )
    assert Job.objects.count() == 5


# --- Cameo verifications -----------------------------------------------------------------------


def test_a_fourth_recording_within_an_hour_is_refused_before_anything_is_kept(
    client, alice, verify_queue, private_root, settings
):
    settings.SORA_CAMEO_ATTEMPTS_PER_HOUR = 3
    now = timezone.now()
    for minutes in (50, 30, 10):
        challenge = Challenge.objects.create(user=alice, digits="1234", used_at=now)
        Verification.objects.filter(
            pk=Verification.objects.create(
                user=alice, challenge=challenge, status=Verification.Status.FAILED
            ).pk
        ).update(created_at=now - timedelta(minutes=minutes))
    client.force_login(alice)

    page = client.get(reverse("cameo:new"))
    assert page.status_code == 200
    assert "You&#x27;ve sent 3 recordings in the last hour" in page.content.decode()
    challenge = page.context["challenge"]
    response = client.post(
        reverse("cameo:new"), {"challenge": str(challenge.token), "recording": io.BytesIO(b"not a video")}
    )
    assert response.status_code == 429
    assert "You can record again in 10\xa0minutes" in response.content.decode()
    assert 590 <= int(response["Retry-After"]) <= 600
    assert Verification.objects.count() == 3 and verify_queue.count == 0
    challenge.refresh_from_db()
    assert challenge.used_at is None, "the digits stay usable"
    assert not [p for p in private_root.rglob("*") if p.is_file()]

    other = make_user("dana")
    client.force_login(other)
    assert "recordings in the last hour" not in client.get(reverse("cameo:new")).content.decode()
