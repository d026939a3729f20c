"""The `diffusers` engine on a Wan 2.1 T2V 1.3B-sized model: step time, engine overhead, cache speed-up.

Builds the real architecture (Wan 2.1 1.3B transformer, UMT5-xxl text encoder, Wan VAE) with
random weights from its public config, saves it, loads it through the engine, and renders one
480x832, 33-frame shot:
  - seconds per denoising step and per second of output video;
  - a bare diffusers call vs the engine on the same resident pipeline (goal: overhead <= 3 %);
  - the plain engine vs a variant with speed settings, by default First Block Cache (goal:
    >= 1.5x faster); `--variant` picks others, e.g. `--variant cache=taylorseer`,
    `--variant cache=magcache --variant cache_calibration=/tmp/wan-mag.json` (the warm-up run
    calibrates), `--variant quant=fp8wo`, `--variant compile=1`, `--variant attention=sage`,
    `--variant group_offload=block`. Random weights change how often a cache can skip, so treat
    cache figures as a smoke test; measure them with real weights;
  - peak GPU memory beyond the resident weights for that shot, the figure
    generation/engines/diffusion_memory.py's table needs (max of its denoise and decode terms).
No hub access: the tokenizer is built in memory (its ids index the random embedding).

Run on a CUDA machine:   .venv/bin/python bench/engine_diffusers.py [--steps 30] [--runs 2]
Check it works anywhere: .venv/bin/python bench/engine_diffusers.py --tiny   (toy model, CPU)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

from generation.engines.base import RenderSpec
from generation.engines.diffusion import (
    DEFAULT_CACHE_THRESHOLD,
    DiffusersEngine,
    resident,
    shot_prompt,
    unload,
)
from generation.plan import plan_prompt
from tests.tiny_wan import save_tiny_wan, tiny_tokenizer

PROMPT = "A corgi surfs a huge wave at sunset"  # one shot
SEED = 7

# Wan-AI/Wan2.1-T2V-1.3B-Diffusers, transformer/config.json
WAN_1_3B = {
    "patch_size": (1, 2, 2),
    "num_attention_heads": 12,
    "attention_head_dim": 128,
    "in_channels": 16,
    "out_channels": 16,
    "text_dim": 4096,
    "freq_dim": 256,
    "ffn_dim": 8960,
    "num_layers": 30,
    "cross_attn_norm": True,
    "qk_norm": "rms_norm_across_heads",
    "eps": 1e-6,
    "image_dim": None,
    "added_kv_proj_dim": None,
    "rope_max_seq_len": 1024,
}
# google/umt5-xxl encoder, as Wan ships it in text_encoder/config.json
UMT5_XXL = {
    "vocab_size": 256384,
    "d_model": 4096,
    "d_kv": 64,
    "d_ff": 10240,
    "num_layers": 24,
    "num_heads": 64,
    "relative_attention_num_buckets": 32,
    "relative_attention_max_distance": 128,
    "feed_forward_proj": "gated-gelu",
    "layer_norm_epsilon": 1e-6,
    "tie_word_embeddings": False,
}


def save_full_wan(folder: Path, device: str) -> Path:
    """Wan 2.1 T2V 1.3B's architecture with random weights, saved as the diffusers folder would be."""
    from diffusers import AutoencoderKLWan, UniPCMultistepScheduler, WanPipeline, WanTransformer3DModel
    from transformers import UMT5Config, UMT5EncoderModel

    started = time.perf_counter()
    default = torch.get_default_dtype()
    torch.manual_seed(0)
    try:
        # Initialise straight on the GPU in bfloat16: the 5.7B-parameter encoder would take
        # minutes and 23 GB on the host in float32.
        torch.set_default_dtype(torch.bfloat16)
        with torch.device(device):
            text_encoder = UMT5EncoderModel(UMT5Config(**UMT5_XXL)).eval()
            transformer = WanTransformer3DModel(**WAN_1_3B)
        torch.set_default_dtype(torch.float32)
        with torch.device(device):
            vae = AutoencoderKLWan()  # its defaults are Wan 2.1's VAE
    finally:
        torch.set_default_dtype(default)
    scheduler = UniPCMultistepScheduler(
        prediction_type="flow_prediction", use_flow_sigmas=True, num_train_timesteps=1000, flow_shift=3.0
    )
    pipe = WanPipeline(
        tokenizer=tiny_tokenizer(),
        text_encoder=text_encoder,
        transformer=transformer,
        vae=vae,
        scheduler=scheduler,
    )
    pipe.save_pretrained(folder)
    del pipe, text_encoder, transformer, vae
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    print(f"built and saved the random model in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def run_engine(engine: DiffusersEngine, spec: RenderSpec, device: str) -> float:
    plan = plan_prompt(spec.prompt, duration=spec.duration, seed=spec.seed)
    sync(device)
    started = time.perf_counter()
    count = sum(1 for _ in engine.frames(spec, plan, None, progress=lambda f: None, cancelled=lambda: False))
    sync(device)
    assert count == spec.frame_count, (count, spec.frame_count)
    return time.perf_counter() - started


def run_bare(pipe, arguments: dict, device: str, *, step_times: list[float] | None = None) -> float:
    """The call a diffusers user would write; with `step_times`, also when each step finished."""
    callback = None
    if step_times is not None:

        def callback(pipeline, step, timestep, tensors):
            sync(device)
            step_times.append(time.perf_counter())
            return {}

    sync(device)
    started = time.perf_counter()
    generator = torch.Generator(device=device).manual_seed(SEED)
    pipe(**arguments, generator=generator, output_type="np", callback_on_step_end=callback)
    sync(device)
    return time.perf_counter() - started


def seconds_per_step(times: list[float]) -> float:
    # From the end of the first step on: the first carries one-off allocation and warm-up.
    return (times[-1] - times[0]) / max(1, len(times) - 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tiny", action="store_true", help="toy model on the CPU: checks the bench runs")
    parser.add_argument("--steps", type=int, default=None, help="denoising steps (default 30; tiny 4)")
    parser.add_argument("--runs", type=int, default=2, help="timed runs per variant, after one warm-up")
    parser.add_argument("--threshold", type=float, default=DEFAULT_CACHE_THRESHOLD, help="First Block Cache")
    parser.add_argument("--variant", action="append", default=[], metavar="SETTING=VALUE",
                        help="a DiffusersEngine setting for the compared run (repeatable; default cache=fbc)")
    parser.add_argument("--workdir", default="", help="where to save the random model (default: a temp dir)")
    args = parser.parse_args()

    if args.tiny:
        device, steps, (width, height), frames, duration = "cpu", args.steps or 4, (64, 32), 9, 1
    else:
        if not torch.cuda.is_available():
            sys.exit("This bench needs a CUDA GPU; use --tiny to check it on the CPU.")
        device, steps, (width, height), frames, duration = "cuda", args.steps or 30, (832, 480), 33, 2
    model_fps = 16
    # One shot whose length needs exactly `frames` model frames, at the model's own size: the
    # engine's work beyond the bare call is then only progress, cancel checks and frame handover.
    spec = RenderSpec(PROMPT, duration, width, height, seed=SEED, handle="bench", fps=model_fps)
    plan = plan_prompt(PROMPT, duration=duration, seed=SEED)
    assert len(plan.shots) == 1

    with tempfile.TemporaryDirectory(dir=args.workdir or None) as scratch:
        folder = Path(scratch) / "wan-random"
        save_tiny_wan(folder) if args.tiny else save_full_wan(folder, device)
        settings = {"device": device, "steps": steps, "size": f"{width}x{height}", "frames": frames}

        engine = DiffusersEngine(str(folder), **settings)
        run_engine(engine, spec, device)  # loads, then warms up
        load_seconds = float(engine.describe()["load_seconds"])
        pipe = resident(engine.options)[0].base
        bare_arguments = {
            "prompt": shot_prompt(plan.shots[0], None),
            "negative_prompt": resident(engine.options)[0].family.negative,
            "height": height,
            "width": width,
            "num_frames": frames,
            "num_inference_steps": steps,
            "guidance_scale": 5.0,
        }
        plain_steps: list[float] = []
        resident_bytes = torch.cuda.memory_allocated() if device == "cuda" else 0
        if device == "cuda":
            torch.cuda.reset_peak_memory_stats()
        run_bare(pipe, bare_arguments, device, step_times=plain_steps)
        work_gib = (torch.cuda.max_memory_allocated() - resident_bytes) / 1024**3 if device == "cuda" else 0.0
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, so drift in clocks or heat hits both alike
            bare.append(run_bare(pipe, bare_arguments, device))
            ours.append(run_engine(DiffusersEngine(str(folder), **settings), spec, device))
            print(f"bare {bare[-1]:.3f} s, engine {ours[-1]:.3f} s", flush=True)
        del pipe

        variant = dict(item.split("=", 1) for item in args.variant)
        variant = variant or {"cache": "fbc", "cache_threshold": args.threshold}
        cached_engine = DiffusersEngine(str(folder), **variant, **settings)
        run_engine(cached_engine, spec, device)  # reloads with the variant, then warms up
        # Again: a MagCache render without a ratios file calibrates (uncached) and the next one uses them.
        run_engine(DiffusersEngine(str(folder), **variant, **settings), spec, device)
        cached_pipe = resident(cached_engine.options)[0].base
        tail_calls: list[int] = []
        hook = cached_pipe.transformer.blocks[-1].ffn.register_forward_hook(lambda *a: tail_calls.append(1))
        cached_steps: list[float] = []
        run_bare(cached_pipe, bare_arguments, device, step_times=cached_steps)
        hook.remove()
        del cached_pipe
        cached = []
        for _ in range(args.runs):
            fresh = DiffusersEngine(str(folder), **variant, **settings)
            cached.append(run_engine(fresh, spec, device))
            print(f"engine with {variant} {cached[-1]:.3f} s", flush=True)
        info = fresh.describe()
        calibration = cached_engine.describe()["cache"]
        unload()

    bare_s, ours_s, cached_s = (statistics.median(values) for values in (bare, ours, cached))
    video_seconds = frames / model_fps
    overhead = (ours_s / bare_s - 1) * 100
    speedup = ours_s / cached_s
    full_passes = len(tail_calls) / 2  # prompt + negative prompt per step
    where = torch.cuda.get_device_name() if device == "cuda" else "CPU (tiny model: figures mean nothing)"
    met = {True: "met", False: "NOT met"}
    lines = [
        f"device: {where}; diffusers {info['diffusers']}, torch {info['torch']}, dtype {info['dtype']}",
        f"model: {'tiny random Wan' if args.tiny else 'Wan 2.1 T2V 1.3B architecture, random weights'}; "
        f"{width}x{height}, {frames} frames ({video_seconds:.2f} s at {model_fps} fps), {steps} steps",
        f"load (engine, from disk): {load_seconds:.2f} s",
        f"peak GPU memory beyond the weights: {work_gib:.2f} GiB (measured; 0 on the CPU)",
        f"seconds per denoising step: {seconds_per_step(plain_steps):.3f} (plain), "
        f"{seconds_per_step(cached_steps):.3f} (variant, mean)",
        f"seconds per shot: bare {bare_s:.3f}, engine {ours_s:.3f}, engine + variant {cached_s:.3f}",
        f"seconds per second of video: engine {ours_s / video_seconds:.2f}, "
        f"engine + variant {cached_s / video_seconds:.2f}",
        f"variant {variant}: cache {info['cache']}, attention {info['attention']}, quant {info['quant']}, "
        f"compile {info['compile']}, group offload {info['group_offload']}",
        f"full transformer passes with the variant: {full_passes:.0f} of {steps} steps"
        + (f" (first warm-up run: {calibration})" if "calibrating" in calibration else ""),
        f"engine overhead vs bare diffusers: {overhead:+.2f} % (goal <= 3 %): {met[overhead <= 3]}",
        f"variant speed-up: {speedup:.2f}x (goal >= 1.5x for a cache): {met[speedup >= 1.5]}",
    ]
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
