"""Media and private files on S3: a real S3 HTTP endpoint (moto's standalone server in its own
process), spoken to by boto3 and django-storages exactly as a production bucket would be.

The views still check access; then they redirect to a presigned URL, and the bucket answers the
bytes (Range included). Nothing is public: an unsigned GET of any object is refused. Deleting a
cameo or an account deletes their objects. A render and its remix run with the local media
folders empty and stay so: the worker reads and writes only through the storage API.
"""

import html
import io
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.storage import default_storage, storages
from django.test import Client

from cameo.models import Verification
from cameo.services import cameo_delete
from feed.models import Export, Post, Profile
from feed.services import post_publish
from generation.models import Job
from generation.services import job_create
from sora.object_storage import s3_storages
from sora.storage import PrivateFileStorage, private_storage

from .account_world import (
    ALICE_PORTRAIT,
    ALICE_RECORDING,
    BOB_PORTRAIT,
    build_world,
    make_cameo_with_recording,
)
from .conftest import PASSWORD, make_finished_job, media_files, run_worker

BODY = bytes(range(256)) * 40  # 10,240 bytes with a recognisable pattern
REGION = "us-east-1"
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """moto's S3 server on a free port, as a subprocess; stopped after the module."""
    port = _free_port()
    script = Path(sys.executable).with_name("moto_server")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "moto.server"]
    log = (tmp_path_factory.mktemp("moto") / "server.log").open("wb")
    process = subprocess.Popen([*command, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint + "/", timeout=1).close()
            break
        except urllib.error.HTTPError:
            break  # it answers, if only to refuse an unsigned request
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"moto_server did not start (see {log.name})") from None
            time.sleep(0.1)
    yield endpoint
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@dataclass
class Buckets:
    endpoint: str
    media: str
    private: str
    client: object

    def keys(self, bucket: str) -> set[str]:
        found = self.client.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {entry["Key"] for entry in found}

    def all_keys(self) -> set[tuple[str, str]]:
        return {(bucket, key) for bucket in {self.media, self.private} for key in self.keys(bucket)}

    def storages(self, **options) -> dict:
        return s3_storages(bucket=self.media, endpoint_url=self.endpoint, region=REGION, **options)


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch, tmp_path) -> Buckets:
    """Fresh buckets for this test, and both storages pointed at them (a separate private bucket)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    # No operator's ~/.aws may leak in.
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    suffix = uuid.uuid4().hex[:12]
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    buckets = Buckets(s3_endpoint, f"sora-media-{suffix}", f"sora-private-{suffix}", client)
    client.create_bucket(Bucket=buckets.media)
    client.create_bucket(Bucket=buckets.private)
    settings.STORAGES = {**settings.STORAGES, **buckets.storages(private_bucket=buckets.private)}
    return buckets


def http_get(url: str, **headers) -> tuple[int, dict, bytes]:
    """A plain HTTP client, as the browser following the redirect: no AWS credentials."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, {k.lower(): v for k, v in refused.headers.items()}, refused.read()


def expires_in(url: str) -> int:
    return int(parse_qs(urlsplit(url).query)["X-Amz-Expires"][0])


def local_files(settings) -> list[Path]:
    return media_files(settings.MEDIA_ROOT) + media_files(settings.SORA_PRIVATE_ROOT)


# --- Settings ------------------------------------------------------------------------------------


