"""Small helpers the benchmarks share."""

from __future__ import annotations

import json
import subprocess
import sys


def child_json(code: str) -> dict:
    """Run Python code in a fresh process; its last line of output is a JSON object.

    A fresh process measures what a cold worker pays (imports, models) and its own peak memory.
    """
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
