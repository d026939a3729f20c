"""Everything around the dialogue, synthesized in code: ambience per scene, sound cues, the mix.

Shared by the speech engines (`speech`, `bark`): they make the voice lines; this module places
them in their shots, lays ambience under each shot, plays the bracketed cues, ducks the music
and ambience under the voice and mixes it all to exactly the clip's length.

Noises are shaped in the frequency domain (one FFT per sound) rather than with sample-by-sample
filters: numpy does that in milliseconds, and no DSP library is needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..plan import LINE_LEAD, Plan, Shot
from .base import AudioTrack, Cancelled, CancelledFn, RenderSpec, SpokenLine
from .tones import SAMPLE_RATE, music_bed

SR = SAMPLE_RATE
LINE_GAP = 0.25  # silence between two lines in one shot
CUE_GAP = 0.12  # after the shot's speech, before its cue
ONSET_THRESHOLD = 0.02  # |sample| above which a voice counts as audible
MUSIC_GAIN, AMBIENCE_GAIN, CUE_GAIN, VOICE_GAIN = 0.45, 0.32, 1.0, 0.9
DUCK = 10 ** (-10 / 20)  # music, ambience and cues under speech, at least
# dB the voice stands above the ducked bed; the goal is 12, and AAC and the limiter take some.
SPEECH_OVER_BED = 18.0
DUCK_FLOOR = 10 ** (-40 / 20)
READ_LEAD, READ_PER_CHAR, READ_MIN = 0.4, 0.065, 1.2  # seconds a subtitle-only line is shown
CROSSFADE = 0.15  # ambience crossfade at cuts, seconds
HEADROOM = 10 ** (-1 / 20)


@dataclass(frozen=True)
class LineRequest:
    """A line of the plan for a speech engine to voice."""

    text: str
    speaker: str
    shot: Shot
    last_in_shot: bool  # the shot's cues follow this line: an engine may perform them in the voice
    speed: float  # 1 = the voice's own pace; more asks an engine that can for faster speech
    room: float  # seconds left in the clip from where the line starts


Synthesize = Callable[[LineRequest], tuple[np.ndarray, str]]
"""A line -> (mono float32 at SR, the voice's name)."""


def rng_for(*parts: object) -> np.random.Generator:
    digest = hashlib.sha256("\x00".join(map(str, parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """To SR, band-limited (one FFT): linear interpolation would fold a voice's highs into hiss.

    Lines start and end in silence, so the FFT's wrap-around has nothing to smear.
    """
    if rate == SR or not len(samples):
        return samples.astype(np.float32)
    count = round(len(samples) * SR / rate)
    size = _smooth_length(len(samples))
    out_size = round(size * SR / rate)
    spectrum = np.fft.rfft(samples.astype(np.float64), size)
    bins = out_size // 2 + 1
    if bins <= len(spectrum):
        spectrum = spectrum[:bins]
    else:
        spectrum = np.concatenate([spectrum, np.zeros(bins - len(spectrum), spectrum.dtype)])
    return (np.fft.irfft(spectrum, out_size)[:count] * (out_size / size)).astype(np.float32)


def trim(samples: np.ndarray) -> np.ndarray:
    """Cut silence at both ends, so a line's first sample is where it becomes audible."""
    loud = np.flatnonzero(np.abs(samples) > ONSET_THRESHOLD)
    if not len(loud):
        return samples[:0]
    return samples[loud[0] : loud[-1] + 1]


def compose(
    spec: RenderSpec,
    plan: Plan,
    synthesize: Synthesize,
    *,
    cancelled: CancelledFn,
    retime: bool = True,
    voiced_cues: Callable[[str], bool] = lambda cue: False,
) -> AudioTrack:
    """Place every line of the plan in its shot, then mix voice, cues, ambience and music.

    `retime`: the engine can speak faster on request (a line too long for the clip is asked
    again at a higher speed before it is cut). `voiced_cues`: cues the engine performs in the
    voice of a shot's last line (Bark's "[laughs]"), left out of the effects for such shots.
    """
    length = round(spec.duration * SR)
    voice = np.zeros(length, dtype=np.float32)
    effects = np.zeros((length, 2), dtype=np.float32)
    spoken: list[SpokenLine] = []

    for shot in plan.shots:
        cursor = shot.start + LINE_LEAD
        # A line may run on past its cut into a quiet shot, but never into the next one's speech.
        later = [s.start + LINE_LEAD - LINE_GAP for s in plan.shots[shot.index + 1 :] if s.lines]
        until = min([spec.duration - 0.05, *later])
        for number, line in enumerate(shot.lines):
            if cancelled():
                raise Cancelled()
            room = until - cursor
            if room <= 0.2:
                break  # no time left in the clip for this line
            request = LineRequest(line.text, line.speaker, shot, number == len(shot.lines) - 1, 1.0, room)
            samples, name = synthesize(request)
            samples = trim(samples)
            if retime and len(samples) / SR > room:
                # Speak faster rather than cut the line off; cut only what still does not fit.
                faster = min(1.7, (len(samples) / SR) / room * 1.05)
                samples, name = synthesize(replace(request, speed=faster))
                samples = trim(samples)
            samples = _fit(samples, room)
            if not len(samples):
                # No voice could say it (or it was silence): shown as a subtitle for as long
                # as it takes to read, and the shot moves on as if it had been spoken.
                seconds = min(room, max(READ_MIN, READ_LEAD + READ_PER_CHAR * len(line.text)))
                spoken.append(SpokenLine(line.text, line.speaker, shot.index, cursor, cursor + seconds, ""))
                cursor += seconds + LINE_GAP
                continue
            # The line is "heard" where it gets loud, not at its first faint sample (a soft
            # "m" or breath): that moment is placed on the beat and timed for the subtitle.
            lead = min(onset(samples), round(cursor * SR))
            first = round(cursor * SR) - lead
            voice[first : first + len(samples)] += samples[: length - first]
            end = (first + len(samples)) / SR
            spoken.append(SpokenLine(line.text, line.speaker, shot.index, (first + lead) / SR, end, name))
            cursor = end + LINE_GAP

        speech_end = max((s.end for s in spoken if s.shot == shot.index), default=None)
        at = shot.start + 0.3 if speech_end is None else speech_end + CUE_GAP
        for number, cue in enumerate(shot.cues):
            if speech_end is not None and voiced_cues(cue):
                continue
            sound = cue_sound(cue, rng_for("cue", spec.seed, spec.prompt, shot.index, number))
            _add(effects, sound, at, pan=0.0)
            at += 0.35

    if cancelled():
        raise Cancelled()
    ambience = ambience_for(plan, length, spec)
    music = music_bed(spec.prompt, spec.seed, spec.duration).astype(np.float32)
    bed = music * MUSIC_GAIN + ambience * AMBIENCE_GAIN + effects * CUE_GAIN
    dialogue = voice * VOICE_GAIN
    mix = bed * duck_envelope(dialogue, bed)[:, None] + dialogue[:, None]
    mix = limit(mix)
    return AudioTrack(samples=mix.astype(np.float32), sample_rate=SR, spoken=tuple(spoken), voice=voice)


def limit(mix: np.ndarray, knee: float = 0.7) -> np.ndarray:
    """Soft-limit peaks above `knee` to stay under -1 dBFS, leaving everything quieter untouched.

    Normalising the whole mix instead would let one loud cue turn the dialogue down.
    """
    over = np.abs(mix) > knee
    if not over.any():
        return mix
    room = HEADROOM - knee
    magnitude = knee + room * np.tanh((np.abs(mix[over]) - knee) / room)
    mix[over] = np.sign(mix[over]) * magnitude
    return mix


def onset(samples: np.ndarray) -> int:
    """Index where a voice becomes clearly audible: its 5 ms loudness first reaches -20 dB of its peak."""
    block = int(0.005 * SR)
    blocks = len(samples) // block
    if blocks == 0:
        return 0
    rms = np.sqrt((samples[: blocks * block].reshape(blocks, block).astype(np.float64) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms >= 0.1 * rms.max())
    return int(loud[0]) * block if len(loud) else 0


def _fit(samples: np.ndarray, seconds: float) -> np.ndarray:
    keep = max(0, int(seconds * SR))
    if len(samples) <= keep:
        return samples
    samples = samples[:keep].copy()
    fade = min(len(samples), int(0.08 * SR))
    samples[len(samples) - fade :] *= np.linspace(1, 0, fade, dtype=np.float32)
    return samples


def duck_envelope(voice: np.ndarray, bed: np.ndarray) -> np.ndarray:
    """The bed's gain: 1 where nobody speaks; while someone does, low enough for the voice.

    Each stretch of speech gets at least DUCK, and more where the bed is loud (rain, a crowd),
    so the voice stands SPEECH_OVER_BED dB above what is left of it; 60 ms ramps either side.
    """
    block = int(0.01 * SR)
    blocks = -(-len(voice) // block)

    def per_block(signal: np.ndarray) -> np.ndarray:
        padded = np.zeros(blocks * block, dtype=np.float64)
        padded[: len(signal)] = signal
        return padded.reshape(blocks, block)

    voiced = per_block(voice)
    active = np.abs(voiced).max(axis=1) > ONSET_THRESHOLD * VOICE_GAIN
    # Hold across the short pauses between words so the music does not pump.
    hold = 25
    held = np.convolve(active.astype(np.float32), np.ones(2 * hold + 1, np.float32), mode="same") > 0
    voice_power = (voiced**2).mean(axis=1)
    # Both sides' power, not the mono sum's: a listener on one earbud hears one side.
    bed_squares = (bed.astype(np.float64) ** 2).mean(axis=1) if bed.ndim == 2 else bed**2
    bed_power = per_block(bed_squares).mean(axis=1)
    gain = np.ones(blocks, dtype=np.float64)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], held.astype(np.int8), [0]))))
    for first, last in zip(edges[::2], edges[1::2], strict=True):
        speech = np.sqrt(voice_power[first:last][active[first:last]].mean())
        under = np.sqrt(bed_power[first:last].mean())
        fits = speech / under * 10 ** (-SPEECH_OVER_BED / 20) if under > 0 else 1.0
        gain[first:last] = max(DUCK_FLOOR, min(DUCK, fits))
    ramp = 6
    # Ramps are averages of the gains around each block: a stretch's own gain is kept inside it.
    padded = np.concatenate((np.full(ramp, gain[0]), gain, np.full(ramp, gain[-1])))
    smooth = np.convolve(padded, np.ones(ramp) / ramp, mode="same")[ramp:-ramp]
    smooth = np.minimum(smooth, np.where(held, gain, 1.0))
    return np.repeat(smooth, block)[: len(voice)].astype(np.float32)


def _add(out: np.ndarray, sound: np.ndarray, at: float, *, pan: float) -> None:
    first = round(at * SR)
    if first >= len(out) or not len(sound):
        return
    part = sound[: len(out) - first]
    if sound.ndim == 1:
        angle = (pan + 1) * np.pi / 4
        out[first : first + len(part), 0] += part * np.cos(angle) * np.sqrt(2)
        out[first : first + len(part), 1] += part * np.sin(angle) * np.sqrt(2)
    else:
        out[first : first + len(part)] += part


# --- sound makers ---------------------------------------------------------------------------


def noise(n: int, rng: np.random.Generator, *, low: float = 20, high: float = 16000, tilt: float = 0.0):
    """Band-limited noise; tilt -1 is pink-ish (softer highs), -2 brown-ish (rumble)."""
    if n <= 0:
        return np.zeros(0, np.float32)
    # FFTs of lengths with large prime factors are many times slower: shape a longer,
    # 5-smooth stretch of noise and keep its start.
    size = _smooth_length(n)
    bins = size // 2 + 1
    spectrum = rng.standard_normal(bins, dtype=np.float32) + 1j * rng.standard_normal(bins, dtype=np.float32)
    freqs = np.fft.rfftfreq(size, 1 / SR).astype(np.float32)
    shape = ((freqs >= low) & (freqs <= high)).astype(np.float32)
    if tilt:
        shape *= np.power(np.maximum(freqs, 1.0) / 1000.0, tilt / 2)
    out = np.fft.irfft(spectrum * shape, size)[:n]
    peak = float(np.max(np.abs(out))) or 1.0
    return (out / peak).astype(np.float32)


def _smooth_length(n: int) -> int:
    """The smallest 2^a·3^b·5^c at least n."""
    best = 1 << max(0, (n - 1).bit_length())
    threes = 1
    while threes < best:
        fives = threes
        while fives < best:
            size = fives
            while size < n:
                size *= 2
            best = min(best, size)
            fives *= 5
        threes *= 3
    return best


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * SR)) / SR


