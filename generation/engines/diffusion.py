"""The `diffusers` video engine: real text-, image- and video-to-video from a diffusion model.

The model comes from `SORA_VIDEO_MODEL` (a local folder or a hub id) and is loaded once per
worker process, then kept resident: the render worker does not fork per job, so the next job
starts denoising at once instead of spending a minute reading weights. One pipeline is loaded
from the folder; the image- and video-to-video pipelines are built from its modules, so the
weights exist once in memory.

Each shot of the plan becomes one generated segment at the model's own size and frame rate,
then is stretched in time to the shot's length and scaled/cropped to the clip's size, streamed
shot by shot so only one segment is ever held.

Settings (environment, or the constructor's keyword arguments, which win):
  SORA_VIDEO_MODEL            folder or hub id (required)
  SORA_VIDEO_DEVICE           cuda / cpu / cuda:1 ... (default: cuda when available)
  SORA_VIDEO_DTYPE            bfloat16 / float16 / float32 (default: bfloat16 on GPU, float32 on CPU)
  SORA_VIDEO_STEPS            denoising steps per shot (default 30 on GPU, 8 on CPU)
  SORA_VIDEO_GUIDANCE         classifier-free guidance scale (default: the family's, Wan 5.0)
  SORA_VIDEO_SIZE             model resolution WxH for landscape clips, e.g. 832x480 (portrait swaps it)
  SORA_VIDEO_FRAMES           most frames per shot segment, e.g. 33 or 81 (default: the family's)
  SORA_VIDEO_FPS              the model's frame rate (default: the family's, Wan 16)
  SORA_VIDEO_CACHE            off / fbc / magcache / taylorseer: diffusers' caches, which reuse the
                              transformer's work on steps that change little (on every transformer):
                              fbc     First Block Cache: the first block's change decides whether the
                                      rest run
                              magcache  MagCache: skips steps while the calibrated magnitude ratios say
                                      the error stays small; needs SORA_VIDEO_CACHE_CALIBRATION
                              taylorseer  TaylorSeer (lite): a full pass every SORA_VIDEO_CACHE_INTERVAL
                                      steps after the first 3, the output extrapolated in between
  SORA_VIDEO_CACHE_THRESHOLD  fbc's (default 0.05) or magcache's (default 0.06) threshold; higher is
                              faster and rougher
  SORA_VIDEO_CACHE_INTERVAL   taylorseer's full-pass interval (default 5)
  SORA_VIDEO_CACHE_CALIBRATION  magcache's ratios file (JSON); when missing, the first render runs
                              uncached to calibrate and writes it (see diffusion_speed.py)
  SORA_VIDEO_ATTENTION        attention backend for the transformers, any name diffusers'
                              set_attention_backend knows: native, flash, _flash_3, sage, xformers,
                              _native_cudnn, _native_math ... (default: diffusers' own, native); one
                              that cannot run here is refused when the model loads
  SORA_VIDEO_COMPILE          1 to torch.compile the transformers' repeated blocks at load, warmed by a
                              small render before the first job (not with magcache: its hooks run the
                              blocks outside compiled code)
  SORA_VIDEO_QUANT            off / int8wo / fp8wo: the transformers' weights quantized by torchao at
                              load (int8 or float8 weight-only; fp8wo needs a CUDA GPU); with a LoRA,
                              loaded unquantized, the LoRA fused, then quantized on the host (so the
                              host holds the unquantized transformers for a while)
  SORA_VIDEO_CPU_OFFLOAD      1 to keep only the running module on the GPU (slower, much less memory)
  SORA_VIDEO_GROUP_OFFLOAD    block / leaf (1 means block): diffusers' group offloading, weights on the
                              host brought to the GPU a block (or layer) at a time, overlapped through a
                              CUDA stream; less memory than SORA_VIDEO_CPU_OFFLOAD; not both
  SORA_VIDEO_VAE_TILING       1 to decode in tiles (less memory at large sizes)
  SORA_VIDEO_SOUND            world / all / off: what a model that makes sound with its pictures (LTX-2)
                              makes: the scene's sound under our dialogue (world, the default), the
                              dialogue too (all; not for a job with a cameo), or nothing (off); see
                              joint_sound.py
  SORA_VIDEO_MEMORY_CHECK     0 to skip the check that refuses a render too big for the GPU's free
                              memory before it starts (on by default; see diffusion_memory.py)
  SORA_VIDEO_LORA             a step-distillation LoRA (e.g. LightX2V's) for the transformer:
                              a .safetensors file, a folder holding pytorch_lora_weights.safetensors,
                              a hub repo id, or a file in a hub repo as owner/repo/path/file.safetensors
  SORA_VIDEO_LORA_2           the LoRA for a second transformer (Wan 2.2 A14B's low-noise expert;
                              default: SORA_VIDEO_LORA again, loaded with load_into_transformer_2)
  SORA_VIDEO_LORA_STEPS       steps the LoRA was distilled for (default 4); replaces SORA_VIDEO_STEPS
  SORA_VIDEO_LORA_GUIDANCE    guidance with the LoRA (default 1.0: distilled models run without
                              classifier-free guidance, one pass per step); replaces SORA_VIDEO_GUIDANCE

The LoRA is loaded with the pipeline's `load_lora_weights`, fused into the transformer's weights
and its layers unloaded (diffusers' advice for a LoRA that stays on): the steps then cost what
the plain model's do. A LoRA is part of the resident model, so changing it reloads the model.
Families: Wan 2.1 (T2V 1.3B/14B, I2V), Wan 2.2 TI2V-5B (24 fps, 1280x704) and A14B (two
experts, `transformer_2` below `boundary_ratio`), told apart by the folder's config
(diffusion_families.py); LTX-Video (0.9.x: LTXPipeline, LTXImageToVideoPipeline, LTXConditionPipeline),
tested on a tiny random model only (tests/test_ltx_engine.py); LTX-2 (LTX2Pipeline,
LTX2ImageToVideoPipeline), which makes each shot's sound with its pictures: the engine gathers it
shot by shot and the render pipeline mixes it with the audio engine's (joint_sound.py); tested on
a tiny random model only (tests/test_ltx2_engine.py).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import numpy as np

from ..plan import HANDLE, Line, Plan, Shot
from . import diffusion_memory, diffusion_speed, joint_sound
from .base import AudioTrack, Cancelled, CancelledFn, ProgressFn, Reference, RenderError, RenderSpec
from .diffusion_families import I2V, T2V, V2V, Family, family_of, mode_of
from .diffusion_media import (
    load_reference,
    parent_seconds,
    parent_window,
    retime,
    shot_frame_counts,
)
from .joint_sound import ClipSound, ModelSound

UNAVAILABLE = "The video model isn't available on this server right now."
MISCONFIGURED = "The video model isn't configured correctly on this server."
OUT_OF_MEMORY = (
    "The video model ran out of GPU memory. Try a shorter or smaller video; the operator can also "
    "enable SORA_VIDEO_CPU_OFFLOAD or SORA_VIDEO_VAE_TILING."
)
NEEDS_IMAGE = "This server's video model only animates pictures: add a cameo or remix a video."
THRESHOLDS = diffusion_speed.DEFAULT_THRESHOLDS
DEFAULT_CACHE_THRESHOLD = THRESHOLDS["fbc"]
DEFAULT_LORA_STEPS = 4
DEFAULT_LORA_GUIDANCE = 1.0
# Added to the negative prompt when the model makes the scene's sound and our audio engine the
# voices (joint_sound.WORLD): a model that also talked would talk over them.
VOICES_NEGATIVE = ", speech, talking, dialogue, voices, singing"
CAMERA_WORDS = {
    "pan-left": "the camera pans left",
    "pan-right": "the camera pans right",
    "push-in": "the camera slowly pushes in",
    "pull-out": "the camera slowly pulls out",
    "drift": "the camera drifts gently",
}


@dataclass(frozen=True)
class Options:
    model: str
    device: str
    dtype: str
    steps: int
    guidance: float | None  # None: the family's
    size: tuple[int, int] | None  # landscape (width, height); None: the family's
    max_frames: int | None
    fps: int | None
    cache: str  # one of diffusion_speed.CACHES
    cache_threshold: float
    cpu_offload: bool
    vae_tiling: bool
    memory_check: bool = True
    lora: str = ""  # "" for none; with one, `steps` and `guidance` are the LoRA's
    lora_2: str = ""  # for a second transformer; "" means `lora` again
    cache_interval: int = diffusion_speed.DEFAULT_CACHE_INTERVAL
    cache_calibration: str = ""  # magcache's ratios file
    attention: str = ""  # "" for diffusers' default
    compile: bool = False
    quant: str = "off"  # one of diffusion_speed.QUANTS
    group_offload: str = "off"  # one of diffusion_speed.GROUP_OFFLOADS
    sound: str = joint_sound.WORLD  # what a model that makes sound makes (joint_sound.SOUNDS)

    @property
    def resident_key(self) -> tuple:
        """What makes a loaded pipeline different; steps, sizes etc. are per call."""
        return (self.model, self.device, self.dtype, self.cache, self.cache_threshold,
                self.cpu_offload, self.vae_tiling, self.lora, self.lora_2, self.cache_interval,
                self.cache_calibration, self.attention, self.compile, self.quant,
                self.group_offload)  # fmt: skip


@dataclass
class Resident:
    """A model loaded in this process, with the pipelines built from its modules."""

    key: tuple
    family: Family
    saved_as: str  # the mode the folder's pipeline class is for
    base: Any  # the pipeline loaded from the folder
    load_seconds: float
    pipelines: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # mode -> how it is served, when unusual
    mag_ratios: dict[str, list[float]] | None = None  # MagCache's, once calibrated
    compiled: str = ""  # how the transformers were compiled, "" when not
    warmup_seconds: float | None = None  # the compile warm-up render, part of load_seconds
    attention: str = ""  # the backend the transformers' attention runs through

    def pipeline(self, mode: str) -> Any:
        if mode not in self.pipelines:
            self.pipelines[mode] = self.base if mode == self.saved_as else self._derive(mode)
        return self.pipelines[mode]

    def _derive(self, mode: str) -> Any:
        import diffusers

        cls = getattr(diffusers, self.family.classes[mode])
        params = inspect.signature(cls.__init__).parameters
        modules = {name: module for name, module in self.base.components.items() if name in params}
        settings = {key: value for key, value in self.base.config.items()
                    if key in params and key not in modules and not key.startswith("_")}  # fmt: skip
        if mode == I2V and modules.get("image_encoder") is None and self.family.i2v_from_t2v:
            # No image encoder in a text-to-video folder. Wan can still start from a picture by
            # holding the first latent frame clean while the rest denoises (Wan 2.2 TI2V's
            # method); Wan 2.2 TI2V is trained for it, Wan 2.1 T2V only follows it loosely.
            settings |= self.family.i2v_from_t2v
            if not self.base.config.get("expand_timesteps"):
                self.notes[I2V] = "first-frame conditioning (the model was not trained for it)"
            else:
                self.notes[I2V] = "first-frame conditioning (TI2V)"
        pipe = cls(**modules, **settings)
        pipe.set_progress_bar_config(disable=True)
        if not _sets_cache_contexts(cls) and any(getattr(d, "_cache_config", None) for d in _denoisers(pipe)):
            self.notes[mode] = f"cache off ({cls.__name__} sets no cache contexts)"
        return pipe


_RESIDENT: Resident | None = None
_LOCK = threading.Lock()


def resident(options: Options) -> tuple[Resident, bool]:
    """The loaded model for these options and whether it was already loaded (one model at a time)."""
    global _RESIDENT
    with _LOCK:
        if _RESIDENT is not None and _RESIDENT.key == options.resident_key:
            return _RESIDENT, True
        # A different model or setting replaces the old one: two video models rarely fit a GPU.
        unload_locked()
        _RESIDENT = _load(options)
        return _RESIDENT, False


def unload() -> None:
    """Forget the resident model (frees its memory once nothing else holds it)."""
    with _LOCK:
        unload_locked()


def unload_locked() -> None:
    global _RESIDENT
    if _RESIDENT is None:
        return
    _RESIDENT = None
    import gc

    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def _load(options: Options) -> Resident:
    started = time.perf_counter()
    import torch
    from diffusers import DiffusionPipeline

    try:
        index = DiffusionPipeline.load_config(options.model)
    except Exception as error:  # hub, file system and JSON errors all mean "not there"
        raise RenderError(UNAVAILABLE, detail=f"{options.model}: {error}") from error
    class_name = index.get("_class_name", "")
    family = family_of(class_name, index)
    if family is None:
        raise RenderError(UNAVAILABLE, detail=f"{options.model}: unsupported pipeline {class_name!r}")
    dtype = getattr(torch, options.dtype)
    dtypes = {"default": dtype, "vae": torch.float32} if family.vae_in_float32 else dtype
    names = [name for name in ("transformer", "transformer_2") if (index.get(name) or [None])[0]]
    # A LoRA is fused into unquantized weights: with one, the transformers are quantized after it.
    after_lora = bool(options.lora) and options.quant != "off"
    quantization = None if after_lora else diffusion_speed.quantization_config(options.quant, names)
    extra = {"quantization_config": quantization} if quantization is not None else {}
    try:
        pipe = DiffusionPipeline.from_pretrained(options.model, dtype=dtypes, **extra)
    except Exception as error:
        raise RenderError(UNAVAILABLE, detail=f"{options.model}: {type(error).__name__}: {error}") from error
    if options.lora:
        _fuse_lora(pipe, options)  # on the host, before the weights move: no LoRA layers on the GPU
    if after_lora:
        diffusion_speed.quantize_denoisers(pipe, options.quant, dtype=options.dtype)  # before they move
    # The loaded config and VAE settle what the index may leave open (a 48-channel VAE is Wan 2.2's).
    vae = getattr(pipe, "vae", None)
    family = family_of(class_name, dict(pipe.config), vae.config.get("z_dim") if vae is not None else None)
    _place(pipe, options)
    pipe.set_progress_bar_config(disable=True)
    if options.vae_tiling and hasattr(pipe.vae, "enable_tiling"):
        pipe.vae.enable_tiling()
    diffusion_speed.set_attention(pipe, options.attention, options.device, options.dtype)
    ratios = None
    if options.cache == "magcache":
        names = [name for name, _ in _named_denoisers(pipe)]
        ratios = diffusion_speed.read_ratios(options.cache_calibration, names)
    diffusion_speed.enable_cache(pipe, options.cache, threshold=options.cache_threshold,
                                 interval=options.cache_interval, steps=options.steps,
                                 ratios=ratios)  # fmt: skip
    loaded = Resident(
        key=options.resident_key,
        family=family,
        saved_as=mode_of(family, class_name),
        base=pipe,
        load_seconds=0.0,
        mag_ratios=ratios,
        attention=diffusion_speed.active_attention(options.attention),
    )
    if options.compile:
        _compile(loaded, options)
    loaded.load_seconds = time.perf_counter() - started
    return loaded


def _place(pipe: Any, options: Options) -> None:
    """Put the pipeline on its device, or set up offloading to it."""
    import torch

    try:
        if options.cpu_offload:
            pipe.enable_model_cpu_offload(device=options.device)
        elif options.group_offload != "off":
            diffusion_speed.group_offload(pipe, options.group_offload, options.device)
        else:
            pipe.to(options.device)
    except torch.OutOfMemoryError as error:
        raise RenderError(OUT_OF_MEMORY, detail=f"loading {options.model}: {error}") from error
    except Exception as error:
        raise RenderError(UNAVAILABLE, detail=f"{options.model}: {type(error).__name__}: {error}") from error


def _compile(loaded: Resident, options: Options) -> None:
    """Compile the transformers and run one small render through them, so no job waits for it."""
    pipe, family = loaded.base, loaded.family
    try:
        loaded.compiled = diffusion_speed.compile_denoisers(pipe, options.cache)
        # Small, but with width, height and length all different (7, 5 and 4 latent cells): torch
        # specializes a graph on sizes that happen to be equal ("duck sizing"), so a square warm-up
        # left the first job, which is not square, to compile again.
        width, height = family.size_step * 7, family.size_step * 5
        guidance = options.guidance if options.guidance is not None else family.guidance
        extra = {"negative_prompt": family.negative}
        if loaded.saved_as == I2V:  # an image-to-video model cannot run without a picture
            from PIL import Image

            extra["image"] = Image.new("RGB", (width, height), (128, 128, 128))
        loaded.warmup_seconds = diffusion_speed.warm_up(
            pipe, width=width, height=height, frames=family.frame_step * 3 + 1, steps=options.steps,
            guidance=guidance, device=options.device, extra=extra,
        )  # fmt: skip
    except RenderError:
        raise
    except Exception as error:  # a compiler that cannot build here must not fail the first job instead
        detail = f"SORA_VIDEO_COMPILE=1: {type(error).__name__}: {error}"
        raise RenderError(MISCONFIGURED, detail=detail) from error


def _fuse_lora(pipe: Any, options: Options) -> None:
    """Load SORA_VIDEO_LORA (and _2) into the transformer(s), fuse them, drop the LoRA layers."""
    targets = [("transformer", options.lora)]
    if getattr(pipe, "transformer_2", None) is not None:
        targets.append(("transformer_2", options.lora_2 or options.lora))
    if not hasattr(pipe, "load_lora_weights"):
        raise RenderError(MISCONFIGURED, detail=f"SORA_VIDEO_LORA: {type(pipe).__name__} cannot load LoRAs")
    for name, source in targets:
        setting = "SORA_VIDEO_LORA_2" if name == "transformer_2" and options.lora_2 else "SORA_VIDEO_LORA"
        try:
            location, weight_name = lora_location(source)
            extra = {"weight_name": weight_name} if weight_name else {}
            if name == "transformer_2":
                extra["load_into_transformer_2"] = True
            pipe.load_lora_weights(location, adapter_name=f"distill-{name}", **extra)
        except Exception as error:  # files, formats, names and shapes: all "this LoRA cannot be used"
            detail = f"{setting}={source}: {type(error).__name__}: {error}"
            raise RenderError(MISCONFIGURED, detail=detail) from error
    pipe.fuse_lora(components=[name for name, _ in targets], lora_scale=1.0)
    pipe.unload_lora_weights()  # the fused weights stay; the LoRA layers would only cost time


def lora_location(source: str) -> tuple[str, str | None]:
    """(what `load_lora_weights` reads, the weight file's name or None) for a SORA_VIDEO_LORA value.

    A local file is read from its folder by name; a local folder as it is (diffusers looks for
    pytorch_lora_weights.safetensors); owner/repo/path/file.safetensors names a file in a hub
    repo; anything else is a hub repo id.
    """
    path = os.path.expanduser(source)
    if os.path.isfile(path):
        return os.path.dirname(os.path.abspath(path)), os.path.basename(path)
    if os.path.isdir(path):
        return path, None
    if source.startswith(("/", ".", "~")) or os.sep in source and os.path.exists(os.path.dirname(path)):
        raise FileNotFoundError(f"no such file or folder: {path}")
    parts = source.split("/")
    if len(parts) > 2 and source.endswith(".safetensors"):
        return "/".join(parts[:2]), "/".join(parts[2:])
    return source, None


@functools.cache
def _sets_cache_contexts(pipeline_class: type) -> bool:
    try:
        return "cache_context" in inspect.getsource(pipeline_class.__call__)
    except (OSError, TypeError):
        return False


def _torch_modules(pipe: Any) -> dict[str, Any]:
    """The pipeline's torch modules by name (not its tokenizer, scheduler or settings)."""
    import torch

    return {name: module for name, module in pipe.components.items() if isinstance(module, torch.nn.Module)}


def _video_latents(pipe: Any, frames: list, width: int, height: int) -> Any:
    """The frames encoded by the pipeline's VAE and normalized as LTX's denoiser sees latents
    (batch, channels, frames, height, width): what LTXConditionPipeline noises by `denoise_strength`."""
    import torch

    video = pipe.video_processor.preprocess_video(frames, height, width)
    video = video.to(pipe.vae.device, dtype=pipe.vae.dtype)
    with torch.no_grad():
        latents = pipe.vae.encode(video).latent_dist.mode()
    # Per channel, as the pipeline normalizes its own condition latents (with no scaling factor).
    mean = pipe.vae.latents_mean.view(1, -1, 1, 1, 1).to(latents.device, latents.dtype)
    std = pipe.vae.latents_std.view(1, -1, 1, 1, 1).to(latents.device, latents.dtype)
    return ((latents - mean) / std).float()


def _denoisers(pipe: Any) -> list:
    return [module for _name, module in diffusion_speed.denoisers(pipe)]


def _named_denoisers(pipe: Any) -> list[tuple[str, Any]]:
    return diffusion_speed.denoisers(pipe)


class DiffusersEngine:
    name = "diffusers"
    hardware = "gpu"  # a diffusion step takes minutes on a CPU: GPU workers only (generation/queues.py)

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str | None = None,
        dtype: str | None = None,
        steps: int | None = None,
        guidance: float | None = None,
        size: str | None = None,
        frames: int | None = None,
        fps: int | None = None,
        cache: str | None = None,
        cache_threshold: float | None = None,
        cpu_offload: bool | None = None,
        vae_tiling: bool | None = None,
        memory_check: bool | None = None,
        lora: str | None = None,
        lora_2: str | None = None,
        lora_steps: int | None = None,
        lora_guidance: float | None = None,
        cache_interval: int | None = None,
        cache_calibration: str | None = None,
        attention: str | None = None,
        compile: bool | None = None,
        quant: str | None = None,
        group_offload: str | bool | None = None,
        sound: str | None = None,
    ) -> None:
        # Cheap on purpose: the registry builds engines before a job needs them.
        self._overrides = {
            "MODEL": model, "DEVICE": device, "DTYPE": dtype, "STEPS": steps, "GUIDANCE": guidance,
            "SIZE": size, "FRAMES": frames, "FPS": fps, "CACHE": cache,
            "CACHE_THRESHOLD": cache_threshold, "CPU_OFFLOAD": cpu_offload, "VAE_TILING": vae_tiling,
            "MEMORY_CHECK": memory_check, "LORA": lora, "LORA_2": lora_2, "LORA_STEPS": lora_steps,
            "LORA_GUIDANCE": lora_guidance, "CACHE_INTERVAL": cache_interval,
            "CACHE_CALIBRATION": cache_calibration, "ATTENTION": attention, "COMPILE": compile,
            "QUANT": quant, "GROUP_OFFLOAD": group_offload, "SOUND": sound,
        }  # fmt: skip
        self._options: Options | None = None
        self._resident: Resident | None = None
        self._reused = False
        self._setup_seconds: float | None = None
        self._modes: dict[str, str] = {}  # mode -> pipeline class, for describe()
        self._notes: dict[str, str] = {}  # mode -> how this engine served it, when unusual
        self._memory = ""  # what the memory check found, for describe()
        self._calibrated = ""  # the MagCache ratios file this engine's render wrote
        self._makes = ""  # what the model makes to be heard in this render: joint_sound.WORLD/ALL or ""
        self._sound: ModelSound | None = None  # what it made, once the last frame is out

    # -- what the job records -------------------------------------------------------------

    @property
    def options(self) -> Options:
        if self._options is None:
            self._options = read_options(self._overrides)
        return self._options

    @property
    def pipeline(self) -> Any:
        """The pipeline loaded from the model folder, once a render has loaded it."""
        return self._resident.base if self._resident else None

    @property
    def setup_seconds(self) -> float | None:
        """What getting the model cost this engine: the whole load, or ~0 when it was resident."""
        return self._setup_seconds

    def sound_made(self, spec: RenderSpec) -> str:
        """What of the soundtrack the model will make for `spec`: joint_sound.WORLD or ALL, or ""
        for none. Asked before the audio engine runs; reads the model folder's index, not weights."""
        options = self.options
        family = self._resident.family if self._resident is not None else _family_in(options.model)
        self._notes.pop("sound", None)
        if options.sound == "off" or family is None or not family.makes_sound:
            self._makes = ""
        elif options.sound == joint_sound.ALL and spec.references:
            # The model would invent a voice for the cameo; its owner chose one for our audio engine.
            self._notes["sound"] = ("dialogue spoken by the audio engine: the job has a cameo, whose chosen "
                                    "voice the model cannot make")
            self._makes = joint_sound.WORLD
        else:
            self._makes = options.sound
        return self._makes

    def sound(self) -> ModelSound | None:
        """The sound the model made for the clip, once the last frame is out (None if it made none)."""
        return self._sound

    def describe(self) -> dict[str, str]:
        options = self.options
        info = {
            "engine": self.name,
            "model": options.model,
            "device": options.device,
            "dtype": options.dtype,
            "steps": str(options.steps),
            "cache": self._cache_description(),
            "cpu_offload": "on" if options.cpu_offload else "off",
            "group_offload": options.group_offload,
            "vae_tiling": "on" if options.vae_tiling else "off",
            "quant": diffusion_speed.quant_description(options.quant, after_lora=bool(options.lora)),
            "compile": "on" if options.compile else "off",
        }
        if options.attention:
            info["attention"] = options.attention
        if self._makes:
            info["sound"] = f"{self._makes} (SORA_VIDEO_SOUND; {joint_sound.MADE[self._makes]})"
        if options.lora:
            info["lora"] = _lora_description(options)
        if self._memory:
            info["memory"] = self._memory
        resident_model = self._resident
        if resident_model is not None:
            family = resident_model.family
            width, height = options.size or family.size
            info |= {
                "family": family.name,
                "pipeline": ", ".join(f"{cls} ({mode})" for mode, cls in self._modes.items())
                or type(resident_model.base).__name__,
                "guidance": _guidance_description(options, family),
                "model_size": f"{width}x{height}",
                "model_fps": str(options.fps or family.fps),
                "max_frames": str(options.max_frames or family.max_frames),
                "load_seconds": f"{resident_model.load_seconds:.2f}",
                "setup_seconds": f"{self._setup_seconds or 0.0:.3f}",
                "resident": "reused" if self._reused else "loaded",
                "attention": resident_model.attention,
            }
            if resident_model.compiled:
                warm = resident_model.warmup_seconds or 0.0
                info["compile"] = f"on ({resident_model.compiled}; warm-up {warm:.2f} s, in load_seconds)"
            notes = {mode: note for mode, note in resident_model.notes.items() if mode in self._modes}
            notes = [f"{mode}: {note}" for mode, note in (notes | self._notes).items()]
            if notes:
                info["notes"] = "; ".join(notes)
        for package in ("diffusers", "torch", "transformers"):
            info[package] = _version(package)
        return info

    # -- making frames ----------------------------------------------------------------------

    def frames(
        self,
        spec: RenderSpec,
        plan: Plan,
        soundtrack: AudioTrack,
        *,
        progress: ProgressFn,
        cancelled: CancelledFn,
    ) -> Iterator[np.ndarray]:
        if cancelled():
            raise Cancelled()
        options = self.options
        started = time.perf_counter()
        self._resident, self._reused = resident(options)
        self._setup_seconds = time.perf_counter() - started
        family = self._resident.family
        mode, source_mode = self._modes_for(spec)
        pipe = self._resident.pipeline(mode)
        self._modes[source_mode] = type(pipe).__name__
        if mode != source_mode:
            why = "image-to-video model" if self._resident.saved_as == I2V else f"{family.name}: no {V2V}"
            self._notes[source_mode] = f"each shot starts from the parent's first frame ({why})"
        width, height = model_size(options.size or family.size, spec, family.size_step)
        model_fps = options.fps or family.fps
        cap = snap_frames(options.max_frames or family.max_frames, family.frame_step, down=True)
        parent_length = parent_seconds(spec.parent_video) if source_mode == V2V else 0.0

        shots = plan.shots
        counts = shot_frame_counts([(shot.start, shot.end) for shot in shots], spec.fps, spec.frame_count)
        lengths = [min(cap, snap_frames(round(s.duration * model_fps), family.frame_step)) for s in shots]
        longest = max((length for length, count in zip(lengths, counts, strict=True) if count), default=0)
        if longest:
            self._check_memory(pipe, width, height, longest)
        makes = self._makes if family.makes_sound else ""
        self._sound = None
        heard = ClipSound(spec.duration) if makes else None
        shown = 0  # frames of the clip made so far: where the next shot's sound starts
        for shot, count, length in zip(shots, counts, lengths, strict=True):
            if count == 0:
                continue
            if cancelled():
                raise Cancelled()
            reference = pick_reference(spec.references, shot)
            arguments = {
                "prompt": sound_prompt(shot_prompt(shot, reference), shot, makes),
                "negative_prompt": family.negative + (VOICES_NEGATIVE if makes == joint_sound.WORLD else ""),
                "width": width,
                "height": height,
                "num_frames": length,
                "num_inference_steps": options.steps,
                "guidance_scale": options.guidance if options.guidance is not None else family.guidance,
            }
            if options.guidance is None and family.guidance_2 is not None:
                arguments["guidance_scale_2"] = family.guidance_2
            if family.fps_arg:
                arguments[family.fps_arg] = model_fps
            if source_mode == V2V:
                # The shot's slice of the parent, wherever the parent's own cuts fall.
                scale = parent_length / spec.duration if spec.duration else 1.0
                window = parent_window(spec.parent_video, shot.start * scale, shot.end * scale,
                                       width=width, height=height, count=length)  # fmt: skip
                if mode == V2V:
                    if family.remix_as_latents:
                        arguments["latents"] = _video_latents(pipe, window, width, height)
                    else:
                        arguments["video"] = window
                    strength = min(1.0, max(spec.parent_strength, 1.0 / options.steps))
                    arguments[family.strength_arg] = strength
                else:
                    arguments["image"] = window[0]
            elif mode == I2V:
                arguments["image"] = load_reference(reference.image, width, height)

            def on_step(step: int, total: int, index: int = shot.index) -> None:
                progress(min(1.0, (index + step / max(total, 1)) / len(shots)))

            segment, sound = self._denoise(pipe, arguments, spec.seed + shot.index, on_step, cancelled)
            if heard is not None and sound is not None:
                heard.place(sound, start=shown / spec.fps, seconds=count / spec.fps)
            shown += count
            yield from retime(segment, count, spec.width, spec.height)
            del segment  # before the next shot is made: one segment at a time
        if heard is not None:
            self._sound = heard.sound(makes)
        progress(1.0)

    def _cache_description(self) -> str:
        options = self.options
        if options.cache == "off":
            return "off"
        if options.cache == "taylorseer":
            return (f"taylorseer (lite; a full pass every {options.cache_interval} steps after the first "
                    f"{diffusion_speed.TAYLORSEER_WARMUP_STEPS})")  # fmt: skip
        described = f"{options.cache} (threshold {options.cache_threshold}"
        if options.cache == "fbc":
            return described + ")"
        if self._calibrated:
            return described + f"; calibrating: ran uncached, wrote the ratios to {self._calibrated})"
        return described + f"; ratios from {options.cache_calibration})"

    def _check_memory(self, pipe: Any, width: int, height: int, frames: int) -> None:
        """Refuse, before the first step, a segment the GPU's free memory cannot hold."""
        options = self.options
        free = diffusion_memory.free_bytes(options.device)
        if free is None or not options.memory_check:
            return
        parts = _torch_modules(pipe)
        modules = {name: diffusion_memory.module_bytes(module) for name, module in parts.items()}
        # A quantized weight's numel is still its weight count: the table is by parameters.
        params = sum(p.numel() for p in pipe.transformer.parameters())
        row = diffusion_memory.footprint(self._resident.family.name, params)
        if row is None:
            self._memory = f"not checked (no table entry for {self._resident.family.name})"
            return
        groups = None
        if options.group_offload != "off":
            groups = {name: diffusion_memory.group_offload_bytes(module, options.group_offload)
                      for name, module in parts.items()}  # fmt: skip
        savers = {"cpu_offload": options.cpu_offload, "vae_tiling": options.vae_tiling}
        need = diffusion_memory.estimate(row, width, height, frames, modules=modules, group_offload=groups,
                                         **savers)  # fmt: skip
        self._memory = (f"needs {need.describe()}, {free / diffusion_memory.GIB:.1f} GiB free; "
                        f"weights {diffusion_memory.sizes_text(modules)}")  # fmt: skip
        diffusion_memory.refuse_if_too_big(need, free, device=options.device,
                                           group_offload=options.group_offload, **savers)  # fmt: skip

    def _modes_for(self, spec: RenderSpec) -> tuple[str, str]:
        """(the pipeline's mode, the job's mode): they differ when the model can't do the job's."""
        saved_as = self._resident.saved_as
        if spec.parent_video:
            # An image-to-video model remixes from the parent's first frame of each shot, and so
            # does a family whose video-to-video pipeline cannot run its model.
            by_image = saved_as == I2V or self._resident.family.remix_from_first_frame
            return (I2V if by_image else V2V), V2V
        if spec.references:
            return I2V, I2V
        if saved_as == I2V:
            raise RenderError(NEEDS_IMAGE, detail=f"{self.options.model} is an image-to-video model")
        return T2V, T2V

    def _denoise(
        self,
        pipe: Any,
        arguments: dict,
        seed: int,
        on_step: Callable[[int, int], None],
        cancelled: CancelledFn,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The segment's frames (frames, height, width, 3) uint8, and the sound the model made
        with them (channels, samples) float32, or None for a model that makes none."""
        import torch

        accepted = inspect.signature(pipe.__call__).parameters
        arguments = {key: value for key, value in arguments.items() if key in accepted}

        def step_done(pipeline: Any, step: int, timestep: Any, tensors: dict) -> dict:
            on_step(step + 1, getattr(pipeline, "_num_timesteps", 0) or arguments["num_inference_steps"])
            if cancelled():
                # Raising here stops before the next step and skips the VAE decode, which an
                # interrupted pipeline would still run.
                pipeline._interrupt = True
                raise Cancelled()
            return {}

        calibrating = False
        if self.options.cache == "magcache" and _sets_cache_contexts(type(pipe)):
            ratios = self._resident.mag_ratios
            steps = arguments["num_inference_steps"]
            threshold = self.options.cache_threshold
            diffusion_speed.retune_magcache(pipe, threshold=threshold, steps=steps, ratios=ratios)
            calibrating = ratios is None
        cached = [denoiser for denoiser in _denoisers(pipe) if getattr(denoiser, "_cache_config", None)]
        for denoiser in cached:
            # A cancelled call leaves the cache's last residuals behind; never reuse them.
            denoiser._reset_stateful_cache()
        # The cache keeps its state per "cache context" (prompt vs negative prompt); a pipeline
        # that sets none would fail, or share one state and blur guidance: run it uncached.
        suspended = [] if _sets_cache_contexts(type(pipe)) else cached
        configs = [denoiser._cache_config for denoiser in suspended]
        for denoiser in suspended:
            denoiser.disable_cache()
        generator = torch.Generator(device=self.options.device).manual_seed(seed)
        capture = diffusion_speed.calibration_capture(pipe) if calibrating else contextlib.nullcontext({})
        try:
            with capture as reported:
                output = pipe(**arguments, generator=generator, output_type="pt",
                              callback_on_step_end=step_done)  # fmt: skip
            if calibrating:
                self._keep_calibration(pipe, reported, arguments["num_inference_steps"])
            # To bytes on the GPU: a quarter of the data crosses to the host, and no float copy of
            # the whole segment is made in host memory.
            video = output.frames[0]  # (frames, channels, height, width), 0..1
            frames = (video.clamp(0, 1) * 255).round().to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()
            audio = getattr(output, "audio", None)  # LTX-2's: (batch, channels, samples), from its vocoder
            return frames, (audio[0].float().cpu().numpy() if audio is not None else None)
        except torch.OutOfMemoryError as error:
            if torch.cuda.is_available():
                torch.cuda.empty_cache()
            raise RenderError(OUT_OF_MEMORY, detail=str(error)) from error
        finally:
            for denoiser, config in zip(suspended, configs, strict=True):
                denoiser.enable_cache(config)

    def _keep_calibration(self, pipe: Any, reported: dict[str, list[float]], steps: int) -> None:
        """Save the MagCache ratios a calibrating render reported; later calls skip steps with them."""
        names = [name for name, _ in _named_denoisers(pipe)]
        if any(name not in reported for name in names):
            return  # a transformer ran no step (too few steps): calibrate on the next render
        counts = diffusion_speed.magcache_steps(pipe, steps)
        path = self.options.cache_calibration
        ratios = {name: reported[name] for name in names}
        diffusion_speed.write_ratios(path, ratios, counts, self.options.model)
        self._resident.mag_ratios = ratios
        self._calibrated = path


# -- settings and shot arithmetic (pure functions) ---------------------------------------------


def read_options(overrides: dict[str, Any] | None = None) -> Options:
    """Settings from SORA_VIDEO_* environment variables, overridden by non-None `overrides`."""
    overrides = overrides or {}

    def get(name: str) -> Any:
        value = overrides.get(name)
        return value if value is not None else os.environ.get(f"SORA_VIDEO_{name}", "").strip()

    model = str(get("MODEL"))
    if not model:
        raise RenderError(UNAVAILABLE, detail="SORA_VIDEO_MODEL is not set")
    try:
        device = str(get("DEVICE")) or _default_device()
        on_gpu = not device.startswith("cpu")
        dtype = str(get("DTYPE")) or ("bfloat16" if on_gpu else "float32")
        if dtype not in ("bfloat16", "float16", "float32"):
            raise ValueError(f"SORA_VIDEO_DTYPE={dtype!r}")
        size = get("SIZE")
        cache = _choice(get("CACHE"), "CACHE", diffusion_speed.CACHES)
        quant = _choice(get("QUANT"), "QUANT", tuple(diffusion_speed.QUANTS))
        group_offload = _choice(get("GROUP_OFFLOAD"), "GROUP_OFFLOAD", tuple(diffusion_speed.GROUP_OFFLOADS),
                                on="block")  # fmt: skip
        sound = _choice(get("SOUND") or joint_sound.WORLD, "SOUND", joint_sound.SOUNDS, on=joint_sound.WORLD)
        lora = str(get("LORA"))
        if lora:  # a distilled model runs the steps and guidance it was distilled for
            steps = int(get("LORA_STEPS") or DEFAULT_LORA_STEPS)
            guidance = float(get("LORA_GUIDANCE")) if get("LORA_GUIDANCE") != "" else DEFAULT_LORA_GUIDANCE
        else:
            steps = int(get("STEPS") or (30 if on_gpu else 8))
            guidance = float(get("GUIDANCE")) if get("GUIDANCE") != "" else None
        options = Options(
            model=model,
            device=device,
            dtype=dtype,
            steps=steps,
            guidance=guidance,
            size=parse_size(str(size)) if size else None,
            max_frames=int(get("FRAMES")) if get("FRAMES") else None,
            fps=int(get("FPS")) if get("FPS") else None,
            cache=cache,
            cache_threshold=float(get("CACHE_THRESHOLD") or THRESHOLDS.get(cache, DEFAULT_CACHE_THRESHOLD)),
            cpu_offload=_flag(get("CPU_OFFLOAD")),
            vae_tiling=_flag(get("VAE_TILING")),
            memory_check=get("MEMORY_CHECK") == "" or _flag(get("MEMORY_CHECK")),
            lora=lora,
            lora_2=str(get("LORA_2")),
            cache_interval=int(get("CACHE_INTERVAL") or diffusion_speed.DEFAULT_CACHE_INTERVAL),
            cache_calibration=os.path.expanduser(str(get("CACHE_CALIBRATION"))),
            attention=str(get("ATTENTION")).lower(),
            compile=_flag(get("COMPILE")),
            quant=quant,
            group_offload=group_offload,
            sound=sound,
        )
    except ValueError as error:
        raise RenderError(MISCONFIGURED, detail=str(error)) from error
    if options.steps < 1 or (options.max_frames is not None and options.max_frames < 1):
        detail = "SORA_VIDEO_STEPS, SORA_VIDEO_LORA_STEPS and SORA_VIDEO_FRAMES must be positive"
        raise RenderError(MISCONFIGURED, detail=detail)
    _refuse_conflicts(options)
    return options


def _refuse_conflicts(options: Options) -> None:
    """Settings that cannot work together, refused before anything loads."""
    conflicts = []
    if options.cpu_offload and options.group_offload != "off":
        conflicts.append("SORA_VIDEO_CPU_OFFLOAD and SORA_VIDEO_GROUP_OFFLOAD are two ways to offload: "
                         "set one")
    if options.cache == "magcache" and not options.cache_calibration:
        conflicts.append("SORA_VIDEO_CACHE=magcache needs SORA_VIDEO_CACHE_CALIBRATION=<file.json> for its "
                         "ratios (a missing file is written by the first render)")
    if options.compile and options.cache == "magcache":
        conflicts.append("SORA_VIDEO_COMPILE=1 with SORA_VIDEO_CACHE=magcache: MagCache's hooks run every "
                         "block outside compiled code, so compiling would gain nothing")
    if options.quant == "fp8wo" and not options.device.startswith("cuda"):
        conflicts.append(f"SORA_VIDEO_QUANT=fp8wo needs a CUDA GPU (float8 kernels), not {options.device}")
    if options.cache_interval < 1:
        conflicts.append("SORA_VIDEO_CACHE_INTERVAL must be positive")
    if conflicts:
        raise RenderError(MISCONFIGURED, detail="; ".join(conflicts))


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"SORA_VIDEO_SIZE={text!r} (expected WIDTHxHEIGHT, e.g. 832x480)")
    width, height = int(match.group(1)), int(match.group(2))
    return max(width, height), min(width, height)


def model_size(landscape: tuple[int, int], spec: RenderSpec, step: int) -> tuple[int, int]:
    """The model's (width, height) in the clip's orientation, on the model's grid."""
    long_side, short_side = max(landscape), min(landscape)
    width, height = (short_side, long_side) if spec.height > spec.width else (long_side, short_side)
    return max(step, width // step * step), max(step, height // step * step)


def snap_frames(count: int, step: int, *, down: bool = False) -> int:
    """The nearest frame count of the form step·k + 1 (k ≥ 1) that the model's VAE accepts."""
    k = (count - 1) // step if down else round((count - 1) / step)
    return max(1, k) * step + 1


def pick_reference(references: tuple[Reference, ...], shot: Shot) -> Reference | None:
    """The cameo this shot is about, else the first one: a cameo job always starts from a face."""
    if not references:
        return None
    subjects = {subject.lower() for subject in shot.subjects}
    return next((ref for ref in references if ref.name.lower() in subjects), references[0])


def shot_prompt(shot: Shot, reference: Reference | None) -> str:
    """The shot's words for a text encoder: handles mean nothing to it, scenes and camera help."""
    text = HANDLE.sub("the person", shot.text).strip()
    parts = [text] if text else []
    missing = [s for s in shot.subjects if not s.startswith("@") and s not in text.lower()]
    if missing:
        parts.append("featuring the " + " and the ".join(missing))
    if shot.scenes:
        parts.append("setting: " + ", ".join(shot.scenes))
    if reference is not None and reference.notes.strip():
        parts.append(reference.notes.strip())
    parts.append(CAMERA_WORDS.get(shot.camera, ""))
    return ". ".join(part for part in parts if part)


def sound_prompt(prompt: str, shot: Shot, makes: str) -> str:
    """A shot's prompt for a model that makes sound: what is heard in it, and with
    joint_sound.ALL its lines as quoted speech, since the model then speaks them itself."""
    if not makes:
        return prompt
    parts = [prompt] if prompt else []
    if makes == joint_sound.ALL:
        parts += [f'{_speaker_words(line)} says: "{line.text.strip()}"' for line in shot.lines]
    if shot.cues:
        parts.append("sounds of " + ", ".join(shot.cues))
    return ". ".join(parts)


def _speaker_words(line: Line) -> str:
    if line.speaker.startswith("@"):
        return "the person"
    if line.speaker == "narrator":
        return "a narrator's voice"
    return f"the {line.speaker}"


def _family_in(model: str) -> Family | None:
    """The family a model folder or hub id names in its index, without loading it (None if unknown)."""
    from diffusers import DiffusionPipeline

    try:
        index = DiffusionPipeline.load_config(model)
    except Exception:  # not there (yet): loading it will say why
        return None
    return family_of(index.get("_class_name", ""), index)


def _lora_description(options: Options) -> str:
    second = f", {options.lora_2} for transformer_2" if options.lora_2 else ""
    return f"{options.lora}{second} (fused; {options.steps} steps, guidance {options.guidance})"


def _guidance_description(options: Options, family: Family) -> str:
    if options.guidance is not None:
        return f"{options.guidance}"
    if family.guidance_2 is not None:
        return f"{family.guidance} (low-noise expert {family.guidance_2})"
    return f"{family.guidance}"


def _choice(value: Any, name: str, choices: tuple[str, ...], *, on: str = "") -> str:
    """A setting that names one of `choices`; "0"/"no"/"none" mean "off", and "1"/"yes" mean `on`."""
    text = str(value).strip().lower() or "off"
    if text in ("0", "no", "none", "false"):
        text = "off"
    elif on and text in ("1", "yes", "true", "on"):
        text = on
    if text not in choices:
        raise ValueError(f"SORA_VIDEO_{name}={text!r} ({', '.join(choices)})")
    return text


def _flag(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


def _default_device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
