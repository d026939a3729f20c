"""The invisible watermark: the job's identity hidden in the frames, found again after re-encoding.

Content Credentials travel in the MP4's metadata, which any re-encode or upload site strips. The
frames themselves carry a second copy of "which job made this": 64 bits (the job's id and a tag
keyed by this server's watermark key, so a mark from another server, or noise, never names one of
our jobs) written by `invisible-watermark`'s DWT-DCT-SVD embedder (offline, no weights) into the
U (blue-difference) channel.

How it survives what a copy goes through (measured by bench/provenance.py):
- Scaling: the embedder works on the frame shrunk eight times, and the change it makes is
  softened and stretched back, so each bit lives in the mean colour of a 64x64-pixel block: a
  copy at half size, or any size, still holds the blocks once scaled back.
- Re-encoding: the mean colour of a large block is what a codec keeps best, and every frame
  carries the mark, so temporal prediction carries it from frame to frame too.
- Cropping and trimming: the embedder numbers its blocks row by row across the frame, so a
  crop shifts which bit a block holds by one unknown amount; the reader tries the 64 shifts,
  and the tag says which is right. A trim leaves every remaining frame marked.
- Cost: the embedder loops over blocks in Python, so a new mark is computed every
  `REFRESH` frames and the same change is added to the frames in between (the scene moves
  little in a sixth of a second, and the bits are quantised with room to spare).

Reading votes each bit over many frames and many blocks, each block's vote weighted by how far
it sits from the embedder's decision boundary; a video is named only when the voted bits carry a
valid tag (allowing a few undecided bits to be wrong). Pure Python and numpy (no
Django): the pipeline, /verify/ and the bench call it.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

import cv2
import imageio_ffmpeg
import numpy as np
import pywt

BITS = 64  # 32 for the job's id, 32 for its tag
SHRINK = 8  # the embedder works on the frame at 1/8 size: a bit per 64x64-pixel block
# The embedder's quantisation step (its default is 36): 64 moves a block's mean colour by at most
# about 6 levels of U, which blurred (SOFTEN) reads as a faint, soft tint; at 36 a busy or dark
# scene lost bits to the encoder, and unblurred the blocks' edges showed.
STEP = 64
BLOCK = 4  # the embedder's block in the half-size wavelet band: 8 pixels at 1/8 size
REFRESH = 4  # frames that share one computed mark
SOFTEN = 1.0  # Gaussian blur (sigma, pixels at 1/8 size) of the change before it is stretched
UNSURE, FLIPS = 10, 3  # the reader may flip up to 3 of the 10 least decided bits
GUESSES = 3  # grids voted in full, of the most decided on the first few frames
# Where the embedder's block grid may sit in a cropped copy, in pixels at 1/8 size.
OFFSETS = [(dy, dx) for dy in (0, 2, 4, 6) for dx in (0, 2, 4, 6)]


@cache
def _embedder_class() -> type:
    """`EmbedDwtDctSvd` from the invisible-watermark package, loaded from its own file.

    The package's `__init__` imports its RivaGAN module, which imports torch at the top; `make
    run` installs no torch, and the DWT-DCT-SVD embedder needs none (numpy, OpenCV, PyWavelets).
    So the module is loaded by path, without running the package's `__init__`.
    """
    spec = importlib.util.find_spec("imwatermark")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("invisible-watermark is not installed")
    path = os.path.join(spec.submodule_search_locations[0], "dwtDctSvd.py")
    module_spec = importlib.util.spec_from_file_location("imwatermark_dwtdctsvd", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.EmbedDwtDctSvd


def payload_for(job_id: int, *, key: bytes) -> list[int]:
    """The 64 bits a job's frames carry: its id, then the first 4 bytes of HMAC-SHA256(key, id)."""
    if not 0 < job_id < 2**32:
        raise ValueError(f"job id {job_id} does not fit the watermark's 32 bits")
    ident = job_id.to_bytes(4, "big")
    data = ident + hmac.new(key, ident, hashlib.sha256).digest()[:4]
    return [int(bit) for bit in np.unpackbits(np.frombuffer(data, dtype=np.uint8))]


def job_from_bits(bits: np.ndarray, *, key: bytes) -> int | None:
    data = np.packbits(bits.astype(np.uint8)).tobytes()
    ident, tag = data[:4], data[4:8]
    if hmac.compare_digest(hmac.new(key, ident, hashlib.sha256).digest()[:4], tag):
        return int.from_bytes(ident, "big") or None
    return None


def marked_frames(
    frames: Iterable[np.ndarray], bits: list[int], *, timer: Callable[[float], None]
) -> Iterator[np.ndarray]:
    """The frames (RGB, uint8) with `bits` embedded; `timer` is told the seconds each one took."""
    embedder = _embedder_class()(bits, wmLen=BITS, scales=[0, STEP, 0], block=BLOCK)
    raise_by = lower_by = None
    for index, frame in enumerate(frames):
        started = time.perf_counter()
        height, width = frame.shape[:2]
        if index % REFRESH == 0:
            small = cv2.resize(frame, (width // SHRINK, height // SHRINK), interpolation=cv2.INTER_AREA)
            # The embedder speaks OpenCV's BGR; the frames are RGB.
            marked = embedder.encode(np.ascontiguousarray(small[:, :, ::-1]))[:, :, ::-1]
            small_change = marked.astype(np.float32) - small.astype(np.float32)
            small_change = cv2.GaussianBlur(small_change, (0, 0), SOFTEN)
            change = cv2.resize(small_change, (width, height), interpolation=cv2.INTER_LINEAR)
            change = change.astype(np.int16)
            # Kept as two uint8 images, so each frame costs two saturating uint8 passes.
            raise_by = np.clip(change, 0, 255).astype(np.uint8)
            lower_by = np.clip(-change, 0, 255).astype(np.uint8)
        out = cv2.subtract(cv2.add(frame, raise_by), lower_by)
        timer(time.perf_counter() - started)
        yield out


@dataclass(frozen=True)
class Reading:
    job_id: int | None  # the job named, if the tag matched
    confidence: float  # mean distance of the voted bits from a coin toss, 0..0.5
    frames: int  # frames read
    scale: float  # the copy's size relative to the render, as found


def read(
    frames: list[np.ndarray],
    *,
    key: bytes,
    render_sizes: Iterable[tuple[int, int]],
    search_frames: int = 6,
) -> Reading:
    """Look for a mark in `frames` (RGB uint8, a sample across the video).

    The copy may be scaled (to half, or to any render size's width), cropped and trimmed. The
    grid's placement and scale are chosen on `search_frames` frames by which reading is most
    decided; the bits are then voted over all frames, and each of the 64 shifts is tried
    against the tag.
    """
    if not frames:
        return Reading(None, 0.0, 0, 1.0)
    height, width = frames[0].shape[:2]
    sizes = list(render_sizes)
    scales = {1.0, 0.5}
    for render_width, render_height in sizes:
        if abs(render_width / render_height - width / height) < 0.02:
            scales.add(width / render_width)
    # Blocks per row at 1/8 size, as the embedder numbered them, for each size a render may have.
    columns = sorted({(w // SHRINK // 4 * 4) // 2 // BLOCK for w, _ in sizes})
    sample = frames[:: max(1, len(frames) // search_frames)][:search_frames]
    guesses: list[tuple[float, float, tuple[int, int], int]] = []
    for scale in sorted(scales):
        for offset in OFFSETS:
            scores = [_block_bits(frame, scale, offset) for frame in sample]
            guesses += [(_decidedness(_vote(scores, count)), scale, offset, count) for count in columns]
    # The most decided grids on a few frames, each then voted over all of them: a cropped copy's
    # best guess on six frames is now and then a neighbour of the right one.
    guesses.sort(key=lambda guess: guess[0], reverse=True)
    guesses = [_refined(guess, sample) for guess in guesses[:GUESSES]]
    first = None
    for _, scale, offset, count in guesses:
        fractions = _vote([_block_bits(frame, scale, offset) for frame in frames], count)
        job_id = _job_from_votes(fractions, key=key)
        reading = Reading(job_id, round(_decidedness(fractions), 3), len(frames), round(scale, 3))
        if reading.job_id is not None:
            return reading
        first = first or reading
    return first


def frames_sample(path: Path, *, seconds: float, count: int) -> list[np.ndarray]:
    """Up to `count` frames spread over the first `seconds` of the video, as RGB."""
    # A huge upload is shrunk to 1920 pixels wide as it is decoded: the reader tries any scale.
    reader = imageio_ffmpeg.read_frames(
        str(path), output_params=["-t", str(seconds), "-vf", r"scale=w=min(iw\,1920):h=-2"]
    )
    try:
        meta = next(reader)
        width, height = meta["size"]
        fps = float(meta.get("fps") or 24)
        duration = min(float(meta.get("duration") or seconds), seconds)
        every = max(1, int(fps * duration / count))
        frames = []
        for index, data in enumerate(reader):
            if index % every == 0:
                frames.append(np.frombuffer(data, dtype=np.uint8).reshape(height, width, 3))
            if len(frames) >= count:
                break
        return frames
    finally:
        reader.close()


def _refined(
    guess: tuple[float, float, tuple[int, int], int], sample: list[np.ndarray]
) -> tuple[float, float, tuple[int, int], int]:
    """The guess moved by a pixel (at 1/8 size) where that reads more decidedly: the coarse
    search steps by two, and a copy cropped by an odd number of pixels sits in between."""
    decided, scale, (dy, dx), count = guess
    best = guess
    for ny, nx in ((dy + 1, dx), (dy, dx + 1), (dy + 1, dx + 1)):
        scores = [_block_bits(frame, scale, (ny, nx)) for frame in sample]
        tried = _decidedness(_vote(scores, count))
        if tried > best[0]:
            best = (tried, scale, (ny, nx), count)
    return best


def _job_from_votes(fractions: np.ndarray, *, key: bytes) -> int | None:
    """The job whose tag the voted bits carry, at any of the 64 shifts, allowing the least
    decided bits to be wrong: dark or saturated scenes leave a bit or two for the codec to flip
    (colours at the edge of the range can't move). Up to FLIPS of the UNSURE least decided bits
    are flipped: 176 variants x 64 shifts of a 32-bit tag, for each of the GUESSES grids, so an
    unmarked video names a job about once in 127,000 readings (bench/provenance.py: none in 100)."""
    bits = (fractions > 0.5).astype(np.uint8)
    unsure = np.argsort(np.abs(fractions - 0.5))[:UNSURE]
    for flips in range(FLIPS + 1):
        for chosen in combinations(unsure, flips):
            variant = bits.copy()
            variant[list(chosen)] ^= 1
            for shift in range(BITS):
                job_id = job_from_bits(np.roll(variant, -shift), key=key)
                if job_id is not None:
                    return job_id
    return None


def _block_bits(frame: np.ndarray, scale: float, offset: tuple[int, int]) -> np.ndarray:
    """Each block's soft bit (-1 a sure 0 .. +1 a sure 1), for a grid at `offset` in the frame
    shrunk to where a block is 8 pixels again."""
    height, width = frame.shape[:2]
    factor = 1.0 / (SHRINK * scale)
    small = cv2.resize(
        frame, (max(1, round(width * factor)), max(1, round(height * factor))), interpolation=cv2.INTER_AREA
    )
    small = np.ascontiguousarray(small[offset[0] :, offset[1] :, ::-1])
    rows, cols = small.shape[0] // 4 * 4, small.shape[1] // 4 * 4
    if rows < 2 * BLOCK or cols < 2 * BLOCK:
        return np.zeros((0, 0))
    u_channel = cv2.cvtColor(small, cv2.COLOR_BGR2YUV)[:rows, :cols, 1]
    band, _ = pywt.dwt2(u_channel, "haar")
    count_rows, count_cols = band.shape[0] // BLOCK, band.shape[1] // BLOCK
    blocks = band[: count_rows * BLOCK, : count_cols * BLOCK].reshape(count_rows, BLOCK, count_cols, BLOCK)
    # The embedder's reading (`infer_dct_svd`) thresholds the largest singular value of the block's
    # DCT, which is the block's own (the DCT is orthonormal), modulo STEP at half a step: 0 sits a
    # quarter step up, 1 three quarters. Read softly instead: -sin of that phase is +1 on a clean
    # 1, -1 on a clean 0 and 0 on the boundary, so a block the codec blurred to the edge barely
    # votes. All blocks at once, rather than the package's loop.
    largest = np.linalg.svd(blocks.transpose(0, 2, 1, 3), compute_uv=False)[..., 0]
    return -np.sin(2 * np.pi * (largest % STEP) / STEP)


def _vote(scores: list[np.ndarray], count: int) -> np.ndarray:
    """For each of the 64 positions (with `count` blocks per row), how surely its blocks read 1:
    0.5 plus half their mean soft reading, so 1 is a unanimous 1 and 0 a unanimous 0."""
    total, seen = np.zeros(BITS), np.zeros(BITS)
    for blocks in scores:
        if blocks.size == 0:
            continue
        rows, cols = np.indices(blocks.shape)
        index = ((rows * count + cols) % BITS).ravel()
        np.add.at(total, index, blocks.ravel())
        np.add.at(seen, index, 1)
    return 0.5 + 0.5 * np.divide(total, seen, out=np.zeros(BITS), where=seen > 0)


def _decidedness(fractions: np.ndarray) -> float:
    return float(np.abs(fractions - 0.5).mean())
