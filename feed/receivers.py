from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from generation.models import Job
from generation.signals import job_succeeded

from .services import job_done_notify, post_create_draft, profile_ensure


@receiver(job_succeeded, sender=Job)
def create_draft_for_finished_job(sender, *, job: Job, **kwargs) -> None:
    post = post_create_draft(job=job)
    # Inside the job's own transaction: the news goes out (and the badge is pushed) only if the
    # result commits.
    job_done_notify(post=post)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile_for_new_user(sender, *, instance, created: bool, **kwargs) -> None:
    if created:
        profile_ensure(user=instance)
