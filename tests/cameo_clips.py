"""Real cameo verification recordings, built offline in about a second each.

A head (the astronaut photo shipped in scikit-image) on a plain wall, reading digits aloud in
espeak's voice, turning left then right. What the analysis checks is real here: dlib finds and
encodes the face, the landmarks move when the head "turns", Silero hears the voice. The turn is a
smooth horizontal warp that slides the features (nose most, eyes less) inside a fixed face
outline, which is what a real head turn does to a 2-D image and what a tilted photo cannot do.

Used by the analysis tests, the service and worker tests, and the browser test (through the
fake camera files).
"""

from __future__ import annotations

import functools
import subprocess
import wave
from pathlib import Path
from typing import Literal

import imageio_ffmpeg
import numpy as np
from PIL import Image

AUDIO_RATE = 22_050  # espeak's native rate
DIGITS = "4 8 1 5 9"
SPEECH_START = 0.8  # seconds of quiet before the user starts reading
TURN_DEGREES = 35.0  # how far the head turns each way
_LFW_INDEX = 0  # a man from Labeled Faces in the Wild, far from the astronaut (see other_face_image)


# --- faces -----------------------------------------------------------------------------------


@functools.cache
def astronaut_head() -> np.ndarray:
    """Eileen Collins's head from skimage's astronaut photo (RGB uint8, 200x180).

    The whole photo has a second, false HOG face on the suit's patch; this crop holds only her.
    """
    from skimage import data

    return np.ascontiguousarray(data.astronaut()[20:220, 120:300])


@functools.cache
def _lfw_faces() -> np.ndarray:
    # skimage ships a 25x25 grey subset of Labeled Faces in the Wild: 100 faces then 100
    # non-faces. It is the only second real face in any installed wheel.
    from importlib.resources import files

    with (files("skimage") / "data" / "lfw_subset.npy").open("rb") as file:
        return np.load(file)


@functools.cache
def _other_face() -> np.ndarray:
    return framed_like_lfw((_lfw_faces()[_LFW_INDEX] * 255).astype(np.uint8))


def framed_like_lfw(tile: np.ndarray) -> np.ndarray:
    """A 25x25 grey face tile as other_face_image() shows it: enlarged, tinted, framed by hair."""
    face = Image.fromarray(tile).resize((120, 120), Image.Resampling.BICUBIC)
    # A warm tint and a head-sized frame of dark hair around the tight LFW crop, laid out like
    # astronaut_head() (face about half the width, centred) so the same renderer fits both.
    grey = np.asarray(face, dtype=np.float32)[..., None] / 255.0
    skin = np.clip(grey * np.array([255, 214, 190]), 0, 255)
    canvas = np.empty((200, 180, 3), dtype=np.float32)
    canvas[:] = (58, 44, 36)
    # Soften the tile's edges into the hair so that no square outline competes with the face.
    ramp = np.clip(np.minimum(np.arange(120), np.arange(120)[::-1]) / 12.0, 0, 1)
    fade = np.minimum.outer(ramp, ramp)[..., None]
    canvas[45:165, 30:150] = skin * fade + canvas[45:165, 30:150] * (1 - fade)
    return canvas.astype(np.uint8)


def other_face_image() -> np.ndarray:
    """A real face of a different person than the astronaut (RGB uint8, 200x180).

    The LFW tile is tiny and grey, so one might fear its distance to the astronaut measures the
    blur, not the person: the astronaut's own face put through the same 25 px grey round trip
    (astronaut_like_lfw) still matches her, while this man is ~0.9 away. A test holds both.
    """
    return _other_face().copy()


def astronaut_like_lfw() -> np.ndarray:
    """The astronaut's face through the LFW round trip: cropped tight, grey, 25x25, framed."""
    left, top, right, bottom = 55, 56, 145, 146  # her HOG box in astronaut_head()
    face = Image.fromarray(astronaut_head()[top:bottom, left:right]).convert("L")
    return framed_like_lfw(np.asarray(face.resize((25, 25), Image.Resampling.BILINEAR)))


