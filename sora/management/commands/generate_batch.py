"""`manage.py generate_batch FILE`: make many videos from a prompt file, as one user."""

from __future__ import annotations

import time
from pathlib import Path

import django_rq
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError
from redis.exceptions import RedisError
from rq import Worker

from feed.services import post_publish
from generation.models import Job
from generation.queues import job_queue_name
from sora.batch import BatchLine, batch_check, batch_read, batch_submit

POLL_SECONDS = 0.5
# Polls in a row the database may refuse (busy) before the error is raised.
BUSY_POLLS = 10
BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Generate videos from FILE: plain text (one prompt a line) or JSONL (objects with prompt, "
        "duration, orientation, seed, cameos). Invalid lines are reported and skipped. Exits "
        "non-zero if any line was invalid or any job failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="handle", required=True, help="Whose videos these are (@handle).")
        parser.add_argument("--duration", type=int, default=5, help="Length for lines that give none.")
        parser.add_argument("--orientation", default="portrait", help="Default for lines that give none.")
        parser.add_argument("--publish", action="store_true", help="Publish each video once made (waits).")
        parser.add_argument("--wait", action="store_true", help="Wait for every job, with a progress bar.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; create nothing.")
        parser.add_argument(
            "--skip-existing", action="store_true",
            help="Skip lines this user already generated with the same prompt and options.",
        )  # fmt: skip
        parser.add_argument(
            "--no-quota", action="store_true",
            help="Pass the --as user's video limits (per day and at once) for this batch.",
        )  # fmt: skip

    def handle(self, *args, **options) -> None:
        owner = self._owner(options["handle"])
        try:
            lines = batch_read(
                options["file"], duration=options["duration"], orientation=options["orientation"]
            )
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Can't read {options['file']}: {error}") from error
        invalid = [line for line in lines if line.error]
        for line in invalid:
            self.stderr.write(f"line {line.number}: skipped: {line.error}")
        if not lines:
            raise CommandError(f"{options['file']} has no prompts.")

        skipped = {id(line) for line in invalid}
        if options["dry_run"]:
            batch_check(owner=owner, lines=lines, quota=not options["no_quota"])
            invalid += self._refused(lines, skipped)
            self._table(lines, title="Dry run: nothing was created.")
            if invalid:
                raise CommandError(f"{len(invalid)} of {len(lines)} lines are invalid.", returncode=1)
            return

        batch_submit(
            owner=owner, lines=lines, skip_existing=options["skip_existing"], quota=not options["no_quota"]
        )
        invalid += self._refused(lines, skipped)
        if options["wait"] or options["publish"]:
            self._wait([line.job for line in lines if line.job is not None])
        if options["publish"]:
            for line in lines:
                if line.job is not None:
                    line.job.refresh_from_db()
                    post = getattr(line.job, "post", None)
                    if line.job.status == Job.Status.SUCCEEDED and post is not None:
                        post_publish(post=post, user=owner)
        self._table(lines)

        failed = [line for line in lines if line.job is not None and line.job.status in Job.RETRYABLE]
        problems = []
        if invalid:
            problems.append(f"{len(invalid)} invalid line{'s' if len(invalid) != 1 else ''} skipped")
        if failed:
            problems.append(f"{len(failed)} job{'s' if len(failed) != 1 else ''} failed")
        if problems:
            raise CommandError("; ".join(problems) + ".", returncode=1)

    def _refused(self, lines: list[BatchLine], skipped: set[int]) -> list[BatchLine]:
        """The lines refused at submit (not already skipped as invalid), each reported."""
        refused = [line for line in lines if line.error and id(line) not in skipped]
        for line in refused:
            self.stderr.write(f"line {line.number}: refused: {line.error}")
        return refused

    def _owner(self, handle: str):
        username = handle.removeprefix("@")
        try:
            return get_user_model().objects.get(username__iexact=username)
        except get_user_model().DoesNotExist:
            raise CommandError(
                f"No user @{username}. Create the account first (sign up or createsuperuser)."
            ) from None

    def _wait(self, jobs: list[Job]) -> None:
        pending = {job.pk for job in jobs}
        if not pending:
            return
        hinted = False
        started = time.monotonic()
        busy = 0
        while True:
            try:
                rows = {row.pk: row for row in Job.objects.filter(pk__in=pending)}
            except OperationalError:
                # Workers write these rows while we poll; SQLite may refuse a read for a moment
                # ("table is locked"). Waiting is what this loop does anyway; a lasting error is raised.
                busy += 1
                if busy > BUSY_POLLS:
                    raise
                time.sleep(POLL_SECONDS)
                continue
            busy = 0
            done = [row for row in rows.values() if not row.is_active]
            progress = sum(row.progress if row.is_active else 1.0 for row in rows.values()) / len(rows)
            failed = sum(row.status in Job.RETRYABLE for row in done)
            self._bar(progress, len(done), len(rows), failed)
            if len(done) == len(rows):
                break
            idle = [] if hinted or time.monotonic() - started <= 10 else self._queues_without_worker(jobs)
            if idle:
                hinted = True
                self.stderr.write(
                    "\nNo render worker is running: start the app (`make run`) or "
                    f"`python manage.py rqworker {' '.join(idle)}`; waiting.",
                )
            time.sleep(POLL_SECONDS)
        self.stdout.write("")
        for job in jobs:
            job.refresh_from_db()

    def _queues_without_worker(self, jobs: list[Job]) -> list[str]:
        """The queues these jobs wait in (GPU or CPU, by their engines) that no worker listens on."""
        try:
            names = dict.fromkeys(job_queue_name(job=job) for job in jobs)
            return [name for name in names if not Worker.all(queue=django_rq.get_queue(name))]
        except RedisError:  # only a hint: never stop waiting because of it
            return []

    def _bar(self, progress: float, done: int, total: int, failed: int) -> None:
        filled = round(progress * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        text = f"\r[{bar}] {progress:4.0%}  {done}/{total} done" + (f", {failed} failed" if failed else "")
        self.stdout.write(text, ending="")
        self.stdout.flush()

    def _table(self, lines: list[BatchLine], *, title: str = "") -> None:
        if title:
            self.stdout.write(title)
        rows = [("line", "status", "job", "seconds", "prompt / reason")]
        for line in lines:
            rows.append(_row(line))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[4]]).rstrip())


def _row(line: BatchLine) -> tuple[str, str, str, str, str]:
    prompt = line.prompt if len(line.prompt) <= 60 else line.prompt[:59] + "…"
    if line.error:
        return (str(line.number), "invalid", "", "", line.error)
    if line.job is None:
        return (str(line.number), "ok", "", "", prompt)
    job = line.job
    status = "exists" if line.skipped_existing else job.status
    if getattr(job, "post", None) is not None and job.post.is_published and not line.skipped_existing:
        status = "published"
    seconds = f"{job.render_seconds:.1f}" if job.render_seconds else ""
    detail = job.error if job.status in Job.RETRYABLE and job.error else prompt
    return (str(line.number), status, str(job.pk), seconds, detail)
