"""The render pipeline end to end, with the real ffmpeg and no mocks (no database needed)."""

import itertools
import subprocess
import time
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import Image

from generation import engines
from generation.engines import UnknownEngine, get_audio_engine, get_video_engine
from generation.engines.base import AudioTrack, Cancelled, RenderError, RenderSpec
from generation.overlay import font as _font
from generation.overlay import wrap_text
from generation.pipeline import COMPOSING, FINISHING, RENDERING, render
from generation.plan import plan_prompt
from generation.probe import ProbeError, moov_before_mdat, parse_ffmpeg_info, probe_media, read_metadata

pytestmark = pytest.mark.nodb

NEVER = lambda: False  # noqa: E731 - a cancel flag that never trips


def tiny(**changes) -> RenderSpec:
    fields = dict(prompt="A corgi surfs a wave at sunset", duration=5, width=96, height=160, seed=7,
                  handle="alice", fps=8)  # fmt: skip
    return RenderSpec(**(fields | changes))


def render_tiny(
    out_dir: Path,
    spec: RenderSpec | None = None,
    *,
    video_engine: str = "preview",
    on_progress=lambda label, fraction: None,
    cancelled=NEVER,
):
    return render(spec or tiny(), video_engine=video_engine, audio_engine="tones", out_dir=out_dir,
                  on_progress=on_progress, cancelled=cancelled)  # fmt: skip


def silence(spec: RenderSpec) -> AudioTrack:
    return AudioTrack(np.zeros((spec.duration * 44100, 2), np.float32), 44100)


def preview_frames(spec: RenderSpec):
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    return get_video_engine("preview").frames(
        spec, plan, silence(spec), progress=lambda f: None, cancelled=NEVER
    )


