"""Tiny, randomly initialised Wan pipelines built offline, for tests and the `--tiny` bench.

They have the real Wan architecture (UMT5 text encoder, Wan 3D transformer, Wan VAE, the
flow-matching UniPC scheduler Wan ships with) at toy sizes, so the engine's real loading and
calling code runs end to end in a fraction of a second. The frames are noise, by design.

No hub access: the tokenizer is a T5 Unigram tokenizer built in memory from a small vocab.
"""

from __future__ import annotations

import string
from pathlib import Path

import torch

# Words the test prompts use, so they tokenize into real pieces rather than <unk>.
_WORDS = (
    "a the and of at in on with to is waves wave surfs corgi cat dog beach sunset sea city night "
    "camera robot dances portrait cinematic blurry low quality static worst still"
).split()


def tiny_tokenizer():
    """A T5 (Unigram) tokenizer over a few hundred pieces, built without any download."""
    from transformers import T5Tokenizer

    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0)]
    pieces += [(f"▁{word}", -3.0) for word in _WORDS]
    pieces += [(char, -6.0) for char in string.ascii_lowercase + string.digits + string.punctuation]
    pieces += [(f"▁{char}", -5.0) for char in string.ascii_lowercase]
    return T5Tokenizer(vocab=pieces, extra_ids=0)


# The tiny T5-style text encoder's shape, shared by the tiny pipelines (tiny_ltx.py too).
TINY_T5 = dict(d_kv=8, d_ff=64, num_layers=2, num_heads=4, relative_attention_num_buckets=8,
               relative_attention_max_distance=16)  # fmt: skip


def tiny_wan_components(*, seed: int = 0, text_dim: int = 32) -> dict:
    """The modules of a tiny text-to-video Wan pipeline (Wan 2.1 layout: 16 latent channels)."""
    from diffusers import AutoencoderKLWan, UniPCMultistepScheduler, WanTransformer3DModel
    from transformers import UMT5Config, UMT5EncoderModel

    tokenizer = tiny_tokenizer()
    torch.manual_seed(seed)
    text_encoder = UMT5EncoderModel(UMT5Config(vocab_size=len(tokenizer), d_model=text_dim, **TINY_T5)).eval()
    torch.manual_seed(seed)
    vae = AutoencoderKLWan(
        base_dim=8,
        z_dim=16,
        dim_mult=[1, 1, 1, 1],
        num_res_blocks=1,
        temperal_downsample=[False, True, True],
    )
    torch.manual_seed(seed)
    transformer = WanTransformer3DModel(
        patch_size=(1, 2, 2),
        num_attention_heads=2,
        attention_head_dim=12,
        in_channels=16,
        out_channels=16,
        text_dim=text_dim,
        freq_dim=32,
        ffn_dim=32,
        num_layers=2,
        cross_attn_norm=True,
        qk_norm="rms_norm_across_heads",
        rope_max_seq_len=32,
    )
    # Wan's own scheduler settings (flow matching through UniPC, shifted sigmas).
    scheduler = UniPCMultistepScheduler(
        prediction_type="flow_prediction", use_flow_sigmas=True, num_train_timesteps=1000, flow_shift=3.0
    )
    return {
        "tokenizer": tokenizer,
        "text_encoder": text_encoder,
        "transformer": transformer,
        "vae": vae,
        "scheduler": scheduler,
    }


def save_tiny_wan(folder: Path | str, *, seed: int = 0) -> Path:
    """Write a tiny Wan text-to-video pipeline to `folder` (as `save_pretrained` lays it out)."""
    from diffusers import WanPipeline

    folder = Path(folder)
    WanPipeline(**tiny_wan_components(seed=seed)).save_pretrained(folder)
    return folder


def save_tiny_wan_i2v(folder: Path | str, *, seed: int = 0) -> Path:
    """Write a tiny Wan 2.1-style image-to-video pipeline: a CLIP image encoder, and a transformer
    that takes the noisy latents, the first-frame mask and the image latents (16 + 4 + 16 channels)."""
    from diffusers import WanImageToVideoPipeline, WanTransformer3DModel
    from transformers import CLIPImageProcessor, CLIPVisionConfig, CLIPVisionModel

    components = tiny_wan_components(seed=seed)
    torch.manual_seed(seed)
    settings = {key: value for key, value in components["transformer"].config.items() if key[0] != "_"}
    components["transformer"] = WanTransformer3DModel(**(settings | {"in_channels": 36, "image_dim": 4}))
    torch.manual_seed(seed)
    components["image_encoder"] = CLIPVisionModel(
        CLIPVisionConfig(
            hidden_size=4,
            projection_dim=4,
            num_hidden_layers=2,
            num_attention_heads=2,
            image_size=32,
            intermediate_size=16,
            patch_size=1,
        )
    ).eval()
    components["image_processor"] = CLIPImageProcessor(crop_size=32, size=32)
    folder = Path(folder)
    WanImageToVideoPipeline(**components).save_pretrained(folder)
    return folder
