"""Run one render: soundtrack, then frames streamed straight into the encoder, then checks.

Pure Python (no Django) so the worker, the shell and the tests can all call it; the worker
turns `on_progress` calls into saved job rows and websocket messages.
"""

from __future__ import annotations

import platform
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import PIL

from . import watermark as invisible
from .compose import encode
from .engines import get_audio_engine, get_video_engine
from .engines.base import (
    AudioEngine,
    AudioTrack,
    Cancelled,
    CancelledFn,
    RenderError,
    RenderSpec,
    VideoEngine,
)
from .engines.joint_sound import ALL, HEARD, MADE, sound_mix
from .overlay import Overlay
from .plan import Plan, plan_for
from .probe import ProbeError, parse_ffmpeg_info, read_ffmpeg_info

Stage = Callable[[str, float], None]  # (stage label, overall fraction 0..1)

COMPOSING = "Composing the soundtrack"
RENDERING = "Rendering frames"
FINISHING = "Finishing"

# Where each stage ends on the overall bar. Audio is quick; frames and encoding dominate.
AUDIO_END = 0.10
FRAMES_END = 0.97

VIDEO_NAME = "video.mp4"
POSTER_NAME = "poster.jpg"


@dataclass
class RenderOutput:
    video_path: Path
    poster_path: Path
    info: dict  # how the video was made; stored on the job (JSON-serialisable)


def render(
    spec: RenderSpec,
    *,
    video_engine: str,
    audio_engine: str,
    out_dir: Path,
    on_progress: Stage,
    cancelled: CancelledFn,
    mark: list[int] | None = None,
) -> RenderOutput:
    """Render `spec` into out_dir/video.mp4 and out_dir/poster.jpg.

    `mark`: the bits of the invisible watermark (`generation.watermark.payload_for`) written
    into every frame after the subtitles and the visible watermark; None writes none.

    Raises UnknownEngine before touching the disk, Cancelled when `cancelled()` turns True,
    RenderError for failures worth showing the user. On any exception, the files this call
    created are removed (out_dir itself is left in place).
    """
    video = get_video_engine(video_engine)
    audio = get_audio_engine(audio_engine)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    video_path, poster_path = out_dir / VIDEO_NAME, out_dir / POSTER_NAME
    report = _Monotonic(on_progress)
    stages: dict[str, float] = {}

    try:
        if cancelled():
            raise Cancelled()
        report(COMPOSING, 0.0)
        started = time.perf_counter()
        plan = plan_for(spec)
        # A video model that makes sound (LTX-2) says before it starts what it will make; the
        # audio engine still speaks the lines, which times the subtitles (engines/joint_sound.py).
        makes = video.sound_made(spec) if hasattr(video, "sound_made") else ""
        track = audio.render(spec, plan, cancelled=cancelled)
        stages["audio"] = round(time.perf_counter() - started, 3)
        report(COMPOSING, AUDIO_END)

        started = time.perf_counter()
        # Average what the engine has made and what ffmpeg has taken: for the preview engine
        # they move together; an engine that denoises every frame before yielding any
        # fills the first half while it works, the encoder the second.
        made = {"engine": 0.0, "encoder": 0.0}

        def frames_progress(source: str, fraction: float) -> None:
            made[source] = fraction
            if made["encoder"] >= 1.0:
                report(FINISHING, FRAMES_END)  # ffmpeg flushes and rewrites for faststart
            else:
                share = (made["engine"] + made["encoder"]) / 2
                report(RENDERING, AUDIO_END + (FRAMES_END - AUDIO_END) * share)

        report(RENDERING, AUDIO_END)
        frames = video.frames(
            spec, plan, track, progress=lambda f: frames_progress("engine", f), cancelled=cancelled
        )
        frames = Overlay(spec, track.spoken).apply(frames, spec.fps)
        marking: list[float] = []  # seconds per frame
        if mark is not None:
            frames = invisible.marked_frames(frames, mark, timer=marking.append)
        sound: dict[str, str] = {}  # what the video model made to be heard, for the job's record

        def soundtrack() -> AudioTrack:
            model_sound = video.sound()
            if model_sound is None:  # the model made none after all
                return track
            kind = model_sound.makes
            sound.update(makes=kind, video_model=MADE[kind], audio_engine=HEARD[kind])
            return sound_mix(track=track, sound=model_sound)

        encode(
            frames,
            soundtrack if makes else track,
            spec,
            out_path=video_path,
            poster_path=poster_path,
            metadata=provenance_tags(spec, video, audio, sound=makes),
            progress=lambda f: frames_progress("encoder", f),
            cancelled=cancelled,
        )
        stages["video+encode"] = round(time.perf_counter() - started, 3)
        if mark is not None:
            stages["watermark"] = round(sum(marking), 3)  # part of video+encode

        started = time.perf_counter()
        media = _check_output(video_path, spec)
        stages["finish"] = round(time.perf_counter() - started, 3)
    except BaseException:
        for path in (video_path, poster_path):
            path.unlink(missing_ok=True)
        raise

    # Described after the render: an engine may report what it learned (e.g. model load time).
    info = {
        "video": video.describe(),
        "audio": audio.describe(),
        **({"sound": sound} if sound else {}),
        "seed": spec.seed,
        "size": f"{spec.width}x{spec.height}",
        "fps": spec.fps,
        "duration": spec.duration,
        "shots": describe_plan(plan),
        "spoken": [
            {
                "text": line.text,
                "speaker": line.speaker,
                # Heard in the model's voice when it spoke the lines itself.
                "voice": "" if sound.get("makes") == ALL else line.voice,
                "start": round(line.start, 3),
                "end": round(line.end, 3),
            }
            for line in track.spoken
        ],  # fmt: skip
        "media": media,
        "stages": stages,
        "versions": versions(),
    }
    report(FINISHING, 1.0)
    return RenderOutput(video_path=video_path, poster_path=poster_path, info=info)


