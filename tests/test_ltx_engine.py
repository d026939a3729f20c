"""The `diffusers` video engine on a tiny random LTX-Video pipeline loaded from disk.

tests/tiny_ltx.py builds the model with LTX's real VAE compression (32× in space, 8× in time);
it is saved and loaded back through the engine's own code by path, as a GPU worker loads it.
The frames are noise; the family, pipelines, sizes, frame counts and strengths are not.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before diffusers/huggingface_hub read it

import numpy as np
import pytest

pytest.importorskip("diffusers")
torch = pytest.importorskip("torch")


from generation.engines.base import AudioTrack, Reference, RenderSpec  # noqa: E402
from generation.engines.diffusion import DiffusersEngine, resident, unload  # noqa: E402
from generation.engines.diffusion_families import FAMILIES, family_of  # noqa: E402
from generation.plan import plan_prompt  # noqa: E402
from tests.engine_inputs import spy_calls  # noqa: E402
from tests.tiny_ltx import save_tiny_ltx  # noqa: E402

PROMPT = "A corgi surfs a wave at sunset, then waves at the camera"
CAMEO_PROMPT = "@bob waves at the camera on the beach"
NO_SOUND = AudioTrack(samples=np.zeros((0, 2), dtype=np.float32), sample_rate=48000)

pytestmark = [pytest.mark.nodb, pytest.mark.usefixtures("one_torch_thread")]


@pytest.fixture(scope="module")
def tiny_ltx(tmp_path_factory) -> str:
    path = save_tiny_ltx(tmp_path_factory.mktemp("tiny-ltx") / "model")
    yield str(path)
    unload()


def make_engine(model: str, **options) -> DiffusersEngine:
    # 100x40 is off LTX's 32-pixel grid on purpose: the engine must snap it to 96x32.
    settings = {"device": "cpu", "steps": 3, "size": "100x40", "frames": 17} | options
    return DiffusersEngine(model, **settings)


def make_spec(prompt: str = PROMPT, **fields) -> RenderSpec:
    values = {"duration": 5, "width": 96, "height": 160, "seed": 3, "handle": "alice", "fps": 8}
    return RenderSpec(prompt=prompt, **(values | fields))


def run(engine: DiffusersEngine, spec: RenderSpec) -> tuple[np.ndarray, list]:
    steps: list[float] = []
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    frames = engine.frames(spec, plan, NO_SOUND, progress=steps.append, cancelled=lambda: False)
    return np.stack(list(frames)), steps


def expected_progress(shots: int, steps: int) -> list[float]:
    return [(shot + step / steps) / shots for shot in range(shots) for step in range(1, steps + 1)] + [1.0]


def test_the_folder_is_the_ltx_family_at_24_fps_on_a_32_pixel_grid(tiny_ltx):
    from diffusers import DiffusionPipeline

    index = DiffusionPipeline.load_config(tiny_ltx)
    family = family_of(index["_class_name"], index)
    assert index["_class_name"] == "LTXPipeline" and family is FAMILIES["ltx"]
    assert (family.fps, family.size_step, family.frame_step) == (24, 32, 8)

    loaded, _ = resident(make_engine(tiny_ltx).options)
    assert loaded.family.name == "ltx" and loaded.saved_as == "text-to-video"
    # The tiny VAE compresses as the real one does, so the family's steps are the model's.
    assert loaded.base.vae_spatial_compression_ratio == family.size_step
    assert loaded.base.vae_temporal_compression_ratio == family.frame_step


def test_text_to_video_renders_8k_plus_1_frames_on_the_grid_at_24_fps(tiny_ltx, monkeypatch):
    from diffusers import LTXPipeline

    calls = spy_calls(monkeypatch, LTXPipeline)
    engine = make_engine(tiny_ltx)
    spec = make_spec()
    frames, progress = run(engine, spec)

    assert frames.shape == (spec.frame_count, 160, 96, 3) == (40, 160, 96, 3)
    assert frames.dtype == np.uint8 and frames.std() > 1
    assert progress == pytest.approx(expected_progress(2, 3))
    # Two shots of 2.5 s at 24 fps want 57 frames; SORA_VIDEO_FRAMES=17 caps them (17 = 8·2 + 1).
    shapes = [(c["width"], c["height"], c["num_frames"], c["frame_rate"]) for c in calls]
    assert shapes == [(32, 96, 17, 24)] * 2
    assert all(c["guidance_scale"] == 3.0 and "watermark" in c["negative_prompt"] for c in calls)
    info = engine.describe()
    assert info["family"] == "ltx" and info["model_fps"] == "24" and info["model_size"] == "100x40"
    assert info["pipeline"] == "LTXPipeline (text-to-video)"


def test_image_to_video_from_a_cameo_uses_ltx_image_to_video(tiny_ltx, portraits, monkeypatch):
    from diffusers import LTXImageToVideoPipeline

    calls = spy_calls(monkeypatch, LTXImageToVideoPipeline)
    warm, cold = portraits
    engine = make_engine(tiny_ltx)
    frames, progress = run(engine, make_spec(CAMEO_PROMPT, references=(Reference("@bob", warm),)))
    other, _ = run(make_engine(tiny_ltx), make_spec(CAMEO_PROMPT, references=(Reference("@bob", cold),)))

    assert frames.shape == (40, 160, 96, 3)
    assert progress == pytest.approx(expected_progress(1, 3))
    assert engine.describe()["pipeline"] == "LTXImageToVideoPipeline (image-to-video)"
    assert len(calls) == 2 and calls[0]["image"].size == (32, 96) and calls[0]["num_frames"] == 17
    # The portrait steers the clip.
    assert np.abs(frames.astype(int) - other.astype(int)).mean() > 1


def test_a_remix_denoises_the_parents_latents_with_ltx_condition(tiny_ltx, parent_clips, monkeypatch):
    from diffusers import LTXConditionPipeline

    gradient, grey = parent_clips
    calls = spy_calls(monkeypatch, LTXConditionPipeline)
    vae = resident(make_engine(tiny_ltx).options)[0].base.vae
    encoded = []
    encode = vae.encode
    monkeypatch.setattr(vae, "encode", lambda video, *a, **k: encoded.append(video) or encode(video, *a, **k))

    engine = make_engine(tiny_ltx, steps=4)
    frames, progress = run(engine, make_spec(parent_video=gradient, parent_strength=0.5))
    from_grey, _ = run(make_engine(tiny_ltx, steps=4), make_spec(parent_video=grey, parent_strength=0.5))
    redrawn, full_progress = run(
        make_engine(tiny_ltx, steps=4), make_spec(parent_video=gradient, parent_strength=1)
    )

    assert frames.shape == (40, 160, 96, 3) and frames.dtype == np.uint8
    assert engine.describe()["pipeline"] == "LTXConditionPipeline (video-to-video)"
    assert [c["denoise_strength"] for c in calls] == [0.5, 0.5, 0.5, 0.5, 1.0, 1.0]
    assert all("video" not in c and c["latents"].shape == (1, 8, 3, 3, 1) for c in calls)
    # Strength 0.5 of 4 steps: the last 2 steps, from the noised parent, per shot; 1.0 runs all 4.
    assert progress == pytest.approx(expected_progress(2, 2))
    assert full_progress == pytest.approx(expected_progress(2, 4))
    # Each shot's whole window of the parent (17 frames, not just its first) at the model's size;
    # the gradient's ramp rises left to right, the grey clip is flat mid-grey (0 in -1..1).
    assert encoded[0].shape == (1, 3, 17, 96, 32)
    columns = encoded[0][0, :, 0].mean(dim=(0, 1))
    assert np.corrcoef(np.arange(32), columns.numpy())[0, 1] > 0.9
    assert encoded[2].abs().max() < 0.05
    assert np.abs(frames.astype(int) - from_grey.astype(int)).mean() > 0.05
    assert np.abs(frames.astype(int) - redrawn.astype(int)).mean() > 0.05
