from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from generation.models import Appeal, Job
from generation.signals import appeal_decided, job_succeeded

from .models import Notification
from .services import job_done_notify, notifications_send, post_create_draft, profile_ensure


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


@receiver(appeal_decided, sender=Appeal)
def tell_the_person_their_prompt_was_reviewed(sender, *, appeal: Appeal, **kwargs) -> None:
    prompt = appeal.prompt if len(appeal.prompt) <= 60 else appeal.prompt[:59] + "…"
    if appeal.status == Appeal.Status.ALLOWED:
        text = f"Your prompt “{prompt}” was reviewed and allowed: you can make it once now."
        url = f"{reverse('generation:create')}?appeal={appeal.pk}"
    else:
        text = f"Your prompt “{prompt}” was reviewed, and the refusal stands."
        url = reverse("generation:create")
    notifications_send(
        recipients=[appeal.user_id], kind=Notification.Kind.PROMPT_REVIEWED, text=text, url=url
    )
