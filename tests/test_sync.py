"""Sound and picture in sync, measured on the encoded MP4 as a viewer would get it.

Each line's speech onset is found in the decoded audio (voice-band energy rising out of the
music and ambience); its subtitle's appearance is found in the decoded frames (white text
appearing in the subtitle band). They must agree within 50 ms.
"""

import subprocess

import imageio_ffmpeg
import numpy as np
import pytest

from generation.engines.base import RenderSpec, SpokenLine
from generation.overlay import Overlay
from generation.pipeline import render
from generation.plan import LINE_LEAD
from generation.probe import probe_media

pytestmark = pytest.mark.nodb

FPS = 24
RATE = 44100
WIDTH, HEIGHT = 360, 640
PROMPT = (
    'A corgi surfs a huge wave at sunset and says "best day ever!" '
    'Then a cat on the beach says "me too, see you tomorrow." [applause]'
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    spec = RenderSpec(
        prompt=PROMPT, duration=10, width=WIDTH, height=HEIGHT, seed=11, handle="alice", fps=FPS
    )
    output = render(
        spec, video_engine="preview", audio_engine="speech", out_dir=tmp_path_factory.mktemp("sync"),
        on_progress=lambda label, fraction: None, cancelled=lambda: False,
    )  # fmt: skip
    return spec, output


def decode_audio(path) -> np.ndarray:
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:a:0",
               "-ac", "1", "-ar", str(RATE), "-f", "f32le", "pipe:1"]  # fmt: skip
    return np.frombuffer(subprocess.run(command, capture_output=True, check=True).stdout, dtype="<f4")


def decode_frames(path) -> np.ndarray:
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:v:0",
               "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, HEIGHT, WIDTH, 3)


def subtitle_shown(frames: np.ndarray, spec: RenderSpec, line: SpokenLine) -> np.ndarray:
    """Per frame, the share of this line's letter pixels that are white where it is drawn.

    The letters' shape and place come from the overlay; whether they are on screen, and from
    which frame, is read from the decoded video. Scenery can be white too, but not in the shape
    of these words.
    """
    subtitle = Overlay(spec, [line]).subtitles[0]
    layer, (x, y) = subtitle.layer, subtitle.at
    alpha = 256 - layer.inverse_alpha[..., 0].astype(np.int32)
    colour = layer.premultiplied.min(axis=2) // np.maximum(alpha, 1)
    letters = (alpha > 240) & (colour > 240)
    width, height = layer.size
    region = frames[:, y : y + height, x : x + width].min(axis=3)
    return (region[:, letters] > 190).mean(axis=1)


def appearance(shown: np.ndarray) -> float:
    """Time (s) of the first frame showing the line."""
    on = np.flatnonzero(shown > 0.8)
    assert len(on), f"subtitle never shown (best match {shown.max():.2f})"
    return on[0] / FPS


def voice_onset(audio: np.ndarray, *, after: float, before: float) -> float:
    """First 5 ms step after `after` where voice-band energy rises 12 dB over the 0.2 s before it."""
    window = int(RATE * 0.02)
    spectrum_freqs = np.fft.rfftfreq(window, 1 / RATE)
    band = (spectrum_freqs > 80) & (spectrum_freqs < 5000)  # voice fundamentals and formants

    def energy(t: float) -> float:
        start = int(t * RATE)
        chunk = audio[start : start + window] * np.hanning(window)
        return float((np.abs(np.fft.rfft(chunk))[band] ** 2).sum())

    floor = np.median([energy(max(0.0, after - 0.2) + i * 0.005) for i in range(36)]) + 1e-9
    t = after
    while t < before:
        if energy(t) > floor * 10**1.2 and energy(t + 0.02) > floor * 10**1.2:
            # The window is 20 ms wide: the rise is heard about where the window's middle is.
            return t + 0.01
        t += 0.005
    raise AssertionError(f"no speech found between {after:.2f} s and {before:.2f} s")


def test_each_line_is_heard_within_50_ms_of_its_subtitle(clip):
    spec, output = clip
    spoken = output.info["spoken"]
    assert [line["text"] for line in spoken] == ["best day ever!", "me too, see you tomorrow."]
    shots = output.info["shots"]
    audio = decode_audio(output.video_path)
    frames = decode_frames(output.video_path)

    for line in spoken:
        as_spoken = SpokenLine(line["text"], line["speaker"], 0, line["start"], line["end"])
        shown = subtitle_shown(frames, spec, as_spoken)
        shown_at = appearance(shown)
        shot = next(s for s in shots if s["start"] <= line["start"] < s["end"])
        # The cut is at the shot's start and speech follows LINE_LEAD later: search between.
        heard_at = voice_onset(audio, after=shot["start"] + LINE_LEAD - 0.1, before=line["end"] + 0.1)
        assert abs(heard_at - shown_at) <= 0.050, (line["text"], heard_at, shown_at)
        assert shot["start"] <= heard_at < shot["end"], "a line is heard in its own shot"
        # Not shown before it is spoken (a frame of slack either side).
        assert shown[: max(0, round(shown_at * FPS) - 1)].max(initial=0) < 0.8


def test_audio_and_video_last_the_same_to_within_a_frame(clip):
    spec, output = clip
    info = probe_media(output.video_path)
    assert abs(info.audio_seconds - info.video_seconds) < 1 / FPS
    assert info.video_frames == spec.frame_count
