from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Appeal, Job, PublicFigure, Quota
from .moderation import Figure

QUOTA_DAY = timedelta(hours=24)


def job_get_for_owner(*, user: AbstractBaseUser, pk: int) -> Job:
    """The user's own job, or 404: other people's jobs do not exist for them."""
    return get_object_or_404(Job, pk=pk, owner=user)


def jobs_unfinished_for(*, user: AbstractBaseUser) -> QuerySet[Job]:
    """Jobs still rendering or that failed: what "My drafts" shows above the finished drafts."""
    return Job.objects.filter(owner=user).exclude(status=Job.Status.SUCCEEDED)


@dataclass(frozen=True)
class QuotaLimits:
    per_day: int  # videos in any 24 hours
    at_once: int  # videos queued or rendering together


def quota_limits_for(*, user: AbstractBaseUser) -> QuotaLimits:
    """This person's limits: their own (set in the admin) where given, else staff's or everyone's."""
    if user.is_staff:
        default = QuotaLimits(settings.SORA_STAFF_VIDEOS_PER_DAY, settings.SORA_STAFF_VIDEOS_AT_ONCE)
    else:
        default = QuotaLimits(settings.SORA_VIDEOS_PER_DAY, settings.SORA_VIDEOS_AT_ONCE)
    own = Quota.objects.filter(user=user).first()
    if own is None:
        return default
    return QuotaLimits(
        default.per_day if own.videos_per_day is None else own.videos_per_day,
        default.at_once if own.videos_at_once is None else own.videos_at_once,
    )


def jobs_counted_today(*, user: AbstractBaseUser, now: datetime) -> QuerySet[Job]:
    """The videos the daily quota counts: asked for in the last 24 hours, newest first. One that
    failed (the app's fault) or was cancelled before it started rendering costs nothing."""
    return (
        Job.objects.filter(owner=user, submitted_at__gt=now - QUOTA_DAY)
        .exclude(status=Job.Status.FAILED)
        .exclude(status=Job.Status.CANCELLED, started_at=None)
        .order_by("-submitted_at")
    )


def jobs_in_progress(*, user: AbstractBaseUser) -> QuerySet[Job]:
    """Videos queued (or waiting for the queue) or rendering: what the at-once quota counts."""
    return Job.objects.filter(owner=user, status__in=Job.ACTIVE)


@dataclass(frozen=True)
class QuotaUsage:
    limits: QuotaLimits
    today: int  # videos counted in the last 24 hours
    in_progress: int

    @property
    def left_today(self) -> int:
        return max(0, self.limits.per_day - self.today)


def quota_usage_for(*, user: AbstractBaseUser, now: datetime) -> QuotaUsage:
    """What the create page tells a person about their limits."""
    return QuotaUsage(
        limits=quota_limits_for(user=user),
        today=jobs_counted_today(user=user, now=now).count(),
        in_progress=jobs_in_progress(user=user).count(),
    )


def appeals_for(*, user: AbstractBaseUser) -> QuerySet[Appeal]:
    """The person's own requests for review, newest first: what "Your reviews" lists."""
    return Appeal.objects.filter(user=user).order_by("-created_at", "-pk")


def public_figures() -> tuple[Figure, ...]:
    """The public figures staff keep, as the prompt checker reads them: read on every check (the
    table is the truth, whoever changed it), but turned into figures, and indexed, only when it
    changed: with 4,400 to 7,700 listed that took 20 to 25 ms a check, the plain columns take 4 to 8."""
    return _figures(tuple(PublicFigure.objects.values_list("name", "aliases", "handle", "names_as_written")))


@lru_cache(maxsize=2)
def _figures(rows: tuple[tuple[str, str, str, str], ...]) -> tuple[Figure, ...]:
    # The same tuple each time the table is unchanged, so the checker's index of it is found at once.
    return tuple(Figure.listed(*row) for row in rows)
