from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Job


def job_get_for_owner(*, user: AbstractBaseUser, pk: int) -> Job:
    """The user's own job, or 404: other people's jobs do not exist for them."""
    return get_object_or_404(Job, pk=pk, owner=user)


def jobs_unfinished_for(*, user: AbstractBaseUser) -> QuerySet[Job]:
    """Jobs still rendering or that failed: what "My drafts" shows above the finished drafts."""
    return Job.objects.filter(owner=user).exclude(status=Job.Status.SUCCEEDED)
