"""Database connections under the site's settings: on SQLite, requests that write at once wait for
the lock instead of failing, and none keeps its connection after it ends; on PostgreSQL, requests
share Django's pool."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

# Runs in a process of its own with the site's settings on a SQLite file (the suite's is in memory).
# Each "request" is a thread of a live pool, started and finished with Django's own signals as the
# ASGI handler sends them; each reads, then writes in one transaction (a read-then-write that a
# DEFERRED transaction cannot upgrade while another writer holds the lock).
REQUESTS = textwrap.dedent(
    """
    import json, os, time
    from concurrent.futures import ThreadPoolExecutor
    import django
    django.setup()
    from django.core.signals import request_finished, request_started
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    connection.close()

    def request(i):
        request_started.send(sender=None)
        try:
            for _ in range(5):
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        n = cursor.execute("SELECT n FROM counter").fetchone()[0]
                        time.sleep(0.002)  # another request writes meanwhile
                        cursor.execute("UPDATE counter SET n = %s", [n + 1])
            return None
        except Exception as exc:
            return repr(exc)
        finally:
            request_finished.send(sender=None)

    def open_database_files():
        name = str(connection.settings_dict["NAME"])
        count = 0
        for fd in os.listdir("/proc/self/fd"):
            try:
                count += os.readlink(f"/proc/self/fd/{fd}").startswith(name)
            except FileNotFoundError:  # the listing's own descriptor, closed by now
                pass
        return count

    with ThreadPoolExecutor(max_workers=8) as threads:
        errors = [e for e in threads.map(request, range(16)) if e]
        still_open = open_database_files()  # the threads are alive yet, as a server's are
    with connection.cursor() as cursor:
        total = cursor.execute("SELECT n FROM counter").fetchone()[0]
    print(json.dumps({"errors": errors, "total": total, "open_while_threads_live": still_open}))
    """
)


def _requests_on_sqlite(tmp_path: Path) -> dict:
    unset = {"DATABASE_URL", "DB_CONN_MAX_AGE", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "sora.settings", "SORA_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_requests_writing_at_once_on_sqlite_wait_their_turn_and_leave_no_connection_open(tmp_path):
    outcome = _requests_on_sqlite(tmp_path)
    assert outcome["errors"] == []  # no "database is locked"
    assert outcome["total"] == 16 * 5  # and no update lost
    assert outcome["open_while_threads_live"] == 0


def test_the_site_pools_postgresql_and_closes_sqlite_after_each_request():
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        assert database["OPTIONS"]["pool"]["max_size"] >= settings.SORA_WEB_CONCURRENCY
    else:
        assert database["ENGINE"] == "django.db.backends.sqlite3"
        assert database["CONN_MAX_AGE"] == 0


@pytest.mark.django_db(transaction=True)
def test_requests_on_postgresql_share_a_few_server_connections():
    """Twenty requests one after the other (each closes its connection at the end, as Django does
    with CONN_MAX_AGE 0) use the pool's few connections, not twenty new server processes."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's pool")
    backends = set()
    for _ in range(20):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.add(cursor.fetchone()[0])
        connection.close()
    assert len(backends) <= settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] < 20
