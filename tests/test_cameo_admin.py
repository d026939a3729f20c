"""Staff review cameo verifications in the Django admin."""

import pytest
from django.core.files.base import ContentFile

from cameo.models import Cameo, Challenge, Verification
from feed.models import Notification

from .conftest import make_cameo, make_user, media_files

SCORES = {
    "face": {"label": "One face in the frame", "passed": True, "score": 1.0, "limit": 0.8, "message": ""},
    "liveness": {
        "label": "Head turns both ways",
        "passed": True,
        "score": 0.31,
        "limit": 0.12,
        "message": "",
    },
}


def pending(user, portrait: bytes, **fields) -> Verification:
    verification = Verification(
        user=user, challenge=Challenge.objects.create(user=user), status=Verification.Status.PENDING,
        scores=SCORES, encoding=[0.0] * 128, **fields,
    )  # fmt: skip
    verification.recording.save("recording.webm", ContentFile(b"\x1a\x45\xdf\xa3 webm"), save=False)
    verification.portrait.save("portrait.jpg", ContentFile(portrait), save=False)
    verification.save()
    return verification


@pytest.fixture
def carol(db):
    return make_user("carol")


def test_the_queue_opens_on_pending_verifications(client, staff, carol, astronaut_portrait):
    verification = pending(carol, astronaut_portrait[0])
    client.force_login(staff)
    response = client.get("/admin/cameo/verification/")
    assert response.status_code == 302 and response.url.endswith("?status__exact=pending")
    page = client.get(response.url).content.decode()
    assert f"/admin/cameo/verification/{verification.pk}/change/" in page
    assert "2 / 2" in page  # checks passed


def test_the_review_page_shows_the_portrait_scores_and_playable_recording(
    client, staff, carol, astronaut_portrait
):
    verification = pending(carol, astronaut_portrait[0])
    client.force_login(staff)
    page = client.get(f"/admin/cameo/verification/{verification.pk}/change/").content.decode()
    assert f'<video src="/cameo/verifications/{verification.pk}/recording"' in page
    assert f'src="/cameo/verifications/{verification.pk}/portrait.jpg"' in page
    assert "Head turns both ways" in page and "0.31" in page
    assert 'name="_approve"' in page and 'name="_reject"' in page
    # The recording itself plays for staff (and only through the checked view).
    response = client.get(f"/cameo/verifications/{verification.pk}/recording")
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")


def test_approving_creates_the_cameo_and_tells_the_user(client, staff, carol, astronaut_portrait):
    verification = pending(carol, astronaut_portrait[0])
    client.force_login(staff)
    response = client.post(
        f"/admin/cameo/verification/{verification.pk}/change/", {"review_reason": "", "_approve": "1"}
    )
    assert response.status_code == 302
    cameo = Cameo.objects.get(owner=carol)
    assert cameo.portrait.read() == astronaut_portrait[0]
    assert cameo.verification == verification and cameo.tier == Cameo.Tier.ONLY_ME
    verification.refresh_from_db()
    assert (verification.status, verification.reviewed_by) == ("approved", staff)
    assert Notification.objects.get(recipient=carol).text.startswith("Your cameo is approved")


def test_rejecting_needs_a_reason_which_the_user_sees(client, staff, carol, astronaut_portrait, private_root):
    verification = pending(carol, astronaut_portrait[0])
    client.force_login(staff)
    url = f"/admin/cameo/verification/{verification.pk}/change/"
    response = client.post(url, {"review_reason": "  ", "_reject": "1"}, follow=True)
    assert "Give a reason" in response.content.decode()
    verification.refresh_from_db()
    assert verification.status == "pending"

    reason = "The face is hidden behind sunglasses for most of the clip."
    client.post(url, {"review_reason": reason, "_reject": "1"})
    verification.refresh_from_db()
    assert (verification.status, verification.review_reason) == ("rejected", reason)
    assert not Cameo.objects.filter(owner=carol).exists()
    assert media_files(private_root) == []  # a rejected recording's biometrics are not kept
    assert Notification.objects.get(recipient=carol).text == f"Your cameo wasn't approved: {reason}"
    client.force_login(carol)
    assert reason in client.get(f"/cameo/verifications/{verification.pk}/").content.decode()


def test_an_impersonation_flag_shows_both_faces_side_by_side(client, staff, carol, astronaut_portrait):
    victim = make_cameo(make_user("dana"), astronaut_portrait)
    verification = pending(carol, astronaut_portrait[0], match=victim, match_distance=0.21)
    client.force_login(staff)
    listing = client.get("/admin/cameo/verification/?status__exact=pending").content.decode()
    assert "Looks like @dana" in listing
    page = client.get(f"/admin/cameo/verification/{verification.pk}/change/").content.decode()
    assert f'src="/cameo/verifications/{verification.pk}/portrait.jpg"' in page
    assert f'src="/cameo/portrait/{victim.pk}.jpg"' in page
    assert "face distance 0.210" in page
    assert client.get(f"/cameo/portrait/{victim.pk}.jpg").status_code == 200


def test_non_staff_cannot_reach_the_review(client, carol, bob, astronaut_portrait):
    verification = pending(carol, astronaut_portrait[0])
    client.force_login(bob)
    response = client.get(f"/admin/cameo/verification/{verification.pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response.url
    response = client.post(f"/admin/cameo/verification/{verification.pk}/change/", {"_approve": "1"})
    assert response.status_code == 302 and not Cameo.objects.exists()


def test_approving_a_new_recording_replaces_the_cameo_and_drops_the_old_biometrics(
    client, staff, carol, astronaut_portrait, private_root
):
    first = pending(carol, astronaut_portrait[0])
    client.force_login(staff)
    client.post(f"/admin/cameo/verification/{first.pk}/change/", {"review_reason": "", "_approve": "1"})
    old_portrait = Cameo.objects.get(owner=carol).portrait.name
    second = pending(carol, b"\xff\xd8\xff\xe0 a newer portrait")
    client.post(f"/admin/cameo/verification/{second.pk}/change/", {"review_reason": "", "_approve": "1"})

    cameo = Cameo.objects.get(owner=carol)
    assert cameo.verification == second and cameo.portrait.read() == b"\xff\xd8\xff\xe0 a newer portrait"
    first.refresh_from_db()
    assert (first.recording.name, first.portrait.name, first.encoding) == ("", "", None)
    names = {str(path.relative_to(private_root)) for path in media_files(private_root)}
    assert names == {cameo.portrait.name, second.recording.name, second.portrait.name}
    assert old_portrait not in names


@pytest.mark.parametrize(("who", "expected"), [("staff", 200), ("reviewer", 200), ("plain_staff", 403)])
def test_the_review_queue_needs_the_review_permission_not_just_staff(
    client, request, carol, astronaut_portrait, who, expected
):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/cameo/verification/?status__exact=pending")
    assert response.status_code == expected
