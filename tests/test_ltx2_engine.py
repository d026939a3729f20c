"""The `diffusers` video engine on a tiny random LTX-2 pipeline, which makes sound with its pictures.

tests/tiny_ltx2.py builds LTX-2's real modules (Gemma 3 text encoder, the connectors, the joint
audio-video transformer, the video and audio VAEs, the vocoder) at toy sizes; it is saved and
loaded back through the engine's own code by path, as a GPU worker loads it. Its pictures and
sounds are noise; what the engine asks of it, and how its sound reaches the video, are not.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before diffusers/huggingface_hub read it

import numpy as np
import pytest

pytest.importorskip("diffusers")
torch = pytest.importorskip("torch")

import generation.engines  # noqa: E402
import generation.pipeline  # noqa: E402
from generation.engines.base import AudioTrack, Reference, RenderSpec  # noqa: E402
from generation.engines.diffusion import DiffusersEngine, resident, unload  # noqa: E402
from generation.engines.diffusion_families import FAMILIES, family_of  # noqa: E402
from generation.engines.joint_sound import SR, sound_mix  # noqa: E402
from generation.engines.soundscape import VOICE_GAIN  # noqa: E402
from generation.pipeline import render  # noqa: E402
from generation.plan import plan_prompt  # noqa: E402
from generation.probe import probe_media  # noqa: E402
from tests.engine_inputs import spy_calls  # noqa: E402
from tests.tiny_ltx2 import save_tiny_ltx2  # noqa: E402

PROMPT = "A corgi surfs a wave at sunset [applause], then waves at the camera"
TALK = 'A corgi surfs a wave at sunset, then says "what a ride that was, what a wave"'
CAMEO_TALK = '@bob waves at the camera on the beach and says "hi there"'
NO_SOUND = AudioTrack(samples=np.zeros((0, 2), dtype=np.float32), sample_rate=SR)

pytestmark = [pytest.mark.nodb, pytest.mark.usefixtures("one_torch_thread")]


@pytest.fixture(scope="module")
def tiny_ltx2(tmp_path_factory) -> str:
    path = save_tiny_ltx2(tmp_path_factory.mktemp("tiny-ltx2") / "model")
    yield str(path)
    unload()


def make_engine(model: str, **options) -> DiffusersEngine:
    # 140x70 is off LTX-2's 32-pixel grid on purpose: the engine must snap it to 128x64.
    settings = {"device": "cpu", "steps": 2, "size": "140x70", "frames": 17} | options
    return DiffusersEngine(model, **settings)


def make_spec(prompt: str = PROMPT, **fields) -> RenderSpec:
    values = {"duration": 5, "width": 96, "height": 160, "seed": 3, "handle": "alice", "fps": 8}
    return RenderSpec(prompt=prompt, **(values | fields))


def run(engine: DiffusersEngine, spec: RenderSpec) -> np.ndarray:
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    engine.sound_made(spec)  # as the render pipeline asks, before the audio engine runs
    frames = engine.frames(spec, plan, NO_SOUND, progress=lambda f: None, cancelled=lambda: False)
    return np.stack(list(frames))


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.asarray(samples, dtype=np.float64) ** 2)))


def test_the_folder_is_the_ltx2_family_which_makes_sound(tiny_ltx2):
    from diffusers import DiffusionPipeline

    index = DiffusionPipeline.load_config(tiny_ltx2)
    family = family_of(index["_class_name"], index)
    assert index["_class_name"] == "LTX2Pipeline" and family is FAMILIES["ltx2"] and family.makes_sound
    # Known from the folder's index alone, before any weight is read: the audio engine runs first.
    assert make_engine(tiny_ltx2).sound_made(make_spec()) == "world"
    loaded, _ = resident(make_engine(tiny_ltx2).options)
    assert loaded.family.name == "ltx2" and loaded.saved_as == "text-to-video"
    assert {"audio_vae", "vocoder", "connectors"} <= set(loaded.base.components)


def test_each_shot_is_made_with_its_sound_which_spans_the_shot(tiny_ltx2, monkeypatch):
    from diffusers import LTX2Pipeline

    calls = spy_calls(monkeypatch, LTX2Pipeline)
    engine = make_engine(tiny_ltx2)
    spec = make_spec()
    frames = run(engine, spec)

    assert frames.shape == (40, 160, 96, 3) and frames.dtype == np.uint8 and frames.std() > 1
    shapes = [(c["width"], c["height"], c["num_frames"], c["frame_rate"]) for c in calls]
    assert shapes == [(64, 128, 17, 24)] * 2
    # The scene's sound is the model's; the voices are ours, so it is told not to make any.
    assert "sounds of applause" in calls[0]["prompt"] and "sounds of" not in calls[1]["prompt"]
    assert all("speech" in c["negative_prompt"] and "says" not in c["prompt"] for c in calls)

    sound = engine.sound()
    assert sound.makes == "world" and sound.sample_rate == SR
    assert sound.samples.shape == (5 * SR, 2) and sound.samples.dtype == np.float32
    # Two shots of 20 frames at 8 fps: each shot's 2.5 s holds its own segment's sound.
    first, second = sound.samples[: SR * 5 // 2], sound.samples[SR * 5 // 2 :]
    assert rms(first[SR // 10 : -SR // 10]) > 1e-3 and rms(second[SR // 10 : -SR // 10]) > 1e-3
    # Faded at the cut, so it never clicks.
    assert np.abs(sound.samples[SR * 5 // 2 - 5 : SR * 5 // 2 + 5]).max() < np.abs(sound.samples).max() / 4
    info = engine.describe()
    assert info["family"] == "ltx2" and info["sound"].startswith("world (SORA_VIDEO_SOUND")


def test_with_sound_all_the_model_is_asked_to_speak_the_lines(tiny_ltx2, monkeypatch):
    from diffusers import LTX2Pipeline

    calls = spy_calls(monkeypatch, LTX2Pipeline)
    engine = make_engine(tiny_ltx2, sound="all")
    run(engine, make_spec(TALK))

    assert engine.sound().makes == "all"
    spoken = [c["prompt"] for c in calls if "says" in c["prompt"]]
    assert len(spoken) == 1 and 'the corgi says: "what a ride that was, what a wave"' in spoken[0]
    assert all("speech" not in c["negative_prompt"] for c in calls)


def test_a_cameo_keeps_the_voice_its_owner_chose_even_with_sound_all(tiny_ltx2, portraits, monkeypatch):
    from diffusers import LTX2ImageToVideoPipeline

    calls = spy_calls(monkeypatch, LTX2ImageToVideoPipeline)
    engine = make_engine(tiny_ltx2, sound="all")
    spec = make_spec(CAMEO_TALK, references=(Reference("@bob", portraits[0], voice="en+f2"),))
    frames = run(engine, spec)

    assert frames.shape == (40, 160, 96, 3)
    assert engine.sound().makes == "world"
    assert calls and all('"hi there"' not in c["prompt"] and "speech" in c["negative_prompt"] for c in calls)
    assert calls[0]["image"].size == (64, 128)
    info = engine.describe()
    assert info["pipeline"] == "LTX2ImageToVideoPipeline (image-to-video)"
    assert "whose chosen voice the model cannot make" in info["notes"]


def test_with_sound_off_the_model_is_not_asked_for_any(tiny_ltx2):
    engine = make_engine(tiny_ltx2, sound="off")
    assert engine.sound_made(make_spec()) == ""
    run(engine, make_spec())
    assert engine.sound() is None and "sound" not in engine.describe()


def test_a_remix_starts_each_shot_from_the_parents_frame(tiny_ltx2, parent_clips, monkeypatch):
    from diffusers import LTX2ImageToVideoPipeline

    gradient, _grey = parent_clips
    calls = spy_calls(monkeypatch, LTX2ImageToVideoPipeline)
    engine = make_engine(tiny_ltx2)
    frames = run(engine, make_spec(parent_video=gradient, parent_strength=0.5))

    assert frames.shape == (40, 160, 96, 3) and len(calls) == 2
    assert engine.sound().makes == "world"
    assert "each shot starts from the parent's first frame" in engine.describe()["notes"]


def test_unknown_sound_setting_is_refused_before_anything_loads(tiny_ltx2):
    from generation.engines.base import RenderError
    from generation.engines.diffusion import MISCONFIGURED

    with pytest.raises(RenderError) as error:
        _ = make_engine(tiny_ltx2, sound="loud").options
    assert error.value.user_message == MISCONFIGURED and "SORA_VIDEO_SOUND='loud'" in error.value.detail


@pytest.mark.parametrize("cache", ["fbc", "magcache"])
def test_a_cache_diffusers_cannot_hook_on_ltx2_is_refused_at_load_but_taylorseer_runs(
    tiny_ltx2, cache, tmp_path
):
    from generation.engines.base import RenderError
    from generation.engines.diffusion import MISCONFIGURED

    calibration = {"cache_calibration": str(tmp_path / "ratios.json")} if cache == "magcache" else {}
    engine = make_engine(tiny_ltx2, cache=cache, **calibration)
    with pytest.raises(RenderError) as error:
        run(engine, make_spec())
    assert error.value.user_message == MISCONFIGURED
    assert error.value.detail.startswith(f"SORA_VIDEO_CACHE={cache}: diffusers ")
    assert "LTX2VideoTransformer3DModel" in error.value.detail and "use taylorseer" in error.value.detail
    assert engine.pipeline is None and not (tmp_path / "ratios.json").exists()  # nothing half-made kept

    frames = run(make_engine(tiny_ltx2, cache="taylorseer"), make_spec())
    assert frames.shape[1:] == (160, 96, 3) and len(frames) == 5 * 8


def test_compiling_ltx2_warms_each_way_the_pipeline_calls_its_block_before_a_job(tiny_ltx2, monkeypatch):
    from generation.engines import diffusion_speed

    # Eager backend: dynamo still captures (and guards) every call; inductor's build would take minutes.
    monkeypatch.setattr(diffusion_speed, "COMPILE_KWARGS", {"backend": "eager"})
    torch._dynamo.reset()
    engine = make_engine(tiny_ltx2, compile=True)
    resident(engine.options)  # loads, compiles and warms up
    with torch.compiler.set_stance("fail_on_recompile"):  # the first job compiles nothing more
        frames = run(engine, make_spec(duration=2))
    assert len(frames) == 2 * 8
    assert engine.describe()["compile"].startswith("on (regional, fullgraph; warm-up ")
    assert engine.sound().makes == "world"
    unload()
    torch._dynamo.reset()


def test_a_render_too_big_for_the_free_gpu_memory_is_refused_from_ltx2s_own_row(tiny_ltx2, monkeypatch):
    from diffusers import LTX2Pipeline

    from generation.engines import diffusion_memory
    from generation.engines.base import RenderError

    calls = spy_calls(monkeypatch, LTX2Pipeline)
    # Only the device reading is faked: the estimate is the engine's own, for this segment.
    monkeypatch.setattr(diffusion_memory, "free_bytes", lambda device: int(0.4 * diffusion_memory.GIB))
    with pytest.raises(RenderError) as error:
        run(make_engine(tiny_ltx2), make_spec())
    assert calls == [] and error.value.user_message == diffusion_memory.TOO_BIG
    assert "estimated from the ltx2 19B table" in error.value.detail

    monkeypatch.setattr(diffusion_memory, "free_bytes", lambda device: 2 * diffusion_memory.GIB)
    roomy = make_engine(tiny_ltx2)
    assert len(run(roomy, make_spec())) == 5 * 8
    assert roomy.describe()["memory"].startswith("needs about 0.5 GiB (estimated from the ltx2 19B table")


# -- the whole render: the model's sound in the MP4, under our dialogue -------------------------


def decoded_audio(path) -> np.ndarray:
    """The MP4's sound, (n, 2) float32 at SR."""
    import subprocess

    import imageio_ffmpeg

    raw = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "2",
         "-ar", str(SR), "-"], capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, dtype="<f4").reshape(-1, 2)


