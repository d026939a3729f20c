"""The moving watermark and the subtitles, drawn by the pipeline on every engine's frames."""

import subprocess

import imageio_ffmpeg
import numpy as np
import pytest

from generation import engines
from generation.engines.base import RenderSpec, SpokenLine
from generation.overlay import Overlay
from generation.pipeline import render

pytestmark = pytest.mark.nodb

GREY = 90


class FlatEngine:
    """A stand-in for any engine (a diffusion model, say): plain grey frames, no watermark."""

    name = "flat"

    def describe(self):
        return {"engine": self.name}

    def frames(self, spec, plan, soundtrack, *, progress, cancelled):
        for index in range(spec.frame_count):
            progress((index + 1) / spec.frame_count)
            yield np.full((spec.height, spec.width, 3), GREY, np.uint8)


def spec_for(**changes) -> RenderSpec:
    fields = dict(prompt='A cat says "hello there"', duration=5, width=320, height=568, seed=3,
                  handle="alice", fps=12)  # fmt: skip
    return RenderSpec(**(fields | changes))


@pytest.fixture(scope="module")
def decoded(tmp_path_factory):
    spec = spec_for()
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(engines.VIDEO_ENGINES, "flat", FlatEngine)
        output = render(spec, video_engine="flat", audio_engine="speech", on_progress=lambda *_: None,
                        out_dir=tmp_path_factory.mktemp("o"), cancelled=lambda: False)  # fmt: skip
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(output.video_path),
               "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, spec.height, spec.width, 3)
    # Where the subtitle band begins: the watermark keeps above it.
    spoken = [
        SpokenLine(line["text"], line["speaker"], 0, line["start"], line["end"])
        for line in output.info["spoken"]
    ]
    return spec, output, frames, Overlay(spec, spoken).subtitle_top


def bright_box(frame: np.ndarray, rows: slice) -> tuple[int, int] | None:
    """Top-left of the bright text within `rows` of a grey frame, or None."""
    ys, xs = np.nonzero(frame[rows].min(axis=2) > GREY + 60)
    if len(ys) < 10:
        return None
    return int(xs.min()), int(ys.min()) + (rows.start or 0)


def test_every_frame_of_any_engine_carries_a_watermark_that_moves(decoded):
    spec, output, frames, subtitle_top = decoded
    above_subtitles = slice(0, subtitle_top)
    spots = [bright_box(frame, above_subtitles) for frame in frames]
    assert all(spot is not None for spot in spots), "a frame without the watermark"
    xs, ys = zip(*spots, strict=True)
    # It wanders across the frame, so no fixed crop removes it.
    assert max(xs) - min(xs) > spec.width * 0.3 and max(ys) - min(ys) > spec.height * 0.1
    assert len(set(spots)) > len(frames) // 2


def test_the_subtitle_shows_only_while_its_line_is_heard(decoded):
    spec, output, frames, subtitle_top = decoded
    (line,) = output.info["spoken"]
    band = slice(subtitle_top, spec.height)
    shown = [bright_box(frame, band) is not None for frame in frames]
    first, last = shown.index(True), len(shown) - 1 - shown[::-1].index(True)
    assert abs(first / spec.fps - line["start"]) <= 0.5 / spec.fps + 1e-9
    assert line["end"] < (last + 1) / spec.fps <= line["end"] + 0.5
    assert all(shown[first : last + 1])


def test_the_watermark_names_the_creator_and_stays_clear_of_subtitles():
    spec = spec_for()
    line = SpokenLine("hello there", "cat", 0, 1.0, 2.0)
    alice = Overlay(spec, [line])
    somebody_longer = Overlay(spec_for(handle="a_much_longer_handle"), [line])
    assert somebody_longer.watermark.size[0] > alice.watermark.size[0]
    _, height = alice.watermark.size
    for t in np.linspace(0, spec.duration, 200):
        x, y = alice.watermark_position(float(t))
        assert 0 <= x and y + height <= alice.subtitle_top
