"""What a cameo verification recording shows: one real, live person who reads aloud.

Pure analysis, no Django: the file is probed, then one ffmpeg pass decodes evenly spaced frames
(scaled down for speed) and the sound at 16 kHz while we look at each frame as it arrives. dlib
(through face_recognition's models) finds faces, their landmarks and 128-d encodings; Silero VAD
hears the voice. Every problem with the input becomes a failed check with a message for the user;
only cancellation raises.

Thresholds were set on the recordings tests/cameo_clips.py builds (a real face, a synthetic
turn, espeak's voice, real codecs) and are to be revisited with real webcam recordings; each
check keeps its measured values so staff can see how close a call was.
"""

from __future__ import annotations

import io
import math
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from PIL import Image

from generation.engines.base import Cancelled
from generation.probe import MediaInfo, ProbeError, packet_seconds, parse_ffmpeg_info, read_ffmpeg_info

from . import vad

SAME_PERSON_TOLERANCE = 0.6  # face_recognition's own "same person" distance

MIN_SECONDS, MAX_SECONDS = 3.0, 20.0
FACE_SHARE = 0.8  # of sampled frames showing exactly one face
FACE_SHARE_CLEAR = 0.95
# Our test head turning 35 degrees each way measures 0.36-0.42 at most; two people ~0.9.
SAME_PERSON_CLEAR = 0.45
# Yaw is the nose's offset from the middle of the face (jaw ends and outer eye corners), in
# half-widths. Our test head turned 35 degrees reads 0.25-0.34 each way, so 0.12 is roughly 15
# degrees; a still photo reads 0.00 (a flat picture keeps these ratios under any tilt or move).
TURN_MIN, TURN_CLEAR = 0.12, 0.2
SPEECH_SECONDS, SPEECH_CLEAR = 1.0, 1.5
MUTED_DBFS = -60.0  # a muted or broken microphone records (near) digital silence

SAMPLES_PER_SECOND = 2.5  # frames looked at per second of recording
MIN_SAMPLES, MAX_SAMPLES = 8, 30
ANALYSIS_SIZE = 640  # longest side of the frames we look at
PORTRAIT_SIZE = 512
NOISE_BOX = 0.5  # a face box narrower than this share of the largest is a HOG false alarm
TRUNCATED_SHARE = 0.8  # less media than the header claims: the upload was cut off
DECODE_TIMEOUT = 120.0  # seconds; a 20 s clip decodes in well under one

# Overall progress: where each stage ends on the bar (reported values only ever increase).
STAGE_FILE, STAGE_FACES, STAGE_VOICE, STAGE_PORTRAIT = (
    "Checking the file",
    "Looking at your face",
    "Listening to your voice",
    "Choosing your portrait",
)
_STAGE_SPAN = {STAGE_FILE: (0.0, 0.1), STAGE_FACES: (0.1, 0.85), STAGE_VOICE: (0.85, 0.92),
               STAGE_PORTRAIT: (0.92, 1.0)}  # fmt: skip


@dataclass(frozen=True)
class CheckResult:
    name: str  # "container", "face", "same_person", "liveness", "speech"
    label: str
    passed: bool
    score: float  # the measured value
    limit: float  # the pass threshold for score
    margin: bool  # passed clearly: may be approved without a person looking
    message: str  # for the user, "" when passed
    detail: dict = field(default_factory=dict)  # JSON-serialisable numbers for staff


@dataclass
class Analysis:
    checks: list[CheckResult]
    duration: float
    encoding: list[float] | None
    portrait_jpeg: bytes | None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    @property
    def passed_with_margin(self) -> bool:
        return self.passed and all(check.margin for check in self.checks)

    @property
    def failure(self) -> CheckResult | None:
        return next((check for check in self.checks if not check.passed), None)

    def scores(self) -> dict:
        return {
            check.name: {
                "label": check.label,
                "passed": check.passed,
                "score": check.score,
                "limit": check.limit,
                "margin": check.margin,
                "message": check.message,
                "detail": check.detail,
            }
            for check in self.checks
        }


