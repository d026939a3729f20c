import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

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
    # When it was last asked for (made, or tried again): what the daily quota counts.
    submitted_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["owner", "-submitted_at"], name="generation_job_owner_submitted"),
        ]

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

    def video_ahead(self) -> "Job | None":
        """The owner's earlier video, still queued or rendering, that this queued one waits for:
        each person's videos render one after another (services.job_enqueue), so a page can say
        why this one hasn't started."""
        if self.status != self.Status.QUEUED:
            return None
        earlier = Job.objects.filter(
            owner_id=self.owner_id, pk__lt=self.pk, status__in=[self.Status.QUEUED, self.Status.RUNNING]
        )
        return earlier.order_by("-pk").first()

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


class Quota(models.Model):
    """One person's own video limits, set by staff in the admin; an empty field keeps the default
    (SORA_VIDEOS_PER_DAY and SORA_VIDEOS_AT_ONCE, or the SORA_STAFF_ ones for staff)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="video_quota"
    )
    videos_per_day = models.PositiveIntegerField(
        null=True, blank=True, help_text="Videos in any 24 hours. Empty: the default."
    )
    videos_at_once = models.PositiveIntegerField(
        null=True, blank=True, help_text="Videos queued or rendering at the same time. Empty: the default."
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why this person has other limits.")

    def __str__(self) -> str:
        return f"Limits for {self.user}"


# --- The prompt policy (generation/moderation.py) ------------------------------------------------


class PublicFigure(models.Model):
    """A real, widely known person whom a prompt may show only through their own cameo here."""

    name = models.CharField(max_length=120, unique=True)
    # Text, not a CharField: a head of state gathers dozens of aliases (nicknames, offices, the
    # name in other scripts and languages), past any length one would pick.
    aliases = models.TextField(
        blank=True,
        help_text="Other names that mean this person, comma-separated (e.g. a surname).",
    )
    names_as_written = models.TextField(
        blank=True,
        help_text=(
            "Names that are everyday words too (Drake, The Rock), comma-separated: they count only "
            "written with their capitals, and not after “a”, “the” or “my”."
        ),
    )
    handle = models.CharField(
        max_length=150,
        blank=True,
        help_text="Their @handle here, if they have an account: then their cameo decides.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PolicyCategory(models.Model):
    """A category of the operator's own, in their own words: refused like the built-in ones."""

    key = models.SlugField(
        max_length=40, unique=True, help_text="A short name for the records, e.g. 'gambling'."
    )
    label = models.CharField(max_length=120, help_text="What the refusal calls it, e.g. 'gambling'.")
    words = models.TextField(blank=True, help_text="Words or phrases that are refused, one a line.")
    examples = models.TextField(
        blank=True,
        help_text="Example prompts of this kind, one a line: prompts close in meaning are refused too.",
    )
    enabled = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "policy categories"

    def __str__(self) -> str:
        return self.label


class PromptRecord(models.Model):
    """What is kept of a prompt the policy refused: whose, what it asked, which category and how sure."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    prompt = models.TextField()
    category = models.CharField(max_length=40)
    score = models.FloatField(help_text="1.0 for words; the likelihood for a refusal by meaning.")
    reason = models.CharField(max_length=300, blank=True, help_text="What matched.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class PolicyDecision(PromptRecord):
    """One decision on a prompt: the app's refusal (at submit, in a batch or in the worker) or a person's."""

    class Outcome(models.TextChoices):
        REFUSED = "refused", "Refused"
        ALLOWED = "allowed", "Allowed once by staff"
        UPHELD = "upheld", "Refusal upheld by staff"

    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.REFUSED)
    stage = models.CharField(max_length=16, help_text="submit, batch, worker or review")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty: the policy decided.",
    )

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.category} ({self.prompt[:40]})"


class Appeal(PromptRecord):
    """"Ask for a review" of a refused prompt. Staff allow it once or uphold the refusal."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        ALLOWED = "allowed", "Allowed once"
        UPHELD = "upheld", "Refusal upheld"

    note = models.CharField(max_length=500, blank=True, help_text="What the person says about it.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # An allowed prompt may be made once: set when a video is made from it.
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Appeal {self.pk} by {self.user} ({self.get_status_display()})"

    @property
    def category_label(self) -> str:
        from .moderation import LABELS

        return LABELS.get(self.category, self.category.replace("_", " "))

    @property
    def usable(self) -> bool:
        """Allowed and not yet made: the create form can take it once."""
        return self.status == self.Status.ALLOWED and self.used_at is None
