"""The contract between the render pipeline and its engines.

Pure Python on purpose: engines run inside RQ workers (and tests) and must not need Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from ..plan import Plan


@dataclass(frozen=True)
class Reference:
    """A likeness the video may show (a cameo): a portrait the engines composite or animate."""

    name: str  # as written in prompts, e.g. "@bob"
    image: str  # a local path to the portrait (the worker fetches it from storage first)
    voice: str = ""  # a voice name for the speech engine; empty = chosen from the seed
    notes: str = ""  # the owner's wishes ("always wearing my red glasses"), passed to engines
    consent: str = ""  # which cameo and consent allowed it, for the video's Content Credentials


@dataclass(frozen=True)
class RenderSpec:
    """Everything a render needs, frozen on the job row so a retry renders the same clip."""

    prompt: str
    duration: int  # seconds: 5, 10 or 15 (validated by the caller, not here)
    width: int
    height: int
    seed: int
    handle: str  # the creator's handle without "@", shown in the watermark
    fps: int = 24
    references: tuple[Reference, ...] = ()  # cameos: image-to-video / composited portraits
    parent_video: str = ""  # a local path to the clip being remixed: video-to-video
    parent_strength: float = 0.6  # 0 keeps the parent, 1 ignores it
    parent_prompt: str = ""  # the remixed video's prompt: a subtle remix keeps its plan

    @property
    def frame_count(self) -> int:
        return self.duration * self.fps

    @classmethod
    def from_dict(cls, data: dict) -> RenderSpec:
        """Build from the JSON stored on a job; unknown keys are ignored for old rows' sake."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["references"] = tuple(Reference(**ref) for ref in values.get("references", ()))
        return cls(**values)


ProgressFn = Callable[[float], None]  # fraction 0..1 within the current stage
CancelledFn = Callable[[], bool]  # True -> stop as soon as possible


class Cancelled(Exception):
    """The job was cancelled; raised by engines and the pipeline as soon as they notice."""


class RenderError(Exception):
    """A failure whose message is fit to show the user.

    ``detail`` carries what only an operator should see (e.g. ffmpeg's stderr).
    """

    def __init__(self, user_message: str, *, detail: str = "") -> None:
        super().__init__(user_message if not detail else f"{user_message} ({detail})")
        self.user_message = user_message
        self.detail = detail


@dataclass(frozen=True)
class SpokenLine:
    """Where a line of dialogue is heard; subtitles and lip motion use the same times."""

    text: str
    speaker: str
    shot: int  # index of the shot the line belongs to
    start: float  # seconds into the clip where the voice becomes audible
    end: float  # seconds into the clip where it falls silent
    voice: str = ""  # which voice spoke it


@dataclass
class AudioTrack:
    samples: np.ndarray  # float32, shape (n, 2), range -1..1: the whole mix
    sample_rate: int  # 44100 or 48000
    spoken: tuple[SpokenLine, ...] = ()
    # The dialogue alone (mono float32, same length and rate as `samples`), for lip motion.
    voice: np.ndarray | None = field(default=None, repr=False)

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate

    def voice_levels(self, fps: int) -> np.ndarray:
        """Loudness of the dialogue per video frame, 0..1 (1 = the loudest frame of speech)."""
        frames = round(self.seconds * fps)
        if self.voice is None or not len(self.voice):
            return np.zeros(frames, dtype=np.float32)
        per_frame = self.sample_rate / fps
        edges = np.minimum(np.round(np.arange(frames + 1) * per_frame).astype(int), len(self.voice))
        squares = np.concatenate(([0.0], np.cumsum(self.voice.astype(np.float64) ** 2)))
        counts = np.maximum(edges[1:] - edges[:-1], 1)
        rms = np.sqrt((squares[edges[1:]] - squares[edges[:-1]]) / counts)
        peak = float(rms.max())
        return (rms / peak).astype(np.float32) if peak > 0 else rms.astype(np.float32)


class VideoEngine(Protocol):
    """Optional, for a model that makes sound with its pictures (diffusion.DiffusersEngine with
    LTX-2): `sound_made(spec) -> str`, asked before the audio engine runs, and `sound()`, read
    after the last frame; the render pipeline mixes what it made (engines/joint_sound.py)."""

    name: str
    # "gpu" or "cpu": the hardware it needs, which decides the queue its jobs wait in
    # (generation/queues.py). An engine that says nothing counts as "cpu".
    hardware: str

    def describe(self) -> dict[str, str]:
        """How this engine makes videos, recorded on the job (e.g. engine, version, model id)."""
        ...

    def frames(
        self,
        spec: RenderSpec,
        plan: Plan,
        soundtrack: AudioTrack,
        *,
        progress: ProgressFn,
        cancelled: CancelledFn,
    ) -> Iterator[np.ndarray]:
        """Yield exactly ``spec.frame_count`` frames, each (height, width, 3) uint8.

        The soundtrack is made first, so an engine can move lips with ``soundtrack.voice`` and
        time action to ``soundtrack.spoken``. Subtitles and the watermark are not the engine's
        job: the pipeline draws them on every engine's frames.

        Frames are produced lazily: a 15 s portrait clip is ~1 GB raw, so never hold the clip.
        """
        ...


class AudioEngine(Protocol):
    name: str
    hardware: str  # as for VideoEngine: "gpu" or "cpu"

    def describe(self) -> dict[str, str]: ...

    def render(self, spec: RenderSpec, plan: Plan, *, cancelled: CancelledFn) -> AudioTrack:
        """Return exactly ``spec.duration`` seconds of stereo audio.

        Each line of ``plan`` is spoken within its shot, and ``spoken`` says when, measured
        from the audible onset: the subtitles are shown from those times.
        """
        ...