def _result(
    name: str,
    label: str,
    *,
    passed: bool,
    score: float,
    limit: float,
    clear: bool = False,
    message: str = "",
    **detail,
) -> CheckResult:
    """A check's outcome; `clear` says whether the score beats its limit by the clear margin."""
    return CheckResult(
        name=name, label=label, passed=passed, score=round(float(score), 3), limit=limit,
        margin=passed and clear, message="" if passed else message, detail=detail,
    )  # fmt: skip


def encoding_distance(a: Sequence[float], b: Sequence[float]) -> float:
    """Euclidean distance between two face encodings, as face_recognition.face_distance."""
    return float(np.linalg.norm(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)))


# --- the container -----------------------------------------------------------------------------

CONTAINER_LABEL = "A readable video with sound, 3 to 20 seconds long"
MSG_NOT_VIDEO = "This file isn't a video. Record yourself with the camera, or upload the video file."
MSG_PICTURE = "This is a still picture, not a video. Record a short video of yourself instead."
MSG_NO_PICTURE = "This file has sound but no picture. Record a video with your camera turned on."
MSG_EMPTY = "The file is empty. Please record again."
MSG_DAMAGED = (
    "The video is damaged or incomplete (the upload may have been cut off), so we can't play it. "
    "Please upload it again or record a new one."
)
MSG_NO_AUDIO = (
    "Your video has no sound track. Allow the microphone when your browser asks, then read the digits aloud."
)

# Signatures of containers a camera or browser writes; a file that starts like one but that
# ffmpeg can't open is a damaged video rather than no video at all.
_CONTAINER_MAGIC = (
    (4, b"ftyp"), (4, b"moov"), (4, b"mdat"), (4, b"free"), (4, b"wide"),  # MP4 / QuickTime
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska / WebM
    (0, b"OggS"), (0, b"RIFF"), (0, b"FLV"),
)  # fmt: skip
_PICTURE_FORMATS = ("image2", "gif", "apng", "webp")  # plus every "*_pipe" image demuxer


class _Fatal(Exception):
    def __init__(self, check: CheckResult, duration: float = 0.0) -> None:
        super().__init__(check.message)
        self.check, self.duration = check, duration


def _container_failure(message: str, *, score: float = 0.0, limit: float = MIN_SECONDS, **detail) -> _Fatal:
    check = _result(
        "container", CONTAINER_LABEL, passed=False, score=score, limit=limit, message=message, **detail
    )
    return _Fatal(check, duration=round(float(score), 3))


@dataclass
class _Media:
    info: MediaInfo
    format: str  # ffmpeg's name for the container
    duration: float  # measured from the packets
    audio_seconds: float  # the sound's own packets
    samples: int  # frames to look at
    rate: float  # frames per second to sample at


def _format_name(stderr: str) -> str:
    for line in stderr.splitlines():
        if line.startswith("Input #0,"):
            return line.split(",")[1].strip()
    return ""


