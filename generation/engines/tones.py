"""The `tones` audio engine: a soft music bed synthesized with numpy, seeded by (prompt, seed).

A slow chord progression of soft additive pads over a bass note, with a quiet plucked
arpeggio on the eighth notes for a light pulse. Stereo width comes from per-note panning and a
few milliseconds of inter-channel delay, which costs an index shift instead of a second oscillator.
"""

from __future__ import annotations

import hashlib

import numpy as np

from ..plan import Plan
from .base import AudioTrack, Cancelled, CancelledFn, RenderSpec

VERSION = "1"
SAMPLE_RATE = 44100
PEAK = 10 ** (-6 / 20)  # -6 dBFS leaves headroom for speech mixed on top later

# Chords as (semitones above the key's root, minor?).
_MAJOR = {1: (0, False), 2: (2, True), 3: (4, True), 4: (5, False), 5: (7, False), 6: (9, True)}
_MINOR = {1: (0, True), 3: (3, False), 4: (5, True), 5: (7, True), 6: (8, False), 7: (10, False)}
_PROGRESSIONS = (
    (_MAJOR, (1, 5, 6, 4)),
    (_MAJOR, (6, 4, 1, 5)),
    (_MAJOR, (1, 6, 4, 5)),
    (_MAJOR, (4, 1, 5, 6)),
    (_MINOR, (1, 6, 3, 7)),
    (_MINOR, (1, 4, 6, 5)),
    (_MINOR, (1, 7, 6, 7)),
)
# Eight eighth notes per chord, as indices into the chord's arpeggio tones.
_ARPEGGIOS = ((0, 1, 2, 3, 2, 1, 0, 1), (0, 2, 1, 3, 0, 2, 1, 2), (3, 2, 1, 0, 1, 2, 3, 2))
# Harmonic amplitudes: a warm saw-like pad, or a hollow square-like one (odd harmonics). Both
# reach several kHz: a bed of sines alone sounds muffled, as if heard through a wall.
_TIMBRES = (
    tuple(1 / h**1.4 for h in range(1, 17)),
    tuple((1 / h**1.2 if h % 2 else 0.08 / h) for h in range(1, 17)),
)
SHAKER_GAIN = 0.15  # a soft shaker on the eighth notes: the bed's air above 5 kHz


class TonesEngine:
    name = "tones"
    hardware = "cpu"  # a synthesized music bed (generation/queues.py)

    def describe(self) -> dict[str, str]:
        return {"engine": self.name, "version": VERSION, "sample_rate": str(SAMPLE_RATE)}

    def render(self, spec: RenderSpec, plan: Plan, *, cancelled: CancelledFn) -> AudioTrack:
        if cancelled():
            raise Cancelled()
        bed = music_bed(spec.prompt, spec.seed, spec.duration, cancelled=cancelled)
        return AudioTrack(samples=bed.astype(np.float32), sample_rate=SAMPLE_RATE)


