"""The `diffusers` engine's speed settings on tiny random Wan pipelines, on the CPU.

Caches are checked by counting the transformer blocks' forward calls (a cache that skips work
calls them less), the attention backend by the processors it sets and a refusal at load, group
offloading and compilation by their hooks and by giving the plain render's frames. What these
buy on a GPU is for bench/engine_diffusers.py to measure; nothing here times a speed-up.
"""

import json
import os
import sys
from importlib.metadata import version

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before diffusers/huggingface_hub read it

import numpy as np
import pytest

pytest.importorskip("diffusers")
torch = pytest.importorskip("torch")

from generation.engines import diffusion_memory, diffusion_speed  # noqa: E402
from generation.engines.base import AudioTrack, RenderError, RenderSpec  # noqa: E402
from generation.engines.diffusion import MISCONFIGURED, DiffusersEngine, read_options, resident, unload  # noqa: E402
from generation.plan import plan_prompt  # noqa: E402
from tests.tiny_wan import save_tiny_wan  # noqa: E402
from tests.tiny_wan22 import save_tiny_lora, save_tiny_wan22_moe  # noqa: E402

STEPS = 4
NO_SOUND = AudioTrack(samples=np.zeros((0, 2), dtype=np.float32), sample_rate=48000)

pytestmark = [pytest.mark.nodb, pytest.mark.usefixtures("one_torch_thread")]


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("speed")
    yield {"wan": str(save_tiny_wan(root / "wan")), "moe": str(save_tiny_wan22_moe(root / "moe"))}
    unload()


def make_engine(model: str, **options) -> DiffusersEngine:
    settings = {"device": "cpu", "steps": STEPS, "size": "64x32", "frames": 9} | options
    return DiffusersEngine(model, **settings)


def run(engine: DiffusersEngine) -> np.ndarray:
    spec = RenderSpec("A corgi surfs a wave at sunset", 2, 96, 160, seed=3, handle="alice", fps=8)
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    assert len(plan.shots) == 1  # one shot: one pipeline call per run
    frames = engine.frames(spec, plan, NO_SOUND, progress=lambda f: None, cancelled=lambda: False)
    return np.stack(list(frames))


def counted_run(engine: DiffusersEngine) -> tuple[dict[str, int], np.ndarray]:
    """Run, counting the calls of each transformer's last block's feed-forward (skipped blocks make none)."""
    pipe = resident(engine.options)[0].base
    calls = {name: 0 for name, _ in diffusion_speed.denoisers(pipe)}

    def counter(name: str):
        return lambda *args: calls.__setitem__(name, calls[name] + 1)

    hooks = [module.blocks[-1].ffn.register_forward_hook(counter(name))
             for name, module in diffusion_speed.denoisers(pipe)]  # fmt: skip
    try:
        frames = run(engine)
    finally:
        for hook in hooks:
            hook.remove()
    return calls, frames


# -- caches ----------------------------------------------------------------------------------


def test_magcache_calibrates_on_the_first_render_then_skips_steps(models, tmp_path):
    ratios_file = tmp_path / "calibration" / "wan.json"
    plain, plain_frames = counted_run(make_engine(models["wan"]))
    cached = {"cache": "magcache", "cache_calibration": str(ratios_file), "cache_threshold": 1e6}

    calibrating = make_engine(models["wan"], **cached)
    first, first_frames = counted_run(calibrating)
    # Calibration skips nothing, so the frames are the plain ones; the ratios are saved.
    assert plain == first == {"transformer": 2 * STEPS}  # (prompt + negative prompt) x steps
    assert np.array_equal(first_frames, plain_frames)
    saved = json.loads(ratios_file.read_text())
    assert len(saved["ratios"]["transformer"]) == STEPS and saved["steps"] == {"transformer": STEPS}
    assert saved["ratios"]["transformer"][0] == 1.0 and all(r > 0 for r in saved["ratios"]["transformer"])
    assert calibrating.describe()["cache"] == (
        f"magcache (threshold 1000000.0; calibrating: ran uncached, wrote the ratios to {ratios_file})"
    )

    # The next render on the same resident model uses them: at this permissive threshold only
    # the first step (the retained 20 %) runs the blocks; MagCache reuses its residual after.
    engine = make_engine(models["wan"], **cached)
    second, frames = counted_run(engine)
    assert second == {"transformer": 2 * 1}
    assert frames.shape == (16, 160, 96, 3)
    assert engine.describe()["cache"] == f"magcache (threshold 1000000.0; ratios from {ratios_file})"

    # A worker started later reads the file instead of calibrating again.
    unload()
    assert counted_run(make_engine(models["wan"], **cached))[0] == {"transformer": 2}
    unload()


