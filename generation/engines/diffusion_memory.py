"""How much GPU memory a diffusion render needs, so one that cannot fit is refused before it starts.

The engine checks after the model is loaded and before the first step: a render that would run
out of memory halfway wastes minutes of a GPU and ends in a crash, while the refusal names the
setting to change.

The table gives, per family and transformer size, the memory a render needs *beyond the resident
weights* at one reference size and frame count:
  denoise_gib  one transformer pass (activations, attention, the latents), in bfloat16
  decode_gib   the VAE turning the latents into pictures (Wan's VAE decodes in float32)
Both are scaled linearly by pixels × frames for other sizes: the transformer's tokens are
(height/s)·(width/s)·(frames/t), attention through PyTorch's SDPA kernels takes memory linear in
them, and so do the feed-forward layers and the decoded video. VAE tiling decodes 256×256 tiles,
so its decode term scales with min(pixels, 256²) instead of pixels (plus the decoded video itself).
The weights are measured, not estimated: the engine sums the loaded modules' parameters and
buffers at the bytes they really hold (a torchao int8 weight is its int8 data plus one scale per
row, a float8 one its float8 data plus scales; see `tensor_bytes`).
  no offload:    free memory ≥ max(denoise, decode) + headroom (the weights already sit on the GPU)
  CPU offload:   free memory ≥ max(largest other module, transformer + denoise, VAE + decode) + headroom
                 (one module at a time is on the GPU; a second transformer runs after the first)
  group offload: the same, with each module counted at what group offloading keeps of it on the GPU
                 while it runs (`group_offload_bytes`: its largest groups, not the whole module)

NOT MEASURED YET: every figure below is an estimate from the models' sizes (parameters, hidden
width, latent tokens), marked `measured=False`. Replace them with the peaks that
`bench/engine_diffusers.py` prints on a CUDA machine (`torch.cuda.max_memory_allocated` around one
shot) and set `measured=True`. Until then the check can be turned off with
SORA_VIDEO_MEMORY_CHECK=0 if it refuses a render that would fit.

No torch at import: `make run`'s environment has none; `free_bytes` and the module sizes
import it when called.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .base import RenderError

GIB = 1024**3
HEADROOM_GIB = 0.5  # the CUDA context's allocations and the allocator's fragmentation
TILE_PIXELS = 256 * 256  # the sample tile diffusers' Wan VAE decodes when tiling is on

TOO_BIG = (
    "This video needs more GPU memory than the server has free. Try a shorter video; the operator "
    "can lower SORA_VIDEO_SIZE or SORA_VIDEO_FRAMES, or enable SORA_VIDEO_CPU_OFFLOAD or "
    "SORA_VIDEO_VAE_TILING."
)


@dataclass(frozen=True)
class Footprint:
    family: str
    billions: float  # parameters of one transformer
    width: int  # the reference render the figures are for
    height: int
    frames: int
    denoise_gib: float
    decode_gib: float
    measured: bool = False  # True only for figures read off a GPU by bench/engine_diffusers.py


# Estimates (measured=False): see the module docstring for how to replace them with measurements.
FOOTPRINTS: tuple[Footprint, ...] = (
    Footprint("wan", 1.3, 832, 480, 81, denoise_gib=3.0, decode_gib=5.0),
    Footprint("wan", 14.0, 1280, 720, 81, denoise_gib=8.0, decode_gib=11.0),
    Footprint("wan2.2-ti2v", 5.0, 1280, 704, 121, denoise_gib=5.0, decode_gib=12.0),
    Footprint("wan2.2-a14b", 14.0, 1280, 720, 81, denoise_gib=8.0, decode_gib=11.0),
    Footprint("ltx", 2.0, 704, 480, 121, denoise_gib=2.0, decode_gib=4.0),
    # LTX-2 (video 4096 wide and audio 2048 wide, 48 layers; ~19B): 6,144 video tokens at the
    # reference twice (guidance), twice LTX-Video's width; its VAE's top decoder stage holds 256
    # channels at a quarter of the pixels for every frame, in bfloat16. The audio VAE and vocoder
    # decode seconds of sound: small beside it.
    Footprint("ltx2", 19.0, 768, 512, 121, denoise_gib=4.0, decode_gib=8.0),
)


@dataclass(frozen=True)
class Need:
    """A render's estimated memory need, and which part of it dominates."""

    bytes: int
    denoise_bytes: int
    decode_bytes: int
    footprint: Footprint
    placement: str = "weights on the GPU"  # how the weights were counted

    def describe(self) -> str:
        source = "measured" if self.footprint.measured else "estimated"
        return (f"about {self.bytes / GIB:.1f} GiB ({source} from the {self.footprint.family} "
                f"{self.footprint.billions:g}B table; {self.placement})")  # fmt: skip