def _env(n: int, attack: float, decay: float) -> np.ndarray:
    t = np.arange(n) / SR
    return (np.minimum(t / max(attack, 1e-4), 1.0) * np.exp(-t / max(decay, 1e-4))).astype(np.float32)


def _burst(out: np.ndarray, sound: np.ndarray, at: int) -> None:
    end = min(len(out), at + len(sound))
    if at < end:
        out[at:end] += sound[: end - at]


def applause(rng: np.random.Generator, seconds: float = 2.6) -> np.ndarray:
    """Hundreds of short noisy claps, swelling and fading: how a clapping crowd sounds."""
    n = int(seconds * SR)
    out = np.zeros((n, 2), np.float32)
    clap = noise(int(0.03 * SR), rng, low=600, high=9000) * _env(int(0.03 * SR), 0.001, 0.008)
    count = int(160 * seconds)
    times = np.sort(rng.beta(1.6, 2.4, count)) * (n - len(clap))
    for at in times.astype(int):
        gain = rng.uniform(0.15, 0.5)
        pan = rng.uniform(0.2, 1.0)
        side = rng.integers(2)
        _burst(out[:, side], clap * gain, at)
        _burst(out[:, 1 - side], clap * gain * pan, at)
    return out / (float(np.max(np.abs(out))) or 1.0) * 0.8


