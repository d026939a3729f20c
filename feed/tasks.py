"""RQ jobs of the feed, run by the worker on the `default` queue (never in a request)."""

from django.db import close_old_connections
from django.utils import timezone


def post_embed(post_id: int) -> str:
    """Embed one just-published post's prompt for steering and "see less like this"."""
    from .services import post_embeddings_fill

    # The worker is long-lived and does not fork per job: drop connections the database closed.
    close_old_connections()
    made = post_embeddings_fill(post_ids=[post_id])
    return "embedded" if made else "skipped: not published or already embedded"


def account_export_build(export_id: int) -> str:
    """Build one person's "Download my data" archive; first, delete everyone's expired ones."""
    from .models import Export
    from .services import export_build, exports_expire

    close_old_connections()
    try:
        building = Export.objects.select_related("user").filter(status=Export.Status.BUILDING)
        # Heard from now: a long wait in the queue is no silent worker, so the sweep spares it.
        building.filter(pk=export_id).update(stage="Starting", updated_at=timezone.now())
        exports_expire()
        export = building.filter(pk=export_id).first()
        if export is None:
            return "skipped: not building (deleted, or already done)"
        return export_build(export=export)
    finally:
        close_old_connections()


def account_export_abandoned(rq_job, connection, exc_type, exc_value, traceback) -> None:
    """RQ's failure callback: the worker died or was stopped mid-build. The page says so now."""
    from .models import Export
    from .services import EXPORT_BROKE, export_fail

    export = Export.objects.filter(pk=rq_job.args[0], status=Export.Status.BUILDING).first()
    if export is not None:
        export_fail(export=export, message=EXPORT_BROKE)
