"""A tiny, randomly initialised LTX-Video pipeline built offline, for tests.

The real LTX-Video architecture (T5 text encoder, LTX 3D transformer, LTX causal VAE, the
flow-matching Euler scheduler) at toy sizes. The VAE keeps LTX's real compression, 32× in space
(4×4 patches, then three 2× stages) and 8× in time, so the engine's size step (32) and frame
step (8k + 1) are exercised as they are with the real model. The frames are noise, by design.

No hub access: the tokenizer is tests/tiny_wan.py's in-memory T5 tokenizer.
"""

from __future__ import annotations

from pathlib import Path

import torch

from tests.tiny_wan import TINY_T5, tiny_tokenizer


def tiny_ltx_components(*, seed: int = 0, text_dim: int = 32) -> dict:
    """The modules of a tiny LTX-Video pipeline (8 latent channels, 32× space / 8× time VAE)."""
    from diffusers import AutoencoderKLLTXVideo, FlowMatchEulerDiscreteScheduler, LTXVideoTransformer3DModel
    from transformers import T5Config, T5EncoderModel

    tokenizer = tiny_tokenizer()
    torch.manual_seed(seed)
    text_encoder = T5EncoderModel(T5Config(vocab_size=len(tokenizer), d_model=text_dim, **TINY_T5)).eval()
    torch.manual_seed(seed)
    vae = AutoencoderKLLTXVideo(
        latent_channels=8,
        block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 8, 8, 8),
        layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1, 1),
        spatio_temporal_scaling=(True, True, True, False),
        decoder_spatio_temporal_scaling=(True, True, True, False),
        patch_size=4,
        patch_size_t=1,
    )
    torch.manual_seed(seed)
    transformer = LTXVideoTransformer3DModel(
        in_channels=8,
        out_channels=8,
        patch_size=1,
        patch_size_t=1,
        num_attention_heads=2,
        attention_head_dim=8,
        cross_attention_dim=16,
        num_layers=1,
        caption_channels=text_dim,
    )
    return {
        "tokenizer": tokenizer,
        "text_encoder": text_encoder,
        "transformer": transformer,
        "vae": vae,
        "scheduler": FlowMatchEulerDiscreteScheduler(),
    }


def save_tiny_ltx(folder: Path | str, *, seed: int = 0) -> Path:
    """Write a tiny LTX-Video text-to-video pipeline to `folder` (as `save_pretrained` lays it out)."""
    from diffusers import LTXPipeline

    folder = Path(folder)
    LTXPipeline(**tiny_ltx_components(seed=seed)).save_pretrained(folder)
    return folder
