"""Live progress over the websocket: fragments for your own job, nothing for anyone else's."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from generation.models import Job
from generation.progress import ProgressReporter
from sora.asgi import application

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def _communicator(user, job_id: int, *, path: str = "") -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]  # as a browser sends them
    if user is not None:
        client = Client()
        client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return WebsocketCommunicator(application, path or f"/ws/jobs/{job_id}/", headers=headers)


def _job(owner) -> Job:
    return Job.objects.create(
        owner=owner, prompt="A fox in the snow", duration=5, orientation="portrait", seed=1,
        video_engine="preview", audio_engine="tones", status=Job.Status.RUNNING,
    )  # fmt: skip


async def test_owner_receives_progress_fragments_pushed_by_the_worker(alice):
    job = await sync_to_async(_job)(alice)
    communicator = await sync_to_async(_communicator)(alice, job.pk)
    connected, _ = await communicator.connect()
    assert connected
    first = await communicator.receive_from(timeout=5)
    assert 'id="job-status"' in first and 'data-progress="0"' in first

    # What the worker does, from its own (sync) thread, through the Redis channel layer.
    await sync_to_async(ProgressReporter(job))("Rendering frames", 0.42)

    fragment = await communicator.receive_from(timeout=5)
    assert 'id="job-status"' in fragment
    assert "Rendering frames" in fragment and 'value="42"' in fragment
    await communicator.disconnect()


@pytest.mark.parametrize("who", ["stranger", "anonymous", "missing job"])
async def test_anyone_but_the_owner_is_refused_the_same_way(alice, bob, who):
    job = await sync_to_async(_job)(alice)
    user = {"stranger": bob, "anonymous": None, "missing job": alice}[who]
    job_id = 999_999 if who == "missing job" else job.pk
    communicator = await sync_to_async(_communicator)(user, job_id)
    connected, code = await communicator.connect()
    assert not connected and code == 4404  # one answer for all: existence does not leak
    await communicator.disconnect()


def _verification(owner):
    from cameo.models import Challenge, Verification

    return Verification.objects.create(user=owner, challenge=Challenge.objects.create(user=owner))


async def test_a_cameo_owner_watches_the_checks_live_and_nobody_else_can(alice, bob):
    from cameo.progress import VerificationProgress

    verification = await sync_to_async(_verification)(alice)
    path = f"/ws/cameo/verifications/{verification.pk}/"
    communicator = await sync_to_async(_communicator)(alice, 0, path=path)
    connected, _ = await communicator.connect()
    assert connected
    assert 'data-status="checking"' in await communicator.receive_from(timeout=5)
    await sync_to_async(VerificationProgress(verification))("Looking for one face", 0.5)
    fragment = await communicator.receive_from(timeout=5)
    assert "Looking for one face" in fragment and 'value="50"' in fragment
    await communicator.disconnect()

    for user in (bob, None):
        stranger = await sync_to_async(_communicator)(user, 0, path=path)
        connected, code = await stranger.connect()
        assert not connected and code == 4404
        await stranger.disconnect()


@pytest.mark.asyncio
async def test_a_busy_database_skips_a_progress_save_and_the_next_one_saves(alice, monkeypatch):
    from django.db import OperationalError
    from django.db.models.query import QuerySet

    job = await sync_to_async(_job)(alice)
    reporter = ProgressReporter(job, min_interval=0.0, min_step=0.0)
    real_update = QuerySet.update
    calls = []

    def busy_once(self, **fields):
        calls.append(fields)
        if len(calls) == 1:
            raise OperationalError("database table is locked: generation_job")
        return real_update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", busy_once)
    await sync_to_async(reporter)("Rendering", 0.3)  # the render goes on: no exception
    await sync_to_async(reporter)("Rendering", 0.4)
    await sync_to_async(job.refresh_from_db)()
    assert len(calls) == 2 and job.progress == 0.4 and job.stage == "Rendering"
