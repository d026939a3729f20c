"""The finished soundtrack's loudness: about -14 LUFS integrated, true peak at or under -1 dBTP.

ffmpeg's EBU R128 scanner (the imageio-ffmpeg binary) measures; numpy applies one gain and a
true-peak limiter. ffmpeg's own `loudnorm` would do both, but whenever a plain gain would push
a peak over the ceiling (most speech mixes) it switches to dynamic levelling, which rides the
gain up and down through the clip.
"""

from __future__ import annotations

import re
import subprocess

import imageio_ffmpeg
import numpy as np

TARGET_LUFS = -14.0
# Under the -1 dBTP goal: AAC adds a few tenths of a dB of overshoot when it encodes.
CEILING_DBTP = -2.0
MAX_GAIN_DB = 24.0  # a near-silent track stays quiet rather than having its noise raised
SILENT_LUFS = -70.0  # EBU R128's absolute gate: nothing to normalise below it
OVERSAMPLE = 4
LOOKAHEAD = 0.002  # seconds the limiter starts to turn down before a peak
RELEASE = 0.02  # seconds over which it turns back up


class LoudnessError(RuntimeError):
    pass


def integrated_lufs(samples: np.ndarray, rate: int) -> float:
    """EBU R128 integrated loudness of (n, channels) float samples, by ffmpeg's ebur128 filter."""
    return measure(samples, rate)[0]


def measure(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """(integrated LUFS, true peak in dBTP) of (n, channels) float samples, by ffmpeg's ebur128."""
    channels = samples.shape[1] if samples.ndim == 2 else 1
    raw = ["-f", "f32le", "-ar", str(rate), "-ac", str(channels), "-i", "pipe:0"]
    return _ebur128(raw, np.ascontiguousarray(samples, dtype="<f4").tobytes())


def measure_file(path: str) -> tuple[float, float]:
    """(integrated LUFS, true peak in dBTP) of an audio file ffmpeg can decode (the encoded AAC)."""
    return _ebur128(["-i", str(path)], b"")


def _ebur128(source: list[str], data: bytes) -> tuple[float, float]:
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", *source,
        "-af", "ebur128=framelog=quiet:peak=true", "-f", "null", "-",
    ]  # fmt: skip
    result = subprocess.run(command, input=data, capture_output=True, timeout=60)
    summary = result.stderr.decode(errors="replace").rsplit("Summary:", 1)[-1]
    found = re.search(r"I:\s+(-?[\d.]+|-inf)\s+LUFS", summary)
    peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf)\s+dBFS", summary)
    if result.returncode != 0 or not found or not peak:
        raise LoudnessError(f"ffmpeg could not measure the loudness: {summary[-300:]}")
    return float(found.group(1)), float(peak.group(1))


def true_peak(samples: np.ndarray) -> float:
    """The highest sample of the signal oversampled 4x (BS.1770's true peak), linear."""
    return float(peak_envelope(samples).max(initial=0.0))


def normalise(samples: np.ndarray, rate: int) -> np.ndarray:
    """`samples` at TARGET_LUFS with true peaks at or under CEILING_DBTP (a new array)."""
    samples = samples.astype(np.float32)
    measured, peak_db = measure(samples, rate)
    if measured < SILENT_LUFS:
        return samples
    gain_db = min(TARGET_LUFS - measured, MAX_GAIN_DB)
    if peak_db + gain_db <= CEILING_DBTP:
        return samples * np.float32(10 ** (gain_db / 20))  # a plain gain: no peak to tame
    peaks = peak_envelope(samples)  # peaks scale with the gain: found once, whatever the gain becomes
    gain = 10 ** (gain_db / 20)
    for _ in range(3):  # the limiter takes a little loudness away: measure again and make it up
        curve = gain * limiter_gain(peaks * gain, rate)
        out = samples * curve[:, None].astype(np.float32)
        change = TARGET_LUFS - integrated_lufs(out, rate)
        if abs(change) < 0.15 or gain >= 10 ** (MAX_GAIN_DB / 20):
            break
        gain = min(gain * 10 ** (change / 20), 10 ** (MAX_GAIN_DB / 20))
    # The curve moves slowly (milliseconds), so the new true peaks are the old ones times it; a
    # hair over the ceiling where it moves is trimmed (no second oversampling pass: ~0.1 s).
    over = float((peaks * curve).max(initial=0.0)) / 10 ** (CEILING_DBTP / 20)
    return out / np.float32(over) if over > 1.0 else out


def limiter_gain(peaks: np.ndarray, rate: int, *, ceiling_db: float = CEILING_DBTP) -> np.ndarray:
    """Per sample, the gain that keeps these true peaks under the ceiling, turning down only
    around the peaks that need it (both channels alike: the stereo image stays put)."""
    needed = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-9))
    if needed.min() >= 1.0:
        return needed
    # The least gain within reach, then averaged over a window no wider than that reach: the
    # curve is smooth, yet at every peak it is at or under what the peak needs.
    reach = max(1, round(LOOKAHEAD * rate)) + max(1, round(RELEASE * rate))
    return _moving_mean(_moving_min(needed, reach), reach)


def peak_envelope(samples: np.ndarray) -> np.ndarray:
    """Per sample, the largest |value| of any channel among the oversampled points after it."""
    frames = samples.reshape(len(samples), -1)
    n = len(frames)
    peaks = np.zeros(n, dtype=np.float32)
    for channel in range(frames.shape[1]):
        spectrum = np.fft.rfft(np.ascontiguousarray(frames[:, channel], dtype=np.float32))
        size = n * OVERSAMPLE
        padded = np.zeros(size // 2 + 1, dtype=spectrum.dtype)
        padded[: len(spectrum)] = spectrum
        fine = np.abs(np.fft.irfft(padded, size)).reshape(n, OVERSAMPLE).max(axis=1) * OVERSAMPLE
        np.maximum(peaks, fine, out=peaks)
    return peaks


def _moving_min(values: np.ndarray, radius: int) -> np.ndarray:
    """min(values[i - radius : i + radius + 1]) for every i, in O(n) (van Herk / Gil-Werman)."""
    width = 2 * radius + 1
    n = len(values)
    tail = radius + (-(n + 2 * radius) % width)
    padded = np.pad(values, (radius, tail), constant_values=1.0).reshape(-1, width)
    prefix = np.minimum.accumulate(padded, axis=1).ravel()
    suffix = np.minimum.accumulate(padded[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(suffix[:n], prefix[width - 1 : width - 1 + n])


def _moving_mean(values: np.ndarray, radius: int) -> np.ndarray:
    half = max(1, radius // 2)
    padded = np.pad(values, (half, half), mode="edge")
    sums = np.concatenate(([0.0], np.cumsum(padded, dtype=np.float64)))
    return (sums[2 * half + 1 :] - sums[: -2 * half - 1]) / (2 * half + 1)
