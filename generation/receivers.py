from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Job
from .provenance import remixes_forget


@receiver(post_delete, sender=Job)
def remixes_forget_a_deleted_video(sender, *, instance: Job, **kwargs) -> None:
    """A job goes only with its creator's account (or by staff in the admin): remixes of its
    video must stop carrying that person's signed credentials inside their files."""
    if instance.video:
        remixes_forget(video_name=instance.video.name)
