"""Encode streamed frames and a soundtrack into a web-ready MP4 (H.264 + AAC, faststart).

We drive the ffmpeg binary from imageio-ffmpeg ourselves rather than through
`imageio_ffmpeg.write_frames`: that helper ignores ffmpeg's exit status (a failed encode
looks like success), sends ffmpeg's errors to the worker's stderr where no one can attach them
to the job, and on cancellation waits for ffmpeg to finish instead of stopping it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO

import imageio_ffmpeg
import numpy as np
from PIL import Image

from . import loudness
from .engines.base import AudioTrack, Cancelled, CancelledFn, ProgressFn, RenderError, RenderSpec

POSTER_QUALITY = 85
ENCODE_TIMEOUT = 120  # seconds ffmpeg may take to flush after the last frame
AUDIO_BITRATE = "160k"  # at 128k, AAC overshot applause by 2 dB; 160k keeps noisy sounds cleaner
TRUE_PEAK_GOAL = -1.2  # dBTP of the encoded audio, decoded again: a little under the -1 promised


def encode(
    frames: Iterable[np.ndarray],
    audio: AudioTrack | Callable[[], AudioTrack],
    spec: RenderSpec,
    *,
    out_path: Path,
    poster_path: Path,
    metadata: dict[str, str],
    progress: ProgressFn,
    cancelled: CancelledFn,
) -> None:
    """Write `out_path` (MP4) and `poster_path` (JPEG of the frame ~1/3 in) from the frames.

    Frames are piped to ffmpeg as they come, so the clip is never held in memory. Meanwhile a
    thread prepares the soundtrack (loudness, AAC, the peak check: about half a second of
    mostly ffmpeg and FFTs, which would otherwise hold back the first frame); the two are
    muxed, with faststart, at the end. `progress` reaches 1.0 once the last frame is handed
    over; ffmpeg's flush and the mux follow before this returns. Metadata keys must be ones
    the MP4 muxer keeps (title, comment, description, synopsis, artist, copyright); others are
    silently dropped.

    `audio` may be a function that returns the soundtrack once the last frame is in: a video
    model that makes sound (LTX-2) has made all of it only then. Its soundtrack is prepared
    after the frames instead of beside them.

    On any failure or cancellation, everything this call created is removed and the exception
    propagates.
    """
    if spec.width % 2 or spec.height % 2:
        raise ValueError(f"yuv420p needs even dimensions, got {spec.width}x{spec.height}")
    late = callable(audio)
    if not late:
        _check_length(audio, spec)

    out_path, poster_path = Path(out_path), Path(poster_path)
    # ffmpeg writes to a hidden partial name so a crashed worker never leaves a half-written
    # file under the final name.
    partial = out_path.with_name(f".{out_path.name}.partial")
    pictures = out_path.with_name(f".{out_path.name}.video.mp4")
    created = [partial, pictures, poster_path]
    process: subprocess.Popen | None = None
    source = iter(frames)
    helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="soundtrack")
    soundtrack: Future[Path] | None = None
    if not late:
        soundtrack = helper.submit(_encode_audio, audio, directory=out_path.parent)
    try:
        with tempfile.TemporaryFile(dir=out_path.parent) as errors:
            process = subprocess.Popen(
                _command(spec, pictures),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,  # a file, not a pipe: a chatty ffmpeg can never block on it
            )
            _feed(process, source, spec, poster_path, progress, cancelled, errors)
            if late:
                made = audio()
                _check_length(made, spec)
                # Beside ffmpeg's flush of the pictures, as the early soundtrack runs beside the frames.
                soundtrack = helper.submit(_encode_audio, made, directory=out_path.parent)
            try:
                returncode = process.wait(timeout=ENCODE_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise RenderError("Encoding the video took too long.") from None
            if returncode != 0:
                raise RenderError(
                    "We couldn't encode the video.", detail=_tail(errors) or f"exit {returncode}"
                )
        sound = soundtrack.result()  # removed in `finally`, whatever happens next
        try:
            _run_ffmpeg(_mux_command(pictures, sound, partial, metadata), b"")
        except (OSError, subprocess.SubprocessError) as error:
            raise RenderError("We couldn't encode the video.", detail=str(error)) from error
        os.replace(partial, out_path)
        created.remove(partial)
    except BaseException:
        if process is not None:
            if process.poll() is None:
                process.kill()
                process.wait()
            with contextlib.suppress(OSError):
                process.stdin.close()  # type: ignore[union-attr]
        for path in created:
            path.unlink(missing_ok=True)
        raise
    finally:
        # Let the engine release what it holds (e.g. a model's intermediate tensors).
        close = getattr(source, "close", None)
        if close is not None:
            close()
        helper.shutdown(wait=True)  # the soundtrack's ffmpeg runs take under a second
        if soundtrack is not None and soundtrack.done() and soundtrack.exception() is None:
            soundtrack.result().unlink(missing_ok=True)
        pictures.unlink(missing_ok=True)


def _check_length(audio: AudioTrack, spec: RenderSpec) -> None:
    if len(audio.samples) != spec.duration * audio.sample_rate:
        raise ValueError(f"audio is {audio.seconds:.3f}s, the clip is {spec.duration}s; engines must match")


def _command(spec: RenderSpec, out: Path) -> list[str]:
    """ffmpeg encoding raw frames from stdin into a picture-only MP4."""
    return [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{spec.width}x{spec.height}",
        "-r", str(spec.fps), "-i", "pipe:0",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-f", "mp4", str(out),
    ]  # fmt: skip


def _mux_command(pictures: Path, soundtrack: Path, out: Path, metadata: dict[str, str]) -> list[str]:
    """Arguments (after ffmpeg's own) joining the pictures and the soundtrack, copied, with faststart."""
    tags: list[str] = []
    for key, value in metadata.items():
        tags += ["-metadata", f"{key}={value}"]
    return [
        "-i", str(pictures), "-i", str(soundtrack),
        "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
        # Both are exactly spec.duration long, so no -shortest: it would trim frames.
        "-movflags", "+faststart",
        *tags,
        "-f", "mp4", str(out),
    ]  # fmt: skip


def _feed(
    process: subprocess.Popen,
    frames: Iterable[np.ndarray],
    spec: RenderSpec,
    poster_path: Path,
    progress: ProgressFn,
    cancelled: CancelledFn,
    errors: IO[bytes],
) -> None:
    assert process.stdin is not None
    expected = spec.frame_count
    poster_index = expected // 3
    shape = (spec.height, spec.width, 3)
    written = 0
    for frame in frames:
        if cancelled():
            raise Cancelled()
        if written >= expected:
            raise RenderError("The video engine made too many frames.", detail=f"expected {expected}")
        if frame.shape != shape or frame.dtype != np.uint8:
            raise RenderError(
                "The video engine made a malformed frame.",
                detail=f"{frame.shape} {frame.dtype}, expected {shape} uint8",
            )
        frame = np.ascontiguousarray(frame)
        try:
            process.stdin.write(memoryview(frame).cast("B"))
        except (BrokenPipeError, OSError):
            process.wait()
            raise RenderError(
                "We couldn't encode the video.", detail=_tail(errors) or "ffmpeg stopped reading frames"
            ) from None
        if written == poster_index:
            Image.fromarray(frame).save(poster_path, "JPEG", quality=POSTER_QUALITY)
        written += 1
        progress(written / expected)
    if written != expected:
        raise RenderError("The video engine made too few frames.", detail=f"{written} of {expected}")
    process.stdin.close()


def _encode_audio(audio: AudioTrack, *, directory: Path) -> Path:
    """The soundtrack as AAC, normalised to the loudness every clip shares (an .m4a to mux).

    Normalised here rather than by each engine: whatever made the sound, clips in the feed play
    equally loud (-14 LUFS). AAC overshoots the peaks it was given (most on noisy sounds such as
    applause), so the encoded sound is measured again (ffmpeg's true-peak meter), and if it
    passes the ceiling it is decoded, the input turned down where it does, and encoded again.
    """
    handle, name = tempfile.mkstemp(prefix=".audio-", suffix=".m4a", dir=directory)
    os.close(handle)
    path = Path(name)
    try:
        samples = loudness.normalise(audio.samples, audio.sample_rate)
        for _ in range(4):
            _run_ffmpeg(["-f", "f32le", "-ar", str(audio.sample_rate), "-ac", str(samples.shape[1]),
                         "-i", "pipe:0", "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-f", "mp4", str(path)],
                        np.ascontiguousarray(samples, dtype="<f4").tobytes())  # fmt: skip
            if loudness.measure_file(str(path))[1] <= TRUE_PEAK_GOAL:
                return path  # ffmpeg's true-peak meter on the encoded file: no decoding here
            raw = _run_ffmpeg(["-i", str(path), "-f", "f32le", "pipe:1"], b"")
            decoded = np.frombuffer(raw, dtype="<f4").reshape(-1, samples.shape[1])[: len(samples)]
            peaks = np.zeros(len(samples), dtype=np.float32)
            peaks[: len(decoded)] = loudness.peak_envelope(decoded)
            if peaks.max(initial=0.0) <= 10 ** (TRUE_PEAK_GOAL / 20):
                return path
            turn_down = loudness.limiter_gain(peaks, audio.sample_rate, ceiling_db=TRUE_PEAK_GOAL - 0.3)
            samples = samples * turn_down[:, None].astype(np.float32)
        return path  # still a hair over after four passes: better a clip than no clip
    except (loudness.LoudnessError, OSError, subprocess.SubprocessError) as error:
        path.unlink(missing_ok=True)
        raise RenderError("We couldn't encode the soundtrack.", detail=str(error)) from error
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _run_ffmpeg(arguments: list[str], data: bytes) -> bytes:
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y"]
    result = subprocess.run([*command, *arguments], input=data, capture_output=True, timeout=ENCODE_TIMEOUT)
    if result.returncode != 0:
        raise subprocess.SubprocessError(result.stderr.decode(errors="replace")[-2000:])
    return result.stdout


def _tail(errors: IO[bytes], limit: int = 2000) -> str:
    with contextlib.suppress(OSError, ValueError):
        errors.flush()
        errors.seek(0)
        return errors.read().decode(errors="replace").strip()[-limit:]
    return ""