def footprint(family: str, transformer_params: int) -> Footprint | None:
    """The table row for this family nearest in size to a transformer of `transformer_params`."""
    rows = [row for row in FOOTPRINTS if row.family == family]
    if not rows:
        return None
    size = max(transformer_params, 1) / 1e9
    return min(rows, key=lambda row: abs(math.log(size / row.billions)))


def estimate(
    row: Footprint,
    width: int,
    height: int,
    frames: int,
    *,
    modules: dict[str, int],
    cpu_offload: bool,
    vae_tiling: bool,
    group_offload: dict[str, int] | None = None,
) -> Need:
    """The memory one segment of width×height×frames needs beyond what is already on the GPU.

    `modules` are the loaded modules' sizes in bytes (name -> bytes); with CPU offload they are
    not resident, so the largest one that runs together with its work counts. `group_offload`,
    with group offloading on, holds what it keeps of each module on the GPU while that module
    runs (name -> bytes, from `group_offload_bytes`); those count instead of the whole modules.
    """
    scale = (width * height * frames) / (row.width * row.height * row.frames)
    denoise = row.denoise_gib * GIB * scale
    if vae_tiling:
        tiled_scale = (frames / row.frames) * min(width * height, TILE_PIXELS) / (row.width * row.height)
        decode = row.decode_gib * GIB * tiled_scale + frames * 3 * width * height * 4  # + the float video
    else:
        decode = row.decode_gib * GIB * scale
    if cpu_offload or group_offload is not None:
        # Either way one module at a time is on the GPU (offloaded again when the next one runs);
        # group offloading holds only part of it.
        on_gpu = modules if group_offload is None else group_offload
        transformer = max(on_gpu.get("transformer", 0), on_gpu.get("transformer_2", 0))
        denoisers = ("transformer", "transformer_2")
        others = max((size for name, size in on_gpu.items() if name not in (*denoisers, "vae")), default=0)
        need = max(others, transformer + denoise, on_gpu.get("vae", 0) + decode)
        placement = "CPU offload: one module at a time" if group_offload is None else (
            f"group offload: transformer {size_text(transformer)} on the GPU at a time")  # fmt: skip
    else:
        need = max(denoise, decode)
        placement = "weights on the GPU"
    return Need(int(need + HEADROOM_GIB * GIB), int(denoise), int(decode), row, placement)


def refuse_if_too_big(need: Need, free: int, *, device: str, cpu_offload: bool, vae_tiling: bool,
                      group_offload: str = "off") -> None:  # fmt: skip
    """Raise a RenderError naming what to change when `need` exceeds `free` bytes."""
    if need.bytes <= free:
        return
    remedies = ["lower SORA_VIDEO_SIZE or SORA_VIDEO_FRAMES"]
    if not cpu_offload and group_offload == "off":
        remedies.append("set SORA_VIDEO_CPU_OFFLOAD=1 or SORA_VIDEO_GROUP_OFFLOAD=block")
    elif group_offload == "block":
        remedies.append("set SORA_VIDEO_GROUP_OFFLOAD=leaf (a layer at a time on the GPU)")
    if not vae_tiling and need.decode_bytes >= need.denoise_bytes:
        remedies.append("set SORA_VIDEO_VAE_TILING=1 (the VAE decode is the larger part)")
    if not need.footprint.measured:
        remedies.append("or, as the figure is an estimate, SORA_VIDEO_MEMORY_CHECK=0 to skip this check")
    detail = (f"the render needs {need.describe()}, {free / GIB:.1f} GiB free on {device}: "
              + "; ".join(remedies))  # fmt: skip
    raise RenderError(TOO_BIG, detail=detail)


