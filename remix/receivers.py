from django.dispatch import receiver

from generation.models import Job
from generation.signals import job_succeeded

from .models import RemixRequest
from .services import node_attach


@receiver(job_succeeded, sender=Job)
def join_finished_remix_to_its_lineage(sender, *, job: Job, **kwargs) -> None:
    # feed's receiver (its app is listed first) has already made the draft post.
    request = RemixRequest.objects.filter(job=job).select_related("parent").first()
    if request is not None and not hasattr(job.post, "remix_node"):
        node_attach(post=job.post, parent=request.parent)