def _inspect(path: Path) -> _Media:
    """Probe the file without decoding it; raises _Fatal with the user's message."""
    try:
        size = path.stat().st_size
    except OSError:
        raise _container_failure(MSG_NOT_VIDEO, reason="missing") from None
    if size == 0:
        raise _container_failure(MSG_EMPTY, reason="empty")
    try:
        stderr = read_ffmpeg_info(path)
    except subprocess.TimeoutExpired:
        raise _container_failure(MSG_DAMAGED, reason="ffmpeg took too long to read the header") from None
    except ProbeError as error:
        with path.open("rb") as file:
            head = file.read(16)
        damaged = any(head[at : at + len(magic)] == magic for at, magic in _CONTAINER_MAGIC)
        reason = str(error)[-300:]
        raise _container_failure(MSG_DAMAGED if damaged else MSG_NOT_VIDEO, reason=reason) from None
    info = parse_ffmpeg_info(stderr)
    fmt = _format_name(stderr)
    if fmt in _PICTURE_FORMATS or fmt.endswith("_pipe"):
        raise _container_failure(MSG_PICTURE, reason=f"format {fmt}")
    if info.video is None:
        message = MSG_NO_PICTURE if info.audio is not None else MSG_NOT_VIDEO
        raise _container_failure(message, reason=f"format {fmt}, no video stream")
    try:
        video_seconds = packet_seconds(path, "v")
        audio_seconds = packet_seconds(path, "a") if info.audio is not None else None
    except subprocess.TimeoutExpired:
        raise _container_failure(MSG_DAMAGED, reason="ffmpeg took too long to read the packets") from None
    measured = max(video_seconds or 0.0, audio_seconds or 0.0)
    detail = {
        "format": fmt,
        "header_seconds": info.duration,
        "video_seconds": video_seconds,
        "audio_seconds": audio_seconds,
        "video": f"{info.video.codec} {info.video.width}x{info.video.height}",
        "audio": info.audio.codec if info.audio else None,
    }
    if not video_seconds or (info.duration and measured < TRUNCATED_SHARE * info.duration):
        reason = "less media than the header claims"
        raise _container_failure(MSG_DAMAGED, score=measured, reason=reason, **detail)
    if info.audio is None:
        raise _container_failure(MSG_NO_AUDIO, score=measured, **detail)
    if measured < MIN_SECONDS:
        message = (
            f"Your video is only {measured:.1f} seconds long; it needs to be {MIN_SECONDS:.0f} to "
            f"{MAX_SECONDS:.0f} seconds. Record for about 7 seconds."
        )
        raise _container_failure(message, score=measured, **detail)
    if measured > MAX_SECONDS:
        message = (
            f"Your video is {measured:.1f} seconds long, longer than the {MAX_SECONDS:.0f} seconds we "
            f"accept ({MIN_SECONDS:.0f} to {MAX_SECONDS:.0f}). Record for about 7 seconds."
        )
        raise _container_failure(message, score=measured, limit=MAX_SECONDS, **detail)
    samples = int(np.clip(round(measured * SAMPLES_PER_SECOND), MIN_SAMPLES, MAX_SAMPLES))
    return _Media(
        info=info,
        format=fmt,
        duration=measured,
        audio_seconds=audio_seconds or 0.0,
        samples=samples,
        rate=samples / measured,
    )


# --- decoding ----------------------------------------------------------------------------------


class _Decoder:
    """One ffmpeg pass: sampled, scaled frames on a pipe (as BMP, which carries its own size, so
    rotated phone videos need no special case) and the sound as 16 kHz mono float in a file."""

    def __init__(self, path: Path, media: _Media, scratch: Path) -> None:
        self.audio_path = scratch / "audio.f32"
        self.errors_path = scratch / "errors.txt"
        size = f"w='min({ANALYSIS_SIZE},iw)':h='min({ANALYSIS_SIZE},ih)'"
        scale = f"scale={size}:force_original_aspect_ratio=decrease"
        command = [
            imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-i", str(path),
            "-map", "0:v:0", "-vf", f"fps={media.rate:.6f},{scale}", "-c:v", "bmp", "-f", "image2pipe",
            "pipe:1",
            "-map", "0:a:0", "-ac", "1", "-ar", str(vad.SAMPLE_RATE), "-f", "f32le", "-y",
            str(self.audio_path),
        ]  # fmt: skip
        self._errors = self.errors_path.open("wb")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self._errors)
        # A pathological file must not hold a worker forever: ffmpeg gets a deadline.
        self._deadline = threading.Timer(DECODE_TIMEOUT, self.process.kill)
        self._deadline.daemon = True
        self._deadline.start()

    def frames(self) -> Iterator[np.ndarray]:
        stream = self.process.stdout
        while True:
            header = _read_exactly(stream, 14)
            if len(header) < 14 or header[:2] != b"BM":
                return
            size = int.from_bytes(header[2:6], "little")
            body = _read_exactly(stream, size - 14)
            if len(body) < size - 14:
                return
            try:
                with Image.open(io.BytesIO(header + body)) as image:
                    frame = np.asarray(image.convert("RGB"))
            except OSError:
                return  # counted as missing frames: the file is damaged
            yield frame

    def finish(self) -> tuple[np.ndarray, list[str]]:
        """Wait for ffmpeg; the sound and ffmpeg's error lines."""
        self.process.stdout.read()  # frames past the count we asked for (rounding)
        self.process.wait()
        self._errors.close()
        errors = self.errors_path.read_text(errors="replace").splitlines()
        audio = np.fromfile(self.audio_path, dtype="<f4") if self.audio_path.exists() else np.zeros(0, "<f4")
        return audio, errors

    def close(self) -> None:
        self._deadline.cancel()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self._errors.close()


