"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _check(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = _check(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG=0" in result.stderr


def test_debug_off_with_a_secret_key_starts():
    result = _check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="sora.example")
    assert result.returncode == 0, result.stderr


def test_an_unknown_engine_is_refused_at_startup():
    result = _check(SORA_VIDEO_ENGINE="magic")
    assert result.returncode != 0
    assert "SORA_VIDEO_ENGINE='magic' is not an engine" in result.stderr
