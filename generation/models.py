import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from sora.text import text_clean

PROMPT_MAX_LENGTH = 1000

# (width, height) for each orientation; the preview engine renders at exactly this size.
FRAME_SIZES = {"portrait": (720, 1280), "landscape": (1280, 720)}


def validate_prompt(value: str) -> None:
    # The create form applies the same rule (sora.text); this holds for every other caller.
    if not text_clean(value, multiline=True):
        raise ValidationError("Describe the video you want: the prompt is empty.")


def job_media_path(job: "Job", filename: str) -> str:
    # A random folder per job: media names never reveal or enumerate other people's drafts.
    return f"jobs/{job.token.hex}/{filename}"


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        # Stored while Redis was unreachable; enqueued again once it is back (or failed clearly).
        WAITING = "waiting", "Waiting for the render queue"
        RUNNING = "running", "Rendering"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    class Duration(models.IntegerChoices):
        SHORT = 5, "5 seconds"
        MEDIUM = 10, "10 seconds"
        LONG = 15, "15 seconds"

    class Orientation(models.TextChoices):
        PORTRAIT = "portrait", "Portrait 9:16"
        LANDSCAPE = "landscape", "Landscape 16:9"

    ACTIVE = (Status.QUEUED, Status.WAITING, Status.RUNNING)
    RETRYABLE = (Status.FAILED, Status.CANCELLED)

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    prompt = models.TextField(max_length=PROMPT_MAX_LENGTH, validators=[validate_prompt])
    duration = models.PositiveSmallIntegerField(choices=Duration.choices, default=Duration.SHORT)
    orientation = models.CharField(max_length=16, choices=Orientation.choices, default=Orientation.PORTRAIT)
    seed = models.PositiveIntegerField()
    video_engine = models.CharField(max_length=32)
    audio_engine = models.CharField(max_length=32)
    # The frozen render spec: everything the worker needs, so later edits elsewhere can't change a render.
    spec = models.JSONField(default=dict)
    # Same owner + prompt + options -> same fingerprint: lets batch runs skip what exists.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    attempt = models.PositiveSmallIntegerField(default=1, help_text="Incremented by each Try again.")

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    stage = models.CharField(max_length=80, blank=True)
    progress = models.FloatField(default=0.0)
    error = models.TextField(blank=True, help_text="Why the job failed or waits, in words for the user.")

    video = models.FileField(upload_to=job_media_path, blank=True)
    poster = models.FileField(upload_to=job_media_path, blank=True)
    # How the video was made: engines, versions, seed, time per stage.
    render_info = models.JSONField(default=dict, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"Job {self.pk} ({self.get_status_display()}): {self.prompt[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("generation:job_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def can_retry(self) -> bool:
        return self.status in self.RETRYABLE

    @property
    def rq_job_id(self) -> str:
        # One RQ job per attempt: a retry must not collide with the last attempt's record.
        return f"render-{self.pk}-{self.attempt}"

    @property
    def percent(self) -> int:
        return round(self.progress * 100)

    @property
    def frame_size(self) -> tuple[int, int]:
        return FRAME_SIZES[self.orientation]

    @property
    def render_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def group_name(self) -> str:
        """The Channels group that receives this job's progress fragments."""
        return f"job-{self.pk}"
