"""A tiny, randomly initialised LTX-2 pipeline (video and audio) built offline, for tests and the bench.

The real LTX-2 architecture at toy sizes: a Gemma 3 text encoder whose every hidden state feeds
the text connectors, the LTX-2 audio-video transformer, the LTX-2 video VAE, the audio VAE (mel
spectrogram latents) and the vocoder that turns the decoded mel back into a waveform, with the
flow-matching Euler scheduler. The video VAE keeps LTX-2's real compression, 32× in space (4×4
patches, then three 2× stages) and 8× in time, so sizes stepping by 32 (64x64 works) and frame
counts of 8k + 1 are exercised as they are with the real model. Frames and sound are noise, by
design.

No hub access: the tokenizer is a Gemma (BPE) tokenizer built in memory from a character vocab,
with no merges, so every prompt tokenizes into single characters.
"""

from __future__ import annotations

import string
from pathlib import Path

import torch

_SPECIAL = ["<pad>", "<eos>", "<bos>", "<unk>", "<mask>", "▁"]


def tiny_gemma_tokenizer():
    """A Gemma tokenizer over single characters (letters, digits, punctuation), built without any download."""
    from transformers import GemmaTokenizer

    pieces = _SPECIAL + list(string.ascii_letters + string.digits + string.punctuation)
    return GemmaTokenizer(vocab={piece: index for index, piece in enumerate(pieces)}, merges=[])


def tiny_gemma3(vocab_size: int, *, hidden_size: int = 32, layers: int = 2):
    """A tiny Gemma 3 (text and vision towers) of the class LTX-2 takes as its text encoder."""
    from transformers import Gemma3Config, Gemma3ForConditionalGeneration

    config = Gemma3Config(
        text_config=dict(vocab_size=vocab_size, hidden_size=hidden_size, intermediate_size=32,
                         num_hidden_layers=layers, num_attention_heads=2, num_key_value_heads=1, head_dim=8,
                         max_position_embeddings=1024, sliding_window=16),
        vision_config=dict(hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
                           image_size=28, patch_size=14),
        mm_tokens_per_image=4,
    )  # fmt: skip
    return Gemma3ForConditionalGeneration(config).eval()


def tiny_ltx2_components(seed: int = 0) -> dict:
    """The modules of a tiny LTX-2 text-to-video-and-audio pipeline (4 video and 4 audio latent channels)."""
    from diffusers import (
        AutoencoderKLLTX2Audio,
        AutoencoderKLLTX2Video,
        FlowMatchEulerDiscreteScheduler,
        LTX2VideoTransformer3DModel,
    )
    from diffusers.pipelines.ltx2 import LTX2TextConnectors
    from diffusers.pipelines.ltx2.vocoder import LTX2Vocoder

    tokenizer = tiny_gemma_tokenizer()
    torch.manual_seed(seed)
    text_encoder = tiny_gemma3(len(tokenizer))
    text = text_encoder.config.text_config
    torch.manual_seed(seed)
    # The connectors project all of Gemma's hidden states (the embeddings and every layer's) at once.
    connectors = LTX2TextConnectors(
        caption_channels=text.hidden_size, text_proj_in_factor=text.num_hidden_layers + 1,
        video_connector_num_attention_heads=4, video_connector_attention_head_dim=8,
        video_connector_num_layers=1, video_connector_num_learnable_registers=None,
        audio_connector_num_attention_heads=4, audio_connector_attention_head_dim=8,
        audio_connector_num_layers=1, audio_connector_num_learnable_registers=None,
        connector_rope_base_seq_len=32, rope_theta=10000.0, rope_double_precision=False,
        causal_temporal_positioning=False, rope_type="split",
    )  # fmt: skip
    torch.manual_seed(seed)
    transformer = LTX2VideoTransformer3DModel(
        in_channels=4, out_channels=4, patch_size=1, patch_size_t=1, num_attention_heads=2,
        attention_head_dim=8, cross_attention_dim=16, audio_in_channels=4, audio_out_channels=4,
        audio_num_attention_heads=2, audio_attention_head_dim=4, audio_cross_attention_dim=8, num_layers=2,
        qk_norm="rms_norm_across_heads",
        caption_channels=text.hidden_size, rope_double_precision=False, rope_type="split",
    )  # fmt: skip
    torch.manual_seed(seed)
    # LTX-2's block layout (space, time, then two space-and-time stages down; three up, channels
    # doubling towards the latents as in LTX-2's decoder) at 8 to 32 channels.
    vae = AutoencoderKLLTX2Video(
        in_channels=3, out_channels=3, latent_channels=4, block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 16, 32), layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1),
        spatio_temporal_scaling=(True, True, True, True), decoder_spatio_temporal_scaling=(True, True, True),
        decoder_inject_noise=(False, False, False, False),
        downsample_type=("spatial", "temporal", "spatiotemporal", "spatiotemporal"),
        upsample_type=("spatiotemporal", "spatiotemporal", "spatiotemporal"),
        upsample_residual=(True, True, True),
        upsample_factor=(2, 2, 2), timestep_conditioning=False, patch_size=4, patch_size_t=1,
        encoder_causal=True, decoder_causal=False,
        # The config states them, as LTX-2's does: derived from the layout they would read 64 and 16.
        spatial_compression_ratio=32, temporal_compression_ratio=8,
    )  # fmt: skip
    torch.manual_seed(seed)
    audio_vae = AutoencoderKLLTX2Audio(
        base_channels=4, output_channels=2, ch_mult=(1,), num_res_blocks=1, attn_resolutions=None,
        in_channels=2, resolution=32, latent_channels=2, norm_type="pixel", causality_axis="height",
        dropout=0.0, mid_block_add_attention=False, sample_rate=16000, mel_hop_length=160,
        is_causal=True, mel_bins=8,
    )  # fmt: skip
    torch.manual_seed(seed)
    # Upsampling by 160 in all, the mel hop: a waveform at 16 kHz as long as the video, as the real
    # vocoder's 240 turns the same 100 mel frames a second into 24 kHz.
    vocoder = LTX2Vocoder(
        in_channels=2 * 8, hidden_channels=32, out_channels=2, upsample_kernel_sizes=[20, 8, 8],
        upsample_factors=[10, 4, 4], resnet_kernel_sizes=[3], resnet_dilations=[[1, 3, 5]],
        leaky_relu_negative_slope=0.1, output_sampling_rate=16000,
    )  # fmt: skip
    return {
        "tokenizer": tokenizer,
        "text_encoder": text_encoder,
        "connectors": connectors,
        "transformer": transformer,
        "vae": vae,
        "audio_vae": audio_vae,
        "vocoder": vocoder,
        "scheduler": FlowMatchEulerDiscreteScheduler(),
    }


def save_tiny_ltx2(folder: Path | str, seed: int = 0) -> Path:
    """Write a tiny LTX-2 pipeline to `folder` (as `save_pretrained` lays it out)."""
    from diffusers import LTX2Pipeline

    folder = Path(folder)
    LTX2Pipeline(**tiny_ltx2_components(seed=seed)).save_pretrained(folder)
    return folder
