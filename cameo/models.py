"""A cameo: a verified likeness, its owner's consent settings, and where it appears.

Biometric files (recordings, portraits) live in the private storage and encodings in these rows;
deleting a cameo deletes both (see services.cameo_delete).
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from generation.engines.speech import VOICES
from generation.models import Job
from sora.storage import private_storage

CHALLENGE_LIFETIME = timedelta(minutes=10)
PREFERENCES_MAX_LENGTH = 500
VOICE_LABELS = {
    "en+m3": "Low and calm",
    "en+f2": "Bright",
    "en+m1": "Deep",
    "en+f4": "Warm",
    "en+m7": "Gravelly",
    "en+f3": "Soft",
    "en-us+m2": "American, low",
    "en-us+f1": "American, high",
}
VOICE_CHOICES = [("", "Chosen for each video")] + [
    (voice, VOICE_LABELS.get(voice, voice)) for voice in VOICES
]


def _random_digits() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(4 + secrets.randbelow(3)))


def verification_path(verification: "Verification", filename: str) -> str:
    # A random folder per attempt: names never reveal who recorded what.
    return f"verifications/{verification.token.hex}/{filename}"


def cameo_path(cameo: "Cameo", filename: str) -> str:
    return f"cameos/{cameo.token.hex}/{filename}"


class Challenge(models.Model):
    """What to say and do on camera: fresh digits, valid ten minutes and usable once."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digits = models.CharField(max_length=6, default=_random_digits)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    ACTIONS = "turn your head left, then right"

    def __str__(self) -> str:
        return f"Challenge {self.digits} for @{self.user.username}"

    @property
    def expires_at(self):
        return self.created_at + CHALLENGE_LIFETIME

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def spoken_digits(self) -> str:
        return " ".join(self.digits)


class Cameo(models.Model):
    """An approved likeness. Exists only once staff (or auto-approval) accepted a verification."""

    class Tier(models.TextChoices):
        ONLY_ME = "only_me", "Only me"
        APPROVED = "approved", "People I approve"
        MUTUALS = "mutuals", "Mutuals (we follow each other)"
        EVERYONE = "everyone", "Everyone"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cameo")
    enabled = models.BooleanField(default=True, help_text="Off: nobody can use it, not even you.")
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.ONLY_ME)
    approved_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="cameos_approved_for_me"
    )
    preferences = models.TextField(
        max_length=PREFERENCES_MAX_LENGTH,
        blank=True,
        help_text="Passed to the engines with every video of this cameo.",
    )
    voice = models.CharField(max_length=32, blank=True, choices=VOICE_CHOICES)
    portrait = models.FileField(storage=private_storage, upload_to=cameo_path)
    encoding = models.JSONField(help_text="The 128-d face encoding, for impersonation checks.")
    verification = models.OneToOneField(
        "Verification", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Cameo of @{self.owner.username}"

    @property
    def handle(self) -> str:
        return self.owner.username


class Verification(models.Model):
    """One recording checked for a cameo: scores from the worker, then a staff decision."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking"
        FAILED = "failed", "Didn't pass"
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    FINISHED = (Status.FAILED, Status.PENDING, Status.APPROVED, Status.REJECTED)

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verifications")
    challenge = models.OneToOneField(Challenge, on_delete=models.PROTECT, related_name="verification")
    recording = models.FileField(storage=private_storage, upload_to=verification_path, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKING, db_index=True)
    stage = models.CharField(max_length=80, blank=True)
    progress = models.FloatField(default=0.0)
    error = models.TextField(blank=True, help_text="Why it didn't pass, in words for the user.")
    scores = models.JSONField(default=dict, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="How long the checks took.")
    encoding = models.JSONField(null=True, blank=True)
    portrait = models.FileField(storage=private_storage, upload_to=verification_path, blank=True)
    # Impersonation guard: the closest approved cameo of someone else, when close enough to worry.
    match = models.ForeignKey(Cameo, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    match_distance = models.FloatField(null=True, blank=True)
    review_reason = models.TextField(blank=True, help_text="Shown to the user.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Verification {self.pk} of @{self.user.username} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("cameo:verification", args=[self.pk])

    @property
    def is_checking(self) -> bool:
        return self.status == self.Status.CHECKING

    @property
    def flagged(self) -> bool:
        return self.match_id is not None

    @property
    def percent(self) -> int:
        return round(self.progress * 100)

    @property
    def group_name(self) -> str:
        return f"verification-{self.pk}"


class Appearance(models.Model):
    """A likeness in a render: makes the cameo's owner a co-owner of that video."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="appearances")
    # The person, not the cameo: co-ownership outlives a deleted cameo.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appearances")
    cameo = models.ForeignKey(
        Cameo, null=True, blank=True, on_delete=models.SET_NULL, related_name="appearances"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "owner"], name="appearance_once_per_job")]

    def __str__(self) -> str:
        return f"@{self.owner.username} in job {self.job_id}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
