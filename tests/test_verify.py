"""/verify/ and `manage.py verify_video` on real files: a signed render, the same stripped of its
credentials, re-encoded, a file signed elsewhere, an altered one, and garbage; for the owner, a
stranger and someone signed out."""

import io
import json
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cameo.models import Cameo
from feed.services import post_publish
from generation import credentials
from generation.models import Job
from generation.services import job_create

from .conftest import make_cameo, run_worker

pytestmark = pytest.mark.django_db(transaction=True)
FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def render(owner, prompt: str) -> Job:
    job = job_create(owner=owner, prompt=prompt, duration=5, orientation="portrait")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    return job


def upload(client, path: Path, name: str = "clip.mp4"):
    video = SimpleUploadedFile(name, path.read_bytes(), "video/mp4")
    return client.post(reverse("feed:verify"), {"video": video})


def ffmpeg(*arguments: str) -> None:
    subprocess.run([FFMPEG, "-y", "-loglevel", "error", *arguments], check=True)


def verdict_of(response) -> str:
    assert response.status_code == 200
    return response.context["verdict"].kind


@pytest.fixture
def published_with_cameo(alice, bob, render_queue, astronaut_portrait):
    """alice's published video in which bob's cameo appears (bob lets everyone use it)."""
    make_cameo(bob, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    job = render(alice, "@bob waves at the camera on a beach at sunset")
    return post_publish(post=job.post, user=alice)


def test_a_signed_video_names_its_post_creator_and_cameos_for_anyone(client, published_with_cameo):
    post = published_with_cameo
    path = Path(post.job.video.path)
    response = upload(client, path)  # signed out
    assert verdict_of(response) == "ours"
    page = response.content.decode()
    assert reverse("feed:post_detail", args=[post.pk]) in page
    assert reverse("feed:profile", args=["alice"]) in page and reverse("feed:profile", args=["bob"]) in page
    [step] = response.context["verdict"].lineage
    assert step.ai_made and step.engine == "preview" and step.seed == str(post.job.seed)
    assert step.consents[0].startswith(f"cameo {Cameo.objects.get(owner__username='bob').pk} ")

    # The command prints the same, and says so with its exit status.
    call_command("verify_video", str(path), "--json", stdout=(out := io.StringIO()))
    printed = json.loads(out.getvalue())
    assert printed["kind"] == "ours" and printed["lineage"][0]["creator"]["label"] == "@alice"


def test_stripped_or_reencoded_copies_are_traced_by_the_watermark(client, published_with_cameo, tmp_path):
    post = published_with_cameo
    source = post.job.video.path
    stripped, smaller = tmp_path / "stripped.mp4", tmp_path / "smaller.mp4"
    ffmpeg("-i", source, "-map_metadata", "-1", "-c", "copy", str(stripped))
    ffmpeg("-i", source, "-vf", "scale=iw/2:ih/2", "-c:v", "libx264", "-crf", "30", str(smaller))
    for copy in (stripped, smaller):
        response = upload(client, copy)
        assert verdict_of(response) == "watermark", copy.name
        assert response.context["verdict"].watermark_post.url == reverse("feed:post_detail", args=[post.pk])
    call_command("verify_video", str(smaller), stdout=(out := io.StringIO()))  # exit status 0
    assert f"watermark: @alice's video ({reverse('feed:post_detail', args=[post.pk])})" in out.getvalue()


def test_a_draft_is_not_revealed_to_a_stranger_or_staff(client, alice, bob, staff, render_queue, tmp_path):
    job = render(alice, "A paper boat on a rainy street")
    stripped = tmp_path / "stripped.mp4"
    ffmpeg("-i", job.video.path, "-map_metadata", "-1", "-c", "copy", str(stripped))
    for who in (bob, staff):  # staff get no exception, as on the draft's own page
        client.force_login(who)
        response = upload(client, stripped)
        assert verdict_of(response) == "watermark"
        link = response.context["verdict"].watermark_post
        assert link.url == "" and "not public" in link.label
    client.force_login(alice)
    assert upload(client, stripped).context["verdict"].watermark_post.label == "Your draft"


def test_altered_foreign_unmarked_and_garbage_files_each_get_a_clear_answer(
    client, alice, render_queue, tmp_path, settings
):
    job = render(alice, "A red kite over green hills")
    post_publish(post=job.post, user=alice)
    data = bytearray(Path(job.video.path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    altered = tmp_path / "altered.mp4"
    altered.write_bytes(data)
    response = upload(client, altered)
    assert verdict_of(response) == "altered" and response.context["verdict"].problems
    # Our signature on the claim still holds: it says which post this was altered from.
    assert response.context["verdict"].lineage[0].post.url == reverse("feed:post_detail", args=[job.post.pk])

    # Signed by someone else's certificate (a root this server doesn't know), unmarked frames.
    plain, foreign = tmp_path / "plain.mp4", tmp_path / "foreign.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=720x1280:rate=24:duration=3", "-c:v", "libx264", str(plain))
    elsewhere = tmp_path / "elsewhere"
    credentials.identity_ensure(elsewhere, organisation="Another site")
    identity = credentials.identity_load(
        chain=elsewhere / credentials.CHAIN_NAME, key=elsewhere / credentials.KEY_NAME, anchors=[]
    )
    foreign.write_bytes(plain.read_bytes())
    # It even claims to come from this server and one of our jobs.
    manifest = credentials.manifest_for(
        title="Elsewhere",
        server=settings.SORA_SITE_URL,
        claim={"job": job.pk, "creator": "@alice"},
        agent="another app",
        when="2026-12-01T00:00:00+00:00",
    )
    credentials.sign(foreign, manifest=manifest, identity=identity)
    response = upload(client, foreign)
    assert verdict_of(response) == "untrusted"
    # No one here signed it: nothing it claims is linked.
    page = response.content.decode()
    assert reverse("feed:post_detail", args=[job.post.pk]) not in page
    assert reverse("feed:profile", args=["alice"]) not in page

    assert verdict_of(upload(client, plain)) == "none"
    with pytest.raises(SystemExit) as exit_status:
        call_command("verify_video", str(plain), stdout=io.StringIO())
    assert exit_status.value.code == 1

    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(b"this is not a video at all" * 100)
    response = upload(client, garbage)
    assert verdict_of(response) == "unreadable"
    assert "not a video we can read" in response.content.decode()


def test_the_form_refuses_nothing_and_empty_files_with_a_message(client, db):
    response = client.post(reverse("feed:verify"), {})
    assert response.status_code == 200 and "Choose a video file first." in response.content.decode()
    response = client.post(reverse("feed:verify"), {"video": SimpleUploadedFile("e.mp4", b"", "video/mp4")})
    assert response.status_code == 200 and "empty" in response.content.decode()
    page = client.get(reverse("feed:verify"))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
