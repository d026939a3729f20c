"""`{% queue_place job as place %}`: where a queued job waits ("3rd in the GPU queue"), or None.

A tag rather than a view's context: the status fragment is rendered by the views and by the
worker's live updates (generation/progress.py) alike, and each render asks RQ afresh.
"""

from django import template

from ..models import Job
from ..queues import QueuePlace, job_queue_place

register = template.Library()


@register.simple_tag
def queue_place(job: Job) -> QueuePlace | None:
    return job_queue_place(job=job)