def laughs(rng: np.random.Generator) -> np.ndarray:
    """Four breathy "ha"s: a voiced tone through a vowel-ish band, falling in pitch."""
    out = np.zeros(int(1.3 * SR), np.float32)
    pitch = rng.uniform(180, 260)
    for index in range(4):
        t = _t(0.17)
        hz = pitch * (1 - 0.06 * index)
        voiced = np.sign(np.sin(2 * np.pi * hz * t)) * 0.4 + noise(len(t), rng, low=500, high=2500) * 0.5
        _burst(out, (voiced * _env(len(t), 0.01, 0.06)).astype(np.float32), int(index * 0.27 * SR))
    return out


def chirps(rng: np.random.Generator, seconds: float, *, count: int) -> np.ndarray:
    out = np.zeros(int(seconds * SR), np.float32)
    for _ in range(count):
        t = _t(rng.uniform(0.06, 0.14))
        f0, f1 = rng.uniform(2500, 4200), rng.uniform(3000, 6000)
        phase = 2 * np.pi * np.cumsum(np.linspace(f0, f1, len(t))) / SR
        _burst(out, (np.sin(phase) * np.hanning(len(t)) * 0.35).astype(np.float32),
               int(rng.uniform(0, max(1, len(out) - len(t)))))  # fmt: skip
    return out


