"""The sound a video model makes with its pictures (LTX-2), and how it joins the audio engine's.

When the video model makes sound, the audio engine still runs first: it speaks the dialogue in
each speaker's voice (a cameo's owner chose theirs) and so gives every line the times its
subtitle is shown at. What the model makes then follows SORA_VIDEO_SOUND:

  world (default)  the sound of the scene: ambience, effects, whatever its prompt describes. The
                   shot's sound cues are written into its prompt; voices are in its negative
                   prompt, so it does not talk over ours. Mix: the model's sound 3 LU under our
                   dialogue, ducked further while someone speaks as the audio engine ducks its own
                   bed, plus our dialogue. The audio engine's ambience, cues and music are left out.
  all              the dialogue too: each shot's lines are written into its prompt as quoted
                   speech, so voices and lips come from one pass. Mix: the model's sound alone.
                   Subtitles keep the audio engine's timings (the model was asked to speak each
                   line in its shot, not at those instants). A job with a cameo is made as
                   `world`: the model's voices are not the one the cameo's owner chose.
  off              the model's sound is dropped: the audio engine makes it all, as for models
                   that make none.

Numpy, and ffmpeg for loudness: the pipeline mixes in the worker, whatever the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import loudness
from .base import AudioTrack
from .soundscape import SR, VOICE_GAIN, duck_envelope, limit

SOUNDS = ("world", "all", "off")
WORLD, ALL = "world", "all"
# The model's sound sits this far under our dialogue's loudness (EBU R128, as the encoder's
# normalisation measures it), so speech is on top before any ducking; with no dialogue, at
# BED_LUFS (the encoder then brings the whole clip to its target).
BED_UNDER_DIALOGUE_LU = 3.0
BED_LUFS = -28.0
OFFSET_SECONDS = 0.05  # the window whose mean is taken as drift (see _without_offset)
EDGE_SECONDS = 0.01  # faded in and out at each shot's edges, so a cut never clicks
# What each part made, for the job's record ("How this video was made").
MADE = {WORLD: "the sound of the scene: ambience and effects", ALL: "the whole soundtrack, dialogue included"}
HEARD = {WORLD: "the dialogue (its ambience, cues and music left out)", ALL: "the subtitles' timings only"}


@dataclass
class ModelSound:
    """What a video model made to be heard: the clip's length of stereo float32 samples."""

    samples: np.ndarray  # (n, 2) float32, -1..1
    sample_rate: int
    makes: str  # WORLD or ALL

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


