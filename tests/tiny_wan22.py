"""Tiny, randomly initialised Wan 2.2 pipelines and step-distillation LoRAs, built offline.

- A14B layout: two transformers (`transformer` for high noise, `transformer_2` below
  `boundary_ratio`), Wan 2.1's VAE, as Wan-AI/Wan2.2-T2V-A14B-Diffusers is laid out.
- TI2V-5B layout: Wan 2.2's 48-channel VAE (residual blocks, 2x2 patchified pixels: 16x spatial
  compression) and `expand_timesteps`, as Wan-AI/Wan2.2-TI2V-5B-Diffusers is laid out.
- A LoRA for a saved transformer, made with peft and written by `WanPipeline.save_lora_weights`
  in the format diffusers' Wan LoRA loader (and LightX2V's files) use.

The sizes are toys; the frames are noise, by design.
"""

from __future__ import annotations

from pathlib import Path

import torch

from tests.tiny_wan import tiny_wan_components

A14B_BOUNDARY = 0.875  # Wan 2.2 T2V A14B's boundary_ratio
LORA_TARGETS = ["to_q", "to_k", "to_v", "to_out.0"]


def _transformer_like(template, *, seed: int, **changes):
    from diffusers import WanTransformer3DModel

    settings = {key: value for key, value in template.config.items() if key[0] != "_"}
    torch.manual_seed(seed)
    return WanTransformer3DModel(**(settings | changes))


def save_tiny_wan22_moe(folder: Path | str, *, seed: int = 0) -> Path:
    """A tiny Wan 2.2 A14B-style pipeline: a second transformer and `boundary_ratio`."""
    from diffusers import WanPipeline

    components = tiny_wan_components(seed=seed)
    components["transformer_2"] = _transformer_like(components["transformer"], seed=seed + 1)
    folder = Path(folder)
    WanPipeline(**components, boundary_ratio=A14B_BOUNDARY).save_pretrained(folder)
    return folder


def save_tiny_wan22_ti2v(folder: Path | str, *, seed: int = 0) -> Path:
    """A tiny Wan 2.2 TI2V-5B-style pipeline: the 48-channel VAE and `expand_timesteps`."""
    from diffusers import AutoencoderKLWan, WanPipeline

    components = tiny_wan_components(seed=seed)
    torch.manual_seed(seed)
    components["vae"] = AutoencoderKLWan(
        base_dim=8,
        z_dim=48,
        in_channels=12,  # RGB in 2x2 patches
        out_channels=12,
        is_residual=True,
        patch_size=2,
        latents_mean=[0.0] * 48,
        latents_std=[1.0] * 48,
        dim_mult=[1, 1, 1, 1],
        num_res_blocks=1,
        scale_factor_spatial=16,
        scale_factor_temporal=4,
        temperal_downsample=[False, True, True],
    )
    components["transformer"] = _transformer_like(
        components["transformer"], seed=seed, in_channels=48, out_channels=48
    )
    folder = Path(folder)
    WanPipeline(**components, expand_timesteps=True).save_pretrained(folder)
    return folder


def save_tiny_lora(
    transformer_folder: Path | str, folder: Path | str, *, seed: int = 0, rank: int = 4
) -> Path:
    """A random LoRA (non-zero B, so it changes the weights) for the transformer saved in
    `transformer_folder`; returns the .safetensors file. lora_alpha == rank: the scale is 1."""
    from diffusers import WanPipeline, WanTransformer3DModel
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    transformer = WanTransformer3DModel.from_pretrained(transformer_folder)
    torch.manual_seed(seed)
    transformer.add_adapter(
        LoraConfig(r=rank, lora_alpha=rank, target_modules=LORA_TARGETS, init_lora_weights=False)
    )
    folder = Path(folder)
    layers = get_peft_model_state_dict(transformer)
    WanPipeline.save_lora_weights(folder, transformer_lora_layers=layers, weight_name="distill.safetensors")
    return folder / "distill.safetensors"


def lora_deltas(path: Path | str) -> dict[str, torch.Tensor]:
    """What a saved LoRA adds to each weight (B @ A at scale 1), by the transformer's module name."""
    from safetensors.torch import load_file

    tensors = load_file(str(path))
    deltas = {}
    for key, down in tensors.items():
        if ".lora_A." in key:
            up = tensors[key.replace(".lora_A.", ".lora_B.")]
            module = key.removeprefix("transformer.").split(".lora_A.")[0]
            deltas[module] = up @ down
    return deltas
