"""Small helpers the benchmarks share."""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from itertools import islice


def child_json(code: str) -> dict:
    """Run Python code in a fresh process; its last line of output is a JSON object.

    A fresh process measures what a cold worker pays (imports, models) and its own peak memory.
    """
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..1); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def rows_write(model, fields: Sequence[str], rows: Iterable[Sequence], *, binary: bool = False) -> int:
    """Write rows (values in the order of `fields`, model field names) into the model's table, fast.

    PostgreSQL: one COPY (psycopg's cursor.copy()), in binary form with `binary` (for bytes: text
    form would send them as hex, twice the size). SQLite: executemany in chunks. No model code runs
    (no save(), no signals): values go in as given, ids included, so call sequences_reset after.
    Dates, datetimes and UUIDs are converted by the field itself where the database has no such type.
    Returns the number of rows written.
    """
    from django.db import connection
    from django.db.models import DateField, UUIDField

    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in model_fields)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's cursor wrapper hands copy() to psycopg's own cursor.
            form = " (FORMAT BINARY)" if binary else ""
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN{form}") as copy:
                if binary:
                    copy.set_types([field.db_type(connection).split("(")[0] for field in model_fields])
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        # DateTimeField is a DateField: both, and UUIDs, become what the field stores here.
        adapt = [i for i, field in enumerate(model_fields) if isinstance(field, DateField | UUIDField)]
        marks = ", ".join(["%s"] * len(model_fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        rows = iter(rows)
        while chunk := list(islice(rows, 20_000)):
            if adapt:
                chunk = [list(row) for row in chunk]
                for row in chunk:
                    for i in adapt:
                        row[i] = model_fields[i].get_db_prep_value(row[i], connection)
            cursor.executemany(sql, chunk)
            written += len(chunk)
    return written


def sequences_reset(*models) -> None:
    """Point the tables' id sequences past the ids written by rows_write (Django's own SQL for it)."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@contextmanager
def scratch_django(prefix: str):
    """Django set up on a throwaway database, migrated; removed afterwards.

    SQLite in a temporary folder by default; with DATABASE_URL pointing at PostgreSQL, a fresh
    database created there and dropped at the end. Redis points at a port nothing listens on:
    these benchmarks queue nothing, and live progress pushes only log a warning without it.
    """
    var_dir = tempfile.mkdtemp(prefix=prefix)
    os.environ["SORA_VAR_DIR"] = var_dir
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
        # The SQLite file and collected static files: hundreds of MB at bench/feed.py's sizes.
        shutil.rmtree(var_dir, ignore_errors=True)
        if database:
            import psycopg

            with psycopg.connect(base_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
