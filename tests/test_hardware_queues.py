"""Render queues by hardware (issue 22): renders whose engines need a GPU (diffusers video, Bark
audio) wait in the GPU queue, the rest (preview video, speech or tones audio) in the CPU queue
with cameo checks, exports and embeddings; a worker takes only what its queues hold, and the job
page says where a queued job waits. On the suite's real Redis; no model is loaded (choosing the
queue only asks an engine class what it needs)."""

import django_rq
import pytest

from cameo.models import Challenge, Verification
from cameo.services import verification_enqueue
from feed.services import export_request, post_embedding_enqueue
from generation import engines
from generation.models import Job
from generation.queues import QueuePlace, engine_hardware, job_queue_place
from generation.services import job_create
from sora import embedded_redis
from sora.queue_names import queue_names, worker_queues

from .conftest import make_user, run_worker


def make(owner, prompt: str = "A red kite over the dunes") -> Job:
    return job_create(owner=owner, prompt=prompt, duration=5, orientation="portrait", quota=False)


@pytest.fixture
def queued(render_queue, gpu_queue, django_capture_on_commit_callbacks):
    """Submit as the create page does, with the enqueue that follows the commit really run."""

    def submit(owner, prompt: str = "A red kite over the dunes") -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = make(owner, prompt)
        job.refresh_from_db()
        assert job.status == Job.Status.QUEUED, job.error
        return job

    return submit


@pytest.mark.django_db
@pytest.mark.parametrize(
    "video, audio, hardware",
    [
        ("preview", "speech", "cpu"),
        ("preview", "tones", "cpu"),
        ("diffusers", "speech", "gpu"),
        ("preview", "bark", "gpu"),
        ("diffusers", "bark", "gpu"),
    ],
)
def test_a_render_waits_in_the_queue_of_the_hardware_its_engines_need(
    alice, settings, queued, render_queue, gpu_queue, video, audio, hardware
):
    settings.SORA_VIDEO_ENGINE, settings.SORA_AUDIO_ENGINE = video, audio
    job = queued(alice)
    cpu, gpu = render_queue.job_ids, gpu_queue.job_ids
    assert (gpu, cpu) == (([job.rq_job_id], []) if hardware == "gpu" else ([], [job.rq_job_id]))
    assert render_queue.name == "cpu" and gpu_queue.name == "gpu"


def test_each_engine_class_declares_its_hardware():
    assert {name: engine_hardware(kind="video", name=name) for name in engines.VIDEO_ENGINES} == {
        "preview": "cpu", "diffusers": "gpu",
    }  # fmt: skip
    assert {name: engine_hardware(kind="audio", name=name) for name in engines.AUDIO_ENGINES} == {
        "speech": "cpu", "bark": "gpu", "tones": "cpu",
    }  # fmt: skip
    # A name this installation lacks counts as CPU: its worker fails the job with a clear message.
    assert engine_hardware(kind="video", name="sora-2") == "cpu"


@pytest.mark.django_db
def test_cameo_checks_exports_and_embeddings_go_to_the_cpu_queue(
    alice, render_queue, gpu_queue, django_capture_on_commit_callbacks
):
    verification = Verification.objects.create(user=alice, challenge=Challenge.objects.create(user=alice))
    verification_enqueue(verification=verification)
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(user=alice)
    post_embedding_enqueue(post_id=987654)  # never run: the fixture empties the queue after the test
    assert render_queue.job_ids == [
        f"verify-{verification.pk}", f"export-{export.token.hex}", "post-embed-987654",
    ]  # fmt: skip
    assert gpu_queue.job_ids == []


@pytest.mark.django_db(transaction=True)  # the worker commits
def test_a_worker_on_the_cpu_queue_never_takes_a_gpu_render(
    alice, bob, settings, queued, render_queue, gpu_queue
):
    settings.SORA_VIDEO_ENGINE, settings.SORA_AUDIO_ENGINE = "diffusers", "bark"
    on_gpu = queued(alice, "A lighthouse in a storm")
    settings.SORA_VIDEO_ENGINE, settings.SORA_AUDIO_ENGINE = "preview", "tones"
    on_cpu = queued(bob)

    run_worker(settings.SORA_CPU_QUEUE)  # burst: works until its queue is empty

    on_cpu.refresh_from_db()
    on_gpu.refresh_from_db()
    assert on_cpu.status == Job.Status.SUCCEEDED, on_cpu.error
    assert (on_gpu.status, on_gpu.started_at) == (Job.Status.QUEUED, None)
    assert gpu_queue.job_ids == [on_gpu.rq_job_id], "still waiting for a GPU worker"
    assert render_queue.job_ids == []


