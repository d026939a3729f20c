"""Settings come from the environment; production is the default, with a key made on first start."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each check is a fresh process reading the settings; none opens a connection (Django runs its
# database checks only when `check` is given --database), so the database in use changes nothing.
pytestmark = pytest.mark.nodb

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


def test_production_is_the_default_and_makes_its_own_secret_key_once(tmp_path):
    env = {"SORA_VAR_DIR": str(tmp_path)}
    assert _setting("DEBUG", **env) is False
    key = _setting("SECRET_KEY", **env)
    path = tmp_path / "secret_key"
    assert len(key) >= 50 and path.read_text().strip() == key
    assert oct(path.stat().st_mode & 0o777) == "0o600", "only its owner may read it"
    assert _setting("SECRET_KEY", **env) == key, "the same key at every start"
    assert _setting("SECRET_KEY", **env, SECRET_KEY="given" * 10) == "given" * 10
    assert _setting("DEBUG", **env, DEBUG="1") is True


def test_the_web_server_and_the_worker_starting_together_share_one_key(tmp_path):
    code = (
        "import sys, pathlib; from sora.secret_key import secret_key_ensure; "
        "print(secret_key_ensure(pathlib.Path(sys.argv[1])))"
    )
    starts = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "secret_key")], cwd=BASE_DIR,
                         stdout=subprocess.PIPE, text=True)
        for _ in range(8)
    ]  # fmt: skip
    keys = {start.communicate()[0].strip() for start in starts}
    assert len(keys) == 1 and keys != {""}
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"], "no temporary file is left behind"


def test_debug_off_with_a_secret_key_starts():
    result = _check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="sora.example")
    assert result.returncode == 0, result.stderr


def test_a_concurrency_cap_below_one_or_not_a_number_is_refused_at_startup():
    for value in ("0", "-3", "four"):
        result = _check(SORA_WEB_CONCURRENCY=value)
        assert result.returncode != 0
        assert "SORA_WEB_CONCURRENCY must be a whole number of at least 1" in result.stderr


def test_limits_come_from_the_environment_and_a_bad_one_is_refused_at_startup(tmp_path):
    env = {"SORA_VAR_DIR": str(tmp_path)}
    assert (_setting("SORA_VIDEOS_PER_DAY", **env), _setting("SORA_VIDEOS_AT_ONCE", **env)) == (30, 2)
    assert _setting("SORA_VIDEOS_AT_ONCE", **env, SORA_VIDEOS_AT_ONCE="5") == 5
    assert _setting("SORA_RATE_LIMITS", **env, SORA_RATE_COMMENT="5/10m")["comment"] == "5/10m"
    assert _setting("ACCOUNT_RATE_LIMITS", **env, SORA_RATE_SIGNUP="3/h/ip")["signup"] == "3/h/ip"
    for name, value, message in [
        ("SORA_VIDEOS_PER_DAY", "thirty", "SORA_VIDEOS_PER_DAY must be a whole number of at least 0"),
        (
            "SORA_CAMEO_ATTEMPTS_PER_HOUR",
            "0",
            "SORA_CAMEO_ATTEMPTS_PER_HOUR must be a whole number of at least 1",
        ),
        ("SORA_RATE_COMMENT", "ten a minute", "SORA_RATE_COMMENT must be a rate such as 10/m or 100/d"),
        ("SORA_RATE_LIKE", "10/0m", "SORA_RATE_LIKE must be a rate"),
        ("SORA_RATE_SIGNUP", "20/h", "SORA_RATE_SIGNUP must be a rate"),
    ]:
        result = _check(**{name: value})
        assert result.returncode != 0 and message in result.stderr, (name, result.stderr[-500:])


def _setting(name: str, **env):
    return _settings_read(f"settings.{name}", env)


def _database(**env) -> dict:
    return _settings_read("settings.DATABASES['default']", env)


def _settings_read(expression: str, env: dict):
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    unset = {"DATABASE_URL", "DB_CONN_MAX_AGE", "SORA_WEB_CONCURRENCY", "SECRET_KEY", "DEBUG", "EMAIL_HOST"}
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


def test_sqlite_connections_close_after_each_request_and_postgresql_ones_are_pooled(tmp_path):
    sqlite = _database(SORA_VAR_DIR=str(tmp_path))
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3" and sqlite["CONN_MAX_AGE"] == 0
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
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


def test_behind_https_the_deploy_checks_are_clean(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env={**env, "SORA_HTTPS": "1", "SORA_VAR_DIR": str(tmp_path)},
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    https = {"SORA_VAR_DIR": str(tmp_path), "SORA_HTTPS": "1"}
    assert _setting("SESSION_COOKIE_SECURE", **https) and _setting("CSRF_COOKIE_SECURE", **https)
    assert _setting("SECURE_HSTS_SECONDS", **https) == 365 * 24 * 3600
    assert _setting("SECURE_PROXY_SSL_HEADER", **https, SORA_PROXY_SSL_HEADER="X-Forwarded-Proto") == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_the_queues_are_named_by_the_environment_and_the_old_names_are_kept():
    read = "[settings.SORA_GPU_QUEUE, settings.SORA_CPU_QUEUE, list(settings.RQ_QUEUES)]"
    default = _settings_read(read, {"SORA_GPU_QUEUE": "", "SORA_CPU_QUEUE": ""})
    assert default == ["gpu", "cpu", ["gpu", "cpu", "video", "default"]]
    named = _settings_read(read, {"SORA_GPU_QUEUE": "gpu-a100", "SORA_CPU_QUEUE": "small"})
    assert named == ["gpu-a100", "small", ["gpu-a100", "small", "video", "default"]]
