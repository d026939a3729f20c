"""Create your cameo: a real recording through the page, the real worker and the real face models."""

import html
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cameo.models import Cameo, Challenge, Verification
from cameo.services import verification_approve

from .cameo_clips import clip_verification, file_not_video, other_face_image
from .conftest import make_user, media_files, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("verification-clips")
    return {
        "good": clip_verification(folder / "good.mp4"),
        "good_webm": clip_verification(folder / "good.webm", seconds=6.0),
        "still": clip_verification(folder / "still.mp4", turn=False),
        "other": clip_verification(folder / "other.mp4", face_image=other_face_image()),
        "text": file_not_video(folder / "notes.mp4"),
    }


def run_checker() -> None:
    run_worker()  # the CPU queue, where cameo checks go


def upload(client, path, *, challenge: Challenge | None = None, name: str | None = None):
    page = client.get("/cameo/new/")
    challenge = challenge or page.context["challenge"]
    file = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post("/cameo/new/", {"challenge": str(challenge.token), "recording": file}), challenge


def test_a_good_recording_passes_every_check_and_waits_for_review(
    client, alice, clips, verify_queue, private_root
):
    client.force_login(alice)
    page = client.get("/cameo/new/").content.decode()
    challenge = Challenge.objects.get(user=alice)
    assert challenge.spoken_digits in page and "turn your head left, then right" in page
    assert 4 <= len(challenge.digits) <= 6 and challenge.digits.isdigit()

    response, _ = upload(client, clips["good"], challenge=challenge)
    verification = Verification.objects.get(user=alice)
    assert response.status_code == 302 and response.url == verification.get_absolute_url()
    assert verification.status == "checking"  # the checks run on the worker, not in the request
    run_checker()

    verification.refresh_from_db()
    assert verification.status == "pending", (verification.error, verification.scores)
    assert set(verification.scores) == {"container", "face", "same_person", "liveness", "speech"}
    assert all(check["passed"] for check in verification.scores.values())
    assert len(verification.encoding) == 128 and verification.match is None
    assert verification.portrait.read()[:3] == b"\xff\xd8\xff"
    assert 0 < verification.seconds < 30
    page = client.get(verification.get_absolute_url()).content.decode()
    assert "Every check passed" in page and "A person reviews new cameos" in page
    # Nothing biometric lands under the public media folder.
    assert all(str(private_root) in str(path) for path in media_files(private_root))
    assert not Cameo.objects.exists()  # not until staff approve


def test_a_webm_recording_from_a_browser_is_checked_too(client, alice, clips, verify_queue):
    client.force_login(alice)
    upload(client, clips["good_webm"])
    run_checker()
    verification = Verification.objects.get(user=alice)
    assert verification.status == "pending", verification.error


def test_a_still_photo_fails_liveness_and_nothing_biometric_is_kept(
    client, alice, clips, verify_queue, private_root
):
    client.force_login(alice)
    upload(client, clips["still"])
    run_checker()
    verification = Verification.objects.get(user=alice)
    assert verification.status == "failed"
    assert verification.scores["liveness"]["passed"] is False
    assert "turn" in verification.error.lower()
    assert media_files(private_root) == [] and verification.encoding is None
    assert verification.error in client.get(verification.get_absolute_url()).content.decode().replace(
        "&#x27;", "'"
    )


def test_not_a_video_fails_with_its_own_message(client, alice, clips, verify_queue):
    client.force_login(alice)
    upload(client, clips["text"])
    run_checker()
    verification = Verification.objects.get(user=alice)
    assert verification.status == "failed" and "isn't a video" in verification.error


def test_a_face_matching_someone_elses_cameo_is_flagged_and_never_auto_approved(
    client, alice, bob, clips, verify_queue, settings
):
    settings.SORA_CAMEO_AUTO_APPROVE = True
    client.force_login(alice)
    upload(client, clips["good"])
    run_checker()
    first = Verification.objects.get(user=alice)
    assert first.status == "approved", first.scores  # auto-approval: every check with margin
    cameo = Cameo.objects.get(owner=alice)

    client.force_login(bob)  # bob records alice's face
    upload(client, clips["good"])
    run_checker()
    flagged = Verification.objects.get(user=bob)
    assert flagged.status == "pending" and flagged.match == cameo and flagged.match_distance < 0.5
    assert not Cameo.objects.filter(owner=bob).exists()

    carol = make_user("carol")  # a different face is not flagged
    client.force_login(carol)
    upload(client, clips["other"])
    run_checker()
    other = Verification.objects.get(user=carol)
    assert other.match is None, other.match_distance
    assert other.status == "approved"


def test_auto_approval_is_off_by_default(client, alice, clips, verify_queue):
    client.force_login(alice)
    upload(client, clips["good"])
    run_checker()
    verification = Verification.objects.get(user=alice)
    assert verification.status == "pending"
    cameo = verification_approve(verification=verification, reviewer=None)
    assert cameo.owner == alice and len(cameo.encoding) == 128


def test_a_challenge_works_once_and_for_ten_minutes(client, alice, clips, verify_queue):
    client.force_login(alice)
    response, challenge = upload(client, clips["good"])
    assert response.status_code == 302
    response, _ = upload(client, clips["good"], challenge=challenge)
    assert response.status_code == 400
    assert "These digits were already used" in response.content.decode()
    assert Verification.objects.count() == 1

    stale = Challenge.objects.create(user=alice, created_at=timezone.now() - timedelta(minutes=11))
    response, _ = upload(client, clips["good"], challenge=stale)
    assert response.status_code == 400 and "These digits expired" in response.content.decode()
    # The page offers fresh digits right away.
    assert response.context["challenge"].pk not in (stale.pk, challenge.pk)
    assert Verification.objects.count() == 1


def test_someone_elses_challenge_and_forged_tokens_are_refused(client, alice, bob, clips, verify_queue):
    bobs = Challenge.objects.create(user=bob)
    client.force_login(alice)
    for token in (str(bobs.token), "not-a-token", ""):
        file = SimpleUploadedFile("clip.mp4", clips["good"].read_bytes())
        response = client.post("/cameo/new/", {"challenge": token, "recording": file})
        assert response.status_code == 400
        assert "This challenge isn't yours or doesn't exist" in html.unescape(response.content.decode())
    assert not Verification.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("clip.avi", b"RIFF....AVI ", "Upload an MP4, WebM or MOV video"),
        ("clip.mp4", b"", "That file is empty. Record again or choose another file."),
        (None, None, "Record a clip or choose a video file first."),
    ],
)
def test_upload_mistakes_are_explained_and_keep_the_challenge(
    client, alice, verify_queue, name, content, message
):
    client.force_login(alice)
    challenge = client.get("/cameo/new/").context["challenge"]
    data = {"challenge": str(challenge.token)}
    if name is not None:
        data["recording"] = SimpleUploadedFile(name, content)
    response = client.post("/cameo/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["challenge"] == challenge  # unused, so still good for the next try
    assert not Verification.objects.exists()


def test_deleting_my_data_while_the_checks_wait_leaves_nothing_behind(
    client, alice, clips, verify_queue, private_root
):
    client.force_login(alice)
    upload(client, clips["good"])
    assert media_files(private_root)  # the recording waits in private storage
    client.post("/cameo/delete/")
    run_checker()  # the queued check finds nothing to do
    assert not Verification.objects.exists() and not Challenge.objects.filter(user=alice).exists()
    assert media_files(private_root) == []
