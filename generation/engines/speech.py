"""The `speech` audio engine (the default): espeak-ng voices over ambience, cues and music.

Offline and fast (a short sentence takes ~10 ms): the library and its voices come from the
`espeakng-loader` wheel. Each speaker keeps one voice through the video.
"""

from __future__ import annotations

import numpy as np

from ..plan import Plan
from . import espeak
from .base import AudioTrack, CancelledFn, RenderError, RenderSpec
from .soundscape import LineRequest, compose, resample, speaker_voices

VERSION = "1"
# espeak-ng voice variants on English: distinct, clear timbres (m = lower, f = higher).
VOICES = ("en+m3", "en+f2", "en+m1", "en+f4", "en+m7", "en+f3", "en-us+m2", "en-us+f1")
# A few speakers sound better pitched up or down than their variant alone gives.
PITCH = {"cat": 78, "kitten": 82, "puppy": 72, "mouse": 90, "baby": 85, "bear": 28, "dragon": 22,
         "robot": 45, "owl": 40, "chicken": 75, "duck": 80}  # fmt: skip


class SpeechEngine:
    name = "speech"

    def __init__(self) -> None:
        self._voices: list[str] = []

    def describe(self) -> dict[str, str]:
        info = {
            "engine": self.name,
            "version": VERSION,
            "synthesizer": "espeak-ng (espeakng-loader)",
            "model": f"espeak-ng {espeak.version()}",
        }
        if self._voices:
            info["voices"] = ", ".join(self._voices)
        return info

    def render(self, spec: RenderSpec, plan: Plan, *, cancelled: CancelledFn) -> AudioTrack:
        voices = speaker_voices(plan, spec, VOICES)
        self._voices = sorted(set(voices.values()))

        def synthesize(line: LineRequest) -> tuple[np.ndarray, str]:
            voice = voices.get(line.speaker, VOICES[0])
            try:
                samples, rate = espeak.synthesize(
                    line.text,
                    voice=voice,
                    rate=round(espeak.DEFAULT_RATE * line.speed),
                    pitch=PITCH.get(line.speaker, 50),
                )
            except espeak.EspeakError as error:
                raise RenderError("The speech synthesizer failed.", detail=str(error)) from error
            return resample(samples, rate), voice

        return compose(spec, plan, synthesize, cancelled=cancelled)
