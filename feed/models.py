import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from generation.delivery import remote_url, storage_is_remote
from generation.models import Job
from sora.storage import private_storage

AVATAR_TYPES = {"webp": "image/webp", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}
AVATAR_CACHE_SECONDS = 365 * 24 * 3600  # a new upload gets a new name, so the old URL never changes


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=60, blank=True)
    bio = models.TextField(max_length=300, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)

    def __str__(self) -> str:
        return f"@{self.handle}"

    @property
    def handle(self) -> str:
        # The username is the handle: allauth keeps it unique, lowercase and validated.
        return self.user.username

    @property
    def name(self) -> str:
        return self.display_name or self.handle

    @property
    def avatar_url(self) -> str:
        """Where pages load the avatar from: our view for local files; on object storage the CDN,
        or a presigned URL that stays the same for a while, so the browser's cache serves it."""
        if not self.avatar:
            return ""
        if not storage_is_remote(self.avatar.storage, self.avatar.name):
            return self.avatar.url
        return remote_url(
            self.avatar,
            content_type=AVATAR_TYPES.get(self.avatar.name.rpartition(".")[2].lower(), "image/jpeg"),
            cache_control=f"public, max-age={AVATAR_CACHE_SECONDS}, immutable",
            private=False,
        )


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
    # Engagement, kept on the row so ranking reads one table: counting joins per candidate would
    # cost more than the whole page budget. Services keep them in step with F() updates.
    like_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    # Sum over views of the fraction watched (0..1 each): completion = watch_total / view_count.
    watch_total = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Newest published first. The author rides along so that "newest by people I follow"
            # (For You's friends' posts) is answered from the index alone, without reading a row
            # per post it passes over: 1.8 -> 1.2 ms a first page on the bench world.
            models.Index(fields=["status", "-published_at", "-id", "author"], name="feed_post_published_idx"),
            models.Index(fields=["author", "status", "-created_at"]),
            # A profile's videos, and For You's newest by the people a viewer follows: one index
            # range per author instead of a walk down everyone's newest posts.
            models.Index(
                fields=["author", "status", "-published_at", "-id"], name="feed_post_author_published_idx"
            ),
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
        LIKED = "liked", "Someone liked your video"
        COMMENTED = "commented", "Someone commented on your video"
        REPLIED = "replied", "Someone replied to your comment"
        FOLLOWED = "followed", "Someone followed you"
        JOB_DONE = "job_done", "Your video is ready"
        PROMPT_REVIEWED = "prompt_reviewed", "Your prompt was reviewed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # Who did it (their avatar shows beside the text); empty for system news such as a review.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=200, blank=True)
    # The video it is about (its poster shows beside the text). News about a deleted video only
    # leads to a 404, so it goes with the video. Empty for older rows: they show no poster.
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"To @{self.recipient.username}: {self.text[:40]}"


class Like(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="likes")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="like_once")]
        indexes = [models.Index(fields=["user", "post"])]

    def __str__(self) -> str:
        return f"@{self.user.username} likes post {self.post_id}"


class Comment(models.Model):
    """A comment on a post, or a reply to one (one level: a reply's parent is never a reply)."""

    MAX_LENGTH = 500

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["post", "parent", "created_at"])]

    def __str__(self) -> str:
        return f"@{self.author.username} on post {self.post_id}: {self.body[:40]}"


class View(models.Model):
    """One viewer watched one post on one day: counted once, however often they replay it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="views")
    # Signed-in viewers by user; anonymous ones by session, so they count too (and only once).
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="views"
    )
    viewer_key = models.CharField(max_length=64)
    day = models.DateField()
    completion = models.FloatField(default=0)  # the most of it watched that day, 0..1
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "viewer_key", "day"], name="view_once_a_day")]
        indexes = [models.Index(fields=["viewer", "post"])]

    def __str__(self) -> str:
        return f"{self.viewer_key} viewed post {self.post_id} on {self.day}"


class Report(models.Model):
    class Reason(models.TextChoices):
        HARASSMENT = "harassment", "Harassment or bullying"
        LIKENESS = "likeness", "Uses someone's likeness without consent"
        VIOLENCE = "violence", "Violence or dangerous acts"
        SEXUAL = "sexual", "Sexual content"
        HATE = "hate", "Hateful content"
        SPAM = "spam", "Spam or misleading"
        OTHER = "other", "Something else"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=32, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="report_once")]

    def __str__(self) -> str:
        return f"Report of post {self.post_id} by @{self.reporter.username}: {self.reason}"


class PostEmbedding(models.Model):
    """What a post is about, as a unit sentence embedding of its prompt (float32 bytes).

    Its own table so that no post query drags the vector along.
    """

    post = models.OneToOneField(Post, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"Embedding of post {self.post_id}"


class Steer(models.Model):
    """What a user asked to see more or less of, in their words and as embeddings."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steer")
    text = models.CharField(max_length=200, blank=True)
    more = models.BinaryField(null=True, blank=True)  # float32 rows, one per "more" phrase
    less = models.BinaryField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"@{self.user.username}: {self.text}"


class LessLike(models.Model):
    """ "See less like this" on one post."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="less_likes")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="less_likes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="less_like_once")]

    def __str__(self) -> str:
        return f"@{self.user.username} sees less like post {self.post_id}"


def export_path(export: "Export", filename: str) -> str:
    # A random folder per export, in private storage: the name reveals nothing and has no URL.
    return f"exports/{export.token.hex}/{filename}"


class Export(models.Model):
    """"Download my data": one ZIP of everything a person made here, built by the worker.

    The file lives in private storage and is served only to its owner, for a day; then it is
    deleted (services.exports_expire) and the row stays to say so.
    """

    class Status(models.TextChoices):
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    LIFETIME = timedelta(days=1)
    # A build that has said nothing for this long lost its worker: another may be asked for.
    STALE_AFTER = timedelta(hours=2)

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BUILDING)
    stage = models.CharField(max_length=120, blank=True)
    progress = models.FloatField(default=0.0)
    error = models.TextField(blank=True, help_text="Why the build failed, in words for the user.")
    file = models.FileField(storage=private_storage, upload_to=export_path, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Export {self.pk} of @{self.user.username} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("feed:account_export_download", args=[self.pk])

    @property
    def expires_at(self):
        return self.created_at + self.LIFETIME

    def is_expired(self, now=None) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.READY and (now or timezone.now()) >= self.expires_at
        )

    def is_stale(self, now=None) -> bool:
        quiet = (now or timezone.now()) - self.updated_at
        return self.status == self.Status.BUILDING and quiet >= self.STALE_AFTER

    @property
    def is_building(self) -> bool:
        return self.status == self.Status.BUILDING and not self.is_stale()

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.READY and bool(self.file) and not self.is_expired()

    @property
    def percent(self) -> int:
        return round(self.progress * 100)