def music_bed(
    prompt: str, seed: int, duration: float, *, cancelled: CancelledFn = lambda: False
) -> np.ndarray:
    """A soft chord progression, (n, 2) float32 peaking at -6 dBFS, seeded by (prompt, seed)."""
    rng = np.random.default_rng(
        int.from_bytes(hashlib.sha256(f"tones\x00{seed}\x00{prompt}".encode()).digest()[:16], "big")
    )
    length = round(duration * SAMPLE_RATE)
    out = np.zeros((length, 2), dtype=np.float32)

    chords, degrees = _PROGRESSIONS[rng.integers(len(_PROGRESSIONS))]
    timbre = _TIMBRES[rng.integers(len(_TIMBRES))]
    key_root = 40 + int(rng.integers(0, 8))  # MIDI E2..B2 for the bass
    beat = 60.0 / rng.uniform(66, 84)
    chord_seconds = 4 * beat
    delay = int(rng.uniform(0.004, 0.012) * SAMPLE_RATE)
    pattern = _ARPEGGIOS[rng.integers(len(_ARPEGGIOS))]

    start = 0.0
    index = 0
    # An arpeggio repeats a handful of pitches: synthesize each once per bed.
    plucks: dict[int, np.ndarray] = {}
    while start < duration:
        if cancelled():
            raise Cancelled()
        offset, minor = chords[degrees[index % len(degrees)]]
        root = key_root + offset
        third = 3 if minor else 4
        pad = (root + 12, root + 12 + third, root + 19, root + 24)
        _note(out, _hz(root), start, chord_seconds, 0.0, 0.30, timbre, delay)
        for note in pad:
            pan = float(rng.uniform(-0.6, 0.6))
            _note(out, _hz(note), start, chord_seconds, pan, 0.13, timbre, delay)
        arpeggio = (root + 24, root + 24 + third, root + 31, root + 36)
        for step, tone in enumerate(pattern):
            offbeat = step % 2
            note = arpeggio[tone]
            if note not in plucks:
                plucks[note] = _pluck_wave(_hz(note))
            _pluck(
                out,
                plucks[note],
                start + step * beat / 2,
                0.35 if offbeat else -0.35,
                0.05 if offbeat else 0.08,
            )
        start += chord_seconds
        index += 1

    shaker = _shaker_wave(rng)
    for step in range(int(duration / (beat / 2)) + 1):
        accent = 1.0 if step % 2 else 0.6
        _pluck(out, shaker, step * beat / 2, 0.5 if step % 4 < 2 else -0.5, SHAKER_GAIN * accent)

    fade_in = min(int(0.6 * SAMPLE_RATE), length // 4)
    fade_out = min(int(1.2 * SAMPLE_RATE), length // 4)
    out[:fade_in] *= np.linspace(0.0, 1.0, fade_in)[:, None]
    out[length - fade_out :] *= np.linspace(1.0, 0.0, fade_out)[:, None]

    peak = float(np.max(np.abs(out))) or 1.0
    return out * (PEAK / peak)


def _hz(midi: float) -> float:
    return 440.0 * 2 ** ((midi - 69) / 12)


def _window(out: np.ndarray, start: float, seconds: float) -> tuple[int, int]:
    first = int(start * SAMPLE_RATE)
    return first, min(len(out), first + int(seconds * SAMPLE_RATE))


def _pan_gains(pan: float) -> tuple[float, float]:
    # Constant-power panning keeps loudness even as notes move across the field.
    angle = (pan + 1) * np.pi / 4
    return float(np.cos(angle)), float(np.sin(angle))


def _add_stereo(out: np.ndarray, first: int, wave: np.ndarray, pan: float, delay: int) -> None:
    left, right = _pan_gains(pan)
    end = min(len(out), first + len(wave))
    out[first:end, 0] += left * wave[: end - first]
    # The right channel hears the note a few ms later: cheap width without a second oscillator.
    rfirst = first + delay
    if rfirst < len(out):
        rend = min(len(out), rfirst + len(wave))
        out[rfirst:rend, 1] += right * wave[: rend - rfirst]


def _note(
    out: np.ndarray,
    hz: float,
    start: float,
    seconds: float,
    pan: float,
    gain: float,
    timbre: tuple[float, ...],
    delay: int,
) -> None:
    attack, release = 0.35 * seconds, 0.25 * seconds
    first, last = _window(out, start, seconds + release)
    if first >= last:
        return
    n = last - first
    # One cycle of the timbre looked up by phase: a table read per sample instead of one
    # sine per harmonic, which made the bed most of a render's time.
    table = _cycle(timbre)
    phase = (np.arange(n, dtype=np.float64) * (hz * _TABLE / SAMPLE_RATE)).astype(np.int64) % _TABLE
    wave = table[phase]
    t = np.arange(n, dtype=np.float32) / SAMPLE_RATE
    # Raised-cosine attack, hold, then a release that overlaps the next chord's attack.
    envelope = np.ones(n, dtype=np.float32)
    rising = t < attack
    envelope[rising] = 0.5 - 0.5 * np.cos(np.pi * t[rising] / attack)
    falling = t > seconds
    envelope[falling] = np.exp(-5.0 * (t[falling] - seconds) / release)
    _add_stereo(out, first, gain * wave * envelope, pan, delay)


_TABLE = 4096
_cycles: dict[tuple[float, ...], np.ndarray] = {}


def _cycle(timbre: tuple[float, ...]) -> np.ndarray:
    if timbre not in _cycles:
        x = np.arange(_TABLE) / _TABLE
        wave = sum(a * np.sin(2 * np.pi * h * x) for h, a in enumerate(timbre, start=1) if a)
        _cycles[timbre] = np.asarray(wave, dtype=np.float32)
    return _cycles[timbre]


def _pluck_wave(hz: float) -> np.ndarray:
    t = np.arange(int(0.9 * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    # A bright attack (upper harmonics that die fast) over a mellow tail, like a plucked string.
    bright = sum(np.sin(2 * np.pi * h * hz * t) / h for h in range(2, 9))
    wave = np.sin(2 * np.pi * hz * t) + 0.5 * bright * np.exp(-t / 0.04)
    return (wave * np.minimum(t / 0.005, 1.0) * np.exp(-t / 0.18)).astype(np.float32)


def _shaker_wave(rng: np.random.Generator) -> np.ndarray:
    """A short burst of noise above 5 kHz, shaped in the frequency domain (one FFT per bed)."""
    n = 4096
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    spectrum[(freqs < 5000) | (freqs > 16000)] = 0
    burst = np.fft.irfft(spectrum, n)[: int(0.09 * SAMPLE_RATE)]
    t = np.arange(len(burst)) / SAMPLE_RATE
    burst *= np.minimum(t / 0.004, 1.0) * np.exp(-t / 0.025)
    wave = np.zeros(int(0.9 * SAMPLE_RATE), np.float32)
    wave[: len(burst)] = burst / (float(np.abs(burst).max()) or 1.0)
    return wave


def _pluck(out: np.ndarray, wave: np.ndarray, start: float, pan: float, gain: float) -> None:
    first, last = _window(out, start, 0.9)
    if first < last:
        _add_stereo(out, first, gain * wave[: last - first], pan, 0)
