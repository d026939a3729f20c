"""Download my data: the archive is built by the real worker, stored privately, served to its
owner alone for a day, and holds every video (byte for byte), the data.json and the cameo."""

import html
import io
import json
import tracemalloc
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feed.archive import ExportArchive
from feed.models import Export
from feed.services import EXPORT_README
from generation.models import Job

from .account_world import (
    ALICE_AVATAR,
    ALICE_COMMENT,
    ALICE_PORTRAIT,
    ALICE_RECORDING,
    ALICE_VERIFICATION_PORTRAIT,
    BOB_COMMENT,
    BOB_PORTRAIT,
    build_world,
)
from .conftest import media_files, run_worker

pytestmark = pytest.mark.django_db(transaction=True)  # the in-process worker closes the connection

DATA = "/account/data/"


@pytest.fixture
def world(alice, bob):
    return build_world(alice, bob)


def build(client, user):
    """Ask for the archive through the page, then let the real worker build it."""
    client.force_login(user)
    response = client.post(DATA)
    assert response.status_code == 302 and response.url == DATA
    run_worker()
    export = Export.objects.get(user=user)
    assert export.status == Export.Status.READY, (export.status, export.error)
    return export


def download(client, export) -> bytes:
    response = client.get(reverse("feed:account_export_download", args=[export.pk]))
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content)
    response.close()
    return content


def text(response) -> str:
    return html.unescape(response.content.decode())


