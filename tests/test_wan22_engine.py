"""The `diffusers` engine on Wan 2.2 layouts, step-distillation LoRAs and the GPU memory check.

Tiny random pipelines (tests/tiny_wan22.py) are saved and loaded back through the engine by path.
The frames are noise; which transformer runs which step, the latent shapes, the frame rate, the
fused LoRA weights and the refusals are not.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before diffusers/huggingface_hub read it

import numpy as np
import pytest

pytest.importorskip("diffusers")
pytest.importorskip("peft")
torch = pytest.importorskip("torch")

import imageio_ffmpeg  # noqa: E402
from PIL import Image  # noqa: E402

from generation.engines import diffusion_memory  # noqa: E402
from generation.engines.base import AudioTrack, Reference, RenderError, RenderSpec  # noqa: E402
from generation.engines.diffusion import MISCONFIGURED, DiffusersEngine, lora_location, resident, unload  # noqa: E402
from generation.engines.diffusion_families import family_of  # noqa: E402
from generation.plan import plan_prompt  # noqa: E402
from tests.tiny_wan22 import (  # noqa: E402
    A14B_BOUNDARY,
    lora_deltas,
    save_tiny_lora,
    save_tiny_wan22_moe,
    save_tiny_wan22_ti2v,
)

STEPS = 4
NO_SOUND = AudioTrack(samples=np.zeros((0, 2), dtype=np.float32), sample_rate=48000)
GIB = diffusion_memory.GIB

pytestmark = [pytest.mark.nodb, pytest.mark.usefixtures("one_torch_thread")]


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("wan22")
    moe = save_tiny_wan22_moe(root / "moe")
    paths = {
        "moe": moe,
        "ti2v": save_tiny_wan22_ti2v(root / "ti2v"),
        "lora": save_tiny_lora(moe / "transformer", root / "lora", seed=1),
        "lora_2": save_tiny_lora(moe / "transformer_2", root / "lora_2", seed=2),
    }
    yield {name: str(path) for name, path in paths.items()}
    unload()


def make_engine(model: str, **options) -> DiffusersEngine:
    settings = {"device": "cpu", "steps": STEPS, "size": "64x32", "frames": 9} | options
    return DiffusersEngine(model, **settings)


def make_spec(prompt: str = "A corgi surfs a wave at sunset", **fields) -> RenderSpec:
    values = {"duration": 2, "width": 96, "height": 160, "seed": 3, "handle": "alice", "fps": 8}
    return RenderSpec(prompt=prompt, **(values | fields))


def run(engine: DiffusersEngine, spec: RenderSpec) -> np.ndarray:
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    assert len(plan.shots) == 1
    frames = engine.frames(spec, plan, NO_SOUND, progress=lambda f: None, cancelled=lambda: False)
    return np.stack(list(frames))


def forward_inputs(module, into: list):
    """Record the latents each forward pass of `module` receives."""
    return module.register_forward_hook(lambda mod, args, kwargs, out: into.append(kwargs["hidden_states"]),
                                        with_kwargs=True)  # fmt: skip


# -- Wan 2.2 -------------------------------------------------------------------------------------


def test_wan22_folders_say_their_family_size_and_frame_rate(models):
    from diffusers import DiffusionPipeline

    moe = family_of("WanPipeline", DiffusionPipeline.load_config(models["moe"]))
    ti2v = family_of("WanPipeline", DiffusionPipeline.load_config(models["ti2v"]))

    assert (moe.name, moe.size, moe.fps, moe.max_frames) == ("wan2.2-a14b", (1280, 720), 16, 81)
    assert (moe.guidance, moe.guidance_2) == (4.0, 3.0)
    assert (ti2v.name, ti2v.size, ti2v.fps, ti2v.max_frames) == ("wan2.2-ti2v", (1280, 704), 24, 121)
    assert ti2v.size_step == 32  # 16x VAE compression x 2x2 patches
    # The VAE alone tells a 5B folder whose index lacks expand_timesteps; Wan 2.1 stays Wan 2.1.
    assert family_of("WanPipeline", {}, latent_channels=48).name == "wan2.2-ti2v"
    assert family_of("WanPipeline", {"boundary_ratio": None}, latent_channels=16).name == "wan"


def test_wan22_a14b_runs_high_noise_steps_on_one_expert_and_the_rest_on_the_other(models):
    engine = make_engine(models["moe"])
    pipe = resident(engine.options)[0].base
    high, low = [], []
    hooks = [forward_inputs(pipe.transformer, high), forward_inputs(pipe.transformer_2, low)]
    try:
        frames = run(engine, make_spec())
    finally:
        for hook in hooks:
            hook.remove()

    pipe.scheduler.set_timesteps(STEPS)
    high_steps = sum(1 for t in pipe.scheduler.timesteps if t >= A14B_BOUNDARY * 1000)
    assert 0 < high_steps < STEPS  # the toy schedule really crosses the boundary
    # Two passes a step (prompt and negative prompt): guidance is on for both experts.
    assert (len(high), len(low)) == (2 * high_steps, 2 * (STEPS - high_steps))
    assert frames.shape == (16, 160, 96, 3) and frames.std() > 1
    info = engine.describe()
    assert info["family"] == "wan2.2-a14b" and info["model_fps"] == "16"
    assert info["guidance"] == "4.0 (low-noise expert 3.0)"


def test_wan22_a14b_animates_a_cameo_and_remixes_through_both_experts(models, tmp_path):
    portrait = tmp_path / "bob.png"
    Image.new("RGB", (40, 60), (230, 120, 60)).save(portrait)
    engine = make_engine(models["moe"])
    pipe = resident(engine.options)[0].base
    low = []
    hook = forward_inputs(pipe.transformer_2, low)
    try:
        frames = run(engine, make_spec("@bob waves", references=(Reference("@bob", str(portrait)),)))
    finally:
        hook.remove()

    assert frames.shape == (16, 160, 96, 3)
    assert low  # the image-to-video pipeline built from the modules keeps the low-noise expert
    info = engine.describe()
    assert info["pipeline"] == "WanImageToVideoPipeline (image-to-video)"
    assert engine.pipeline.transformer_2 is pipe.transformer_2  # shared, not copied

    # WanVideoToVideoPipeline has no second transformer: a remix starts from the parent's frames.
    parent = tmp_path / "parent.mp4"
    writer = imageio_ffmpeg.write_frames(str(parent), (96, 160), fps=8, pix_fmt_out="yuv420p")
    writer.send(None)
    for value in range(0, 160, 10):
        writer.send(np.full((160, 96, 3), value, dtype=np.uint8))
    writer.close()
    remixer = make_engine(models["moe"])
    low.clear()
    hook = forward_inputs(pipe.transformer_2, low)
    try:
        assert run(remixer, make_spec(parent_video=str(parent))).shape == (16, 160, 96, 3)
    finally:
        hook.remove()
    assert low
    info = remixer.describe()
    assert info["pipeline"] == "WanImageToVideoPipeline (video-to-video)"
    assert "parent's first frame (wan2.2-a14b: no video-to-video)" in info["notes"]


def test_wan22_ti2v_denoises_48_channel_latents_16x_smaller_at_24_fps(models):
    engine = make_engine(models["ti2v"], fps=None)
    pipe = resident(engine.options)[0].base
    latents = []
    hook = forward_inputs(pipe.transformer, latents)
    try:
        frames = run(engine, make_spec())
    finally:
        hook.remove()

    # Portrait 32x64 pixels, 9 frames -> 48 channels, 3 latent frames, 4x2 latent pixels.
    assert {tuple(x.shape[1:]) for x in latents} == {(48, 3, 4, 2)}
    assert len(latents) == 2 * STEPS
    assert frames.shape == (16, 160, 96, 3) and frames.std() > 1
    info = engine.describe()
    assert (info["family"], info["model_fps"]) == ("wan2.2-ti2v", "24")
    assert info["pipeline"] == "WanPipeline (text-to-video)"


# -- step-distillation LoRA --------------------------------------------------------------------


def test_a_distillation_lora_is_fused_into_both_experts_with_its_steps_and_guidance(models):
    from diffusers import WanTransformer3DModel

    engine = make_engine(models["moe"], lora=models["lora"], lora_2=models["lora_2"], steps=30)
    pipe = resident(engine.options)[0].base
    calls = []
    hooks = [forward_inputs(pipe.transformer, calls), forward_inputs(pipe.transformer_2, calls)]
    try:
        with_lora = run(engine, make_spec())
    finally:
        for hook in hooks:
            hook.remove()

    # The fused weights are exactly the plain ones plus B @ A of the right LoRA, in each expert.
    for name, lora in (("transformer", "lora"), ("transformer_2", "lora_2")):
        plain = dict(WanTransformer3DModel.from_pretrained(f"{models['moe']}/{name}").named_modules())
        fused = dict(getattr(pipe, name).named_modules())
        deltas = lora_deltas(models[lora])
        assert len(deltas) == 2 * 2 * 4  # blocks x (self- and cross-attention) x projections
        for module, delta in deltas.items():
            assert not hasattr(fused[module], "lora_A")  # unloaded after fusing
            assert torch.allclose(fused[module].weight, plain[module].weight + delta, atol=1e-6)
    # SORA_VIDEO_LORA_STEPS (4) replaces SORA_VIDEO_STEPS (30); guidance 1.0: one pass a step.
    assert len(calls) == 4
    info = engine.describe()
    assert info["steps"] == "4" and info["guidance"] == "1.0"
    loras = f"{models['lora']}, {models['lora_2']} for transformer_2"
    assert info["lora"] == f"{loras} (fused; 4 steps, guidance 1.0)"
    without = run(make_engine(models["moe"], steps=4, guidance=1.0), make_spec())
    assert np.abs(with_lora.astype(int) - without.astype(int)).mean() > 1


def test_one_lora_goes_into_both_experts_when_no_second_is_named(models):
    engine = make_engine(models["moe"], lora=os.path.dirname(models["lora"]) + "/distill.safetensors")
    pipe = resident(engine.options)[0].base
    run(engine, make_spec())
    delta = lora_deltas(models["lora"])["blocks.0.attn1.to_q"]
    for name in ("transformer", "transformer_2"):
        from diffusers import WanTransformer3DModel

        plain = WanTransformer3DModel.from_pretrained(f"{models['moe']}/{name}").blocks[0].attn1.to_q.weight
        assert torch.allclose(getattr(pipe, name).blocks[0].attn1.to_q.weight, plain + delta, atol=1e-6)


def test_a_bad_lora_is_a_clear_render_error(models, tmp_path):
    from safetensors.torch import save_file

    not_lora = tmp_path / "weights.safetensors"
    save_file({"blocks.0.attn1.to_q.weight": torch.zeros(24, 24)}, str(not_lora))
    other_model = tmp_path / "other.safetensors"
    save_file({"transformer.nowhere.lora_A.weight": torch.zeros(4, 24),
               "transformer.nowhere.lora_B.weight": torch.zeros(24, 4)}, str(other_model))  # fmt: skip
    cases = {
        str(tmp_path / "missing.safetensors"): "no such file",
        str(not_lora): "Invalid LoRA checkpoint",
        str(other_model): "Target modules {'nowhere'} not found in the base model",
    }
    for source, reason in cases.items():
        with pytest.raises(RenderError) as error:
            run(make_engine(models["moe"], lora=source), make_spec())
        assert error.value.user_message == MISCONFIGURED
        assert error.value.detail.startswith(f"SORA_VIDEO_LORA={source}: ") and reason in error.value.detail


def test_lora_locations_are_files_folders_or_hub_paths(tmp_path):
    lora = tmp_path / "distill.safetensors"
    lora.write_bytes(b"")
    assert lora_location(str(lora)) == (str(tmp_path), "distill.safetensors")
    assert lora_location(str(tmp_path)) == (str(tmp_path), None)
    in_repo = "Lightx2v/lightx2v_T2V_14B_cfg_step_distill_v2_lora_rank64_bf16.safetensors"
    assert lora_location(f"Kijai/WanVideo_comfy/{in_repo}") == ("Kijai/WanVideo_comfy", in_repo)
    assert lora_location("lightx2v/Wan2.2-Lightning") == ("lightx2v/Wan2.2-Lightning", None)
    with pytest.raises(FileNotFoundError):
        lora_location(str(tmp_path / "nope" / "x.safetensors"))


# -- memory -------------------------------------------------------------------------------------


def test_a_render_that_cannot_fit_the_free_gpu_memory_is_refused_before_any_step(models, monkeypatch):
    engine = make_engine(models["moe"])
    pipe = resident(engine.options)[0].base
    calls = []
    hook = forward_inputs(pipe.transformer, calls)
    # Only the device reading is faked: the estimate is the engine's own, for this segment.
    monkeypatch.setattr(diffusion_memory, "free_bytes", lambda device: int(0.4 * GIB))
    try:
        with pytest.raises(RenderError) as error:
            run(engine, make_spec())
    finally:
        hook.remove()

    assert calls == []
    assert error.value.user_message == diffusion_memory.TOO_BIG
    detail = error.value.detail
    assert "0.4 GiB free on cpu" in detail and "estimated from the wan2.2-a14b 14B table" in detail
    for setting in ("SORA_VIDEO_SIZE", "SORA_VIDEO_CPU_OFFLOAD=1", "SORA_VIDEO_VAE_TILING=1", "CHECK=0"):
        assert setting in detail

    monkeypatch.setattr(diffusion_memory, "free_bytes", lambda device: 2 * GIB)
    roomy = make_engine(models["moe"])
    assert run(roomy, make_spec()).shape == (16, 160, 96, 3)
    assert roomy.describe()["memory"].startswith("needs about 0.5 GiB (estimated from the wan2.2-a14b")
    monkeypatch.setattr(diffusion_memory, "free_bytes", lambda device: int(0.4 * GIB))
    assert run(make_engine(models["moe"], memory_check=False), make_spec()).shape == (16, 160, 96, 3)


def test_memory_estimates_scale_with_pixels_and_frames_and_the_savers():
    row = diffusion_memory.footprint("wan", int(1.42e9))
    assert (row.billions, row.width, row.height, row.frames) == (1.3, 832, 480, 81)
    assert diffusion_memory.footprint("wan", int(14.3e9)).billions == 14.0
    assert diffusion_memory.footprint("cogvideox", 10**9) is None
    headroom = diffusion_memory.HEADROOM_GIB * GIB

    def need(frames=81, width=832, height=480, **options) -> diffusion_memory.Need:
        settings = {"modules": {}, "cpu_offload": False, "vae_tiling": False} | options
        return diffusion_memory.estimate(row, width, height, frames, **settings)

    # At the reference the larger part (decode, 5 GiB) counts; twice the frames, twice the work.
    assert need().bytes == pytest.approx(5 * GIB + headroom, rel=1e-6)
    assert need(161).bytes - headroom == pytest.approx(2 * (need().bytes - headroom), rel=0.02)
    # Tiling decodes 256x256 tiles: the transformer's pass becomes the larger part.
    assert need(vae_tiling=True).bytes == pytest.approx(3 * GIB + headroom, rel=1e-6)
    # Offloaded, the weights are not resident: the transformer counts with its work.
    modules = {"text_encoder": 10 * GIB, "transformer": 3 * GIB, "vae": GIB}
    assert need(cpu_offload=True, modules=modules).bytes == pytest.approx(10 * GIB + headroom, rel=1e-6)
    modules["text_encoder"] = GIB
    assert need(cpu_offload=True, modules=modules).bytes == pytest.approx(6 * GIB + headroom, rel=1e-6)

    with pytest.raises(RenderError) as error:
        diffusion_memory.refuse_if_too_big(need(), 4 * GIB, device="cuda", cpu_offload=True, vae_tiling=False)
    assert "SORA_VIDEO_CPU_OFFLOAD" not in error.value.detail  # already on: not offered again
    assert "SORA_VIDEO_VAE_TILING=1" in error.value.detail
    diffusion_memory.refuse_if_too_big(need(), 6 * GIB, device="cuda:0", cpu_offload=False, vae_tiling=False)
