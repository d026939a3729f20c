"""Pictures in and out of the diffusion engine: resampling segments, reading references and parents.

Pure numpy/PIL/ffmpeg, no torch, so the arithmetic here is cheap to test on its own.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from PIL import Image

from .base import RenderError

DECODE_TIMEOUT = 120  # seconds ffmpeg may take to decode one shot's window of the parent


def cover(image: Image.Image, width: int, height: int) -> Image.Image:
    """Scale to cover width×height, then crop the centre: no bars, no distortion."""
    if image.size == (width, height):
        return image
    scale = max(width / image.width, height / image.height)
    size = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
    resized = image.resize(size, Image.Resampling.BICUBIC)
    left, top = (resized.width - width) // 2, (resized.height - height) // 2
    return resized.crop((left, top, left + width, top + height))


def shot_frame_counts(starts_ends: list[tuple[float, float]], fps: int, total: int) -> list[int]:
    """Frames per shot at the output rate; cuts land on the nearest frame and they sum to `total`."""
    edges = [min(total, round(start * fps)) for start, _ in starts_ends] + [total]
    edges[0] = 0
    return [max(0, edges[i + 1] - edges[i]) for i in range(len(starts_ends))]


def retime(segment: np.ndarray, count: int, width: int, height: int) -> Iterator[np.ndarray]:
    """Yield `count` frames of width×height stretched over the whole segment (n, h, w, 3) uint8.

    A shot longer than the segment plays it slower, blending neighbouring frames so the motion
    stays smooth rather than stuttering. Each source frame is resized once, and only the two a
    blend needs are kept.
    """
    sources = len(segment)
    resized: dict[int, np.ndarray] = {}

    def source(index: int) -> np.ndarray:
        if index not in resized:
            for old in [key for key in resized if key < index - 1]:
                del resized[old]
            picture = Image.fromarray(segment[index])
            resized[index] = np.asarray(cover(picture, width, height), dtype=np.uint8)
        return resized[index]

    for k in range(count):
        position = k * (sources - 1) / (count - 1) if count > 1 else 0.0
        low = int(np.floor(position))
        high = min(low + 1, sources - 1)
        weight = round((position - low) * 256)  # fixed point: integer maths is much cheaper here
        if weight == 0 or high == low:
            yield source(low).copy()
        elif weight == 256:
            yield source(high).copy()
        else:
            mixed = source(low).astype(np.uint16) * (256 - weight)
            mixed += source(high).astype(np.uint16) * weight
            mixed += 128
            yield (mixed >> 8).astype(np.uint8)


def load_reference(path: str, width: int, height: int) -> Image.Image:
    try:
        with Image.open(path) as image:
            picture = image.convert("RGB")
    except (OSError, ValueError) as error:
        raise RenderError("A cameo's portrait couldn't be read.", detail=f"{path}: {error}") from error
    return cover(picture, width, height)


def parent_seconds(path: str) -> float:
    try:
        _, seconds = imageio_ffmpeg.count_frames_and_secs(path)
    except (OSError, RuntimeError) as error:
        raise RenderError("The video being remixed couldn't be read.", detail=f"{path}: {error}") from error
    return float(seconds)


def parent_window(
    path: str, start: float, end: float, *, width: int, height: int, count: int
) -> list[Image.Image]:
    """`count` frames spread evenly over [start, end) seconds of the parent, covering width×height."""
    if not Path(path).is_file():
        raise RenderError("The video being remixed couldn't be read.", detail=f"missing file {path}")
    scale = f"scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height}"
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-nostdin",
        "-ss", f"{max(0.0, start):.3f}", "-i", path, "-t", f"{max(end - start, 0.05):.3f}",
        "-an", "-vf", scale, "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=DECODE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as error:
        raise RenderError("The video being remixed couldn't be read.", detail="ffmpeg timed out") from error
    frame_bytes = width * height * 3
    available = len(done.stdout) // frame_bytes
    if done.returncode != 0 or available == 0:
        detail = done.stderr.decode(errors="replace")[-2000:] or "no frames in the window"
        raise RenderError("The video being remixed couldn't be read.", detail=detail)
    frames = np.frombuffer(done.stdout, dtype=np.uint8, count=available * frame_bytes)
    frames = frames.reshape(available, height, width, 3)
    picks = np.round(np.linspace(0, available - 1, count)).astype(int)
    return [Image.fromarray(frames[index]) for index in picks]