def render_with(model: str, tmp_path, monkeypatch, prompt: str, **options):
    monkeypatch.setitem(generation.engines.VIDEO_ENGINES, "diffusers", lambda: make_engine(model, **options))
    return render(make_spec(prompt), video_engine="diffusers", audio_engine="speech", out_dir=tmp_path,
                  on_progress=lambda label, fraction: None, cancelled=lambda: False)  # fmt: skip


def test_the_mp4_carries_the_models_sound_under_our_dialogue(tiny_ltx2, tmp_path, monkeypatch):
    mixed: list = []
    def keep(**arguments):
        mixed.append(sound_mix(**arguments))
        return mixed[-1]

    monkeypatch.setattr(generation.pipeline, "sound_mix", keep)
    output = render_with(tiny_ltx2, tmp_path / "world", monkeypatch, TALK)
    ours = render_with(tiny_ltx2, tmp_path / "off", monkeypatch, TALK, sound="off")

    media = probe_media(output.video_path)
    assert (media.video.codec, media.audio.codec) == ("h264", "aac") and media.video_frames == 40
    assert "video_model_sound=world" in media.tags.get("comment", "")
    assert output.info["sound"] == {
        "makes": "world",
        "video_model": "the sound of the scene: ambience and effects",
        "audio_engine": "the dialogue (its ambience, cues and music left out)",
    }
    assert "sound" not in ours.info and len(mixed) == 1
    [line] = output.info["spoken"]
    assert line["text"] == "what a ride that was, what a wave" and line["voice"]  # our voice, our timing
    assert line == ours.info["spoken"][0]  # the same line at the same time, whoever made the rest

    heard, without = decoded_audio(output.video_path), decoded_audio(ours.video_path)
    before = slice(SR // 5, round(line["start"] * SR) - SR // 5)  # the first shot: no one speaks
    # Between lines the model's sound is heard, not our ambience and music.
    assert rms(heard[before]) > 0.01 and rms(heard[before] - without[before]) > 0.01
    # While the corgi speaks, our voice stands well over the model's sound (as tests/test_mix.py
    # measures our own bed): what is heard, less the voice at the clip's level, is the bed. The
    # level is found every 10 ms: the encoder's limiter moves it that fast on a voice's peaks.
    track = mixed[0]
    first, last = round(line["start"] * SR), round(line["end"] * SR)
    block = SR // 100
    spoken = (last - first) // block * block
    made = track.samples[first : first + spoken].astype(np.float64).reshape(-1, block, 2)
    decoded = heard[first : first + spoken].astype(np.float64).reshape(-1, block, 2)
    level = (decoded * made).sum(axis=(1, 2)) / np.maximum((made * made).sum(axis=(1, 2)), 1e-12)
    voice = track.voice[first : first + spoken].astype(np.float64).reshape(-1, block) * VOICE_GAIN
    voice = voice * level[:, None]
    bed = decoded - voice[:, :, None]
    speech_over_bed = 20 * np.log10(rms(voice) / rms(bed))
    print(f"speech over the model's sound: {speech_over_bed:.1f} dB")
    assert speech_over_bed >= 12


def test_with_sound_all_the_mp4_is_the_models_sound_with_our_subtitles(tiny_ltx2, tmp_path, monkeypatch):
    output = render_with(tiny_ltx2, tmp_path, monkeypatch, TALK, sound="all")

    assert output.info["sound"]["makes"] == "all"
    [line] = output.info["spoken"]
    # Timed by our audio engine, voiced by the model.
    assert line["text"] == "what a ride that was, what a wave" and line["voice"] == ""
    assert rms(decoded_audio(output.video_path)) > 0.01