def thunder(rng: np.random.Generator) -> np.ndarray:
    n = int(2.5 * SR)
    return noise(n, rng, low=25, high=300, tilt=-2) * _env(n, 0.05, 0.7)


def boom(rng: np.random.Generator) -> np.ndarray:
    n = int(1.5 * SR)
    t = np.arange(n) / SR
    body = noise(n, rng, low=30, high=2000, tilt=-1.5) + 0.6 * np.sin(2 * np.pi * 55 * t)
    return (body * _env(n, 0.003, 0.35)).astype(np.float32)


def bell(rng: np.random.Generator) -> np.ndarray:
    t = _t(2.0)
    base = rng.uniform(600, 900)
    tone = sum(
        a * np.sin(2 * np.pi * base * r * t) for r, a in ((1, 1), (2.76, 0.5), (5.4, 0.25), (8.9, 0.1))
    )
    return (tone * _env(len(t), 0.002, 0.6) * 0.5).astype(np.float32)


def whistle(rng: np.random.Generator) -> np.ndarray:
    t = _t(0.9)
    f = np.linspace(1400, 2600, len(t)) + 40 * np.sin(2 * np.pi * 6 * t)
    return (np.sin(2 * np.pi * np.cumsum(f) / SR) * np.hanning(len(t)) * 0.5).astype(np.float32)


