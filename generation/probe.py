"""Inspect rendered media with the ffmpeg binary from imageio-ffmpeg.

The wheel ships no ffprobe, so this parses what `ffmpeg -i` prints on stderr. The format is
meant for humans and not a stable API: keep the parsing tolerant and tested.
"""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import imageio_ffmpeg


class ProbeError(ValueError):
    """The file is missing or ffmpeg cannot read it as media."""


@dataclass
class StreamInfo:
    kind: str  # "video", "audio", "subtitle", "data"
    codec: str  # "h264", "aac", ...
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    sample_rate: int | None = None
    channels: str | None = None  # "stereo", "mono", ...
    pix_fmt: str | None = None


@dataclass
class MediaInfo:
    duration: float | None  # container duration in seconds
    streams: list[StreamInfo] = field(default_factory=list)
    video_frames: int | None = None
    video_seconds: float | None = None  # from the packets of the first video stream
    audio_seconds: float | None = None  # from the packets of the first audio stream
    tags: dict[str, str] = field(default_factory=dict)  # container metadata

    def of_kind(self, kind: str) -> list[StreamInfo]:
        return [stream for stream in self.streams if stream.kind == kind]

    @property
    def video(self) -> StreamInfo | None:
        return next(iter(self.of_kind("video")), None)

    @property
    def audio(self) -> StreamInfo | None:
        return next(iter(self.of_kind("audio")), None)


def probe_media(path: Path | str) -> MediaInfo:
    stderr = read_ffmpeg_info(path)
    info = parse_ffmpeg_info(stderr)
    if info.video is not None:
        info.video_frames, info.video_seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    if info.audio is not None:
        info.audio_seconds = packet_seconds(path, "a")
    return info


def read_metadata(path: Path | str) -> dict[str, str]:
    """The container-level metadata tags (title, comment, ...) of a media file."""
    return parse_ffmpeg_info(read_ffmpeg_info(path)).tags


def moov_before_mdat(path: Path | str) -> bool:
    """True when the MP4's index (moov) precedes its media data, i.e. it was made +faststart.

    Browsers can then start playing before the whole file has arrived.
    """
    with open(path, "rb") as file:
        size_of_file = file.seek(0, 2)
        position = 0
        while position + 8 <= size_of_file:
            file.seek(position)
            size, kind = struct.unpack(">I4s", file.read(8))
            if size == 1:  # a 64-bit size follows the type
                (size,) = struct.unpack(">Q", file.read(8))
            elif size == 0:  # the box runs to the end of the file
                size = size_of_file - position
            if kind == b"moov":
                return True
            if kind == b"mdat":
                return False
            if size < 8:
                break  # corrupt; don't loop forever
            position += size
    return False


# --- parsing -------------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)")
_STREAM = re.compile(r"^\s*Stream #\d+:\d+\S*:\s*(\w+):\s*(\w+)(.*)$")
_SIZE = re.compile(r"(?:^|[\s,])(\d{2,5})x(\d{2,5})(?:[\s,\[]|$)")
_FPS = re.compile(r"([\d.]+)\s*fps")
_RATE = re.compile(r"(\d+)\s*Hz")
_TAG = re.compile(r"^(\s*)(\S[^:]*?)?\s*:\s?(.*)$")
_TIME = re.compile(r"time=\s*(\d+):(\d+):(\d+(?:\.\d+)?)")


def read_ffmpeg_info(path: Path | str) -> str:
    """What `ffmpeg -i` says about a file (its stderr); raises ProbeError if it is no media."""
    if not Path(path).is_file():
        raise ProbeError(f"No such file: {path}")
    # ffmpeg exits 1 here ("at least one output file must be specified"); stderr is the point.
    result = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
        check=False,
    )
    if "Input #0" not in result.stderr:
        raise ProbeError(f"ffmpeg cannot read {path}: {result.stderr.strip()[-500:]}")
    return result.stderr


def packet_seconds(path: Path | str, stream: str) -> float | None:
    # Stream-copying to the null muxer reads packets without decoding: fast, and the final
    # time= is the stream's duration after the edit list (so AAC priming does not count).
    result = subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-hide_banner",
            "-nostdin",
            "-i",
            str(path),
            "-map",
            f"0:{stream}:0",
            "-c",
            "copy",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        check=False,
    )
    times = _TIME.findall(result.stderr)
    if not times:
        return None
    hours, minutes, seconds = times[-1]
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def parse_ffmpeg_info(stderr: str) -> MediaInfo:
    """Parse the first input's description from `ffmpeg -i` stderr."""
    info = MediaInfo(duration=None)
    in_input = False
    tags_indent: int | None = None  # indentation of the input-level "Metadata:" line
    last_key: str | None = None
    for line in stderr.splitlines():
        if line.startswith("Input #"):
            if in_input:
                break  # only the first input
            in_input = True
            continue
        if not in_input:
            continue
        indent = len(line) - len(line.lstrip())
        if tags_indent is not None:
            match = _TAG.match(line)
            if indent > tags_indent and match:
                key, value = (match.group(2) or "").strip(), match.group(3).rstrip()
                if key:
                    info.tags[key] = value
                    last_key = key
                elif last_key is not None:  # a multi-line value continues with " : ..."
                    info.tags[last_key] += "\n" + value
                continue
            tags_indent = None
        if line.strip() == "Metadata:" and not info.streams and info.duration is None:
            tags_indent = indent
            continue
        if match := _DURATION.match(line):
            hours, minutes, seconds = match.groups()
            info.duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
            continue
        if match := _STREAM.match(line):
            info.streams.append(_parse_stream(*match.groups()))
    return info


def _parse_stream(kind: str, codec: str, rest: str) -> StreamInfo:
    stream = StreamInfo(kind=kind.lower(), codec=codec)
    if stream.kind == "video":
        # Drop parenthesised details first: "yuv420p(progressive)" is no size, "(avc1 / 0x…)"
        # is no codec.
        plain = re.sub(r"\([^()]*\)", "", rest)
        parts = [part.strip() for part in plain.split(",")]
        if len(parts) > 1 and parts[1]:
            stream.pix_fmt = parts[1].split()[0]
        if match := _SIZE.search(plain):
            stream.width, stream.height = int(match.group(1)), int(match.group(2))
        if match := _FPS.search(plain):
            stream.fps = float(match.group(1))
    elif stream.kind == "audio":
        if match := _RATE.search(rest):
            stream.sample_rate = int(match.group(1))
        parts = [part.strip() for part in rest.split(",")]
        if len(parts) > 2:
            stream.channels = parts[2]
    return stream