def _read_exactly(stream, count: int) -> bytes:
    chunks, left = [], count
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# --- faces -------------------------------------------------------------------------------------

_models_lock = threading.Lock()
_models: dict = {}


def _face_models() -> dict:
    """dlib's detector, landmark predictors and encoder, loaded once per process."""
    with _models_lock:
        if not _models:
            import warnings

            with warnings.catch_warnings():
                # face_recognition_models finds its files through the deprecated pkg_resources.
                warnings.simplefilter("ignore")
                from face_recognition import api

            _models.update(
                detect=api.face_detector,
                landmarks=api.pose_predictor_68_point,
                points=api.pose_predictor_5_point,
                encoder=api.face_encoder,
            )
    return _models


def warm() -> None:
    """Load the face and voice models now (about 1.5 s on a fresh process), e.g. when a worker
    starts, so that its first recording doesn't pay for them."""
    _face_models()
    vad.warm()


@dataclass
class _Look:
    """What one sampled frame shows."""

    time: float
    faces: int  # real faces (false alarms dropped)
    box: tuple[int, int, int, int] | None = None  # left, top, right, bottom of the largest face
    size: tuple[int, int] = (0, 0)  # width, height of the analysed frame
    encoding: np.ndarray | None = None
    yaw: float = 0.0
    sharpness: float = 0.0


def _look(image: np.ndarray, at: float) -> _Look:
    models = _face_models()
    height, width = image.shape[:2]
    boxes = list(models["detect"](image, 0))
    if not boxes:
        # Upsampling finds faces down to ~40 px (someone sitting back) at 4x the cost; only
        # frames with nothing at full size pay it.
        boxes = list(models["detect"](image, 1))
    if not boxes:
        return _Look(time=at, faces=0, size=(width, height))
    largest = max(boxes, key=lambda box: box.width())
    faces = sum(1 for box in boxes if box.width() >= NOISE_BOX * largest.width())
    shape = models["landmarks"](image, largest)
    # The encoder aligns on the 5-point model, as face_recognition.face_encodings does by
    # default, so our encodings compare with anyone else's made that way.
    encoding = np.array(models["encoder"].compute_face_descriptor(image, models["points"](image, largest), 1))
    box = (
        max(0, largest.left()), max(0, largest.top()),
        min(width, largest.right()), min(height, largest.bottom()),
    )  # fmt: skip
    return _Look(
        time=at, faces=faces, box=box, size=(width, height), encoding=encoding,
        yaw=_yaw(shape), sharpness=_sharpness(image, box),
    )  # fmt: skip


def _yaw(shape) -> float:
    """The nose tip's offset from the middle of the face, in half-widths (+ = towards image right).

    Averaged over two spans, the jaw's ends and the outer eye corners, so one bad landmark moves
    it less. Ratios along a line survive any tilt or move of a flat picture, so a photo waved in
    front of the camera stays put; only a solid head turning moves the nose across its face.
    """
    x = [shape.part(index).x for index in (0, 16, 36, 45, 30)]
    jaw_left, jaw_right, eye_left, eye_right, nose = x
    jaw = 2 * (nose - jaw_left) / max(1, jaw_right - jaw_left) - 1
    eyes = 2 * (nose - eye_left) / max(1, eye_right - eye_left) - 1
    return float((jaw + eyes) / 2)


