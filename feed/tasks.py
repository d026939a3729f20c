"""RQ jobs of the feed, run by the worker on the `default` queue (never in a request)."""

from django.db import close_old_connections


def post_embed(post_id: int) -> str:
    """Embed one just-published post's prompt for steering and "see less like this"."""
    from .services import post_embeddings_fill

    # The worker is long-lived and does not fork per job: drop connections the database closed.
    close_old_connections()
    made = post_embeddings_fill(post_ids=[post_id])
    return "embedded" if made else "skipped: not published or already embedded"