def stored(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def test_the_archive_holds_every_video_the_data_and_the_cameo_and_nothing_of_bob(
    client, world, verify_queue, private_root, settings
):
    alice = world.alice
    export = build(client, alice)
    # Stored privately: under the private root, never under MEDIA_ROOT, with no public URL.
    assert Path(export.file.path).is_relative_to(private_root)
    assert not Path(export.file.path).is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(ValueError):
        export.file.url  # noqa: B018

    response = client.get(reverse("feed:account_export_download", args=[export.pk]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="sora-data-alice-')
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    response.close()
    assert content == stored(export.file) and export.size == len(content)

    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    names = set(archive.namelist())
    members = {name: archive.read(name) for name in names}

    # Every video of hers, published and draft and her remix, byte for byte, with its poster.
    for post in (world.published, world.draft, world.alice_remix):
        job = post.job
        assert members[f"videos/{job.pk}/video.mp4"] == stored(job.video)
        assert members[f"videos/{job.pk}/poster.jpg"] == stored(job.poster)
    assert members["profile/avatar.webp"] == ALICE_AVATAR
    assert members["README.txt"].decode().startswith("Your data from Sora")
    assert "data.json" in EXPORT_README and "videos/<id>/" in EXPORT_README

    # The cameo, in its own folder, explained.
    verification = world.alice_cameo.verification
    assert members["cameo/portrait.jpg"] == ALICE_PORTRAIT
    assert members[f"cameo/verification-{verification.pk}/recording.webm"] == ALICE_RECORDING
    assert members[f"cameo/verification-{verification.pk}/portrait.jpg"] == ALICE_VERIFICATION_PORTRAIT
    assert "biometric" in members["cameo/README.txt"].decode()

    # Nothing of bob's: none of his files, by name or by bytes.
    bob_files = [stored(post.job.video) for post in (world.bob_post, world.bob_remix, world.bob_with_alice)]
    assert not {bytes(member) for member in members.values()} & {*bob_files, BOB_PORTRAIT}
    for post in (world.bob_post, world.bob_remix, world.bob_with_alice):
        assert not any(name.startswith(f"videos/{post.job_id}/") for name in names)

    data = json.loads(members["data.json"])
    assert data["account"]["handle"] == "alice" and data["account"]["email"] == "alice@example.com"
    assert data["profile"] == {"display_name": "Alice Example", "bio": "Boats and storms",
                               "avatar": "profile/avatar.webp"}  # fmt: skip
    videos = {video["job_id"]: video for video in data["videos"]}
    mine = {world.published.job_id, world.draft.job_id, world.alice_remix.job_id, world.failed.pk}
    assert set(videos) == mine
    published = videos[world.published.job_id]
    assert published["prompt"] == "A lighthouse in a storm"
    assert (published["duration"], published["orientation"], published["seed"]) == (5, "portrait", 7)
    assert published["engines"] == {"video": "preview", "audio": "tones"}
    assert published["status"] == "succeeded" and published["post"]["status"] == "published"
    assert published["post"]["post_id"] == world.published.pk
    assert published["post"]["url"] == f"/p/{world.published.pk}/"
    assert published["created_at"] and published["finished_at"]
    assert "render_info" in published
    assert published["files"] == {"video": f"videos/{world.published.job_id}/video.mp4",
                                  "poster": f"videos/{world.published.job_id}/poster.jpg"}  # fmt: skip
    assert videos[world.draft.job_id]["post"]["status"] == "draft"
    failed = videos[world.failed.pk]
    assert failed["status"] == "failed" and failed["post"] is None and failed["files"] == {}

    # Lineage: bob remixed her lighthouse; her volcano remixes bob's.
    assert published["lineage"]["remixed_by"] == [
        {"post_id": world.bob_remix.pk, "url": f"/p/{world.bob_remix.pk}/", "by": "bob"}
    ]
    assert videos[world.alice_remix.job_id]["lineage"]["remix_of"] == {
        "post_id": world.bob_post.pk, "url": f"/p/{world.bob_post.pk}/", "by": "bob"
    }
    assert "lineage" not in videos[world.draft.job_id]

    assert [(like["post_id"], like["by"]) for like in data["likes"]] == [(world.bob_post.pk, "bob")]
    assert [(c["post_id"], c["body"]) for c in data["comments"]] == [(world.bob_post.pk, ALICE_COMMENT)]
    assert [person["handle"] for person in data["followers"]] == ["bob"]
    assert [person["handle"] for person in data["following"]] == ["carol"]

    cameo = data["cameo"]["cameo"]
    assert (cameo["tier"], cameo["enabled"], cameo["preferences"]) == ("everyone", True, "Always smiling")
    assert cameo["approved_users"] == ["carol"] and cameo["portrait"] == "cameo/portrait.jpg"
    assert len(cameo["face_encoding"]) == 128
    assert [v["verification_id"] for v in data["cameo"]["verifications"]] == [verification.pk]
    # The videos she appears in: bob's, by post.
    appearances = data["cameo"]["appearances"]
    assert [(a["by"], a["post_id"]) for a in appearances] == [("bob", world.bob_with_alice.pk)]

    raw = members["data.json"].decode()
    for secret in ("Bob's secret volcano", "Bob's lighthouse at dawn", BOB_COMMENT, "bob@example.com"):
        assert secret not in raw


def test_the_page_shows_progress_while_it_builds_and_asking_again_shows_the_same_one(
    client, world, verify_queue
):
    client.force_login(world.alice)
    page = text(client.get(DATA))
    assert "Build my archive" in page and "every 2s" not in page
    client.post(DATA)
    client.post(DATA)  # a second click, or a second tab: still one
    assert Export.objects.filter(user=world.alice).count() == 1
    export = Export.objects.get(user=world.alice)
    assert len(verify_queue.job_ids) == 1

    page = text(client.get(DATA))
    assert '<meta http-equiv="refresh" content="3">' in page  # without JavaScript
    assert 'hx-trigger="every 2s"' in page and "<progress" in page
    fragment = client.get(DATA, headers={"HX-Request": "true"})
    body = text(fragment)
    assert body.lstrip().startswith('<div id="account-export"') and "<html" not in body
    assert 'hx-trigger="every 2s"' in body and "Waiting for the worker" in body
    # An htmx click on the button answers the fragment, showing the export already building.
    clicked = text(client.post(DATA, headers={"HX-Request": "true"}))
    assert 'hx-trigger="every 2s"' in clicked
    assert Export.objects.filter(user=world.alice).count() == 1

    run_worker()
    fragment = text(client.get(DATA, headers={"HX-Request": "true"}))
    assert "every 2s" not in fragment and "Your archive is ready" in fragment
    assert reverse("feed:account_export_download", args=[export.pk]) in fragment
    page = text(client.get(DATA))
    assert 'http-equiv="refresh"' not in page and "Build a new archive" in page
    # The profile settings lead here.
    assert DATA in text(client.get("/profile/edit/"))


def test_the_download_is_alices_alone(client, world, verify_queue, staff):
    export = build(client, world.alice)
    url = reverse("feed:account_export_download", args=[export.pk])
    for someone in (world.bob, staff):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert client.head(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert client.get(DATA).status_code == 302
    # bob's own page knows nothing of alice's archive.
    client.force_login(world.bob)
    assert url not in text(client.get(DATA))


def test_after_a_day_the_archive_expires_its_file_is_deleted_and_a_new_one_can_be_built(
    client, world, verify_queue, private_root
):
    export = build(client, world.alice)
    path = Path(export.file.path)
    url = reverse("feed:account_export_download", args=[export.pk])
    assert download(client, export)
    # A day and a minute later (the clock moved by rewriting when it was asked for).
    Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    response = client.get(url)
    assert response.status_code == 302 and response.url == DATA
    page = text(client.get(DATA))
    assert "expired" in page and "Build a new archive" in page and url not in page

    call_command("exports_expire", stdout=io.StringIO())
    export.refresh_from_db()
    assert export.status == Export.Status.EXPIRED and not export.file and not path.exists()
    assert "expired" in text(client.get(DATA))

    fresh = build(client, world.alice)
    assert fresh.pk != export.pk and not Export.objects.filter(pk=export.pk).exists()
    assert client.get(url).status_code == 404  # the old link leads nowhere now
    assert download(client, fresh)


def test_asking_for_a_new_archive_deletes_the_old_file_and_the_worker_sweeps_everyones(
    client, world, verify_queue, private_root
):
    old = build(client, world.alice)
    bobs = build(client, world.bob)
    old_path, bobs_path = Path(old.file.path), Path(bobs.file.path)
    Export.objects.filter(pk=bobs.pk).update(created_at=timezone.now() - timedelta(days=2))
    client.force_login(world.alice)
    client.post(DATA)
    assert not old_path.exists()  # replaced once the new one was asked for
    run_worker()  # and the build swept bob's expired one
    assert not bobs_path.exists()
    assert Export.objects.get(pk=bobs.pk).status == Export.Status.EXPIRED
    exports = [path for path in media_files(private_root) if "exports" in path.parts]
    assert exports == [Path(Export.objects.get(user=world.alice).file.path)]


def test_an_export_deleted_while_it_builds_leaves_no_file(client, world, verify_queue, private_root):
    client.force_login(world.alice)
    client.post(DATA)
    Export.objects.filter(user=world.alice).delete()
    run_worker()
    assert not [path for path in media_files(private_root) if "exports" in path.parts]


def test_a_taken_down_video_is_listed_without_its_files(client, world, verify_queue):
    from feed.services import posts_remove

    posts_remove(job_ids=[world.draft.job_id], reason="Removed by our moderators.")
    export = build(client, world.alice)
    archive = zipfile.ZipFile(io.BytesIO(download(client, export)))
    assert not any(name.startswith(f"videos/{world.draft.job_id}/") for name in archive.namelist())
    videos = {video["job_id"]: video for video in json.loads(archive.read("data.json"))["videos"]}
    removed = videos[world.draft.job_id]
    assert removed["post"]["status"] == "removed" and removed["files"] == {} and removed["files_left_out"]


def test_an_account_without_a_cameo_gets_no_cameo_folder(client, bob, verify_queue):
    export = build(client, bob)
    archive = zipfile.ZipFile(io.BytesIO(download(client, export)))
    assert not any(name.startswith("cameo/") for name in archive.namelist())
    data = json.loads(archive.read("data.json"))
    assert data["cameo"] == {"cameo": None, "verifications": [], "appearances": []}
    assert data["videos"] == [] and data["likes"] == []


def test_the_archive_is_written_in_chunks_not_held_in_memory(alice, tmp_path):
    """A 24 MB video goes into the ZIP with far less than 24 MB of memory."""
    job = Job.objects.create(owner=alice, prompt="A long one", seed=1, video_engine="preview",
                             audio_engine="tones", status=Job.Status.SUCCEEDED)  # fmt: skip
    big = bytes(range(256)) * (24 * 4096)
    job.video.save("video.mp4", ContentFile(big))
    archive = ExportArchive(user=alice)
    archive.add_file("videos/big.mp4", job.video)
    seen = []
    tracemalloc.start()
    try:
        archive.write(tmp_path / "out.zip", on_progress=lambda _, done: seen.append(done) or True, every=0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak
    with zipfile.ZipFile(tmp_path / "out.zip") as written:
        assert written.read("videos/big.mp4") == big
        assert written.getinfo("videos/big.mp4").compress_type == zipfile.ZIP_STORED
    assert seen[-1] == 1.0 and len(seen) > 10  # progress along the way, not only at the end


def test_a_build_whose_worker_went_silent_can_be_replaced(client, world, verify_queue):
    client.force_login(world.alice)
    client.post(DATA)
    stuck = Export.objects.get(user=world.alice)
    Export.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=3))
    page = text(client.get(DATA))
    assert "could not be built" in page and "every 2s" not in page
    client.post(DATA)
    fresh = Export.objects.get(user=world.alice)
    assert fresh.pk != stuck.pk and fresh.is_building
    run_worker()  # the stuck one's queue entry finds no row; the fresh one builds
    fresh.refresh_from_db()
    assert fresh.status == Export.Status.READY
