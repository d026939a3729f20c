"""The `bark` engine run for real on a tiny random Bark saved to disk and loaded by path.

The tiny model speaks noise; what is checked is the engine around it: loading once, presets,
placement and timing of its lines, the mix, cancellation and failures a user can read.
"""

import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from generation.engines import bark, get_audio_engine  # noqa: E402
from generation.engines.base import Cancelled, Reference, RenderError, RenderSpec  # noqa: E402
from generation.engines.soundscape import SR, LineRequest, onset  # noqa: E402
from generation.plan import plan_prompt  # noqa: E402
from tests.tiny_bark import PRESETS, build_tiny_bark  # noqa: E402

NEVER = lambda: False  # noqa: E731
PROMPT = 'A corgi on the beach says "best day ever!" [laughs]. Then a cat says "hello there" [applause]'


@pytest.fixture(scope="session")
def tiny_bark(tmp_path_factory):
    os.environ["HF_HUB_OFFLINE"] = "1"  # a path that is not a folder must never reach the hub
    return build_tiny_bark(tmp_path_factory.mktemp("bark") / "tiny-bark")


@pytest.fixture(scope="session")
def tiny_bark_without_presets(tmp_path_factory):
    return build_tiny_bark(tmp_path_factory.mktemp("bark") / "no-presets", presets=())


pytestmark = [pytest.mark.nodb, pytest.mark.usefixtures("one_torch_thread")]


def spec_for(prompt: str = PROMPT, duration: int = 5, seed: int = 1, **extra) -> RenderSpec:
    return RenderSpec(
        prompt=prompt, duration=duration, width=96, height=160, seed=seed, handle="alice", **extra
    )


def render(model, prompt: str = PROMPT, duration: int = 5, seed: int = 1, cancelled=NEVER, **extra):
    spec = spec_for(prompt, duration, seed, **extra)
    plan = plan_prompt(prompt, duration=duration, seed=seed)
    engine = bark.BarkEngine(model=str(model))
    return plan, engine, engine.render(spec, plan, cancelled=cancelled)


@pytest.fixture
def short_lines(monkeypatch):
    # The random model never says its end token, so each line fills its room: cap lines where
    # their length does not matter, so the tests stay quick.
    monkeypatch.setattr(bark, "LONGEST_LINE", 1.0)


@pytest.fixture(scope="module")
def rendered(tiny_bark):
    bark.unload()
    return render(tiny_bark)


def rms(samples: np.ndarray, start: float, end: float) -> float:
    part = samples[int(start * SR) : int(end * SR)]
    return float(np.sqrt(np.mean(part.astype(np.float64) ** 2))) if len(part) else 0.0


def test_it_is_registered_and_reads_its_model_from_the_environment(tiny_bark, monkeypatch):
    monkeypatch.setenv("SORA_AUDIO_MODEL", str(tiny_bark))
    engine = get_audio_engine("bark")
    assert engine.name == "bark" and engine.describe()["model"] == str(tiny_bark)


def test_exact_length_stereo_float_in_range(rendered):
    _, _, track = rendered
    assert track.sample_rate == SR and track.samples.shape == (5 * SR, 2)
    assert track.samples.dtype == np.float32 and np.isfinite(track.samples).all()
    assert float(np.abs(track.samples).max()) <= 10 ** (-1 / 20) + 1e-6
    assert track.voice.shape == (5 * SR,) and track.voice.dtype == np.float32


def test_every_line_is_heard_in_its_own_shot(rendered):
    plan, _, track = rendered
    assert [(line.text, line.speaker) for line in track.spoken] == [
        ("best day ever!", "corgi"),
        ("hello there", "cat"),
    ]
    ends = [line.end for line in track.spoken]
    for line in track.spoken:
        shot = plan.shots[line.shot]
        assert shot.start < line.start < shot.end and line.start < line.end <= 5.0
        # The voice stem carries the line, and its reported start is where it gets loud.
        assert rms(track.voice, line.start, line.end) > 0.05
        first = int(line.start * SR)
        window = track.voice[first - int(0.03 * SR) : first + int(0.05 * SR)]
        assert abs(onset(window) / SR - 0.03) <= 0.010
    assert ends[0] <= track.spoken[1].start  # the corgi is done before the cat speaks