class ClipSound:
    """The model's sound for a whole clip, put together shot by shot as the segments are made."""

    def __init__(self, seconds: float, *, sample_rate: int = SR) -> None:
        self.sample_rate = sample_rate
        self.samples = np.zeros((round(seconds * sample_rate), 2), dtype=np.float32)

    def place(self, samples: np.ndarray, *, start: float, seconds: float) -> None:
        """Add one segment's sound at `start`, fitted to `seconds`: the length its picture is shown.

        The model makes as much sound as picture, so whatever stretches the segment's frames to
        its shot (generation/engines/diffusion_media.retime) stretches its sound the same way,
        and lips stay on their words. `samples` is (channels, n), as the pipelines return it.
        """
        stereo = _stereo(samples)
        first = round(start * self.sample_rate)
        count = min(round(seconds * self.sample_rate), len(self.samples) - first)
        if count <= 0 or not len(stereo):
            return
        fitted = _fit_length(stereo, count)
        edge = min(round(EDGE_SECONDS * self.sample_rate), count // 2)
        if edge:
            ramp = np.linspace(0.0, 1.0, edge, dtype=np.float32)[:, None]
            fitted[:edge] *= ramp
            fitted[-edge:] *= ramp[::-1]
        self.samples[first : first + count] += fitted

    def sound(self, makes: str) -> ModelSound:
        return ModelSound(samples=self.samples, sample_rate=self.sample_rate, makes=makes)


def sound_mix(*, track: AudioTrack, sound: ModelSound) -> AudioTrack:
    """The soundtrack of a clip whose video model made sound: see the module docstring."""
    count = len(track.samples)
    made = sound.samples.astype(np.float32)
    if sound.sample_rate != track.sample_rate:
        made = _fit_length(made, round(len(made) * track.sample_rate / sound.sample_rate))
    made = np.pad(made[:count], ((0, max(0, count - len(made))), (0, 0)))
    made = _without_offset(made)  # a vocoder's offset would read as level and hide our voice
    if sound.makes == ALL:
        return AudioTrack(samples=limit(made).astype(np.float32), sample_rate=track.sample_rate,
                          spoken=track.spoken, voice=None)  # fmt: skip
    voice = track.voice if track.voice is not None else np.zeros(count, dtype=np.float32)
    dialogue = voice[:count].astype(np.float32) * VOICE_GAIN
    bed = made * _bed_gain(made, dialogue, track.sample_rate)
    mix = bed * duck_envelope(dialogue, bed)[:, None] + dialogue[:, None]
    return AudioTrack(samples=limit(mix).astype(np.float32), sample_rate=track.sample_rate,
                      spoken=track.spoken, voice=track.voice)  # fmt: skip


def _bed_gain(made: np.ndarray, dialogue: np.ndarray, rate: int) -> float:
    """The gain that puts the model's sound BED_UNDER_DIALOGUE_LU under the dialogue.

    Loudness, not RMS: a model's sound heavy in lows measures loud in RMS and quiet to the ear
    (and to the encoder's loudness normalisation, which would then turn everything up)."""
    bed = loudness.integrated_lufs(made, rate)
    if bed <= loudness.SILENT_LUFS:
        return 1.0  # silence: nothing to level
    spoken = loudness.integrated_lufs(dialogue[:, None], rate) if np.any(dialogue) else loudness.SILENT_LUFS
    target = spoken - BED_UNDER_DIALOGUE_LU if spoken > loudness.SILENT_LUFS else BED_LUFS
    return float(10 ** ((target - bed) / 20))


def _without_offset(samples: np.ndarray) -> np.ndarray:
    """(n, channels) less its slow drift: each sample minus the mean of the OFFSET_SECONDS around
    it, a high-pass near 9 Hz. Nothing audible is that low; a DC offset would still count as
    loudness, in the bed's level here and in the encoder's loudness normalisation."""
    width = min(len(samples), round(OFFSET_SECONDS * SR)) | 1
    if width < 3:
        return samples
    padded = np.pad(samples.astype(np.float64), ((width // 2, width // 2), (0, 0)), mode="reflect")
    sums = np.cumsum(np.pad(padded, ((1, 0), (0, 0))), axis=0)
    return (samples - (sums[width:] - sums[:-width]) / width).astype(np.float32)


def _stereo(samples: np.ndarray) -> np.ndarray:
    """(n, 2) float32 from (channels, n) or (n,)."""
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim == 1:
        samples = samples[None, :]
    if samples.shape[0] == 1:
        samples = np.repeat(samples, 2, axis=0)
    return np.ascontiguousarray(samples[:2].T)


def _fit_length(samples: np.ndarray, count: int) -> np.ndarray:
    """(n, channels) resampled to `count` samples, band-limited (one FFT per channel): linear
    interpolation would fold the highs into hiss."""
    if len(samples) == count or not len(samples):
        return samples.astype(np.float32, copy=True)[:count]
    spectrum = np.fft.rfft(samples.astype(np.float64), axis=0)
    bins = count // 2 + 1
    if bins <= len(spectrum):
        spectrum = spectrum[:bins]
    else:
        padding = np.zeros((bins - len(spectrum), spectrum.shape[1]), spectrum.dtype)
        spectrum = np.concatenate([spectrum, padding])
    return (np.fft.irfft(spectrum, count, axis=0) * (count / len(samples))).astype(np.float32)
