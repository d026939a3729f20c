"""Speed settings of the `diffusers` engine: caches, attention backend, torch.compile,
weight-only quantization and group offloading, each done through diffusers' own API (but for
quantizing after a LoRA is fused, which goes through torchao's `quantize_`).

diffusion.py reads the settings (SORA_VIDEO_CACHE, _ATTENTION, _COMPILE, _QUANT, _GROUP_OFFLOAD)
and calls these functions while it loads the model, once per worker; what each one did is what
the job records. Everything here refuses a setting that cannot work with a RenderError at load,
so a bad setting never crashes a render halfway.

MagCache needs per-model "magnitude ratios" (how much the transformer's residual shrinks from one
step to the next). diffusers measures them with `MagCacheConfig(calibrate=True)`: a run that skips
nothing and reports the ratios at its end. SORA_VIDEO_CACHE_CALIBRATION names the JSON file that
holds them: when it does not exist yet, the first render runs calibrating (uncached, so it costs
a normal render's time), the engine writes the ratios diffusers reported for each transformer to
the file, and later renders skip steps with them. An operator calibrates once per model (and per
LoRA: distillation changes the ratios) by rendering one video with the file not yet there, and
can copy the file to other workers with the same model.

No torch or diffusers at import: `make run`'s environment has neither.
"""

from __future__ import annotations

import ast
import copy
import json
import logging
import os
import time
from contextlib import contextmanager
from typing import Any

from .base import RenderError

CACHES = ("off", "fbc", "magcache", "taylorseer")
DEFAULT_THRESHOLDS = {"fbc": 0.05, "magcache": 0.06}  # diffusers' own default for MagCache
DEFAULT_CACHE_INTERVAL = 5  # TaylorSeer: a full pass every 5 steps (diffusers' default)
TAYLORSEER_WARMUP_STEPS = 3  # full passes before TaylorSeer predicts (diffusers' default)
QUANTS = {"off": "", "int8wo": "int8 weight-only", "fp8wo": "float8 weight-only"}
GROUP_OFFLOADS = {"off": "", "block": "block_level", "leaf": "leaf_level"}
MISCONFIGURED = "The video model isn't configured correctly on this server."
_CALIBRATION_LOG = "MagCache Calibration Results:"
# Extra torch.compile arguments; tests set backend="eager" (inductor's C++ build takes minutes here).
COMPILE_KWARGS: dict[str, Any] = {}
RECOMPILE_LIMIT = 32  # graphs kept per compiled block: LTX-2's takes 6 and more (see compile_denoisers)


def denoisers(pipe: Any) -> list[tuple[str, Any]]:
    """(name, module) of the pipeline's transformers: one, or Wan 2.2 A14B's two experts."""
    return [(name, module) for name in ("transformer", "transformer_2")
            if (module := getattr(pipe, name, None)) is not None]  # fmt: skip


def refuse(setting: str, why: str) -> RenderError:
    return RenderError(MISCONFIGURED, detail=f"{setting}: {why}")


# -- quantization --------------------------------------------------------------------------------


def torchao_config(quant: str) -> Any:
    """torchao's config for a SORA_VIDEO_QUANT value: the one mapping both ways of quantizing use,
    so quantizing at load and quantizing after fusing a LoRA cannot disagree on what they do."""
    try:
        import torchao  # noqa: F401
        from torchao.quantization import Float8WeightOnlyConfig, Int8WeightOnlyConfig
    except ImportError as error:
        raise refuse(f"SORA_VIDEO_QUANT={quant}", f"torchao is not installed ({error})") from error
    kinds = {"int8wo": Int8WeightOnlyConfig, "fp8wo": Float8WeightOnlyConfig}
    return kinds[quant]()


def quantization_config(quant: str, denoiser_names: list[str]) -> Any:
    """diffusers' PipelineQuantizationConfig quantizing the transformers' weights with torchao, or None."""
    if quant == "off":
        return None
    configs = {name: torchao_config(quant) for name in denoiser_names}
    from diffusers import PipelineQuantizationConfig, TorchAoConfig

    # A mapping, not quant_backend="torchao": that form also needs transformers' TorchAoConfig to
    # take the same arguments as diffusers', which it does not.
    try:
        mapping = {name: TorchAoConfig(config) for name, config in configs.items()}
        return PipelineQuantizationConfig(quant_mapping=mapping)
    except (ValueError, TypeError, ImportError) as error:
        raise refuse(f"SORA_VIDEO_QUANT={quant}", f"{type(error).__name__}: {error}") from error