def bark(rng: np.random.Generator) -> np.ndarray:
    out = np.zeros(int(0.8 * SR), np.float32)
    for index in range(2):
        n = int(0.16 * SR)
        t = np.arange(n) / SR
        f = np.linspace(520, 360, n)
        voiced = (
            np.sign(np.sin(2 * np.pi * np.cumsum(f) / SR)) * 0.5 + noise(n, rng, low=300, high=3000) * 0.6
        )
        _burst(out, (voiced * _env(n, 0.004, 0.05) * (1 - 0.2 * index) * (t >= 0)).astype(np.float32),
               int(index * 0.3 * SR))  # fmt: skip
    return out


def meow(rng: np.random.Generator) -> np.ndarray:
    t = _t(0.8)
    f = 500 + 350 * np.sin(np.pi * t / 0.8)
    phase = 2 * np.pi * np.cumsum(f) / SR
    tone = np.sin(phase) + 0.5 * np.sin(2 * phase) + 0.25 * np.sin(3 * phase)
    return (tone * np.hanning(len(t)) * 0.4).astype(np.float32)


def heartbeat(rng: np.random.Generator) -> np.ndarray:
    out = np.zeros(int(2.4 * SR), np.float32)
    thump = (np.sin(2 * np.pi * 50 * _t(0.15)) * _env(int(0.15 * SR), 0.005, 0.04)).astype(np.float32)
    for beat in range(3):
        _burst(out, thump, int(beat * 0.8 * SR))
        _burst(out, thump * 0.7, int((beat * 0.8 + 0.22) * SR))
    return out


def drums(rng: np.random.Generator) -> np.ndarray:
    out = np.zeros(int(2.0 * SR), np.float32)
    kick = (np.sin(2 * np.pi * np.cumsum(np.linspace(120, 45, int(0.2 * SR))) / SR)
            * _env(int(0.2 * SR), 0.002, 0.08)).astype(np.float32)  # fmt: skip
    snare = noise(int(0.15 * SR), rng, low=1500, high=9000) * _env(int(0.15 * SR), 0.001, 0.05)
    for step in range(8):
        _burst(out, kick if step % 2 == 0 else snare * 0.6, int(step * 0.25 * SR))
    return out


def tune(rng: np.random.Generator) -> np.ndarray:
    out = np.zeros(int(2.0 * SR), np.float32)
    scale = (0, 2, 4, 7, 9, 12)
    root = rng.uniform(440, 660)
    for step in range(8):
        t = _t(0.3)
        hz = root * 2 ** (scale[rng.integers(len(scale))] / 12)
        _burst(out, (np.sin(2 * np.pi * hz * t) * _env(len(t), 0.005, 0.12) * 0.5).astype(np.float32),
               int(step * 0.22 * SR))  # fmt: skip
    return out


def whoosh(rng: np.random.Generator) -> np.ndarray:
    n = int(0.9 * SR)
    return noise(n, rng, low=300, high=5000, tilt=-1) * np.hanning(n).astype(np.float32) * 0.7


def wave_swell(rng: np.random.Generator) -> np.ndarray:
    n = int(2.8 * SR)
    shape = np.sin(np.pi * np.linspace(0, 1, n)) ** 2
    return (noise(n, rng, low=80, high=6000, tilt=-1) * shape * 0.9).astype(np.float32)


def _weather(tag: str, seconds: float) -> Callable[[np.random.Generator], np.ndarray]:
    """A cue that is a burst of a scene's ambience ("[rain]", "[wind]"), swelling in and out."""

    def make(rng: np.random.Generator) -> np.ndarray:
        n = int(seconds * SR)
        bed = _ambience_tag(tag, n, rng)
        return (bed / (float(np.max(np.abs(bed))) or 1.0) * np.hanning(n)).astype(np.float32)

    return make