@functools.cache
def _face_box(image_bytes: bytes, shape: tuple[int, ...]) -> tuple[float, float, float]:
    """(centre x, centre y, half width) of the face in a head image, found by dlib once."""
    import face_recognition

    image = np.frombuffer(image_bytes, dtype=np.uint8).reshape(shape)
    pad = shape[0] // 2  # HOG needs room around a face that fills its picture
    padded = np.pad(image, ((pad, pad), (pad, pad), (0, 0)), mode="edge")
    boxes = face_recognition.face_locations(padded, number_of_times_to_upsample=1)
    if not boxes:
        return shape[1] / 2, shape[0] / 2, shape[1] / 4
    top, right, bottom, left = max(boxes, key=lambda box: (box[2] - box[0]) * (box[1] - box[3]))
    return (left + right) / 2 - pad, (top + bottom) / 2 - pad, (right - left) / 2


class _Head:
    """A head image scaled to a height, with a soft oval outline and a turn warp."""

    def __init__(self, image: np.ndarray, height: int) -> None:
        image = np.ascontiguousarray(image[..., :3], dtype=np.uint8)
        cx, cy, half = _face_box(image.tobytes(), image.shape)
        scale = height / image.shape[0]
        width = max(2, round(image.shape[1] * scale))
        resized = Image.fromarray(image).resize((width, height), Image.Resampling.LANCZOS)
        self.pixels = np.asarray(resized, dtype=np.float32)
        self.cx, self.cy, self.half = cx * scale, cy * scale, half * scale
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
        oval = ((xs - width / 2) / (width / 2)) ** 2 + ((ys - height / 2) / (height / 2)) ** 2
        self.alpha = np.clip((1.0 - oval) / 0.12, 0.0, 1.0)[..., None]
        # The head turns as a cylinder about its vertical axis: features slide across the face,
        # the far cheek foreshortens, the silhouette stays. Below the chin the body doesn't turn.
        self.radius = 1.25 * self.half
        u = np.clip((xs - self.cx) / self.radius, -0.999, 0.999)
        self.angle = np.arcsin(u)
        self.inside = np.abs(xs - self.cx) < self.radius
        chin = self.cy + 0.9 * self.half
        self.weight = np.clip(1 - (ys - chin) / (0.5 * self.half), 0, 1)
        self.xs, self.rows = xs, ys.astype(np.intp)

    def turned(self, yaw: float) -> np.ndarray:
        if yaw == 0:
            return self.pixels
        theta = np.radians(TURN_DEGREES) * yaw
        # Where each pixel of the turned head comes from: the point that rotates onto it.
        behind = np.sin(np.clip(self.angle - theta, -np.pi / 2, np.pi / 2))
        shift = self.radius * (behind - np.sin(self.angle)) * self.weight * self.inside
        source = np.clip(self.xs + shift, 0, self.pixels.shape[1] - 1.001)
        left = source.astype(np.intp)
        weight = (source - left)[..., None]
        return self.pixels[self.rows, left] * (1 - weight) + self.pixels[self.rows, left + 1] * weight


def _yaw_at(t: float, seconds: float) -> float:
    """-1..1: frontal, a turn to one side, frontal, a turn to the other, frontal while reading."""
    phase = t / seconds
    if 0.15 <= phase < 0.45:
        return -float(np.sin(np.pi * (phase - 0.15) / 0.30))
    if 0.50 <= phase < 0.80:
        return float(np.sin(np.pi * (phase - 0.50) / 0.30))
    return 0.0


@functools.cache
def _wall(width: int, height: int) -> np.ndarray:
    top, bottom = np.array([196, 204, 212], np.float32), np.array([150, 140, 128], np.float32)
    ramp = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    return np.broadcast_to(top * (1 - ramp) + bottom * ramp, (height, width, 3)).copy()