def quantize_denoisers(pipe: Any, quant: str, *, dtype: str) -> None:
    """Quantize the loaded transformers' linear weights in place with torchao's `quantize_`.

    For a LoRA: its fused weights exist only after loading, so these cannot be quantized at load.
    Like diffusers' quantizer, layers the model keeps in float32 while the rest runs in `dtype`
    (Wan's time embedder) stay unquantized; they are told apart by their weights' dtype, so in a
    float32 model every linear layer is quantized.
    """
    if quant == "off":
        return
    import torch
    from torchao.quantization import quantize_

    wanted = getattr(torch, dtype)

    def quantizable(module: Any, _name: str) -> bool:
        return isinstance(module, torch.nn.Linear) and module.weight.dtype == wanted

    try:
        for _name, module in denoisers(pipe):
            quantize_(module, torchao_config(quant), filter_fn=quantizable)
    except RenderError:
        raise
    except Exception as error:  # a config this torchao or this device cannot apply
        raise refuse(f"SORA_VIDEO_QUANT={quant}", f"{type(error).__name__}: {error}") from error


def quant_description(quant: str, *, after_lora: bool = False) -> str:
    if quant == "off":
        return "off"
    from importlib import metadata

    try:
        version = metadata.version("torchao")
    except metadata.PackageNotFoundError:
        version = "not installed"
    when = ", after fusing the LoRA" if after_lora else ""
    return f"{QUANTS[quant]} (torchao {version}, transformers only{when})"


# -- placement -----------------------------------------------------------------------------------


def group_offload(pipe: Any, level: str, device: str) -> None:
    """Keep the weights on the host and bring them to `device` a block (or a layer) at a time."""
    import torch

    on_cuda = device.startswith("cuda")
    arguments = {"onload_device": torch.device(device), "offload_device": torch.device("cpu"),
                 "offload_type": GROUP_OFFLOADS[level], "use_stream": on_cuda}  # fmt: skip
    if level == "block":
        arguments["num_blocks_per_group"] = 1
    if on_cuda:
        # The next group is copied while this one computes; pinned host memory makes it asynchronous.
        arguments["non_blocking"] = True
    pipe.enable_group_offload(**arguments)


# -- attention -----------------------------------------------------------------------------------


def set_attention(pipe: Any, backend: str, device: str, dtype: str) -> None:
    """Route every transformer's attention through `backend`, or refuse it now if it cannot run here.

    diffusers checks that the backend's package is installed; whether its kernel runs on this
    device and dtype (flash kernels need a GPU and half precision) only shows when it is called,
    so one small attention call is made through it here rather than in the middle of a render.
    """
    import torch
    from diffusers.utils.constants import DIFFUSERS_ATTN_BACKEND

    if not backend:
        # set_attention_backend also sets a process-wide default; a model loaded after one that
        # named a backend must not inherit it: name diffusers' own default explicitly.
        for _name, module in denoisers(pipe):
            module.set_attention_backend(DIFFUSERS_ATTN_BACKEND)
        return
    try:
        for _name, module in denoisers(pipe):
            module.set_attention_backend(backend)
        probe_attention(backend, device, getattr(torch, dtype))
    except Exception as error:  # unknown names, missing packages, kernels that refuse this device
        raise refuse(f"SORA_VIDEO_ATTENTION={backend}", f"{type(error).__name__}: {error}") from error


def probe_attention(backend: str, device: str, dtype: Any) -> None:
    import torch
    from diffusers.models.attention_dispatch import AttentionBackendName, dispatch_attention_fn

    # (batch, tokens, heads, head dim), diffusers' layout; 64 is a head size every kernel takes.
    # Not random: the global generator is left as it was.
    query = torch.linspace(-1, 1, 16 * 2 * 64, device=device, dtype=dtype).reshape(1, 16, 2, 64)
    output = dispatch_attention_fn(query, query, query, backend=AttentionBackendName(backend))
    if output.shape != query.shape or not torch.isfinite(output).all():
        raise RuntimeError(f"a test attention call returned {tuple(output.shape)} with non-finite values")


def active_attention(backend: str) -> str:
    """The backend the transformers' attention runs through, for what the job records."""
    from diffusers.utils.constants import DIFFUSERS_ATTN_BACKEND

    return backend or f"{DIFFUSERS_ATTN_BACKEND} (diffusers' default)"


