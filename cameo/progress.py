"""Verification progress: saved on the row and pushed to the page like a render's."""

import time

from django.template.loader import render_to_string

from generation.progress import fragment_publish

from .models import Verification

STATUS_TEMPLATE = "cameo/_verification_status.html"


def render_status(verification: Verification, request=None) -> str:
    return render_to_string(STATUS_TEMPLATE, {"verification": verification}, request=request)


def verification_publish(*, verification: Verification) -> None:
    fragment_publish(group=verification.group_name, html=render_status(verification))


class VerificationProgress:
    """The analysis's on_progress: saves and publishes at most every `min_interval` seconds."""

    def __init__(self, verification: Verification, *, min_interval: float = 0.2) -> None:
        self.verification = verification
        self.min_interval = min_interval
        self._last = 0.0

    def __call__(self, stage: str, fraction: float) -> None:
        now = time.monotonic()
        if stage == self.verification.stage and now - self._last < self.min_interval:
            return
        self._last = now
        fraction = min(max(fraction, 0.0), 1.0)
        Verification.objects.filter(pk=self.verification.pk, status=Verification.Status.CHECKING).update(
            stage=stage, progress=fraction
        )
        self.verification.stage, self.verification.progress = stage, fraction
        verification_publish(verification=self.verification)