def free_bytes(device: str) -> int | None:
    """Free memory on a CUDA device, or None for any other device (nothing to check)."""
    if not device.startswith("cuda"):
        return None
    import torch

    if not torch.cuda.is_available():
        return None
    free, _total = torch.cuda.mem_get_info(torch.device(device))
    return int(free)


# -- what the loaded weights hold (torch modules in, no torch import needed) ---------------------


def tensor_bytes(tensor: Any) -> int:
    """The bytes `tensor` really holds.

    A tensor subclass wrapping others, as torchao's quantized weights are (int8 or float8 data
    plus scales), reports the element size of the dtype it stands in for: 4 bytes per weight of a
    float32 model held in int8. Its inner tensors are counted instead, found through PyTorch's
    wrapper-subclass protocol (`__tensor_flatten__`, which names them).
    """
    flatten = getattr(tensor, "__tensor_flatten__", None)
    if flatten is None:
        return tensor.numel() * tensor.element_size()
    names, _context = flatten()
    return sum(tensor_bytes(getattr(tensor, name)) for name in names)


def module_bytes(module: Any) -> int:
    """The bytes of a torch module's parameters and buffers (each shared tensor once)."""
    return sum(tensor_bytes(t) for t in (*module.parameters(), *module.buffers()))


def group_offload_bytes(module: Any, level: str) -> int:
    """About what diffusers' group offloading (SORA_VIDEO_GROUP_OFFLOAD=`level`) keeps of `module`
    on the GPU while it runs.

    block: each element of the module's ModuleList / Sequential children is a group (one block
    per group, as diffusion_speed sets it up), and everything else in the module (embeddings,
    output layers) one more group, on the GPU for the whole pass. leaf: each leaf layer is a
    group, and parameters held by the layers above the leaves stay with them. Either way the next
    group is copied while one computes, so two of the largest groups count. A module whose layers
    sit in no list (a VAE, a text encoder's stack) counts whole at block level: diffusers may split
    some of them further, so this is an upper bound.
    """
    if level == "leaf":
        leaves = [child for child in module.modules() if not list(child.children())]
        groups = [module_bytes(leaf) for leaf in leaves]
        above = sum(tensor_bytes(t) for child in module.modules() if list(child.children())
                    for t in (*child.parameters(recurse=False), *child.buffers(recurse=False)))  # fmt: skip
        return above + sum(sorted(groups)[-2:])
    blocks = [block for child in module.children() if _is_block_list(child) for block in child]
    groups = [module_bytes(block) for block in blocks]
    return module_bytes(module) - sum(groups) + sum(sorted(groups)[-2:])


def _is_block_list(module: Any) -> bool:
    # diffusers' block-level grouping takes the elements of these two container types.
    import torch

    return isinstance(module, (torch.nn.ModuleList, torch.nn.Sequential))


def size_text(count: int) -> str:
    """Bytes for a person: GiB for a model's weights, MiB or KiB for a tiny test model's."""
    for unit, size in (("GiB", GIB), ("MiB", 1024**2)):
        if count >= 0.1 * size:
            return f"{count / size:.1f} {unit}"
    return f"{count / 1024:.1f} KiB"


def sizes_text(sizes: dict[str, int]) -> str:
    """"transformer 2.6 GiB, vae 0.5 GiB": the modules' bytes, largest first."""
    ordered = sorted(sizes.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {size_text(count)}" for name, count in ordered)