# -- caches --------------------------------------------------------------------------------------


def enable_cache(pipe: Any, cache: str, *, threshold: float, interval: int, steps: int,
                 ratios: dict[str, list[float]] | None) -> None:  # fmt: skip
    """Put diffusers' cache hooks on each transformer (both of an A14B: each keeps its own state)."""
    if cache == "off":
        return
    for name, module in denoisers(pipe):
        if cache == "magcache":
            config = magcache_config(name, threshold, steps, ratios)
        else:
            config = cache_config(cache, threshold, interval, module.dtype)
        try:
            module.enable_cache(config)
        except ValueError as error:
            # First Block Cache and MagCache hook a transformer block whose outputs diffusers must
            # know; a block it does not (LTX-2's in 0.42.1) is refused here, at load, not mid-render.
            from importlib.metadata import version

            hint = "use off" if cache == "taylorseer" else "use taylorseer, which needs no block type"
            why = f"diffusers {version('diffusers')} cannot put it on {type(module).__name__} ({error})"
            why += f"; {hint}"
            raise refuse(f"SORA_VIDEO_CACHE={cache}", why) from error


def cache_config(cache: str, threshold: float, interval: int, dtype: Any) -> Any:
    from diffusers.hooks import FirstBlockCacheConfig, TaylorSeerCacheConfig

    if cache == "fbc":
        return FirstBlockCacheConfig(threshold=threshold)
    # Lite: blocks are skipped whole on predicted steps and only the output projection is
    # extrapolated. The full variant keeps Taylor factors of every attention output, which at
    # video lengths is tens of GB; and its default module names match no Wan layer.
    # Its factors in the model's own dtype (diffusers' default is bfloat16, lossy for a float32 model).
    return TaylorSeerCacheConfig(cache_interval=interval, disable_cache_before_step=TAYLORSEER_WARMUP_STEPS,
                                 use_lite_mode=True, taylor_factors_dtype=dtype)  # fmt: skip


def magcache_config(name: str, threshold: float, steps: int, ratios: dict[str, list[float]] | None) -> Any:
    from diffusers.hooks import MagCacheConfig

    if ratios is None:
        return MagCacheConfig(threshold=threshold, num_inference_steps=max(1, steps), calibrate=True)
    # Ratios calibrated at another step count are stretched by diffusers (nearest neighbour).
    return MagCacheConfig(threshold=threshold, num_inference_steps=max(1, steps), mag_ratios=ratios[name])


def magcache_steps(pipe: Any, steps: int) -> dict[str, int]:
    """How many of `steps` each transformer runs: Wan 2.2 A14B hands the steps below
    `boundary_ratio` to `transformer_2`, and MagCache counts steps per transformer."""
    names = [name for name, _ in denoisers(pipe)]
    boundary = pipe.config.get("boundary_ratio") if hasattr(pipe, "config") else None
    if boundary is None or len(names) == 1:
        return {names[0]: steps}
    scheduler = copy.deepcopy(pipe.scheduler)
    scheduler.set_timesteps(steps, device="cpu")
    edge = boundary * scheduler.config.num_train_timesteps
    high = sum(1 for t in scheduler.timesteps if t >= edge)
    return {"transformer": high, "transformer_2": len(scheduler.timesteps) - high}


def retune_magcache(pipe: Any, *, threshold: float, steps: int,
                    ratios: dict[str, list[float]] | None) -> None:  # fmt: skip
    """MagCache's config holds the step count (for its warm-up share and the ratios' length):
    re-apply it for this call's steps on each transformer."""
    for name, count in magcache_steps(pipe, steps).items():
        module = getattr(pipe, name)
        current = getattr(module, "_cache_config", None)
        calibrating = ratios is None
        if count == 0 or (current is not None and current.num_inference_steps == count
                          and current.calibrate == calibrating):  # fmt: skip
            continue
        if current is not None:
            module.disable_cache()
        module.enable_cache(magcache_config(name, threshold, count, ratios))


def read_ratios(path: str, names: list[str]) -> dict[str, list[float]] | None:
    """The MagCache ratios in `path` for these transformers; None when the file is not there yet."""
    if not os.path.exists(path):
        return None
    setting = f"SORA_VIDEO_CACHE_CALIBRATION={path}"
    try:
        with open(path, encoding="utf-8") as file:
            ratios = json.load(file)["ratios"]
        result = {name: [float(value) for value in ratios[name]] for name in names}
    except (OSError, ValueError, KeyError, TypeError) as error:
        why = f"not a calibration file for this model ({type(error).__name__}: {error})"
        raise refuse(setting, why) from error
    if any(not values for values in result.values()):
        raise refuse(setting, "empty ratios")
    return result


