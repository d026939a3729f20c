"""Video engines for the fault tests, registered only inside a live app's worker process.

`tests/live_hooks/sitecustomize.py` adds them to the engine registry when a live app is started
with `live_app(test_engines=True)`: Python imports `sitecustomize` at startup from PYTHONPATH, so
nothing in the shipped code knows about them.

- ``quick``: plain frames, so a render takes about a second.
- ``gated``: the same, but it stops at frame GATE_FRAME, writes ``reached-<seed>`` in
  $SORA_TEST_GATE_DIR and waits there until ``open-<seed>`` (or ``open-all``) exists: a test
  knows the render is mid-way, does its damage, then lets it go on.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

GATE_FRAME = 24


def gate_dir() -> Path:
    return Path(os.environ["SORA_TEST_GATE_DIR"])


class QuickEngine:
    name = "quick"
    gated = False

    def describe(self) -> dict[str, str]:
        return {"engine": self.name}

    def frames(self, spec, plan, soundtrack, *, progress, cancelled):
        for index in range(spec.frame_count):
            if self.gated and index == GATE_FRAME:
                self._wait_at_gate(spec.seed, cancelled)
            shade = 40 + (index * 3) % 160
            progress((index + 1) / spec.frame_count)
            yield np.full((spec.height, spec.width, 3), shade, dtype=np.uint8)

    def _wait_at_gate(self, seed: int, cancelled) -> None:
        gates = gate_dir()
        (gates / f"reached-{seed}").touch()
        while not ((gates / f"open-{seed}").exists() or (gates / "open-all").exists()):
            if cancelled():
                return  # the pipeline notices at the next frame
            time.sleep(0.05)


class GatedEngine(QuickEngine):
    name = "gated"
    gated = True


def register() -> None:
    from generation import engines

    engines.VIDEO_ENGINES.setdefault("quick", QuickEngine)
    engines.VIDEO_ENGINES.setdefault("gated", GatedEngine)
