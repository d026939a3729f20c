from django.conf import settings
from django.db import models
from django.urls import reverse

from generation.models import Job


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=60, blank=True)
    bio = models.TextField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"@{self.handle}"

    @property
    def handle(self) -> str:
        # The username is the handle: allauth keeps it unique, lowercase and validated.
        return self.user.username

    @property
    def name(self) -> str:
        return self.display_name or self.handle


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        # Taken down (e.g. by someone whose cameo is in it): out of the feed, and its creator
        # cannot publish it again.
        REMOVED = "removed", "Removed"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="post")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=300, blank=True, help_text="Shown to the creator.")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"]),
            models.Index(fields=["author", "status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} by @{self.author.username} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("feed:post_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def prompt(self) -> str:
        return self.job.prompt

    def visible_to(self, user) -> bool:
        return self.is_published or (user.is_authenticated and user.pk == self.author_id)


class Follow(models.Model):
    """One user follows another. Both directions make them mutuals (cameo consent uses that)."""

    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following")
    followee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followee")), name="follow_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"@{self.follower.username} follows @{self.followee.username}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        CAMEO_USED = "cameo_used", "Your cameo was used"
        VIDEO_REMOVED = "video_removed", "Your video was removed"
        CAMEO_REVIEWED = "cameo_reviewed", "Your cameo was reviewed"
        REMIXED = "remixed", "Your video was remixed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"To @{self.recipient.username}: {self.text[:40]}"