def write_ratios(path: str, ratios: dict[str, list[float]], steps: dict[str, int], model: str) -> None:
    record = {"model": model, "steps": steps, "ratios": ratios,
              "made_by": "diffusers MagCacheConfig(calibrate=True), one render"}  # fmt: skip
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    partial = f"{path}.partial"
    with open(partial, "w", encoding="utf-8") as file:
        json.dump(record, file, indent=1)
    os.replace(partial, path)  # whole or not at all: another worker may read it


@contextmanager
def calibration_capture(pipe: Any):
    """Collect the ratios diffusers reports at the end of a calibrating MagCache run, per transformer.

    diffusers logs them (and prints them) from the last block of whichever transformer finished
    its steps; a pre-hook on each transformer says which one is running. With guidance there are
    two reports per transformer (prompt and negative prompt); the prompt's comes first and is kept.
    """
    found: dict[str, list[float]] = {}
    running = {"name": ""}

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if message.startswith(_CALIBRATION_LOG) and running["name"] not in found:
                values = ast.literal_eval(message[len(_CALIBRATION_LOG):].strip())
                found[running["name"]] = [float(value) for value in values]

    logger = logging.getLogger("diffusers.hooks.mag_cache")
    handler, level = Handler(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    hooks = [module.register_forward_pre_hook(lambda *args, name=name: running.update(name=name))
             for name, module in denoisers(pipe)]  # fmt: skip
    try:
        yield found
    finally:
        for hook in hooks:
            hook.remove()
        logger.removeHandler(handler)
        logger.setLevel(level)


# -- torch.compile -------------------------------------------------------------------------------


def compile_denoisers(pipe: Any, cache: str) -> str:
    """torch.compile each transformer's repeated blocks (diffusers' regional compilation); returns how.

    Compiling only the repeated block compiles it once and reuses it for all of them, far faster
    to build than the whole model for the same speed. `dynamic=True`: shot lengths and the clip's
    orientation change the token count, and a static graph would recompile for each new shape.
    The caches' decisions are excluded from compilation (graph breaks), so with a cache the graph
    cannot be one piece.
    """
    import torch

    fullgraph = cache == "off"
    how = "regional" if all(getattr(m, "_repeated_blocks", None) for _, m in denoisers(pipe)) else "whole"
    # LTX-2's block is called with 6 mixes of flags and optional inputs (audio-to-video and back,
    # guidance passes), each a graph compiled at the warm-up, and every pair of sizes that happen
    # to be equal in a job adds more ("duck sizing"): with a square warm-up it took 11, and
    # torch's default limit of 8 per function failed the render (FailOnRecompileLimitHit under
    # fullgraph). The limit is the knob torch's own error names (public in torch.compiler.config);
    # raised for margin, never lowered.
    torch.compiler.config.recompile_limit = max(torch.compiler.config.recompile_limit, RECOMPILE_LIMIT)
    for _name, module in denoisers(pipe):
        if how == "regional":
            module.compile_repeated_blocks(fullgraph=fullgraph, dynamic=True, **COMPILE_KWARGS)
        else:
            module.compile(fullgraph=fullgraph, dynamic=True, **COMPILE_KWARGS)
    return f"{how}{', fullgraph' if fullgraph else ''}"


def warm_up(pipe: Any, *, width: int, height: int, frames: int, steps: int, guidance: float,
            device: str, extra: dict) -> float:  # fmt: skip
    """One small render so the first job does not pay for compilation; returns its seconds.

    Small in pixels, not in steps: the job's step count makes Wan 2.2 A14B's second expert run
    (and compile) too.
    """
    import torch

    started = time.perf_counter()
    generator = torch.Generator(device=device).manual_seed(0)
    arguments = {"prompt": "warm-up", "width": width, "height": height, "num_frames": frames,
                 "num_inference_steps": steps, "guidance_scale": guidance,
                 "output_type": "latent"} | extra  # fmt: skip
    pipe(**arguments, generator=generator)  # under the pipeline's own no_grad, as jobs run
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    for _name, module in denoisers(pipe):
        if getattr(module, "_cache_config", None) is not None:
            module._reset_stateful_cache()  # the warm-up's residuals are not the first job's
    return time.perf_counter() - started