def _sharpness(image: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Variance of the Laplacian over the face, at a fixed size so faces near and far compare."""
    left, top, right, bottom = box
    face = Image.fromarray(image[top:bottom, left:right]).convert("L").resize((128, 128))
    grey = np.asarray(face, dtype=np.float32)
    laplacian = grey[1:-1, :-2] + grey[1:-1, 2:] + grey[:-2, 1:-1] + grey[2:, 1:-1] - 4 * grey[1:-1, 1:-1]
    return float(laplacian.var())


# --- the checks --------------------------------------------------------------------------------

FACE_LABEL = "One face in the picture"
MSG_NO_FACE = "We couldn't see a face. Face the camera in good light, with your whole face in the picture."
MSG_TWO_FACES = "We saw more than one face. Record alone, with nobody else in the picture."
MSG_FACE_LOST = (
    "We lost sight of your face for part of the video. Keep your whole face in the picture, in good light."
)
SAME_LABEL = "The same person throughout"
MSG_NOT_SAME = "The face changed during the video. Record yourself alone, from start to finish."
LIVE_LABEL = "Head turned left and right"
MSG_NO_TURN = (
    "Your head didn't turn. Slowly turn your head to the left, then to the right; a photo can't pass."
)
MSG_ONE_WAY = "You turned your head only one way. Turn it to the left, then to the right."
MSG_FACE_NEEDED = "We need to see your face clearly to check this."
SPEECH_LABEL = "Your voice reading the digits"
MSG_SILENT = "We couldn't hear you. Read the digits aloud, close to your microphone."
MSG_MUTED = "Your microphone recorded only silence. Check that it isn't muted, then read the digits aloud."


def _check_face(looks: list[_Look]) -> CheckResult:
    total = len(looks)
    one = sum(1 for look in looks if look.faces == 1)
    several = sum(1 for look in looks if look.faces > 1)
    none = total - one - several
    share = one / total if total else 0.0
    passed = share >= FACE_SHARE
    if passed:
        message = ""
    elif several > none:
        message = MSG_TWO_FACES
    elif one == 0:
        message = MSG_NO_FACE
    else:
        message = MSG_FACE_LOST
    return _result(
        "face", FACE_LABEL, passed=passed, score=share, limit=FACE_SHARE, clear=share >= FACE_SHARE_CLEAR,
        message=message, frames=total, one_face=one, several_faces=several, no_face=none,
    )  # fmt: skip


def _median_encoding(looks: list[_Look]) -> np.ndarray | None:
    encodings = [look.encoding for look in looks if look.encoding is not None]
    return np.median(np.stack(encodings), axis=0) if encodings else None


def _check_same_person(looks: list[_Look], median: np.ndarray | None) -> CheckResult:
    encodings = [look.encoding for look in looks if look.encoding is not None]
    if median is None or len(encodings) < 2:
        return _result(
            "same_person", SAME_LABEL, passed=False, score=0.0, limit=SAME_PERSON_TOLERANCE,
            message=MSG_FACE_NEEDED, frames=len(encodings),
        )  # fmt: skip
    distances = [encoding_distance(encoding, median) for encoding in encodings]
    gap, minority = _split_gap(np.stack(encodings))
    # One odd frame is the median rule's to judge; a gap counts once both sides have two frames.
    worst = max(max(distances), gap if minority >= 2 else 0.0)
    passed = worst <= SAME_PERSON_TOLERANCE
    return _result(
        "same_person", SAME_LABEL, passed=passed, score=worst, limit=SAME_PERSON_TOLERANCE,
        clear=worst <= SAME_PERSON_CLEAR, message=MSG_NOT_SAME, frames=len(encodings),
        to_median=round(max(distances), 3), mean_to_median=round(float(np.mean(distances)), 3),
        split_gap=round(gap, 3), split_frames=minority,
    )  # fmt: skip


def _split_gap(encodings: np.ndarray) -> tuple[float, int]:
    """How far apart the two groups of the best two-way split of the frames are, and how many
    frames the smaller group has.

    The median alone misses a swap halfway through: with two people 0.9 apart in equal shares,
    the median sits between them, under 0.6 from both. Two groups (2-means, seeded with the
    farthest pair) find them 0.9 apart; one person turning their head splits a few tenths apart.
    """
    pairwise = np.linalg.norm(encodings[:, None] - encodings[None], axis=2)
    first, second = np.unravel_index(int(pairwise.argmax()), pairwise.shape)
    a, b = encodings[first], encodings[second]
    for _ in range(10):
        nearer_a = np.linalg.norm(encodings - a, axis=1) <= np.linalg.norm(encodings - b, axis=1)
        if nearer_a.all() or not nearer_a.any():
            return 0.0, 0
        a, b = encodings[nearer_a].mean(axis=0), encodings[~nearer_a].mean(axis=0)
    return encoding_distance(a, b), int(min(nearer_a.sum(), (~nearer_a).sum()))


def _check_liveness(looks: list[_Look]) -> CheckResult:
    seen = [look for look in looks if look.encoding is not None]
    if len(seen) < 3:
        return _result(
            "liveness", LIVE_LABEL, passed=False, score=0.0, limit=TURN_MIN, message=MSG_FACE_NEEDED,
            frames=len(seen),
        )  # fmt: skip
    yaws = np.array([look.yaw for look in seen])
    # The median pose is the user's "straight ahead": a face whose landmarks sit a little off
    # centre still has to turn clearly both ways from where it rests.
    frontal = float(np.median(yaws))
    left, right = frontal - float(yaws.min()), float(yaws.max()) - frontal
    swing = min(left, right)
    first = "left" if int(np.argmin(yaws)) < int(np.argmax(yaws)) else "right"  # as seen in the image
    return _result(
        "liveness", LIVE_LABEL, passed=swing >= TURN_MIN, score=swing, limit=TURN_MIN,
        clear=swing >= TURN_CLEAR, message=MSG_ONE_WAY if max(left, right) >= TURN_MIN else MSG_NO_TURN,
        frames=len(seen), frontal=round(frontal, 3), left=round(left, 3), right=round(right, 3),
        first_turn=first, yaws=[round(float(yaw), 3) for yaw in yaws],
    )  # fmt: skip


def _dbfs(value: float) -> float:
    return round(20 * math.log10(max(value, 1e-6)), 1)


def _check_speech(audio: np.ndarray) -> CheckResult:
    voiced = vad.speech_seconds(audio)
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if audio.size else 0.0
    return _result(
        "speech", SPEECH_LABEL, passed=voiced >= SPEECH_SECONDS, score=voiced, limit=SPEECH_SECONDS,
        clear=voiced >= SPEECH_CLEAR, message=MSG_MUTED if _dbfs(peak) < MUTED_DBFS else MSG_SILENT,
        audio_seconds=round(audio.size / vad.SAMPLE_RATE, 2), peak_dbfs=_dbfs(peak), rms_dbfs=_dbfs(rms),
    )  # fmt: skip


# --- the portrait ------------------------------------------------------------------------------


def _portrait_look(looks: list[_Look]) -> _Look | None:
    """The most frontal face, and among the near-frontal ones the sharpest."""
    seen = [look for look in looks if look.box is not None and look.faces == 1]
    seen = seen or [look for look in looks if look.box is not None]
    if not seen:
        return None
    straightest = min(abs(look.yaw) for look in seen)
    near = [look for look in seen if abs(look.yaw) <= straightest + 0.05]
    return max(near, key=lambda look: look.sharpness)


def _full_frame(path: Path, at: float) -> np.ndarray | None:
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-ss", f"{at:.3f}",
        "-i", str(path), "-map", "0:v:0", "-frames:v", "1", "-c:v", "bmp", "-f", "image2pipe", "pipe:1",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=60, check=False)
    if not result.stdout.startswith(b"BM"):
        return None
    try:
        with Image.open(io.BytesIO(result.stdout)) as image:
            return np.asarray(image.convert("RGB"))
    except OSError:
        return None


def _portrait(path: Path, look: _Look, fallback: np.ndarray | None) -> bytes:
    image = _full_frame(path, look.time)
    if image is None:
        image = fallback
    height, width = image.shape[:2]
    scale_x, scale_y = width / look.size[0], height / look.size[1]
    left, right = look.box[0] * scale_x, look.box[2] * scale_x
    top, bottom = look.box[1] * scale_y, look.box[3] * scale_y
    # Generous room: hair above, chin and neck below; the face box hugs brows to mouth.
    side = min(2.2 * max(right - left, bottom - top), width, height)
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2 - 0.1 * (bottom - top)
    x0 = int(np.clip(centre_x - side / 2, 0, width - side))
    y0 = int(np.clip(centre_y - side / 2, 0, height - side))
    crop = Image.fromarray(image[y0 : y0 + int(side), x0 : x0 + int(side)])
    crop = crop.resize((PORTRAIT_SIZE, PORTRAIT_SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    crop.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


# --- the whole analysis ------------------------------------------------------------------------


class _Progress:
    def __init__(self, on_progress: Callable[[str, float], None] | None) -> None:
        self._on_progress = on_progress
        self._last = 0.0

    def __call__(self, stage: str, fraction: float) -> None:
        if self._on_progress is None:
            return
        start, end = _STAGE_SPAN[stage]
        self._last = max(self._last, start + (end - start) * min(max(fraction, 0.0), 1.0))
        self._on_progress(stage, self._last)


def _look_through(
    path: Path, media: _Media, scratch: Path, stop: Callable[[], bool], report: _Progress
) -> tuple[list[_Look], dict[int, np.ndarray], np.ndarray, list[str]]:
    """Look at each sampled frame as ffmpeg decodes it (the two cores share the work)."""
    looks: list[_Look] = []
    kept: dict[int, np.ndarray] = {}  # frames with a face: the portrait's fallback
    decoder = _Decoder(path, media, scratch)
    try:
        for index, image in enumerate(decoder.frames()):
            if stop():
                raise Cancelled()
            if index >= media.samples:
                continue  # the fps filter may round up by a frame
            look = _look(image, index / media.rate)
            looks.append(look)
            if look.box is not None:
                kept[index] = image
            report(STAGE_FACES, len(looks) / media.samples)
        audio, errors = decoder.finish()
    finally:
        decoder.close()
    return looks, kept, audio, errors


def recording_analyse(
    path: Path | str,
    *,
    on_progress: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Analysis:
    """Analyse a verification recording. Never raises for bad input: every problem becomes a
    failed CheckResult with a message for the user. Raises Cancelled when `cancelled()` says so.

    on_progress(stage label, overall fraction 0..1) is called through the stages.
    """
    path = Path(path)
    report = _Progress(on_progress)
    stop = cancelled or (lambda: False)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    report(STAGE_FILE, 0.0)
    try:
        media = _inspect(path)
    except _Fatal as fatal:
        timings["file"] = round(time.perf_counter() - started, 3)
        return Analysis(
            [fatal.check], duration=fatal.duration, encoding=None, portrait_jpeg=None, timings=timings
        )
    report(STAGE_FILE, 1.0)
    timings["file"] = round(time.perf_counter() - started, 3)
    # A fresh worker process loads the voice model beside the face models, not after them.
    threading.Thread(target=vad.warm, name="cameo-vad-warm", daemon=True).start()

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cameo-") as scratch:
        looks, kept, audio, errors = _look_through(path, media, Path(scratch), stop, report)
    timings["faces"] = round(time.perf_counter() - started, 3)

    container = dict(
        format=media.format, seconds=round(media.duration, 3), max_seconds=MAX_SECONDS,
        frames_sampled=len(looks), frames_expected=media.samples, decode_errors=len(errors),
        video=f"{media.info.video.codec} {media.info.video.width}x{media.info.video.height}",
        audio=media.info.audio.codec,
    )  # fmt: skip
    # A header can promise more than the file holds: frames or sound missing means damage.
    damaged = len(looks) < TRUNCATED_SHARE * media.samples
    damaged = damaged or audio.size < TRUNCATED_SHARE * media.audio_seconds * vad.SAMPLE_RATE
    check = _result(
        "container", CONTAINER_LABEL, passed=not damaged, score=media.duration, limit=MIN_SECONDS,
        clear=True, message=MSG_DAMAGED, **container,
    )  # fmt: skip
    if damaged:
        return Analysis([check], duration=check.score, encoding=None, portrait_jpeg=None, timings=timings)
    checks = [check]
    median = _median_encoding(looks)
    checks += [_check_face(looks), _check_same_person(looks, median), _check_liveness(looks)]

    if stop():
        raise Cancelled()
    started = time.perf_counter()
    report(STAGE_VOICE, 0.0)
    checks.append(_check_speech(audio))
    report(STAGE_VOICE, 1.0)
    timings["voice"] = round(time.perf_counter() - started, 3)

    started = time.perf_counter()
    report(STAGE_PORTRAIT, 0.0)
    chosen = _portrait_look(looks)
    portrait = None
    if chosen is not None:
        portrait = _portrait(path, chosen, kept.get(looks.index(chosen)))
    report(STAGE_PORTRAIT, 1.0)
    timings["portrait"] = round(time.perf_counter() - started, 3)
    return Analysis(
        checks,
        duration=round(media.duration, 3),
        encoding=[float(value) for value in median] if median is not None else None,
        portrait_jpeg=portrait,
        timings=timings,
    )
