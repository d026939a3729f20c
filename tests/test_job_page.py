"""The job page keeps itself current: websocket first, polling while it is down, refresh without JS."""

import pytest
from django.urls import reverse

from generation.models import Job

from .conftest import make_finished_job

POLL = 'hx-trigger="every 2s" hx-swap="outerHTML" data-poll-fallback'


@pytest.fixture
def running_job(alice):
    return Job.objects.create(
        owner=alice, prompt="A kite over the dunes", duration=5, orientation="portrait", seed=3,
        video_engine="preview", audio_engine="tones", status=Job.Status.RUNNING, stage="Rendering frames",
        progress=0.37,
    )  # fmt: skip


def test_an_unfinished_job_uses_the_socket_polls_as_fallback_and_refreshes_without_js(client, running_job):
    client.force_login(running_job.owner)
    html = client.get(running_job.get_absolute_url()).content.decode()
    assert f'ws-connect="/ws/jobs/{running_job.pk}/"' in html
    assert POLL in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert 'value="37"' in html and "Rendering frames" in html


def test_the_poll_returns_just_the_fragment(client, running_job):
    client.force_login(running_job.owner)
    html = client.get(running_job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="job-status"') and "<html" not in html


def test_a_finished_job_stops_polling_and_shows_the_video_and_publish(client, alice):
    job = make_finished_job(alice)
    client.force_login(alice)
    html = client.get(job.get_absolute_url()).content.decode()
    assert POLL not in html and "http-equiv" not in html
    # Nor a socket: its hello would swap the playing video and the Publish button for copies.
    assert "ws-connect" not in html.replace('ws-connect="/ws/notifications/"', "")
    assert reverse("generation:job_video", args=[job.pk]) in html
    assert reverse("feed:publish", args=[job.post.pk]) in html