def test_a_speaker_keeps_one_preset_and_speakers_differ(rendered):
    _, engine, track = rendered
    voices = {line.speaker: line.voice for line in track.spoken}
    assert set(voices.values()) <= set(PRESETS) and voices["corgi"] != voices["cat"]
    assert engine.describe()["voices"] == ", ".join(sorted(voices.values()))


def test_the_model_loads_once_and_stays_resident(tiny_bark, rendered, short_lines):
    _, first_engine, _ = rendered
    resident = bark.load({"MODEL": str(tiny_bark)})
    _, engine, _ = render(tiny_bark, 'A dog says "again"')
    assert engine._resident is resident is first_engine._resident
    info = engine.describe()
    assert info["device"] == "cpu" and info["dtype"] == "float32" and float(info["load_seconds"]) > 0


def test_same_prompt_and_seed_sound_the_same(tiny_bark, rendered):
    _, _, again = render(tiny_bark)
    assert np.array_equal(rendered[2].samples, again.samples) and rendered[2].spoken == again.spoken


def test_a_folder_without_speaker_prompts_speaks_without_a_preset(tiny_bark_without_presets, short_lines):
    _, engine, track = render(tiny_bark_without_presets, 'A robot says "no presets here"')
    assert [line.voice for line in track.spoken] == [bark.NO_PRESET]
    assert rms(track.voice, track.spoken[0].start, track.spoken[0].end) > 0.05


def test_a_cameo_preset_is_used_and_an_espeak_voice_is_not(tiny_bark, short_lines):
    ref = Reference(name="@bob", image="unused.png", voice=PRESETS[1])
    _, _, track = render(tiny_bark, '@bob says "hi"', references=(ref,))
    assert [line.voice for line in track.spoken] == [PRESETS[1]]
    ref = Reference(name="@bob", image="unused.png", voice="en+f4")
    _, _, track = render(tiny_bark, '@bob says "hi"', references=(ref,))
    assert track.spoken[0].voice in PRESETS


def test_laughs_and_music_are_performed_in_the_voice():
    plan = plan_prompt('A dog says "la la la" [♪] [laughs] [applause]', duration=5, seed=1)
    shot = plan.shots[0]
    line = LineRequest("la la la", "dog", shot, last_in_shot=True, speed=1.0, room=4.0)
    assert bark.bark_text(line) == "♪ la la la ♪ [laughs]"


def test_applause_is_still_synthesized_after_the_line(tiny_bark, short_lines):
    _, _, with_cue = render(tiny_bark, 'A dog says "ta-da" [applause]', seed=3)
    _, _, without = render(tiny_bark, 'A dog says "ta-da"', seed=3)
    background = lambda track: track.samples.mean(axis=1) - track.voice * 0.9  # noqa: E731
    after = (with_cue.spoken[0].end + 0.15, min(5.0, with_cue.spoken[0].end + 2.0))
    assert rms(background(with_cue), *after) > 1.5 * rms(background(without), *after)


def test_cancel_raises_cancelled(tiny_bark, rendered):
    with pytest.raises(Cancelled):
        render(tiny_bark, cancelled=lambda: True)


def test_cancel_stops_a_line_while_it_is_being_generated(tiny_bark, rendered):
    resident = bark.load({"MODEL": str(tiny_bark)})
    tokens = []
    semantic = resident.model.semantic
    hook = semantic.register_forward_hook(lambda module, args, output: tokens.append(1))
    asked = iter(range(10_000))
    try:
        with pytest.raises(Cancelled):
            # True from the 6th question on: a few tokens into the first line.
            render(tiny_bark, seed=9, cancelled=lambda: next(asked) >= 5)
    finally:
        hook.remove()
    # The first line alone would take ~100 semantic steps; it stopped within a few.
    assert 0 < len(tokens) < 10


def test_a_missing_model_is_a_message_for_the_user(tmp_path, monkeypatch):
    monkeypatch.delenv("SORA_AUDIO_MODEL", raising=False)
    spec, plan = spec_for(), plan_prompt(PROMPT, duration=5, seed=1)
    with pytest.raises(RenderError, match="voice model") as error:
        bark.BarkEngine().render(spec, plan, cancelled=NEVER)
    assert "SORA_AUDIO_MODEL is not set" in error.value.detail
    with pytest.raises(RenderError, match="voice model"):
        bark.BarkEngine(model=str(tmp_path / "nothing-here")).render(spec, plan, cancelled=NEVER)