def _settings_storages(tmp_path: Path, **env: str) -> dict:
    """STORAGES as `sora/settings.py` builds them from this environment, in a fresh process, and
    under "csp" the origins its Content-Security-Policy allows images and video from."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SORA_S3_", "AWS_"))}
    clean |= {"SORA_VAR_DIR": str(tmp_path), "DJANGO_DEBUG": "1", **env}
    script = (
        "import json, sora.settings as s; d = s.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(json.dumps({**s.STORAGES, 'csp': [str(x) for x in d['img-src']] + ['|'] + d['media-src']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.nodb
def test_without_a_bucket_the_storages_are_the_local_ones_and_with_one_s3(tmp_path, settings):
    local = _settings_storages(tmp_path)
    assert local["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert local["private"] == {"BACKEND": "sora.storage.PrivateFileStorage"}
    assert "media_cdn" not in local
    assert local["csp"] == ["'self'", "data:", "blob:", "|", "'self'", "blob:"]
    # In this process (no bucket): files on disk, the private ones outside MEDIA_ROOT, with no URL.
    assert default_storage.path("x") == str(Path(settings.MEDIA_ROOT) / "x")
    assert isinstance(storages["private"], PrivateFileStorage)
    assert private_storage().path("x") == str(Path(settings.SORA_PRIVATE_ROOT) / "x")
    with pytest.raises(ValueError):
        private_storage().url("x")

    remote = _settings_storages(
        tmp_path, SORA_S3_BUCKET="sora-media", SORA_S3_ENDPOINT_URL="https://s3.example.com",
        SORA_S3_REGION="auto", SORA_S3_CDN_DOMAIN="cdn.example.com",
    )  # fmt: skip
    media, private = remote["default"]["OPTIONS"], remote["private"]["OPTIONS"]
    assert remote["default"]["BACKEND"] == remote["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    # One bucket: the private files under a prefix of their own; nothing is given an ACL.
    assert media["bucket_name"] == private["bucket_name"] == "sora-media"
    assert (media["location"], private["location"]) == ("media", "private")
    assert media["default_acl"] is None and private["default_acl"] is None
    assert media["querystring_auth"] and private["querystring_auth"]
    assert (media["querystring_expire"], private["querystring_expire"]) == (3600, 300)
    assert media["endpoint_url"] == "https://s3.example.com" and media["region_name"] == "auto"
    assert "custom_domain" not in media and "custom_domain" not in private
    assert remote["media_cdn"]["OPTIONS"]["custom_domain"] == "cdn.example.com"
    # Images and video may come from where the views redirect to, and from nowhere else new.
    origins = ["https://s3.example.com", "https://cdn.example.com"]
    assert remote["csp"] == ["'self'", "data:", "blob:", *origins, "|", "'self'", "blob:", *origins]
    # django-storages' own names work too, and a private bucket of its own.
    aliased = _settings_storages(
        tmp_path, AWS_STORAGE_BUCKET_NAME="media-b", SORA_S3_PRIVATE_BUCKET="private-b"
    )
    assert aliased["default"]["OPTIONS"]["bucket_name"] == "media-b"
    assert aliased["private"]["OPTIONS"]["bucket_name"] == "private-b"
    assert "media_cdn" not in aliased
    assert aliased["csp"][aliased["csp"].index("|") + 1 :] == [
        "'self'", "blob:", "https://media-b.s3.amazonaws.com", "https://private-b.s3.amazonaws.com",
    ]  # fmt: skip


# --- Delivery ------------------------------------------------------------------------------------


def test_a_render_stored_on_s3_lands_in_the_bucket_not_on_disk(s3, alice, settings):
    job = make_finished_job(alice, video_bytes=BODY)
    assert s3.keys(s3.media) == {f"media/{job.video.name}", f"media/{job.poster.name}"}
    assert s3.client.get_object(Bucket=s3.media, Key=f"media/{job.video.name}")["Body"].read() == BODY
    assert s3.keys(s3.private) == set() and local_files(settings) == []


def test_a_draft_redirects_its_owner_to_a_presigned_url_that_answers_range(client, s3, alice, bob, friend):
    post = make_finished_job(alice, video_bytes=BODY).post
    url = f"/p/{post.pk}/video.mp4"
    for who in (None, bob, friend):  # anonymous, a stranger, a friend: a draft is not theirs to see
        client.logout()
        if who is not None:
            client.force_login(who)
        response = client.get(url)
        assert response.status_code == 404 and not response.has_header("Location")

    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"  # no shared cache keeps her key
    location = response["Location"]
    assert location.startswith(f"{s3.endpoint}/{s3.media}/media/jobs/") and "X-Amz-Signature=" in location
    assert expires_in(location) == 300  # a draft: minutes

    status, headers, body = http_get(location, Range="bytes=0-99")
    assert status == 206 and body == BODY[:100]
    assert headers["content-range"] == f"bytes 0-99/{len(BODY)}"
    assert headers["content-type"] == "video/mp4" and headers["cache-control"] == "private, no-cache"
    status, _, body = http_get(location, Range="bytes=-40")
    assert status == 206 and body == BODY[-40:]

    # The job page's own route redirects the same way; a missing object is a 404, as on disk.
    response = client.get(f"/jobs/{post.job.pk}/video.mp4")
    assert response.status_code == 302 and expires_in(response["Location"]) == 300
    s3.client.delete_object(Bucket=s3.media, Key=f"media/{post.job.video.name}")
    assert client.get(url).status_code == 404


def test_published_media_is_presigned_for_an_hour_cached_publicly_or_sent_to_the_cdn(
    client, s3, alice, settings
):
    post = post_publish(post=make_finished_job(alice, video_bytes=BODY).post, user=alice)
    response = client.get(f"/p/{post.pk}/video.mp4")  # anyone, signed out
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    assert expires_in(response["Location"]) == 3600
    status, headers, body = http_get(response["Location"], Range="bytes=1000-1999")
    assert status == 206 and body == BODY[1000:2000]
    assert headers["cache-control"] == "public, max-age=86400"

    download = client.get(f"/p/{post.pk}/download.mp4")
    status, headers, body = http_get(download["Location"])
    assert status == 200 and body == BODY
    assert headers["content-disposition"] == f'attachment; filename="sora-alice-{post.pk}.mp4"'

    poster = client.get(f"/p/{post.pk}/poster.jpg")
    status, headers, _ = http_get(poster["Location"])
    assert status == 200 and headers["content-type"] == "image/jpeg"

    # With the operator's CDN: published media at its domain, unsigned; a draft still presigned.
    settings.STORAGES = {
        **settings.STORAGES, **s3.storages(private_bucket=s3.private, cdn_domain="cdn.example.com")
    }
    response = client.get(f"/p/{post.pk}/video.mp4")
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    assert response["Location"] == f"https://cdn.example.com/media/{post.job.video.name}"
    draft = make_finished_job(alice, prompt="A paper boat", video_bytes=BODY).post
    client.force_login(alice)
    response = client.get(f"/p/{draft.pk}/video.mp4")
    assert response["Location"].startswith(f"{s3.endpoint}/{s3.media}/")
    assert expires_in(response["Location"]) == 300


def test_the_browser_is_given_the_same_address_again_so_its_cache_serves_media_and_avatars(
    client, s3, alice, settings
):
    from PIL import Image

    post = post_publish(post=make_finished_job(alice, video_bytes=BODY).post, user=alice)
    first = client.get(f"/p/{post.pk}/video.mp4")["Location"]
    time.sleep(1.1)  # a signature made now differs from one made a second ago
    fresh = post.job.video.storage.url(post.job.video.name)
    assert fresh.split("X-Amz-Date=")[1][:16] != first.split("X-Amz-Date=")[1][:16]
    assert client.get(f"/p/{post.pk}/video.mp4")["Location"] == first
    # So a replay asks the bucket with the ETag the browser kept, and gets no bytes.
    status, headers, _ = http_get(first)
    assert status == 200 and headers["cache-control"] == "public, max-age=86400"
    status, _, body = http_get(first, **{"If-None-Match": headers["etag"]})
    assert status == 304 and body == b""

    png = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 40)).save(png, format="PNG")
    profile = Profile.objects.get(user=alice)
    profile.avatar.save("alice.png", io.BytesIO(png.getvalue()))
    pages = [client.get("/u/alice/").content.decode() for _ in range(2)]
    sources = [re.findall(r'<img class="avatar[^"]*" src="([^"]+)"', page) for page in pages]
    assert sources[0] and sources[0] == sources[1]
    avatar = html.unescape(sources[0][0])
    assert avatar.startswith(f"{s3.endpoint}/{s3.media}/media/avatars/")
    status, headers, body = http_get(avatar)
    assert status == 200 and body == png.getvalue() and headers["content-type"] == "image/png"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"

    # Behind the operator's CDN, avatars are its unsigned, permanent addresses.
    settings.STORAGES = {
        **settings.STORAGES, **s3.storages(private_bucket=s3.private, cdn_domain="cdn.example.com")
    }
    page = client.get("/u/alice/").content.decode()
    assert f'src="https://cdn.example.com/media/{profile.avatar.name}"' in page


@pytest.mark.parametrize("layout", ["own bucket", "prefix of the media bucket"])
def test_private_files_refuse_anonymous_gets_and_open_only_for_their_owner(
    client, s3, alice, bob, settings, layout
):
    if layout == "prefix of the media bucket":
        settings.STORAGES = {**settings.STORAGES, **s3.storages()}
    private_bucket = s3.private if layout == "own bucket" else s3.media
    cameo = make_cameo_with_recording(alice, portrait=ALICE_PORTRAIT, recording=ALICE_RECORDING)
    job = make_finished_job(alice, video_bytes=BODY)
    verification = Verification.objects.get(user=alice)
    names = (cameo.portrait.name, verification.recording.name, verification.portrait.name)
    private_keys = {f"private/{name}" for name in names}
    media_keys = {f"media/{job.video.name}", f"media/{job.poster.name}"}
    assert private_keys <= s3.keys(private_bucket)
    assert s3.keys(s3.media) == media_keys | (private_keys if private_bucket == s3.media else set())
    assert local_files(settings) == []

    # Nothing is public, the private files least of all: a plain URL is refused.
    for bucket, key in [(private_bucket, k) for k in private_keys] + [(s3.media, k) for k in media_keys]:
        status, _, body = http_get(f"{s3.endpoint}/{bucket}/{key}")
        assert status == 403 and ALICE_PORTRAIT not in body and BODY not in body

    client.force_login(bob)
    assert client.get(f"/cameo/portrait/{cameo.pk}.jpg").status_code == 404
    client.force_login(alice)
    response = client.get(f"/cameo/portrait/{cameo.pk}.jpg")
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    assert response["Location"].startswith(f"{s3.endpoint}/{private_bucket}/private/cameos/")
    assert expires_in(response["Location"]) == 300
    status, headers, body = http_get(response["Location"])
    assert status == 200 and body == ALICE_PORTRAIT and headers["cache-control"] == "private, no-cache"


def test_deleting_a_cameo_deletes_its_objects_from_the_bucket(
    s3, alice, bob, django_capture_on_commit_callbacks
):
    make_cameo_with_recording(alice, portrait=ALICE_PORTRAIT, recording=ALICE_RECORDING)
    bobs = make_cameo_with_recording(bob, portrait=BOB_PORTRAIT)
    assert len(s3.keys(s3.private)) == 4  # her recording and two portraits, his portrait
    with django_capture_on_commit_callbacks(execute=True):
        assert cameo_delete(user=alice) == 3
    assert s3.keys(s3.private) == {f"private/{bobs.portrait.name}"}


@pytest.mark.django_db(transaction=True)
def test_an_accounts_archive_and_deletion_go_through_the_buckets(s3, alice, bob, settings, verify_queue):
    world = build_world(alice, bob)
    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    client.post("/account/data/")
    run_worker()  # the archive reads her media from the bucket and stores the ZIP there
    export = Export.objects.get(user=alice)
    assert export.status == Export.Status.READY
    assert f"private/{export.file.name}" in s3.keys(s3.private)

    response = client.get(f"/account/data/{export.pk}/download/")
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    status, headers, body = http_get(response["Location"])
    assert status == 200 and headers["cache-control"] == "private, no-store"
    assert headers["content-disposition"].startswith("attachment; filename=") and "sora-data-alice-" in (
        headers["content-disposition"]
    )
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        stored = {name: archive.read(name) for name in archive.namelist() if name.endswith(".mp4")}
    assert world.published.job.video.read() in stored.values()  # the very bytes from the bucket

    # Deleting the account deletes every object of hers, and only hers.
    fields = [Profile.objects.get(user=alice).avatar, world.alice_cameo.portrait, export.file]
    for post in (world.published, world.draft, world.alice_remix):
        fields += [post.job.video, post.job.poster]
    for verification in Verification.objects.filter(user=alice):
        fields += [verification.recording, verification.portrait]
    hers = {
        (s3.media, f"media/{f.name}") if f.storage is default_storage else (s3.private, f"private/{f.name}")
        for f in fields
        if f
    }
    assert len(hers) == 11
    before = s3.all_keys()
    assert hers <= before
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert s3.all_keys() == before - hers
    assert local_files(settings) == []


# --- The worker shares no disk with the web process ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_render_and_its_remix_use_only_the_buckets(client, s3, alice, bob, settings, monkeypatch, tmp_path,
                                                     render_queue):  # fmt: skip
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the worker's temporary files go
    settings.SORA_AUDIO_ENGINE = "tones"  # the storage path is under test, not speech

    job = job_create(
        owner=alice, prompt="A lighthouse in a storm at night", duration=5, orientation="portrait"
    )
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert s3.keys(s3.media) == {f"media/{job.video.name}", f"media/{job.poster.name}"}
    video = s3.client.get_object(Bucket=s3.media, Key=f"media/{job.video.name}")["Body"].read()
    assert video[4:8] == b"ftyp" and len(video) == job.render_info["media"]["bytes"]
    assert local_files(settings) == [] and list(scratch.iterdir()) == []

    original = post_publish(post=job.post, user=alice)
    client.force_login(bob)
    form = {"prompt": "A lighthouse in a storm at dawn", "duration": 5, "orientation": "portrait",
            "strength": "0.6"}  # fmt: skip
    assert client.post(f"/remix/{original.pk}/", form).status_code == 302
    remix = Job.objects.get(owner=bob)
    assert remix.spec["parent_video"] == job.video.name  # a storage name, not a path
    run_worker()  # the parent clip can only come from the bucket: there is no file on this disk
    remix.refresh_from_db()
    assert remix.status == Job.Status.SUCCEEDED, remix.error
    assert {f"media/{remix.video.name}", f"media/{remix.poster.name}"} <= s3.keys(s3.media)
    assert local_files(settings) == [] and list(scratch.iterdir()) == []

    # The parent gone from the bucket: the next remix fails with a reason, and leaves nothing behind.
    s3.client.delete_object(Bucket=s3.media, Key=f"media/{job.video.name}")
    before = s3.keys(s3.media)
    assert client.post(f"/remix/{original.pk}/", form | {"prompt": "A lighthouse at noon"}).status_code == 302
    run_worker()
    failed = Job.objects.filter(owner=bob).order_by("-pk").first()
    assert failed.status == Job.Status.FAILED and "no longer available" in failed.error
    assert s3.keys(s3.media) == before and list(scratch.iterdir()) == []
    assert not Post.objects.filter(job=failed).exists()


# --- Moving to a bucket, backing it up and restoring it (docs/deploy.md) ---------------------------


def aws(s3: Buckets, *args: str) -> None:
    """The AWS CLI, as an operator runs the docs' commands (plus the endpoint, as for MinIO or R2)."""
    command = [str(Path(sys.executable).with_name("aws")), "--endpoint-url", s3.endpoint, *args]
    done = subprocess.run(command, env=dict(os.environ, AWS_DEFAULT_REGION=REGION), capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_an_install_moved_to_buckets_then_backed_up_and_restored_as_the_docs_say(
    client, s3, alice, settings, tmp_path
):
    local = {**settings.STORAGES}
    local.update(default={"BACKEND": "django.core.files.storage.FileSystemStorage"},
                 private={"BACKEND": "sora.storage.PrivateFileStorage"})  # fmt: skip
    remote = {**settings.STORAGES}
    settings.STORAGES = local
    settings.MEDIA_ROOT, settings.SORA_PRIVATE_ROOT = str(tmp_path / "media"), str(tmp_path / "private")
    draft = make_finished_job(alice, video_bytes=BODY).post
    cameo = make_cameo_with_recording(alice, portrait=ALICE_PORTRAIT, recording=ALICE_RECORDING)
    assert len(local_files(settings)) == 5 and s3.all_keys() == set()

    # Moving: the two folders copied under the buckets' prefixes; the database is unchanged.
    aws(s3, "s3", "sync", settings.MEDIA_ROOT, f"s3://{s3.media}/media/")
    aws(s3, "s3", "sync", settings.SORA_PRIVATE_ROOT, f"s3://{s3.private}/private/")
    settings.STORAGES = remote
    client.force_login(alice)

    def served() -> list[bytes]:
        answers = [client.get(f"/p/{draft.pk}/video.mp4"), client.get(f"/cameo/portrait/{cameo.pk}.jpg")]
        assert [answer.status_code for answer in answers] == [302, 302]
        return [http_get(answer["Location"])[2] for answer in answers]

    assert served() == [BODY, ALICE_PORTRAIT]

    # A backup of each bucket, a loss, and the restore: the same files, served again.
    backup = tmp_path / "backup"
    aws(s3, "s3", "sync", f"s3://{s3.media}", str(backup / "sora-media"))
    aws(s3, "s3", "sync", f"s3://{s3.private}", str(backup / "sora-private"))
    kept = s3.all_keys()
    for bucket, key in kept:
        s3.client.delete_object(Bucket=bucket, Key=key)
    assert client.get(f"/p/{draft.pk}/video.mp4").status_code == 404
    aws(s3, "s3", "sync", str(backup / "sora-media"), f"s3://{s3.media}")
    aws(s3, "s3", "sync", str(backup / "sora-private"), f"s3://{s3.private}")
    assert s3.all_keys() == kept
    assert served() == [BODY, ALICE_PORTRAIT]
