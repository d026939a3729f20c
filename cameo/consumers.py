from generation.consumers import OwnStatusConsumer

from .models import Verification
from .progress import render_status


class VerificationProgressConsumer(OwnStatusConsumer):
    """Streams a verification's check progress to its owner's page."""

    def own_object(self, user, pk: int) -> Verification | None:
        return Verification.objects.filter(pk=pk, user=user).first()

    def group_of(self, verification: Verification) -> str:
        return verification.group_name

    def fragment_of(self, verification: Verification) -> str:
        return render_status(verification)
