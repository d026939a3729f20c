"""Small helpers the benchmarks share."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager


def child_json(code: str) -> dict:
    """Run Python code in a fresh process; its last line of output is a JSON object.

    A fresh process measures what a cold worker pays (imports, models) and its own peak memory.
    """
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


@contextmanager
def scratch_django(prefix: str):
    """Django set up on a throwaway database, migrated; removed afterwards.

    SQLite in a temporary folder by default; with DATABASE_URL pointing at PostgreSQL, a fresh
    database created there and dropped at the end. Redis points at a port nothing listens on:
    these benchmarks queue nothing, and live progress pushes only log a warning without it.
    """
    os.environ["SORA_VAR_DIR"] = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"  # the test client's host
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:1/0")
    base_url = os.environ.get("DATABASE_URL", "")
    database = None
    if base_url.startswith("postgres"):
        import psycopg

        database = f"sora_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/" + database
    import django

    django.setup()
    logging.getLogger("generation.progress").setLevel(logging.ERROR)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    try:
        yield connection
    finally:
        connection.close()
        if database:
            import psycopg

            with psycopg.connect(base_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
