"""Content Credentials and the invisible watermark on real renders: signed by the worker, read back
by c2pa with nothing but the server's root, lineage inside a remix, tampering caught, the signing
identity made once and kept private, an operator's own certificate, a failure to sign fails the job."""

import datetime
import json
import stat
import subprocess
from pathlib import Path

import c2pa
import imageio_ffmpeg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.urls import reverse

from feed.services import post_publish
from generation import credentials, provenance, watermark
from generation.models import Job
from generation.services import job_create

from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def render(owner, prompt="A red kite over green hills at noon", *, parent=None) -> Job:
    job = job_create(owner=owner, prompt=prompt, duration=5, orientation="portrait", parent=parent)
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    return job


def download(client, job: Job, folder: Path) -> Path:
    """The MP4 as the browser gets it, through the media view."""
    response = client.get(reverse("generation:job_video", args=[job.pk]))
    assert response.status_code == 200
    path = folder / f"job-{job.pk}.mp4"
    path.write_bytes(b"".join(response.streaming_content))
    return path


def read_with_only(root_pem: str, path: Path) -> dict:
    """c2pa's own reader, trusting nothing but `root_pem`: what any C2PA tool would see."""
    context = c2pa.Context.from_dict(
        {"trust": {"user_anchors": root_pem}, "verify": {"remote_manifest_fetch": False}}
    )
    with open(path, "rb") as stream, c2pa.Reader("video/mp4", stream, context=context) as reader:
        return {"state": reader.get_validation_state(), "store": json.loads(reader.json())}


def own_root(settings) -> str:
    return (Path(settings.SORA_C2PA_DIR) / credentials.ROOT_NAME).read_text()


def test_a_downloaded_video_validates_with_the_servers_root_and_says_how_it_was_made(
    client, alice, render_queue, settings, tmp_path
):
    job = render(alice)
    client.force_login(alice)
    path = download(client, job, tmp_path)

    found = read_with_only(own_root(settings), path)
    assert found["state"] == "Trusted"
    store = found["store"]
    manifest = store["manifests"][store["active_manifest"]]
    assertions = {a["label"]: a["data"] for a in manifest["assertions"]}
    actions = assertions["c2pa.actions.v2"]["actions"]
    assert actions[0]["action"] == "c2pa.created"
    assert actions[0]["digitalSourceType"].endswith("/trainedAlgorithmicMedia")
    claim = assertions[credentials.RENDER_LABEL]
    assert claim["job"] == job.pk and claim["creator"] == "@alice"
    assert claim["server"] == settings.SORA_SITE_URL
    assert claim["engine"] == "preview" and claim["seed"] == job.seed and claim["prompt"] == job.prompt
    assert job.render_info["stages"]["sign"] > 0 and job.render_info["stages"]["watermark"] > 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<dt>Content Credentials</dt>" in page and reverse("feed:verify") in page

    # The same file with one byte of a frame changed no longer validates.
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered = tmp_path / "tampered.mp4"
    tampered.write_bytes(data)
    assert read_with_only(own_root(settings), tampered)["state"] == "Invalid"

    # Without the server's root, the signature still checks but nobody vouches for the signer.
    context = c2pa.Context.from_dict({"verify": {"remote_manifest_fetch": False}})
    with open(path, "rb") as stream, c2pa.Reader("video/mp4", stream, context=context) as reader:
        assert reader.get_validation_state() == "Valid"


def test_a_remix_carries_its_parent_as_an_ingredient(client, alice, bob, render_queue, settings, tmp_path):
    parent = render(alice, "A lighthouse in a storm at night")
    post_publish(post=parent.post, user=alice)
    remix = render(bob, "A lighthouse in a storm at night with snow", parent=parent)
    client.force_login(bob)
    store = read_with_only(own_root(settings), download(client, remix, tmp_path))["store"]
    manifest = store["manifests"][store["active_manifest"]]
    [ingredient] = manifest["ingredients"]
    assert ingredient["relationship"] == "parentOf"
    parent_manifest = store["manifests"][ingredient["active_manifest"]]
    parent_claim = next(a for a in parent_manifest["assertions"]
                        if a["label"] == credentials.RENDER_LABEL)
    assert parent_claim["data"]["job"] == parent.pk and parent_claim["data"]["creator"] == "@alice"
    claim = next(a for a in manifest["assertions"] if a["label"] == credentials.RENDER_LABEL)["data"]
    assert claim["remix_of"] == parent.pk and claim["creator"] == "@bob"


def test_the_watermark_names_the_job_in_the_frames(alice, render_queue, tmp_path):
    job = render(alice, "Ocean waves at sunset, then a dog runs on the beach")
    stripped = tmp_path / "stripped.mp4"
    # Re-encoded at a low quality and without any metadata: the credentials are gone.
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-i", job.video.path,
         "-map_metadata", "-1", "-c:v", "libx264", "-crf", "32", "-an", str(stripped)],
        check=True,
    )  # fmt: skip
    examined = provenance.video_examine(stripped)
    assert examined.credentials.state == "none" and not examined.ours
    assert examined.mark.job_id == job.pk, examined.mark
    # Another server's key reads no job out of the same frames.
    frames = watermark.frames_sample(stripped, seconds=20, count=48)
    other = watermark.read(frames, key=b"another server", render_sizes=[(720, 1280), (1280, 720)])
    assert other.job_id is None


