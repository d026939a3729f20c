"""Settings come from the environment; production refuses to start without a secret key."""

import json
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


def test_a_concurrency_cap_below_one_or_not_a_number_is_refused_at_startup():
    for value in ("0", "-3", "four"):
        result = _check(SORA_WEB_CONCURRENCY=value)
        assert result.returncode != 0
        assert "SORA_WEB_CONCURRENCY must be a whole number of at least 1" in result.stderr


def test_requests_at_once_default_to_two_on_sqlite_and_four_on_postgresql(tmp_path):
    """SQLite's queries take the web process's own CPU; PostgreSQL's wait on another process."""
    sqlite = {"SORA_VAR_DIR": str(tmp_path)}
    postgres = {"DATABASE_URL": "postgres://u@db.example:5432/sora"}
    assert _setting("SORA_WEB_CONCURRENCY", **sqlite) == 2
    assert _setting("SORA_WEB_CONCURRENCY", **postgres) == 4
    assert _setting("SORA_WEB_CONCURRENCY", **sqlite, SORA_WEB_CONCURRENCY="5") == 5
    assert _setting("SORA_WEB_CONCURRENCY", **postgres, SORA_WEB_CONCURRENCY="1") == 1
    assert _database(**postgres)["OPTIONS"]["pool"]["max_size"] == 8


def _setting(name: str, **env):
    return _settings_read(f"settings.{name}", env)


def _database(**env) -> dict:
    return _settings_read("settings.DATABASES['default']", env)


def _settings_read(expression: str, env: dict):
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    unset = {"DATABASE_URL", "DB_CONN_MAX_AGE", "SORA_WEB_CONCURRENCY"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "sora.settings", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_connections_are_reused_on_sqlite_and_pooled_on_postgresql(tmp_path):
    assert _database(SORA_VAR_DIR=str(tmp_path))["ENGINE"] == "sora.sqlite_pool"
    postgres = _database(DATABASE_URL="postgres://u@db.example:5432/sora", SORA_WEB_CONCURRENCY="6")
    assert postgres["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}
    # Persistent connections instead, when asked for: Django refuses both at once.
    kept = _database(DATABASE_URL="postgres://u@db.example:5432/sora", DB_CONN_MAX_AGE="60")
    assert "pool" not in kept.get("OPTIONS", {}) and kept["CONN_MAX_AGE"] == 60


def test_an_unknown_engine_is_refused_at_startup():
    result = _check(SORA_VIDEO_ENGINE="magic")
    assert result.returncode != 0
    assert "SORA_VIDEO_ENGINE='magic' is not an engine" in result.stderr


def test_a_model_engine_without_its_model_is_refused_at_startup():
    clean = {k: v for k, v in os.environ.items() if k not in {"SORA_VIDEO_MODEL", "SORA_AUDIO_MODEL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env={**clean, "SORA_VIDEO_ENGINE": "diffusers", "SORA_AUDIO_ENGINE": "bark"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SORA_VIDEO_ENGINE='diffusers' needs SORA_VIDEO_MODEL" in result.stderr
    assert "SORA_AUDIO_ENGINE='bark' needs SORA_AUDIO_MODEL" in result.stderr


def test_a_model_engine_with_its_model_passes_the_check(tmp_path):
    result = _check(SORA_VIDEO_ENGINE="diffusers", SORA_VIDEO_MODEL=str(tmp_path),
                    SORA_AUDIO_ENGINE="bark", SORA_AUDIO_MODEL=str(tmp_path))  # fmt: skip
    assert result.returncode == 0, result.stderr