CUES: dict[str, Callable[[np.random.Generator], np.ndarray]] = {
    "applause": applause, "clapping": applause, "claps": applause, "cheer": applause, "cheers": applause,
    "laughs": laughs, "laugh": laughs, "laughing": laughs, "laughter": laughs, "giggles": laughs,
    "thunder": thunder, "boom": boom, "explosion": boom, "bang": boom, "bell": bell, "bells": bell,
    "ding": bell, "whistle": whistle, "bark": bark, "barks": bark, "woof": bark, "meow": meow,
    "heartbeat": heartbeat, "drums": drums, "drumroll": drums, "music": tune, "♪": tune, "♫": tune,
    "song": tune, "waves": wave_swell, "splash": wave_swell, "whoosh": whoosh, "wind": _weather("sky", 2.5),
    "rain": _weather("rain", 2.5), "crowd": _weather("party", 2.0), "crickets": _weather("night", 2.0),
    "traffic": _weather("city", 2.5), "fire": _weather("fire", 2.0), "sizzle": _weather("kitchen", 2.0),
    "birds": lambda rng: chirps(rng, 1.5, count=8), "chirp": lambda rng: chirps(rng, 0.8, count=3),
}  # fmt: skip


CUE_RMS = 0.2


def cue_sound(cue: str, rng: np.random.Generator) -> np.ndarray:
    """The sound for a bracketed cue; an unknown cue gets a soft whoosh rather than silence.

    Levelled by loudness, not peak: sparse claps and a sustained bell should sound as present.
    """
    words = cue.replace("♪", " ♪ ").replace("♫", " ♫ ").split()
    maker = next((CUES[w.strip(".,!?")] for w in (cue, *words) if w.strip(".,!?") in CUES), whoosh)
    sound = maker(rng)
    loudness = float(np.sqrt(np.mean(sound.astype(np.float64) ** 2))) or 1.0
    sound = sound * (CUE_RMS / loudness)
    peak = float(np.max(np.abs(sound))) or 1.0
    return (sound / max(1.0, peak)).astype(np.float32)


# --- ambience ---------------------------------------------------------------------------------


