from django.dispatch import receiver

from generation.models import Job
from generation.signals import job_created, job_started

from .services import appearances_attach, appearances_recheck


@receiver(job_created, sender=Job)
def attach_cameos_to_new_job(sender, *, job: Job, **kwargs) -> None:
    appearances_attach(job=job)


@receiver(job_started, sender=Job)
def recheck_consent_at_worker_start(sender, *, job: Job, **kwargs) -> None:
    appearances_recheck(job=job)
