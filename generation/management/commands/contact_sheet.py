"""`manage.py contact_sheet "PROMPT" --out sheet.jpg`: one frame per second of a rendered prompt.

Renders the prompt with the configured engines exactly as a job would (plan, sound, frames,
subtitles, watermark, encode), then tiles one frame from the middle of every second of the
encoded video into a single picture: the quickest way to see what an engine makes of a prompt,
and how the pictures in docs/images/ were made.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from generation.engines.base import RenderError, RenderSpec
from generation.models import FRAME_SIZES
from generation.pipeline import render

SIZES = FRAME_SIZES


class Command(BaseCommand):
    help = "Render a prompt and save one frame per second of it as a single picture."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prompt")
        parser.add_argument("--out", required=True, help="The picture to write (.jpg or .png).")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--duration", type=int, default=5, choices=[5, 10, 15])
        parser.add_argument("--orientation", default="portrait", choices=sorted(SIZES))
        parser.add_argument("--thumb", type=int, default=144, help="Width of each frame in pixels.")
        parser.add_argument("--keep-video", default="", help="Also keep the encoded video here.")

    def handle(self, *args, **options) -> None:
        prompt = " ".join(options["prompt"].split())
        out = Path(options["out"])
        if not prompt:
            raise CommandError("Give a prompt.")
        if out.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            raise CommandError("--out must end in .jpg or .png.")
        if not 16 <= options["thumb"] <= 720:
            raise CommandError("--thumb is a width between 16 and 720 pixels.")
        width, height = SIZES[options["orientation"]]
        spec = RenderSpec(
            prompt=prompt, duration=options["duration"], width=width, height=height, seed=options["seed"],
            handle="contact-sheet",
        )  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="sheet-") as folder:
            try:
                result = render(
                    spec,
                    video_engine=settings.SORA_VIDEO_ENGINE,
                    audio_engine=settings.SORA_AUDIO_ENGINE,
                    out_dir=Path(folder),
                    on_progress=lambda stage, fraction: None,
                    cancelled=lambda: False,
                )
            except RenderError as error:
                raise CommandError(f"The render failed: {error}") from error
            seconds = spec.duration
            out.parent.mkdir(parents=True, exist_ok=True)
            # The middle frame of each second (fps=1 would take each second's first frame, often a cut).
            command = [
                imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                "-i", str(result.video_path),
                "-vf", f"select='eq(mod(n\\,{spec.fps})\\,{spec.fps // 2})',scale={options['thumb']}:-2,"
                f"tile={seconds}x1:padding=4:color=white",
                "-frames:v", "1", "-q:v", "3", str(out),
            ]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise CommandError(f"ffmpeg could not make the sheet: {done.stderr[-500:]}")
            if options["keep_video"]:
                Path(options["keep_video"]).write_bytes(result.video_path.read_bytes())
        self.stdout.write(f"Wrote {out} ({seconds} frames, one per second).")