def test_magcache_calibrates_and_skips_on_both_experts_of_wan22_a14b(models, tmp_path):
    ratios_file = tmp_path / "a14b.json"
    steps = 8  # enough that each expert runs several steps
    plain, _ = counted_run(make_engine(models["moe"], steps=steps))
    cached = {"cache": "magcache", "cache_calibration": str(ratios_file), "cache_threshold": 1e6,
              "steps": steps}  # fmt: skip
    engine = make_engine(models["moe"], **cached)
    counts = diffusion_speed.magcache_steps(resident(engine.options)[0].base, steps)
    assert counts["transformer"] >= 2 and counts["transformer_2"] >= 2 and sum(counts.values()) == steps

    calibrating, _ = counted_run(engine)
    assert calibrating == plain == {name: 2 * count for name, count in counts.items()}
    saved = json.loads(ratios_file.read_text())
    assert {name: len(values) for name, values in saved["ratios"].items()} == counts

    skipping, _ = counted_run(make_engine(models["moe"], **cached))
    # Each expert keeps its own MagCache state: its first 20 % of steps (at least one) run whole,
    # then at most 3 in a row are skipped (diffusers' max_skip_steps) before one runs again.
    for name, count in counts.items():
        retained = max(1, int(0.2 * count + 0.5))
        assert skipping[name] == 2 * (retained + (count - retained) // 4) < plain[name]
    unload()


def full_passes(count: int, interval: int) -> int:
    """TaylorSeer's schedule in diffusers: steps 0-2 in full, then one every `interval` from step 4."""
    return sum(1 for step in range(count) if step < 3 or (step - 4) % interval == 0)


def test_taylorseer_predicts_the_output_between_full_passes_on_every_transformer(models):
    steps = 16  # the high-noise expert runs about a third of them
    plain, _ = counted_run(make_engine(models["moe"], steps=steps))
    engine = make_engine(models["moe"], cache="taylorseer", cache_interval=5, steps=steps)
    pipe = resident(engine.options)[0].base
    counts = diffusion_speed.magcache_steps(pipe, steps)  # the steps each expert runs
    assert min(counts.values()) >= 4
    cached, frames = counted_run(engine)

    # Each expert counts its own steps; the output is extrapolated between full passes.
    assert cached == {name: 2 * full_passes(count, 5) for name, count in counts.items()}
    assert all(cached[name] < plain[name] for name in counts)
    assert all(type(module._cache_config).__name__ == "TaylorSeerCacheConfig"
               for _, module in diffusion_speed.denoisers(pipe))  # fmt: skip
    assert frames.shape == (16, 160, 96, 3) and np.isfinite(frames).all()
    assert engine.describe()["cache"] == "taylorseer (lite; a full pass every 5 steps after the first 3)"
    unload()


def test_a_single_transformer_runs_taylorseer_with_fewer_block_calls(models):
    plain, _ = counted_run(make_engine(models["wan"], steps=6))
    cached, _ = counted_run(make_engine(models["wan"], steps=6, cache="taylorseer", cache_interval=2))
    # Steps 0-2 full; then (step - 4) % 2 == 0: step 4 full, steps 3 and 5 predicted.
    assert full_passes(6, 2) == 4
    assert plain == {"transformer": 12} and cached == {"transformer": 2 * 4}
    unload()


# -- attention ---------------------------------------------------------------------------------


def test_the_attention_backend_is_set_on_every_transformer(models):
    default = make_engine(models["moe"])
    plain = run(default)
    assert default.describe()["attention"] == "native (diffusers' default)"
    unload()

    engine = make_engine(models["moe"], attention="_native_math")
    frames = run(engine)
    pipe = engine.pipeline
    backends = {layer.processor._attention_backend.value
                for _, module in diffusion_speed.denoisers(pipe) for layer in module.modules()
                if hasattr(getattr(layer, "processor", None), "_attention_backend")}  # fmt: skip
    assert backends == {"_native_math"}
    assert engine.describe()["attention"] == "_native_math"
    # The same attention computed another way: the frames barely move.
    assert np.abs(frames.astype(int) - plain.astype(int)).mean() < 1
    unload()


@pytest.mark.parametrize(
    ("backend", "reason"),
    [("nonsense", "must be one of"), ("flash", "flash-attn"), ("_native_cudnn", "RuntimeError")],
)
def test_an_attention_backend_that_cannot_run_here_is_refused_at_load(models, backend, reason):
    engine = make_engine(models["wan"], attention=backend)
    with pytest.raises(RenderError) as error:
        run(engine)
    assert error.value.user_message == MISCONFIGURED
    assert error.value.detail.startswith(f"SORA_VIDEO_ATTENTION={backend}: ") and reason in error.value.detail
    assert engine.pipeline is None  # nothing half-loaded stays resident
    unload()


# -- offloading, compilation, quantization -------------------------------------------------------


def test_group_offloading_gives_the_same_frames(models):
    plain = run(make_engine(models["wan"]))
    unload()
    engine = make_engine(models["wan"], group_offload="1")
    frames = run(engine)
    blocks = engine.pipeline.transformer.blocks

    assert engine.options.group_offload == "block"
    assert blocks[0]._diffusers_hook.get_hook("group_offloading") is not None
    assert np.array_equal(frames, plain)
    assert engine.describe()["group_offload"] == "block"
    unload()


def test_compiling_the_transformers_warms_up_at_load_and_gives_the_same_frames(models, monkeypatch):
    plain = run(make_engine(models["moe"]))
    unload()
    # Wiring only: inductor's C++ build of even a tiny block takes far longer than a test should
    # here, so torch.compile runs with the eager backend (dynamo still captures every block).
    monkeypatch.setattr(diffusion_speed, "COMPILE_KWARGS", {"backend": "eager"})
    torch._dynamo.reset()
    engine = make_engine(models["moe"], compile=True)
    frames = run(engine)
    pipe = engine.pipeline

    for _, module in diffusion_speed.denoisers(pipe):
        assert all(block._compiled_call_impl is not None for block in module.blocks)
    info = engine.describe()
    assert info["compile"].startswith("on (regional, fullgraph; warm-up ")
    warm = float(info["compile"].split("warm-up ")[1].split(" s")[0])
    assert 0 < warm <= float(info["load_seconds"])
    assert np.array_equal(frames, plain)
    unload()
    torch._dynamo.reset()


@pytest.mark.parametrize("cache", ["off", "fbc"])
def test_after_the_warm_up_a_first_job_of_either_orientation_compiles_nothing(models, cache, monkeypatch):
    monkeypatch.setattr(diffusion_speed, "COMPILE_KWARGS", {"backend": "eager"})
    torch._dynamo.reset()
    engine = make_engine(models["wan"], compile=True, cache=cache)
    resident(engine.options)  # loads, compiles and warms up, as a worker does before its first job
    prompt = "A corgi surfs a wave at sunset"
    plan = plan_prompt(prompt, duration=2, seed=3)
    with torch.compiler.set_stance("fail_on_recompile"):  # raises if any call needs a new graph
        for width, height in ((96, 160), (160, 96)):
            spec = RenderSpec(prompt, 2, width, height, seed=3, handle="alice", fps=8)
            made = engine.frames(spec, plan, NO_SOUND, progress=lambda f: None, cancelled=lambda: False)
            frames = list(made)
            assert len(frames) == 16 and frames[0].shape == (height, width, 3)
    unload()
    torch._dynamo.reset()


def test_int8_weight_only_quantizes_both_experts_linear_weights(models):
    pytest.importorskip("torchao")  # requirements-ml.txt installs it
    plain = run(make_engine(models["moe"]))
    unload()
    engine = make_engine(models["moe"], quant="int8wo")
    frames = run(engine)
    pipe = engine.pipeline

    for _, module in diffusion_speed.denoisers(pipe):
        linear = {name: type(layer.weight).__name__ for name, layer in module.named_modules()
                  if isinstance(layer, torch.nn.Linear)}  # fmt: skip
        plain_ones = {name for name, kind in linear.items() if kind != "Int8Tensor"}
        # Every block's projections and feed-forward; Wan keeps its time embedder in float32.
        assert len(linear) == 26
        assert plain_ones == {f"condition_embedder.time_embedder.linear_{i}" for i in (1, 2)}
    assert not type(pipe.text_encoder.shared.weight).__module__.startswith("torchao")  # transformers only
    assert frames.shape == plain.shape and np.abs(frames.astype(int) - plain.astype(int)).mean() < 2
    assert engine.describe()["quant"].startswith("int8 weight-only (torchao 0.")
    unload()


def linear_weight_kinds(module) -> dict[str, str]:
    return {name: type(layer.weight).__name__ for name, layer in module.named_modules()
            if isinstance(layer, torch.nn.Linear)}  # fmt: skip


def test_int8_weight_only_with_a_lora_fuses_it_first_then_quantizes(models, tmp_path):
    pytest.importorskip("torchao")
    pytest.importorskip("peft")
    lora = str(save_tiny_lora(f"{models['wan']}/transformer", tmp_path / "lora", seed=1))
    distilled = {"steps": 4, "guidance": 1.0}  # what the LoRA runs, for the renders without it
    plain_lora = run(make_engine(models["wan"], lora=lora))
    unload()
    quantized = run(make_engine(models["wan"], quant="int8wo", **distilled))
    unload()
    engine = make_engine(models["wan"], quant="int8wo", lora=lora)
    frames = run(engine)
    pipe = engine.pipeline

    # A float32 model keeps no layer in float32 apart from the rest: every linear weight is int8.
    kinds = linear_weight_kinds(pipe.transformer)
    assert len(kinds) == 26 and set(kinds.values()) == {"Int8Tensor"}
    assert not any(hasattr(layer, "lora_A") for layer in pipe.transformer.modules())
    # Measured on these tiny models (mean |difference| per pixel, 0-255): the LoRA moves the frames
    # by ~1.1, int8 by ~0.05. Fused before quantizing, the frames follow the unquantized LoRA
    # render; a LoRA lost or fused wrongly would land them near the render without it.
    difference = np.abs(frames.astype(int) - plain_lora.astype(int)).mean()
    assert difference < 0.3
    assert np.abs(frames.astype(int) - quantized.astype(int)).mean() > 0.6
    assert engine.describe()["quant"] == (
        f"int8 weight-only (torchao {version('torchao')}, transformers only, after fusing the LoRA)"
    )
    unload()


def test_quantizing_after_loading_skips_the_layers_kept_in_float32_as_quantizing_at_load_does(models):
    pytest.importorskip("torchao")
    from diffusers import DiffusionPipeline

    at_load = DiffusionPipeline.from_pretrained(
        models["moe"], dtype=torch.bfloat16,
        quantization_config=diffusion_speed.quantization_config("int8wo", ["transformer", "transformer_2"]),
    )  # fmt: skip
    after = DiffusionPipeline.from_pretrained(models["moe"], dtype=torch.bfloat16)
    diffusion_speed.quantize_denoisers(after, "int8wo", dtype="bfloat16")
    for name in ("transformer", "transformer_2"):
        kinds = linear_weight_kinds(getattr(after, name))
        assert kinds == linear_weight_kinds(getattr(at_load, name))
        # Wan's time embedder runs in float32 in a bfloat16 model and is left alone.
        assert {layer for layer, kind in kinds.items() if kind != "Int8Tensor"} == {
            f"condition_embedder.time_embedder.linear_{i}" for i in (1, 2)}  # fmt: skip


def test_the_memory_check_counts_int8_weights_at_their_bytes_and_group_offload_by_groups(models, monkeypatch):
    pytest.importorskip("torchao")
    from torchao.utils import get_model_size_in_bytes

    # Only the device reading is faked, so the check runs on the CPU.
    monkeypatch.setattr(diffusion_memory, "free_bytes", lambda device: 64 * diffusion_memory.GIB)
    plain = make_engine(models["wan"])
    run(plain)
    plain_bytes = diffusion_memory.module_bytes(plain.pipeline.transformer)
    assert "weights on the GPU), 64.0 GiB free; weights " in plain.describe()["memory"]
    unload()
    engine = make_engine(models["wan"], quant="int8wo")
    run(engine)
    transformer = engine.pipeline.transformer
    # torchao's own count of its tensors' bytes; it counts its argument's children only, so the
    # transformer goes in as a child (its scale_shift_table is its own).
    int8_bytes = get_model_size_in_bytes(torch.nn.Sequential(transformer))
    # Its linear weights at a quarter of their float32 bytes; the embeddings and norms unchanged.
    assert int8_bytes < 0.5 * plain_bytes
    assert f"transformer {diffusion_memory.size_text(int8_bytes)}" in engine.describe()["memory"]
    assert f"transformer {diffusion_memory.size_text(plain_bytes)}" in plain.describe()["memory"]
    unload()

    # Leaf level: the tiny transformer has only two blocks, so at block level it would count whole.
    grouped = make_engine(models["wan"], group_offload="leaf")
    run(grouped)
    kept = diffusion_memory.group_offload_bytes(grouped.pipeline.transformer, "leaf")
    assert kept < 0.5 * plain_bytes  # two layers and what no layer holds, not the whole
    expected = f"group offload: transformer {diffusion_memory.size_text(kept)} on the GPU at a time"
    assert expected in grouped.describe()["memory"]
    unload()


def test_fp8_needs_a_gpu_and_quantization_needs_torchao(models, monkeypatch):
    with pytest.raises(RenderError) as error:
        read_options({"MODEL": models["wan"], "DEVICE": "cpu", "QUANT": "fp8wo"})
    assert "SORA_VIDEO_QUANT=fp8wo needs a CUDA GPU" in error.value.detail
    monkeypatch.setitem(sys.modules, "torchao", None)  # as on a machine without it
    with pytest.raises(RenderError) as error:
        run(make_engine(models["wan"], quant="int8wo"))
    assert error.value.user_message == MISCONFIGURED
    assert error.value.detail.startswith("SORA_VIDEO_QUANT=int8wo: torchao is not installed")


# -- settings ---------------------------------------------------------------------------------


def test_speed_settings_are_read_checked_and_recorded(models, tmp_path, monkeypatch):
    for name in ("CACHE", "CACHE_THRESHOLD", "QUANT", "GROUP_OFFLOAD", "ATTENTION", "COMPILE"):
        monkeypatch.delenv(f"SORA_VIDEO_{name}", raising=False)
    base = {"MODEL": models["wan"], "DEVICE": "cpu"}
    assert read_options(base).cache_threshold == 0.05
    assert read_options(base | {"CACHE": "magcache", "CACHE_CALIBRATION": "r.json"}).cache_threshold == 0.06
    # Both: the LoRA is fused, then the transformers quantized.
    assert read_options(base | {"QUANT": "int8wo", "LORA": str(tmp_path)}).quant == "int8wo"
    monkeypatch.setenv("SORA_VIDEO_GROUP_OFFLOAD", "leaf")
    monkeypatch.setenv("SORA_VIDEO_ATTENTION", "SAGE")
    options = read_options(base)
    assert (options.group_offload, options.attention) == ("leaf", "sage")

    refusals = {
        "SORA_VIDEO_CACHE='teacache'": {"CACHE": "teacache"},
        "needs SORA_VIDEO_CACHE_CALIBRATION": {"CACHE": "magcache"},
        "MagCache's hooks run every block outside compiled code": {
            "CACHE": "magcache", "CACHE_CALIBRATION": "r.json", "COMPILE": "1"},
        "two ways to offload": {"CPU_OFFLOAD": "1", "GROUP_OFFLOAD": "block"},
        "SORA_VIDEO_QUANT='int4'": {"QUANT": "int4"},
    }  # fmt: skip
    for reason, settings in refusals.items():
        with pytest.raises(RenderError) as error:
            read_options(base | {"GROUP_OFFLOAD": "off"} | settings)
        assert error.value.user_message == MISCONFIGURED and reason in error.value.detail, reason

    info = make_engine(models["wan"], cache="taylorseer", group_offload="leaf", attention="native").describe()
    assert {key: info[key] for key in ("group_offload", "quant", "compile", "attention")} == {
        "group_offload": "leaf", "quant": "off", "compile": "off", "attention": "native"}  # fmt: skip
    assert info["cache"].startswith("taylorseer")
