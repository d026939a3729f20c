from django.dispatch import receiver

from feed.models import Export, Profile
from feed.signals import account_deleting, account_exporting
from generation.models import Job
from generation.provenance import remixes_forget
from generation.signals import job_succeeded

from .models import RemixRequest
from .selectors import lineage_export
from .services import node_attach


@receiver(job_succeeded, sender=Job)
def join_finished_remix_to_its_lineage(sender, *, job: Job, **kwargs) -> None:
    # feed's receiver (its app is listed first) has already made the draft post.
    request = RemixRequest.objects.filter(job=job).select_related("parent").first()
    if request is not None and not hasattr(job.post, "remix_node"):
        node_attach(post=job.post, parent=request.parent)


@receiver(account_exporting, sender=Export)
def add_lineage_to_a_data_export(sender, *, user, archive, **kwargs) -> None:
    lineage = lineage_export(user=user)
    for video in archive.videos:
        if video["job_id"] in lineage:
            video["lineage"] = lineage[video["job_id"]]


@receiver(account_deleting, sender=Profile)
def take_a_deleted_accounts_videos_out_of_others_remixes(sender, *, user, **kwargs) -> None:
    """Others' remixes of this person's videos carry those videos' signed credentials inside
    their files: they are signed again without them once the deletion commits."""
    remixes = Job.objects.filter(remix_request__parent__author=user).exclude(owner=user)
    remixes_forget(jobs=remixes)
