"""bench/engine_diffusers.py runs where CI runs: on toy models, on the CPU, every measurement it makes
on a GPU (each speed setting against the same plain run, then a 5 s clip through the render
pipeline). GPUs are lent rarely; the bench must not have rotted when one is. Its figures here mean
nothing and nothing here reads them: only that each part ran and said what it measured. The
full-size models it builds there are built here too, on the meta device."""

import os
import subprocess
import sys

import pytest

pytest.importorskip("diffusers")
pytest.importorskip("torch")

from .live_app import BASE_DIR

pytestmark = pytest.mark.nodb


def test_the_bench_measures_each_speed_setting_and_a_clip_end_to_end():
    env = {key: value for key, value in os.environ.items() if not key.startswith("SORA_VIDEO_")}
    result = subprocess.run(
        [sys.executable, "bench/engine_diffusers.py", "--tiny", "--model", "wan2.1-1.3b", "--each",
         "--end-to-end"],
        cwd=BASE_DIR, capture_output=True, text=True, timeout=600, env=env | {"OMP_NUM_THREADS": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("PASS: every model ran every measurement"), lines[-1]
    report = "\n".join(lines)
    for variant in ("cache=fbc", "cache=magcache", "cache=taylorseer", "quant=int8wo", "compile=1"):
        assert f"\nvariant {variant}" in report, variant
    assert "first render: magcache (threshold 0.06; calibrating" in report  # then timed with the ratios
    assert "engine overhead vs bare diffusers: " in report and "\nbest cache: " in report
    clip = next(line for line in lines if line.startswith("end to end, a 5 s"))
    assert "(64x32, 5.00 s; 4 steps, cache " in clip and "compile on (regional" in clip


def test_the_full_size_architectures_build_from_the_benchs_configs_at_their_published_sizes():
    """What the GPU run builds, built here on the meta device (shapes, no memory): every config is
    one this diffusers takes, each model has its published size, and the memory check would read
    its own table row for it."""
    import torch
    from diffusers import (
        AutoencoderKLLTX2Video,
        AutoencoderKLWan,
        LTX2VideoTransformer3DModel,
        WanTransformer3DModel,
    )
    from diffusers.pipelines.ltx2 import LTX2TextConnectors
    from transformers import Gemma3Config, Gemma3ForConditionalGeneration, UMT5Config, UMT5EncoderModel

    from bench import engine_diffusers as bench
    from generation.engines import diffusion_memory

    def billions(module) -> float:
        return sum(parameter.numel() for parameter in module.parameters()) / 1e9

    def built(cls, config: dict):
        return cls(**bench.accepted(cls, config))

    with torch.device("meta"):
        transformers = {
            "wan": WanTransformer3DModel(**bench.WAN_1_3B),
            "wan2.2-ti2v": WanTransformer3DModel(**bench.WAN22_TI2V_5B),
            "ltx2": built(LTX2VideoTransformer3DModel, bench.LTX2_TRANSFORMER),
        }
        gemma = Gemma3Config(text_config=bench.GEMMA3_12B_TEXT, vision_config=bench.GEMMA3_12B_VISION,
                             mm_tokens_per_image=256)  # fmt: skip
        others = {
            "umt5-xxl encoder": (UMT5EncoderModel(UMT5Config(**bench.UMT5_XXL)), 5.68),
            "gemma 3 12b": (Gemma3ForConditionalGeneration(gemma), 12.20),
            "wan 2.2 vae": (built(AutoencoderKLWan, bench.WAN22_VAE), 0.70),
            "ltx-2 vae": (built(AutoencoderKLLTX2Video, bench.LTX2_VAE), 1.22),
            "ltx-2 connectors": (built(LTX2TextConnectors, bench.LTX2_CONNECTORS), 1.43),
        }
    sizes = {family: billions(module) for family, module in transformers.items()}
    # Wan2.1-T2V-1.3B's transformer holds 1.42B, TI2V-5B's 5.00B, LTX-2's (video and audio) 18.9B.
    assert sizes == pytest.approx({"wan": 1.42, "wan2.2-ti2v": 5.00, "ltx2": 18.88}, abs=0.01)
    for name, (module, expected) in others.items():
        assert billions(module) == pytest.approx(expected, abs=0.01), name
    rows = {family: diffusion_memory.footprint(family, int(size * 1e9)).billions
            for family, size in sizes.items()}  # fmt: skip
    assert rows == {"wan": 1.3, "wan2.2-ti2v": 5.0, "ltx2": 19.0}
