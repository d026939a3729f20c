"""`manage.py exports_expire`: delete the "Download my data" archives older than a day.

Every new archive's build does this too; run it from cron (hourly, say) so an idle site still
deletes them on time.
"""

from django.core.management.base import BaseCommand

from feed.services import exports_expire


class Command(BaseCommand):
    help = "Delete data-export archives older than a day, and fail builds whose worker went silent."

    def handle(self, *args, **options) -> None:
        expired = exports_expire()
        self.stdout.write(f"Deleted {expired} expired archive(s).")
