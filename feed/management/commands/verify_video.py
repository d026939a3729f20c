"""`manage.py verify_video FILE [--json]`: what /verify/ says about a video file, in a terminal.

Exit status: 0 when the file's credentials or watermark name this server and match, 1 when the
file was altered after signing or names no one here, 2 when the file can't be read.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from feed.verify import video_verify


class Command(BaseCommand):
    help = "Check a video's Content Credentials (C2PA) and invisible watermark against this server."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the video file (MP4)")
        parser.add_argument("--json", action="store_true", help="print the verdict as JSON")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        verdict = video_verify(path=path)
        if options["json"]:
            self.stdout.write(json.dumps(verdict.as_dict(), indent=2))
        else:
            self.stdout.write(verdict.message)
            for problem in verdict.problems:
                self.stdout.write(f"  no longer matches: {problem}")
            if verdict.watermark_post:
                confidence = verdict.watermark_confidence
                self.stdout.write(f"  watermark: {_link(verdict.watermark_post)} (confidence {confidence})")
            for depth, step in enumerate(verdict.lineage):
                self.stdout.write(("This video" if depth == 0 else "  which remixed") + f": “{step.title}”")
                if step.creator:
                    where = f" on {step.server}" if step.server else ""
                    when = step.when or "at an unknown time"
                    self.stdout.write(f"    by {step.creator.label}{where}, {when}")
                if step.engine:
                    how = f"{step.engine} engine" + (f", model {step.model}" if step.model else "")
                    steps = f", {step.steps} steps" if step.steps else ""
                    self.stdout.write(f"    how: {how}, seed {step.seed}{steps}")
                for cameo, consent in zip(step.cameos, step.consents, strict=False):
                    self.stdout.write(f"    cameo {cameo.label}: {consent}")
                if step.post:
                    self.stdout.write(f"    post: {_link(step.post)}")
                self.stdout.write(f"    signed by: {step.signer or 'unknown'}")
        if verdict.kind == "unreadable":
            raise SystemExit(2)
        if verdict.kind not in ("ours", "watermark"):
            raise SystemExit(1)


def _link(link) -> str:
    return f"{link.label} ({link.url})" if link.url else link.label
