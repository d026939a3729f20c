"""bench/engine_diffusers.py runs where CI runs: on toy models, on the CPU, every measurement it makes
on a GPU (each speed setting against the same plain run, then a 5 s clip through the render
pipeline). GPUs are lent rarely; the bench must not have rotted when one is. Its figures here mean
nothing and nothing here reads them: only that each part ran and said what it measured."""

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
