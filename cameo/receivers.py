from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from feed.models import Export, Follow, Post, Profile
from feed.signals import account_deleting, account_exporting, post_publishing
from generation.models import Job
from generation.signals import job_created, job_started

from .models import Cameo
from .services import (
    appearances_attach,
    appearances_check_publishable,
    appearances_recheck,
    cameo_account_delete,
    cameo_export,
    jobs_stop_without_consent,
)


@receiver(job_created, sender=Job)
def attach_cameos_to_new_job(sender, *, job: Job, **kwargs) -> None:
    appearances_attach(job=job)


@receiver(job_started, sender=Job)
def recheck_consent_at_worker_start(sender, *, job: Job, **kwargs) -> None:
    appearances_recheck(job=job)


@receiver(post_publishing, sender=Post)
def recheck_consent_before_publishing(sender, *, post: Post, user, **kwargs) -> None:
    appearances_check_publishable(job=post.job, user=user)


@receiver(post_delete, sender=Follow)
def stop_renders_an_unfollow_leaves_without_consent(sender, *, instance: Follow, **kwargs) -> None:
    # Under "mutuals", consent ends when either of the two stops following the other.
    for cameo in Cameo.objects.filter(
        owner_id__in=[instance.follower_id, instance.followee_id], tier=Cameo.Tier.MUTUALS, enabled=True
    ):
        transaction.on_commit(lambda cameo=cameo: jobs_stop_without_consent(cameo=cameo))


@receiver(account_exporting, sender=Export)
def add_the_cameo_to_a_data_export(sender, *, user, archive, **kwargs) -> None:
    cameo_export(user=user, archive=archive)


@receiver(account_deleting, sender=Profile)
def take_down_and_forget_a_deleted_accounts_likeness(sender, *, user, **kwargs) -> None:
    # Before the user row goes: a Verification PROTECTs its Challenge, so the cascade alone
    # would refuse, and the biometric files must be named while their rows still exist.
    cameo_account_delete(user=user)