@pytest.mark.django_db(transaction=True)  # the fair queue across queues: RQ dependencies are by job id
def test_a_persons_gpu_render_still_waits_for_their_cpu_one(alice, settings, queued, render_queue, gpu_queue):
    settings.SORA_AUDIO_ENGINE = "tones"
    first = queued(alice)
    settings.SORA_AUDIO_ENGINE = "bark"
    second = queued(alice, "A lighthouse in a storm")
    assert render_queue.job_ids == [first.rq_job_id] and gpu_queue.job_ids == [], "deferred behind the first"
    assert gpu_queue.deferred_job_registry.get_job_ids() == [second.rq_job_id]

    run_worker(settings.SORA_CPU_QUEUE)

    first.refresh_from_db()
    assert first.status == Job.Status.SUCCEEDED, first.error
    assert gpu_queue.job_ids == [second.rq_job_id], "its turn: in the GPU queue now"


def fragment(client, job: Job) -> str:
    client.force_login(job.owner)
    return client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()


@pytest.mark.django_db
def test_the_job_page_says_a_queued_jobs_place_and_nothing_for_a_deferred_one(client, alice, bob, queued):
    carol = make_user("carol")
    first, second, third = queued(alice), queued(bob), queued(carol)
    deferred = queued(carol, "A lighthouse in a storm")  # behind carol's first

    assert "Your video is next in the CPU queue." in fragment(client, first)
    assert "Your video is 2nd in the CPU queue." in fragment(client, second)
    assert "Your video is 3rd in the CPU queue." in fragment(client, third)
    page = fragment(client, deferred)
    assert "your earlier video" in page and " in the CPU queue" not in page
    # The full page (not only the polled fragment) says it too.
    client.force_login(bob)
    assert "Your video is 2nd in the CPU queue." in client.get(second.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "position, text",
    [
        (0, "next"), (1, "2nd"), (2, "3rd"), (3, "4th"), (10, "11th"), (11, "12th"), (12, "13th"),
        (20, "21st"), (21, "22nd"), (22, "23rd"), (100, "101st"), (110, "111th"),
    ],
)  # fmt: skip
def test_places_are_said_in_english(position, text):
    assert str(QueuePlace(queue="gpu", position=position)) == f"{text} in the GPU queue"
    assert str(QueuePlace(queue="renders-a100", position=position)) == f"{text} in the renders-a100 queue"


@pytest.mark.django_db
def test_without_redis_the_job_page_shows_no_place_and_no_error(client, alice, settings):
    job = Job.objects.create(
        owner=alice, prompt="A kite", duration=5, orientation="portrait", seed=3,
        video_engine="preview", audio_engine="tones", status=Job.Status.QUEUED,
    )  # fmt: skip
    nobody = f"redis://127.0.0.1:{embedded_redis.free_port()}/0?socket_connect_timeout=1"
    settings.RQ_QUEUES = {name: {"URL": nobody} for name in settings.RQ_QUEUES}

    assert job_queue_place(job=job) is None
    page = fragment(client, job)
    assert "Queued" in page and " queue." not in page


@pytest.mark.django_db
def test_the_configured_queue_names_are_honoured(
    client, alice, settings, render_queue, django_capture_on_commit_callbacks
):
    settings.SORA_GPU_QUEUE, settings.SORA_CPU_QUEUE = "renders-a100", "small"
    settings.RQ_QUEUES = {**settings.RQ_QUEUES, "renders-a100": settings.RQ_QUEUES["gpu"],
                          "small": settings.RQ_QUEUES["cpu"]}  # fmt: skip
    a100, small = django_rq.get_queue("renders-a100"), django_rq.get_queue("small")
    for queue in (a100, small):
        queue.empty()
    try:
        settings.SORA_VIDEO_ENGINE = "diffusers"
        with django_capture_on_commit_callbacks(execute=True):
            on_gpu = make(alice)
        settings.SORA_VIDEO_ENGINE, settings.SORA_AUDIO_ENGINE = "preview", "tones"
        with django_capture_on_commit_callbacks(execute=True):
            on_cpu = make(make_user("bob"))
            export = export_request(user=alice)
        assert a100.job_ids == [on_gpu.rq_job_id]
        assert small.job_ids == [on_cpu.rq_job_id, f"export-{export.token.hex}"]
        assert django_rq.get_queue("gpu").job_ids == [] and django_rq.get_queue("cpu").job_ids == []
        assert "Your video is next in the renders-a100 queue." in fragment(client, on_gpu)
        assert "Your video is next in the small queue." in fragment(client, on_cpu)
    finally:
        for queue in (a100, small):
            queue.empty()


def test_make_runs_worker_listens_on_every_queue_gpu_first_then_the_old_names():
    assert queue_names({}) == ("gpu", "cpu")
    assert worker_queues({}) == ["gpu", "cpu", "video", "default"]
    assert worker_queues({"SORA_GPU_QUEUE": "renders-a100", "SORA_CPU_QUEUE": " small "}) == [
        "renders-a100", "small", "video", "default",
    ]  # fmt: skip
    # A queue named like an old one is listened on once.
    assert worker_queues({"SORA_CPU_QUEUE": "default", "SORA_GPU_QUEUE": ""}) == ["gpu", "default", "video"]