def test_the_signing_identity_is_made_once_and_private(tmp_path):
    folder = tmp_path / "c2pa"
    credentials.identity_ensure(folder, organisation="Test site")
    names = (credentials.ROOT_NAME, credentials.CHAIN_NAME, credentials.KEY_NAME)
    first = {name: (folder / name).read_bytes() for name in names}
    for name in first:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    credentials.identity_ensure(folder, organisation="Test site")
    assert {name: (folder / name).read_bytes() for name in first} == first
    leaf = x509.load_pem_x509_certificate(first[credentials.CHAIN_NAME])
    assert leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    assert leaf.issuer != leaf.subject  # c2pa refuses a self-signed signer


def _operator_certificate(folder: Path) -> tuple[Path, Path, Path]:
    """An operator's own CA and signing certificate, made as they would with their tools."""
    now, hour = datetime.datetime.now(datetime.UTC), datetime.timedelta(hours=1)
    root_key, leaf_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(2))
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Org Root")])
    leaf_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Org videos")])
    signs = x509.KeyUsage(True, False, False, False, False, False, False, False, False)
    issues = x509.KeyUsage(False, False, False, False, False, True, True, False, False)

    def certificate(subject, key, *extensions):
        builder = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(root_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - hour).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        )  # fmt: skip
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(root_key, hashes.SHA256())

    root = certificate(
        root_name, root_key, (x509.BasicConstraints(ca=True, path_length=None), True), (issues, True)
    )
    leaf = certificate(
        leaf_name,
        leaf_key,
        (signs, True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False),
    )
    pem = serialization.Encoding.PEM
    chain, key, anchor = folder / "chain.pem", folder / "key.pem", folder / "root.pem"
    chain.write_bytes(leaf.public_bytes(pem) + root.public_bytes(pem))
    private = serialization.PrivateFormat.PKCS8
    key.write_bytes(leaf_key.private_bytes(pem, private, serialization.NoEncryption()))
    anchor.write_bytes(root.public_bytes(pem))
    return chain, key, anchor


def test_an_operators_own_certificate_signs_and_its_root_validates(
    client, alice, render_queue, settings, tmp_path
):
    chain, key, anchor = _operator_certificate(tmp_path)
    settings.SORA_C2PA_CERT, settings.SORA_C2PA_KEY = str(chain), str(key)
    settings.SORA_C2PA_TRUST_ANCHORS = [str(anchor)]
    job = render(alice)
    client.force_login(alice)
    path = download(client, job, tmp_path)
    found = read_with_only(anchor.read_text(), path)
    assert found["state"] == "Trusted"
    manifest = found["store"]["manifests"][found["store"]["active_manifest"]]
    assert manifest["signature_info"]["common_name"] == "Example Org videos"
    assert provenance.video_examine(path).ours


def test_a_video_that_cannot_be_signed_fails_its_job_and_nothing_is_published(
    alice, render_queue, settings, tmp_path, media_root
):
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n")
    settings.SORA_C2PA_CERT, settings.SORA_C2PA_KEY = str(broken), str(broken)
    job = job_create(owner=alice, prompt="A red kite over green hills", duration=5, orientation="portrait")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == provenance.SIGN_FAILED
    assert not job.video and not hasattr(job, "post")
    assert not [p for p in Path(media_root).rglob("*.mp4")]


def test_the_startup_check_refuses_a_certificate_without_its_key_or_an_unreadable_file(settings, tmp_path):
    from generation.checks import signing_check

    assert signing_check(None) == []
    settings.SORA_C2PA_CERT = str(tmp_path / "chain.pem")
    assert [error.id for error in signing_check(None)] == ["generation.E004", "generation.E005"]
    chain, key, _ = _operator_certificate(tmp_path)
    settings.SORA_C2PA_KEY = str(key)
    assert signing_check(None) == []
    settings.SORA_C2PA_TRUST_ANCHORS = [str(tmp_path / "missing-root.pem")]
    assert [error.id for error in signing_check(None)] == ["generation.E005"]


def test_deleting_an_account_takes_its_credentials_out_of_others_remixes(alice, bob, render_queue, settings):
    from feed.services import account_delete
    from remix.services import remix_create

    parent = render(alice, "A lighthouse in a storm at night")
    post = post_publish(post=parent.post, user=alice)
    remix = remix_create(parent=post, user=bob, prompt="Snow over the old tower by the sea", duration=5,
                         orientation="portrait")  # fmt: skip
    run_worker()
    remix.refresh_from_db()
    assert remix.status == Job.Status.SUCCEEDED, remix.error
    assert b"@alice" in Path(remix.video.path).read_bytes()  # inside the parent's credentials

    account_delete(user=alice)

    remix.refresh_from_db()
    data = Path(remix.video.path).read_bytes()
    assert b"@alice" not in data and parent.prompt.encode() not in data
    assert "parent_prompt" not in remix.spec
    found = credentials.read(Path(remix.video.path), anchors=provenance.trust_anchors())
    assert found.state == "trusted" and not found.manifest.parents
    assert found.manifest.render["remix_of"] == "removed" and found.manifest.render["creator"] == "@bob"