def provenance_tags(
    spec: RenderSpec, video: VideoEngine, audio: AudioEngine, *, sound: str = ""
) -> dict[str, str]:
    """MP4 metadata saying the clip is AI-generated and how; keys the MP4 muxer keeps.

    `sound`: what the video model made to be heard ("world", "all"; "" for nothing).
    """

    def flat(value: object) -> str:
        # ';' and '=' separate the comment's fields; newlines would split ffmpeg's output.
        return re.sub(r"[;=\s]+", " ", str(value)).strip()

    video_info, audio_info = video.describe(), audio.describe()
    # What says how the clip was made comes first: readers (ffmpeg -i among them) show only
    # about 255 characters of a tag, so the details that follow may be cut, never these.
    fields = {"generator": "sora", "engine": video.name}
    if "model" in video_info:
        fields["video_model"] = video_info["model"]
    fields |= {"seed": spec.seed, "size": f"{spec.width}x{spec.height}", "fps": spec.fps, "audio": audio.name}
    if "model" in audio_info:
        fields["audio_model"] = audio_info["model"]
    if sound:
        fields["video_model_sound"] = sound
    fields |= {f"video_{k}": v for k, v in video_info.items() if k not in ("engine", "model")}
    fields |= {f"audio_{k}": v for k, v in audio_info.items() if k not in ("engine", "model")}
    title = " ".join(spec.prompt.split())
    if len(title) > 200:
        title = title[:199] + "…"
    by = f" by @{spec.handle}" if spec.handle else ""
    return {
        "title": title,
        "comment": ";".join(f"{flat(k)}={flat(v)}" for k, v in fields.items()),
        "description": f"AI-generated video{by}, made with the {video.name} engine.",
    }


def describe_plan(plan: Plan) -> list[dict]:
    return plan.as_dict()["shots"]


def versions() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pillow": PIL.__version__,
        "imageio-ffmpeg": imageio_ffmpeg.__version__,
        "ffmpeg": imageio_ffmpeg.get_ffmpeg_version(),
    }


def _check_output(path: Path, spec: RenderSpec) -> dict:
    """A cheap look at what ffmpeg wrote, so a broken file fails the job instead of the feed."""
    try:
        media = parse_ffmpeg_info(read_ffmpeg_info(path))
    except ProbeError as error:
        raise RenderError("The encoded video is unreadable.", detail=str(error)) from error
    video, sound = media.video, media.audio
    if video is None or sound is None or (video.width, video.height) != (spec.width, spec.height):
        raise RenderError("The encoded video is incomplete.", detail=str(media))
    return {
        "duration": media.duration,
        "video_codec": video.codec,
        "audio_codec": sound.codec,
        "width": video.width,
        "height": video.height,
        "bytes": path.stat().st_size,
    }


class _Monotonic:
    """Forward progress, never letting the overall fraction go backwards."""

    def __init__(self, on_progress: Stage) -> None:
        self._on_progress = on_progress
        self._last = 0.0

    def __call__(self, label: str, fraction: float) -> None:
        self._last = max(self._last, min(1.0, fraction))
        self._on_progress(label, self._last)