def _ambience_tag(tag: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """A loopless bed for one scene tag, mono, roughly unit level."""
    t = np.arange(n) / SR
    if tag in ("sea", "beach"):
        swell = 0.55 + 0.45 * np.sin(2 * np.pi * t / rng.uniform(5, 8) + rng.uniform(0, 6)) ** 2
        return noise(n, rng, low=60, high=15000, tilt=-1) * swell
    if tag == "rain":
        drops = _scatter(n, rng, noise(200 * 64, rng, low=2000, high=12000) * 0.3, 200, int(n / SR * 40))
        return noise(n, rng, low=1500, high=14000) * 0.6 + drops
    if tag in ("snow", "mountain", "sky"):
        gust = 0.4 + 0.6 * np.sin(2 * np.pi * t / rng.uniform(4, 7)) ** 2
        air = noise(n, rng, low=1200, high=12000, tilt=-1) * 0.35
        return (noise(n, rng, low=150, high=1200, tilt=-1) + air) * gust
    if tag == "forest":
        return noise(n, rng, low=200, high=12000, tilt=-1) * 0.3 + chirps(rng, n / SR, count=int(n / SR * 2))
    if tag in ("city", "street"):
        hiss = noise(n, rng, low=800, high=12000, tilt=-1) * 0.12
        return noise(n, rng, low=40, high=600, tilt=-2) * 0.8 + hiss
    if tag == "fire":
        grains = noise(400 * 64, rng, low=1000, high=10000) * np.tile(_env(400, 0.0005, 0.002), 64)
        crackle = _scatter(n, rng, grains, 400, int(n / SR * 25))
        return noise(n, rng, low=40, high=400, tilt=-2) * 0.5 + crackle
    if tag == "party":
        babble = noise(n, rng, low=250, high=10000, tilt=-1) * (0.6 + 0.4 * np.sin(2 * np.pi * 3.1 * t) ** 2)
        beat = np.zeros(n, np.float32)
        kick = (np.sin(2 * np.pi * 55 * _t(0.15)) * _env(int(0.15 * SR), 0.002, 0.05)).astype(np.float32)
        for at in np.arange(0, n, int(0.5 * SR)):
            _burst(beat, kick, int(at))
        return babble * 0.5 + beat
    if tag == "kitchen":
        return noise(n, rng, low=3000, high=12000) * (0.5 + 0.5 * np.abs(np.sin(2 * np.pi * 7 * t)))
    if tag == "space":
        return (
            np.sin(2 * np.pi * 55 * t) + np.sin(2 * np.pi * 55.7 * t) + 0.5 * np.sin(2 * np.pi * 82.5 * t)
        ) / 2.5
    if tag == "night":
        pulse = (np.sin(2 * np.pi * 25 * t) > 0.3) * (np.sin(2 * np.pi * 0.7 * t) > 0)
        return (np.sin(2 * np.pi * 4500 * t) * pulse * 0.25).astype(np.float32)
    if tag == "desert":
        sand = noise(n, rng, low=800, high=10000, tilt=-1.5) * 0.2
        return noise(n, rng, low=100, high=800, tilt=-1) * 0.6 + sand
    return np.zeros(n, np.float32)


def _scatter(n: int, rng: np.random.Generator, grains: np.ndarray, size: int, count: int) -> np.ndarray:
    """`count` short grains (slices of one long noise) dropped at random places.

    Slicing one noise beats making hundreds of tiny ones: each FFT call has a fixed cost.
    """
    out = np.zeros(n, np.float32)
    pick = rng.integers(0, len(grains) // size, count) * size
    for at, source in zip(rng.integers(0, max(1, n - size), count), pick, strict=True):
        part = grains[source : source + size][: n - at]
        out[at : at + len(part)] += part
    return out


def ambience_for(plan: Plan, length: int, spec: RenderSpec) -> np.ndarray:
    """Each shot's ambience, crossfaded at the cuts; stereo with slightly different sides."""
    out = np.zeros((length, 2), np.float32)
    fade = int(CROSSFADE * SR)
    for shot in plan.shots:
        first = max(0, round(shot.start * SR) - fade // 2)
        last = min(length, round(shot.end * SR) + fade // 2)
        n = last - first
        if n <= 0 or not shot.scenes:
            continue
        bed = np.zeros((n, 2), np.float32)
        for tag in shot.scenes[:3]:
            for side in range(2):
                bed[:, side] += _ambience_tag(
                    tag, n, rng_for("ambience", spec.seed, spec.prompt, shot.index, tag, side)
                )
        envelope = np.ones(n, np.float32)
        ramp = min(fade, n // 2)
        if ramp:
            envelope[:ramp] = np.linspace(0, 1, ramp)
            envelope[n - ramp :] = np.linspace(1, 0, ramp)
        peak = float(np.max(np.abs(bed))) or 1.0
        out[first:last] += bed / peak * envelope[:, None]
    return out


def speaker_voices(
    plan: Plan,
    spec: RenderSpec,
    choices: Sequence[str],
    *,
    accepts: Callable[[str], bool] = lambda voice: True,
) -> dict[str, str]:
    """One voice per speaker for the whole clip: a cameo's chosen voice, else a seeded pick.

    A cameo's voice is used when the engine `accepts` it (a Bark preset is no espeak voice).
    """
    chosen = {ref.name.lower(): ref.voice for ref in spec.references if ref.voice and accepts(ref.voice)}
    voices: dict[str, str] = {}
    used: set[str] = set()
    for speaker in plan.speakers:
        if speaker.lower() in chosen:
            voices[speaker] = chosen[speaker.lower()]
            continue
        rng = rng_for("voice", spec.seed, speaker)
        free = [voice for voice in choices if voice not in used] or list(choices)
        voices[speaker] = free[int(rng.integers(len(free)))]
        used.add(voices[speaker])
    return voices
