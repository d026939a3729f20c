"""`manage.py embed_posts`: compute the prompt embeddings that published posts lack.

Publishing queues each post's embedding for the worker; this catches up on posts published while
Redis was down or before steering existed, in batches (far cheaper than one job per post).
"""

import time

from django.core.management.base import BaseCommand

from feed.services import post_embeddings_fill


class Command(BaseCommand):
    help = "Compute the prompt embeddings (for steering and 'see less like this') that published posts lack."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        made = post_embeddings_fill()
        self.stdout.write(f"Embedded {made} post(s) in {time.perf_counter() - started:.1f} s.")
