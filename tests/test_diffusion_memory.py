"""The GPU memory estimate's arithmetic (generation/engines/diffusion_memory.py), on the CPU.

Pure functions: the table's figures are estimates (measured=False) and stay so here; what is
checked is how weights are counted (quantized ones at the bytes they hold) and what each way of
placing the weights puts on the GPU.
"""

import pytest

from generation.engines import diffusion_memory
from generation.engines.base import RenderError

GIB = diffusion_memory.GIB
HEADROOM = diffusion_memory.HEADROOM_GIB * GIB
ROW = diffusion_memory.footprint("wan", int(1.3e9))  # denoise 3 GiB, decode 5 GiB at 832x480x81

pytestmark = pytest.mark.nodb


def need(**options) -> diffusion_memory.Need:
    settings = {"modules": {}, "cpu_offload": False, "vae_tiling": False} | options
    return diffusion_memory.estimate(ROW, 832, 480, 81, **settings)


def test_group_offload_counts_what_it_keeps_on_the_gpu_not_whole_modules():
    modules = {"text_encoder": 10 * GIB, "transformer": 14 * GIB, "vae": GIB // 2}
    # CPU offload brings the whole transformer over, with its pass: 14 + 3 GiB.
    offloaded = need(modules=modules, cpu_offload=True)
    assert offloaded.bytes == pytest.approx(17 * GIB + HEADROOM, rel=1e-6)
    assert "CPU offload" in offloaded.describe()
    # Group offloading keeps a few of its blocks: the decode (VAE + 5 GiB) is now the larger part.
    groups = {"text_encoder": 2 * GIB, "transformer": GIB, "vae": GIB // 2}
    grouped = need(modules=modules, group_offload=groups)
    assert grouped.bytes == pytest.approx(5.5 * GIB + HEADROOM, rel=1e-6)
    assert grouped.describe().endswith("group offload: transformer 1.0 GiB on the GPU at a time)")
    # Without offloading the weights are on the GPU already: only the work counts.
    resident = need(modules=modules)
    assert resident.bytes == pytest.approx(5 * GIB + HEADROOM, rel=1e-6)
    assert resident.describe() == "about 5.5 GiB (estimated from the wan 1.3B table; weights on the GPU)"
    # The second expert of an A14B runs after the first: the larger one counts, not both.
    both = groups | {"transformer_2": 3 * GIB}
    assert need(modules=modules, group_offload=both, vae_tiling=True).bytes == pytest.approx(
        6 * GIB + HEADROOM, rel=1e-6)  # fmt: skip


def test_a_refusal_offers_the_offloading_not_yet_on():
    big = need()
    cases = {
        ("off", False): ["SORA_VIDEO_CPU_OFFLOAD=1 or SORA_VIDEO_GROUP_OFFLOAD=block"],
        ("block", False): ["SORA_VIDEO_GROUP_OFFLOAD=leaf"],
        ("leaf", False): [],
        ("off", True): [],
    }
    for (group_offload, cpu_offload), offered in cases.items():
        with pytest.raises(RenderError) as error:
            diffusion_memory.refuse_if_too_big(big, GIB, device="cuda", cpu_offload=cpu_offload,
                                               vae_tiling=False, group_offload=group_offload)  # fmt: skip
        detail = error.value.detail
        assert [text for text in offered if text in detail] == offered
        if not offered:
            assert "OFFLOAD=" not in detail
        assert "SORA_VIDEO_MEMORY_CHECK=0" in detail  # the figures are estimates


# -- counting the weights ------------------------------------------------------------------------


def test_quantized_weights_count_at_the_bytes_they_hold():
    torch = pytest.importorskip("torch")
    pytest.importorskip("torchao")
    from torchao.quantization import Float8WeightOnlyConfig, Int8WeightOnlyConfig, quantize_
    from torchao.utils import get_model_size_in_bytes

    layer = torch.nn.Linear(64, 32)
    assert diffusion_memory.module_bytes(layer) == (32 * 64 + 32) * 4
    quantize_(layer, Int8WeightOnlyConfig())
    weight = layer.weight
    assert type(weight).__name__ == "Int8Tensor"
    # The subclass reports its float32 stand-in's element size: counting by it would say 4 bytes a weight.
    assert weight.element_size() == 4
    # One byte a weight, plus a float32 scale (and an int8 zero point) per output row.
    assert diffusion_memory.tensor_bytes(weight) == 32 * 64 + 32 * 4 + 32
    assert diffusion_memory.module_bytes(layer) == 32 * 64 + 32 * 4 + 32 + 32 * 4  # + the float32 bias
    assert diffusion_memory.module_bytes(layer) == get_model_size_in_bytes(torch.nn.Sequential(layer))

    layer = torch.nn.Linear(64, 32, bias=False).to(torch.bfloat16)
    quantize_(layer, Float8WeightOnlyConfig())
    assert type(layer.weight).__name__ == "Float8Tensor"
    assert diffusion_memory.tensor_bytes(layer.weight) == 32 * 64 + 32 * 4  # float8, float32 scales


def test_group_offload_keeps_two_blocks_and_the_rest_of_the_module_or_two_layers():
    torch = pytest.importorskip("torch")

    class Model(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = torch.nn.Linear(10, 10, bias=False)  # 400 bytes
            self.blocks = torch.nn.ModuleList(torch.nn.Linear(n, 10, bias=False) for n in (10, 30, 20, 5))
            self.scale = torch.nn.Parameter(torch.zeros(25))  # 100 bytes, held above the leaves
            self.register_buffer("table", torch.zeros(50))  # 200 bytes

    model = Model()
    assert diffusion_memory.module_bytes(model) == 400 + (10 + 30 + 20 + 5) * 40 + 100 + 200
    # Block level: the blocks of 30 and 20 inputs (the one running, the next being copied) and the rest.
    assert diffusion_memory.group_offload_bytes(model, "block") == 400 + (30 + 20) * 40 + 100 + 200
    # Leaf level: the two largest layers and what no layer holds.
    assert diffusion_memory.group_offload_bytes(model, "leaf") == (30 + 20) * 40 + 100 + 200
    # No blocks to group (a VAE, say): the whole module counts, an upper bound.
    plain = torch.nn.Sequential(torch.nn.Conv2d(3, 3, 1))
    assert diffusion_memory.group_offload_bytes(plain[0], "block") == diffusion_memory.module_bytes(plain[0])


def test_sizes_are_written_in_a_unit_that_fits():
    assert diffusion_memory.size_text(3 * GIB) == "3.0 GiB"
    assert diffusion_memory.size_text(200 * 1024**2) == "0.2 GiB"
    assert diffusion_memory.size_text(5 * 1024**2) == "5.0 MiB"
    assert diffusion_memory.size_text(2048) == "2.0 KiB"
    sizes = {"vae": GIB, "transformer": 2 * GIB}
    assert diffusion_memory.sizes_text(sizes) == "transformer 2.0 GiB, vae 1.0 GiB"
