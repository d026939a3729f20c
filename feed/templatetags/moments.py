"""When something happened, as people say it: "just now" for the first minute (Django's own
timesince says "0 minutes"), then humanize's wording ("3 minutes ago", "2 days ago")."""

from datetime import datetime, timedelta

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone

register = template.Library()


@register.filter
def ago(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if timezone.now() - moment < timedelta(minutes=1):
        return "just now"
    return naturaltime(moment)