class _Scene:
    """Renders frames of one clip; frames depend only on the turn, so they are cached by it."""

    def __init__(self, size: tuple[int, int], faces: int, face_image: np.ndarray | None, mirror: bool):
        self.width, self.height = size
        self.mirror = mirror
        self.wall = _wall(self.width, self.height)
        self.placed: list[tuple[_Head, int, int]] = []  # head, left, top
        self.objects: list[tuple[np.ndarray, int, int]] = []
        main = astronaut_head() if face_image is None else face_image
        if faces == 1:
            self._place(_Head(main, round(self.height * 0.78)), 0.5)
        elif faces >= 2:
            self._place(_Head(main, round(self.height * 0.62)), 0.28)
            self._place(_Head(other_face_image(), round(self.height * 0.62)), 0.72)
        else:
            from skimage import data

            cup = Image.fromarray(data.coffee()).resize((self.width // 2, self.height // 2))
            self.objects.append((np.asarray(cup, dtype=np.float32), self.width // 4, self.height // 3))
        self._cache: dict[float, np.ndarray] = {}

    def _place(self, head: _Head, centre: float) -> None:
        height, width = head.pixels.shape[:2]
        left = int(np.clip(round(self.width * centre - width / 2), 0, max(0, self.width - width)))
        top = int(max(0, round((self.height - height) * 0.55)))
        self.placed.append((head, left, top))

    def frame(self, yaw: float) -> np.ndarray:
        key = round(yaw * 40) / 40
        if key not in self._cache:
            canvas = self.wall.copy()
            for picture, left, top in self.objects:
                canvas[top : top + picture.shape[0], left : left + picture.shape[1]] = picture
            for index, (head, left, top) in enumerate(self.placed):
                pixels = head.turned(key if index == 0 else 0.0)  # only the user turns
                height = min(pixels.shape[0], self.height - top)
                width = min(pixels.shape[1], self.width - left)
                region = canvas[top : top + height, left : left + width]
                alpha = head.alpha[:height, :width]
                region[:] = region * (1 - alpha) + pixels[:height, :width] * alpha
            frame = np.clip(canvas + 0.5, 0, 255).astype(np.uint8)
            self._cache[key] = frame[:, ::-1].copy() if self.mirror else frame
        return self._cache[key]


def _frames(scenes: list[_Scene], seconds: float, fps: int, turn: bool):
    """The clip's frames; with several scenes, each plays an equal share of the clip in turn."""
    count = max(1, round(seconds * fps))
    for index in range(count):
        scene = scenes[index * len(scenes) // count]
        yield scene.frame(_yaw_at(index / fps, seconds) if turn else 0.0)


# --- sound -----------------------------------------------------------------------------------


@functools.cache
def _speech(text: str) -> np.ndarray:
    from generation.engines import espeak

    # Digits read one by one with a pause between, slower than espeak's default reading.
    samples, rate = espeak.synthesize(", ".join(text.split()), rate=110)
    assert rate == AUDIO_RATE, rate
    return samples


def _soundtrack(seconds: float, audio: str, speech: str) -> np.ndarray:
    count = round(seconds * AUDIO_RATE)
    # A quiet room (about -50 dBFS), as any microphone hears; a digital zero is no real test.
    track = np.random.default_rng(5).normal(0.0, 0.003, count).astype(np.float32)
    if audio == "speech" and speech:
        voice = _speech(speech)
        start = round(SPEECH_START * AUDIO_RATE)
        end = min(count, start + len(voice))
        if end > start:
            track[start:end] += voice[: end - start]
    return track


def _write_wav(path: Path, samples: np.ndarray) -> Path:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(AUDIO_RATE)
        file.writeframes(pcm.tobytes())
    return path


# --- clips -----------------------------------------------------------------------------------


def _codecs(path: Path, has_audio: bool) -> list[str]:
    if path.suffix.lower() == ".webm":  # what browsers' MediaRecorder makes
        video = ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M"]
        return video + (["-c:a", "libopus", "-b:a", "64k"] if has_audio else [])
    video = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"]
    audio = ["-c:a", "aac", "-b:a", "96k"] if has_audio else []
    return video + audio + ["-movflags", "+faststart"]


def clip_verification(
    path: Path | str,
    *,
    seconds: float = 7.0,
    size: tuple[int, int] = (640, 480),
    fps: int = 24,
    turn: bool = True,
    speech: str = DIGITS,
    faces: int = 1,
    face_image: np.ndarray | None = None,
    audio: Literal["speech", "silence", "none"] = "speech",
    mirror: bool = False,
    swap: bool = False,
) -> Path:
    """Write a selfie verification recording: .mp4 (H.264 + AAC) or .webm (VP8 + Opus).

    turn=False is a still photo held to the camera; faces=0 shows a coffee cup, faces=2 adds a
    second person; audio="none" writes no audio stream at all; swap=True has someone else (the
    other face) take the user's place halfway through.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    scenes = [_Scene((width, height), faces, face_image, mirror)]
    if swap:
        scenes.append(_Scene((width, height), faces, other_face_image(), mirror))
    has_audio = audio != "none"
    wav = path.with_name(path.name + ".wav")
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error"]
    command += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps)]
    command += ["-i", "pipe:0"]
    if has_audio:
        _write_wav(wav, _soundtrack(seconds, audio, speech))
        command += ["-i", str(wav), "-map", "0:v", "-map", "1:a", "-shortest"]
    command += _codecs(path, has_audio) + [str(path)]
    try:
        _pipe_frames(command, _frames(scenes, seconds, fps, turn))
    finally:
        wav.unlink(missing_ok=True)
    return path


def _pipe_frames(command: list[str], frames) -> None:
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for frame in frames:
            process.stdin.write(frame.data)
    except BrokenPipeError:
        pass  # ffmpeg quit early; its stderr says why
    finally:
        process.stdin.close()
    error = process.stderr.read().decode(errors="replace")
    if process.wait() != 0:
        raise RuntimeError(f"ffmpeg failed: {error[-1000:]}")


def clip_fake_camera(
    directory: Path | str, *, seconds: float = 7.0, size: tuple[int, int] = (640, 480), fps: int = 15
) -> tuple[Path, Path]:
    """A .y4m and a .wav for Chromium's --use-file-for-fake-video/audio-capture.

    Chromium loops both files. 15 fps keeps the raw video near 7 s x 460 KB x 15 = 48 MB.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    video, sound = directory / "cameo_camera.y4m", directory / "cameo_microphone.wav"
    width, height = size
    scene = _Scene((width, height), 1, None, False)
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error"]
    command += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps)]
    command += ["-i", "pipe:0", "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", str(video)]
    _pipe_frames(command, _frames([scene], seconds, fps, True))
    _write_wav(sound, _soundtrack(seconds, "speech", DIGITS))
    return video, sound


# --- bad files -------------------------------------------------------------------------------


def file_truncated(src: Path | str, dst: Path | str) -> Path:
    """The first half of a recording's bytes, as an interrupted upload leaves it."""
    data = Path(src).read_bytes()
    Path(dst).write_bytes(data[: len(data) // 2])
    return Path(dst)


def file_garbled(src: Path | str, dst: Path | str) -> Path:
    """A recording whose header is intact but whose media after the first 16 KiB is noise."""
    data = bytearray(Path(src).read_bytes())
    keep = min(len(data), 16 * 1024)
    data[keep:] = np.random.default_rng(3).integers(0, 256, len(data) - keep, dtype=np.uint8).tobytes()
    Path(dst).write_bytes(bytes(data))
    return Path(dst)


def file_sound_only(dst: Path | str, *, seconds: float = 7.0) -> Path:
    """The digits read aloud with no picture at all (a WAV, whatever its name says)."""
    return _write_wav(Path(dst), _soundtrack(seconds, "speech", DIGITS))


def file_not_video(dst: Path | str, *, kind: Literal["text", "picture"] = "text") -> Path:
    """Something that is no video under a video's name: a text file, or a JPEG photo."""
    dst = Path(dst)
    if kind == "picture":
        Image.fromarray(astronaut_head()).save(dst, format="JPEG")
    else:
        dst.write_text("These are my holiday notes, not a video.\n" * 20)
    return dst


def file_rotated(src: Path | str, dst: Path | str) -> Path:
    """The recording as a phone stores it: frames sideways, with a flag saying to turn them."""
    ffmpeg = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error"]
    sideways = Path(dst).with_name(Path(dst).stem + ".sideways.mp4")
    try:
        subprocess.run(
            ffmpeg
            + ["-i", str(src), "-vf", "transpose=2"]
            + _codecs(sideways, False)
            + ["-c:a", "copy", str(sideways)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ffmpeg + ["-display_rotation:v:0", "-90", "-i", str(sideways), "-c", "copy", str(dst)],
            check=True,
            capture_output=True,
        )
    finally:
        sideways.unlink(missing_ok=True)
    return Path(dst)


def file_streamed(src: Path | str, dst: Path | str) -> Path:
    """A .webm rewritten as a browser's MediaRecorder streams it: no duration and no index."""
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error"]
    command += ["-i", str(src), "-c", "copy", "-live", "1", "-f", "webm", str(dst)]
    subprocess.run(command, check=True, capture_output=True)
    return Path(dst)
