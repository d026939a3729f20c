"""The contract between the render pipeline and its engines.

Pure Python on purpose: engines run inside RQ workers (and tests) and must not need Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np


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

    @property
    def frame_count(self) -> int:
        return self.duration * self.fps


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


@dataclass
class AudioTrack:
    samples: np.ndarray  # float32, shape (n, 2), range -1..1
    sample_rate: int  # 44100 or 48000

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


class VideoEngine(Protocol):
    name: str

    def describe(self) -> dict[str, str]:
        """How this engine makes videos, recorded on the job (e.g. engine, version, model id)."""
        ...

    def frames(
        self, spec: RenderSpec, *, progress: ProgressFn, cancelled: CancelledFn
    ) -> Iterator[np.ndarray]:
        """Yield exactly ``spec.frame_count`` frames, each (height, width, 3) uint8.

        Frames are produced lazily: a 15 s portrait clip is ~1 GB raw, so never hold the clip.
        """
        ...


class AudioEngine(Protocol):
    name: str

    def describe(self) -> dict[str, str]: ...

    def render(self, spec: RenderSpec, *, cancelled: CancelledFn) -> AudioTrack:
        """Return exactly ``spec.duration`` seconds of stereo audio."""
        ...