def frames_at(spec: RenderSpec, indices: list[int]) -> list[bytes]:
    frames = preview_frames(spec)
    return [frame.tobytes() for i, frame in enumerate(frames) if i in indices]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One tiny render shared by the read-only checks below (rendering is the slow part)."""
    spec = tiny()
    events: list[tuple[str, float]] = []
    output = render_tiny(
        tmp_path_factory.mktemp("render"),
        spec,
        on_progress=lambda label, fraction: events.append((label, fraction)),
    )
    return spec, output, events


def test_render_makes_one_h264_and_one_aac_stream(rendered):
    spec, output, _ = rendered
    info = probe_media(output.video_path)
    assert [(s.kind, s.codec) for s in info.streams] == [("video", "h264"), ("audio", "aac")]
    assert (info.video.width, info.video.height, info.video.fps) == (96, 160, 8.0)
    assert info.video.pix_fmt == "yuv420p"
    assert info.audio.sample_rate == 44100 and info.audio.channels == "stereo"


def test_video_and_audio_last_exactly_the_requested_duration(rendered):
    spec, output, _ = rendered
    info = probe_media(output.video_path)
    one_frame = 1 / spec.fps
    assert info.video_frames == spec.frame_count
    assert abs(info.video_seconds - spec.duration) <= one_frame
    assert abs(info.audio_seconds - spec.duration) <= one_frame
    assert abs(info.duration - spec.duration) <= one_frame


def test_mp4_is_faststart(rendered):
    assert moov_before_mdat(rendered[1].video_path)


def test_mp4_says_how_it_was_made(rendered):
    spec, output, _ = rendered
    tags = read_metadata(output.video_path)
    fields = dict(item.split("=", 1) for item in tags["comment"].split(";"))
    assert fields["engine"] == "preview" and fields["audio"] == "tones"
    assert fields["seed"] == str(spec.seed)
    assert tags["title"] == spec.prompt
    assert "AI-generated" in tags["description"] and "@alice" in tags["description"]


def test_poster_is_a_jpeg_of_the_video_size(rendered):
    spec, output, _ = rendered
    with Image.open(output.poster_path) as poster:
        assert poster.format == "JPEG"
        assert poster.size == (spec.width, spec.height)


def test_only_the_video_and_poster_are_left_behind(rendered):
    output = rendered[1]
    assert sorted(p.name for p in output.video_path.parent.iterdir()) == ["poster.jpg", "video.mp4"]


def test_info_records_engines_seed_timings_and_versions(rendered):
    spec, output, _ = rendered
    info = output.info
    assert info["video"]["engine"] == "preview" and info["audio"]["engine"] == "tones"
    assert info["seed"] == spec.seed
    assert set(info["stages"]) >= {"audio", "video+encode"}
    assert {"python", "numpy", "pillow", "imageio-ffmpeg", "ffmpeg"} <= set(info["versions"])


def test_progress_is_monotonic_goes_through_the_stages_and_reaches_one(rendered):
    events = rendered[2]
    fractions = [fraction for _, fraction in events]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    labels = [label for label, _ in itertools.groupby(label for label, _ in events)]
    assert labels == [COMPOSING, RENDERING, FINISHING]
    assert len(events) > tiny().frame_count  # often enough for a live bar


def test_same_prompt_and_seed_give_identical_frames():
    picks = [0, 13, 39]
    assert frames_at(tiny(), picks) == frames_at(tiny(), picks)


def test_a_different_prompt_or_seed_gives_different_frames():
    picks = [0, 20]
    base = frames_at(tiny(), picks)
    for other in (tiny(prompt="A lighthouse in a winter storm"), tiny(seed=8)):
        assert all(a != b for a, b in zip(base, frames_at(other, picks), strict=True))


def test_frames_move_over_time():
    first, later = frames_at(tiny(), [0, 8])
    assert first != later


def test_preview_yields_exactly_frame_count_frames_of_the_right_shape():
    spec = tiny(duration=1)
    frames = list(preview_frames(spec))
    assert len(frames) == spec.frame_count
    assert all(f.shape == (160, 96, 3) and f.dtype == np.uint8 for f in frames)


def test_tones_are_exactly_the_duration_stereo_and_peak_near_minus_6_dbfs():
    spec = tiny(duration=10)
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    track = get_audio_engine("tones").render(spec, plan, cancelled=NEVER)
    assert track.samples.shape == (10 * track.sample_rate, 2)
    assert track.samples.dtype == np.float32
    assert 0.45 < np.abs(track.samples).max() <= 0.51
    assert not np.array_equal(track.samples[:, 0], track.samples[:, 1])  # some stereo width


def test_long_prompts_wrap_within_the_width_and_end_in_an_ellipsis():
    font = _font(20)
    lines = wrap_text("word " * 200 + "x" * 300, font, 200, max_lines=4)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 200 for line in lines)


def test_cancelling_midway_raises_and_leaves_nothing(tmp_path):
    stop = False

    def on_progress(label, fraction):
        nonlocal stop
        stop = stop or fraction > 0.5

    with pytest.raises(Cancelled):
        render_tiny(tmp_path, on_progress=on_progress, cancelled=lambda: stop)
    assert stop
    assert list(tmp_path.iterdir()) == []


def test_cancelling_before_start_raises_and_leaves_nothing(tmp_path):
    with pytest.raises(Cancelled):
        render_tiny(tmp_path, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


class BrokenEngine:
    """Makes a few good frames, then fails the way a real model might."""

    name = "broken"

    def __init__(self, *, fail_after: int = 10, stop_after: int | None = None) -> None:
        self.fail_after, self.stop_after = fail_after, stop_after

    def describe(self):
        return {"engine": self.name}

    def frames(self, spec, plan, soundtrack, *, progress, cancelled):
        for index in range(spec.frame_count):
            if index == self.stop_after:
                return
            if index == self.fail_after:
                raise RuntimeError("out of memory")
            yield np.zeros((spec.height, spec.width, 3), np.uint8)


def test_an_engine_failing_midway_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(engines.VIDEO_ENGINES, "broken", BrokenEngine)
    with pytest.raises(RuntimeError, match="out of memory"):
        render_tiny(tmp_path, video_engine="broken")
    assert list(tmp_path.iterdir()) == []


def test_an_engine_making_too_few_frames_is_a_render_error(tmp_path, monkeypatch):
    monkeypatch.setitem(engines.VIDEO_ENGINES, "short", lambda: BrokenEngine(stop_after=5))
    with pytest.raises(RenderError) as error:
        render_tiny(tmp_path, video_engine="short")
    assert "too few frames" in error.value.user_message
    assert list(tmp_path.iterdir()) == []


def test_unknown_engines_are_refused_with_the_known_names(tmp_path):
    with pytest.raises(UnknownEngine, match="preview"):
        get_video_engine("sora-2")
    with pytest.raises(UnknownEngine, match="tones"):
        get_audio_engine("nope")
    with pytest.raises(UnknownEngine):
        render(tiny(), video_engine="nope", audio_engine="tones", out_dir=tmp_path / "out",
               on_progress=lambda label, fraction: None, cancelled=NEVER)  # fmt: skip
    assert not (tmp_path / "out").exists()


def test_moov_after_mdat_is_detected_for_a_file_without_faststart(tmp_path):
    path = tmp_path / "slow.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
         "testsrc=size=64x64:rate=8:duration=1", "-c:v", "libx264", str(path)],
        check=True,
    )  # fmt: skip
    assert not moov_before_mdat(path)


def test_probe_parses_multiline_tags_and_refuses_non_media(tmp_path):
    stderr = (
        "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':\n"
        "  Metadata:\n"
        "    title           : first line\n"
        "                    : second line\n"
        "    comment         : a=b;c=d: e\n"
        "  Duration: 00:01:02.50, start: 0.000000, bitrate: 60 kb/s\n"
        "  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709,"
        " progressive), 720x1280 [SAR 1:1 DAR 9:16], 400 kb/s, 24 fps, 24 tbr, 12288 tbn (default)\n"
        "    Metadata:\n"
        "      handler_name    : VideoHandler\n"
    )
    info = parse_ffmpeg_info(stderr)
    assert info.tags == {"title": "first line\nsecond line", "comment": "a=b;c=d: e"}
    assert info.duration == 62.5
    assert (info.video.width, info.video.height, info.video.fps) == (720, 1280, 24.0)
    not_media = tmp_path / "notes.mp4"
    not_media.write_text("hello")
    with pytest.raises(ProbeError):
        probe_media(not_media)


def test_real_size_portrait_clip_renders(tmp_path, capsys):
    spec = RenderSpec(prompt="A red fox runs through a snowy forest at dusk", duration=5, width=720,
                      height=1280, seed=1, handle="alice")  # fmt: skip
    started = time.perf_counter()
    output = render_tiny(tmp_path, spec)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n720x1280 5 s render+encode: {elapsed:.2f} s, stages {output.info['stages']}")
    assert probe_media(output.video_path).video_frames == spec.frame_count
