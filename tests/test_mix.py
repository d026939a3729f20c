"""The finished soundtrack as a viewer gets it: decoded from the encoded MP4 and measured.

Loudness by pyloudnorm (BS.1770 integrated), true peak by 4x oversampling (scipy), both
independent of the ffmpeg scanner the product uses. Speech over bed: the engine is deterministic,
so rendering the spec again gives the dialogue stem that is in the clip; scaled to the clip's
level, what is left of the decoded sound once that dialogue is taken away is the bed as heard
(music, ambience, cues, plus any coding noise and limiter effect, which count against the ratio).
"""

import subprocess

import imageio_ffmpeg
import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from generation.engines import get_audio_engine
from generation.engines.base import RenderSpec
from generation.engines.soundscape import VOICE_GAIN
from generation.pipeline import render
from generation.plan import plan_prompt

pytestmark = pytest.mark.nodb

RATE = 44100
PROMPT = (
    'On a rainy street at night a corgi says "what a storm, I love it!" '
    'Then at a loud party a cat says "can you hear me over the music?" [applause] '
    'Then on a quiet beach at sunset the corgi says "this is the life."'
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    spec = RenderSpec(prompt=PROMPT, duration=15, width=180, height=320, seed=5, handle="alice", fps=12)
    output = render(
        spec, video_engine="preview", audio_engine="speech", out_dir=tmp_path_factory.mktemp("mix"),
        on_progress=lambda label, fraction: None, cancelled=lambda: False,
    )  # fmt: skip
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(output.video_path), "-map", "0:a:0",
               "-ar", str(RATE), "-f", "f32le", "pipe:1"]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    decoded = np.frombuffer(raw, dtype="<f4").reshape(-1, 2).astype(np.float64)
    plan = plan_prompt(PROMPT, duration=15, seed=5)
    track = get_audio_engine("speech").render(spec, plan, cancelled=lambda: False)
    assert [line.text for line in track.spoken] == [line["text"] for line in output.info["spoken"]]
    return decoded, track


def db(ratio: float) -> float:
    return 20 * float(np.log10(ratio))


def test_integrated_loudness_is_about_minus_14_lufs(clip):
    decoded, _ = clip
    loudness = pyloudnorm.Meter(RATE).integrated_loudness(decoded)
    print(f"integrated loudness {loudness:.2f} LUFS")
    assert -15.0 <= loudness <= -13.0


def test_true_peak_is_at_or_under_minus_1_dbtp(clip):
    decoded, _ = clip
    oversampled = resample_poly(decoded, 4, 1, axis=0)
    peak = db(float(np.abs(oversampled).max()))
    print(f"true peak {peak:.2f} dBTP")
    assert peak <= -1.0


def test_dialogue_stands_12_db_over_the_bed_while_someone_speaks(clip):
    decoded, track = clip
    dialogue = track.voice.astype(np.float64) * VOICE_GAIN
    mix = track.samples.astype(np.float64)
    # The decoded track lines up with the engine's sound (AAC's priming is trimmed on decode).
    probe = slice(RATE, 6 * RATE)
    lags = range(-64, 65)
    best = max(lags, key=lambda lag: float(np.dot(decoded[probe, 0], np.roll(mix[:, 0], lag)[probe])))
    assert abs(best) <= 2
    ratios = []
    for line in track.spoken:
        span = slice(int(line.start * RATE), int(line.end * RATE))
        heard, made = decoded[span], mix[span]
        gain = float((heard * made).sum() / (made * made).sum())  # the clip's level here
        bed = heard - gain * dialogue[span, None]
        speech = gain * np.sqrt(np.mean(dialogue[span] ** 2))
        ratios.append(db(speech / np.sqrt(np.mean(bed**2))))
    print("speech over bed (dB):", [round(r, 1) for r in ratios])
    assert len(ratios) == 3 and min(ratios) >= 12.0


def test_the_bed_is_full_band_between_lines(clip):
    decoded, track = clip
    quiet = np.ones(len(decoded), bool)
    for line in track.spoken:
        quiet[max(0, int((line.start - 0.5) * RATE)) : int((line.end + 0.6) * RATE)] = False
    bed = decoded[quiet].mean(axis=1)
    power = np.abs(np.fft.rfft(bed)) ** 2
    freqs = np.fft.rfftfreq(len(bed), 1 / RATE)
    above_4k = 10 * np.log10(power[freqs > 4000].sum() / power.sum())
    above_8k = 10 * np.log10(power[freqs > 8000].sum() / power.sum())
    print(f"bed energy above 4 kHz {above_4k:.1f} dB, above 8 kHz {above_8k:.1f} dB")
    # A bed low-passed near 3.3 kHz has next to nothing up there (-50 dB and below).
    assert above_4k >= -25.0 and above_8k >= -40.0
