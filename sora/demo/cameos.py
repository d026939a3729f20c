"""The demo world's cameos: demo people with approved likenesses at each consent tier.

A demo person has no recording to check, so their cameo starts where a real one's checks end: a
verification holding a portrait (a real photo shipped beside this module, see faces/CREDITS.md)
and the face encoding face_recognition computes from it now. From there it goes through the
same services as everyone's: the impersonation check against every other cameo, approval as
staff would give it, then its owner's consent settings. Its scores say that no recording was
checked, so a reviewer looking at it later is not misled.
"""

from __future__ import annotations

import io
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from PIL import Image

from cameo.analysis import Analysis, CheckResult
from cameo.models import Cameo, Verification
from cameo.selectors import cameo_may_use
from cameo.services import (
    cameo_approve_user,
    cameo_update,
    challenge_issue,
    verification_approve,
    verification_record,
)

FACES = Path(__file__).resolve().parent / "faces"
DEMO_CHECK = "demo_portrait"
DEMO_CHECK_LABEL = "A demo portrait shipped with the app (no recording was made or checked)"


@dataclass(frozen=True)
class DemoCameo:
    handle: str
    face: str  # a file in FACES
    tier: str  # a Cameo.Tier
    approved: tuple[str, ...] = ()  # handles, for the "people I approve" tier
    voice: str = ""
    preferences: str = ""


# One of each tier, so a newcomer sees every consent rule at work (see seed_demo's LOGIN_HANDLE).
CAST = [
    DemoCameo("lina_stars", "nasa_astronaut.jpg", Cameo.Tier.EVERYONE, voice="en+f2",
              preferences="Space suits welcome; keep me smiling."),
    DemoCameo("leo_waves", "codait_luciano.jpg", Cameo.Tier.MUTUALS, voice="en+m3",
              preferences="Beaches and boats, please."),
    DemoCameo("zoe_dances", "pexels_smile.jpg", Cameo.Tier.APPROVED, approved=("maya_makes", "lina_stars"),
              voice="en+f4"),
    DemoCameo("theo_and_cat", "codait_bryan.jpg", Cameo.Tier.ONLY_ME, voice="en+m1"),
]  # fmt: skip


class NoFaceFound(ValueError):
    pass


def face_encoding(jpeg: bytes) -> tuple[list[float], int]:
    """The 128-d encoding of the largest face in a picture, and how many faces were found."""
    with warnings.catch_warnings():
        # face_recognition_models finds its files through the deprecated pkg_resources.
        warnings.simplefilter("ignore")
        import face_recognition

    with Image.open(io.BytesIO(jpeg)) as picture:
        image = np.ascontiguousarray(np.asarray(picture.convert("RGB")))
    boxes = face_recognition.face_locations(image, number_of_times_to_upsample=1)
    if not boxes:
        raise NoFaceFound("No face in this picture.")
    # Upsampled HOG can find a false face beside the real one; the largest box is the person.
    largest = max(boxes, key=lambda box: (box[1] - box[3]) * (box[2] - box[0]))
    (encoding,) = face_recognition.face_encodings(image, [largest])
    return [float(value) for value in encoding], len(boxes)


def demo_cameo_ensure(
    *, user: AbstractBaseUser, demo: DemoCameo, people: Mapping[str, AbstractBaseUser]
) -> tuple[Cameo, bool]:
    """The user's cameo, made and approved from the demo portrait if they have none yet.

    `people` are the demo people by handle: only they are added to an approved list (a real
    account that happens to have a demo handle never is). Returns (cameo, created). An existing
    cameo keeps its settings, which its owner may have changed; demo people who joined since
    are added to its list.
    """
    cameo = Cameo.objects.filter(owner=user).first()
    created = cameo is None
    if created:
        cameo = _cameo_make(user=user, demo=demo)
    listed = set(cameo.approved_users.values_list("pk", flat=True))
    for handle in demo.approved:
        person = people.get(handle)
        if person is not None and person.pk not in listed | {user.pk}:
            cameo_approve_user(cameo=cameo, handle=person.username)
    return cameo, created


TIER_REASONS = {
    Cameo.Tier.EVERYONE: "anyone may",
    Cameo.Tier.MUTUALS: "you follow each other",
    Cameo.Tier.APPROVED: "you are on their list",
    Cameo.Tier.ONLY_ME: "only they may",
}


def consent_for(*, user: AbstractBaseUser, cameos: list[Cameo]) -> tuple[list[str], list[str]]:
    """Whose cameos `user` may use and whose they may not, by the real consent rule, as
    "@handle (why)" phrases for the command's closing words."""
    allowed, refused = [], []
    for cameo in cameos:
        if cameo.owner_id == user.pk:
            continue
        phrase = f"@{cameo.handle} ({TIER_REASONS[cameo.tier]})"
        (allowed if cameo_may_use(cameo=cameo, user=user) else refused).append(phrase)
    return allowed, refused


@transaction.atomic
def _cameo_make(*, user: AbstractBaseUser, demo: DemoCameo) -> Cameo:
    started = time.monotonic()
    jpeg = (FACES / demo.face).read_bytes()
    encoding, faces = face_encoding(jpeg)
    check = CheckResult(
        name=DEMO_CHECK, label=DEMO_CHECK_LABEL, passed=True, score=float(faces), limit=1.0,
        # Never "clear": a portrait proves no liveness, so it must not pass as auto-approved.
        margin=False, message="", detail={"portrait": demo.face, "faces_found": faces},
    )  # fmt: skip
    analysis = Analysis([check], duration=0.0, encoding=encoding, portrait_jpeg=jpeg)
    # What verification_submit does for an upload, without one: fresh digits, used at once.
    challenge = challenge_issue(user=user)
    challenge.used_at = timezone.now()
    challenge.save(update_fields=["used_at"])
    verification = Verification.objects.create(user=user, challenge=challenge, stage="Demo portrait")
    verification = verification_record(
        verification=verification, analysis=analysis, seconds=round(time.monotonic() - started, 3)
    )
    cameo = verification_approve(verification=verification, reviewer=None)
    return cameo_update(cameo=cameo, enabled=True, tier=demo.tier, preferences=demo.preferences,
                        voice=demo.voice)  # fmt: skip
