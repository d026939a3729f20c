"""Database connections kept between requests: SQLite's (sora/sqlite_pool) reused when clean,
dropped when not, never shared by two threads at once, never reading a replaced database file;
PostgreSQL's through Django's pool."""

import os
import sqlite3
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import ConnectionHandler, OperationalError

from sora.sqlite_pool import base as pool


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A DatabaseWrapper on a file of its own, set up as the site's SQLite is (sora/settings.py)."""
    path = tmp_path / "pool.sqlite3"
    made = []

    def wrapper():
        options = {k: v for k, v in settings.DATABASES["default"].get("OPTIONS", {}).items() if k != "pool"}
        if not options:  # the suite runs on PostgreSQL: the options the site gives SQLite
            options = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
        handler = ConnectionHandler(
            {"default": {"ENGINE": "sora.sqlite_pool", "NAME": str(path), "OPTIONS": options}}
        )
        made.append(handler["default"])
        return made[-1]

    with django_db_blocker.unblock():
        db = wrapper()
        with db.cursor() as cursor:
            cursor.execute("CREATE TABLE item (name TEXT)")
            cursor.execute("INSERT INTO item VALUES ('first')")
        db.close()
        yield path, wrapper
    for db in made:
        if db.connection is not None:
            pool.base.DatabaseWrapper._close(db)  # really close it
    for conn, _ in pool._idle.pop(str(path), []):
        conn.close()


def names(db) -> list[str]:
    with db.cursor() as cursor:
        cursor.execute("SELECT name FROM item ORDER BY name")
        return [row[0] for row in cursor.fetchall()]


def test_a_closed_connection_is_reused_with_its_settings(database):
    path, wrapper = database
    assert pool.idle_count(path) == 1  # the fixture's, closed after setting up
    db = wrapper()
    assert names(db) == ["first"]
    raw = db.connection
    assert pool.idle_count(path) == 0
    db.close()
    assert pool.idle_count(path) == 1
    db.connect()
    assert db.connection is raw
    with db.cursor() as cursor:
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # Django's SQL functions stay registered on it.
        assert cursor.execute("SELECT django_format_dtdelta('+', 1, 2)").fetchone()[0] is not None
    db.close()


def test_a_connection_closed_mid_transaction_or_after_an_error_is_not_kept(database):
    path, wrapper = database
    db = wrapper()
    db.set_autocommit(False)  # as inside transaction.atomic()
    with db.cursor() as cursor:
        cursor.execute("INSERT INTO item VALUES ('half')")
    dirty = db.connection
    assert dirty.in_transaction
    db.close()  # a request that ends mid-transaction: closed for real, the insert rolled back
    assert pool.idle_count(path) == 0  # it took the fixture's clean one, and did not give it back

    db = wrapper()
    with pytest.raises(OperationalError):
        with db.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")
    errored = db.connection
    db.errors_occurred = True  # what Django's error wrapper sets on a database error
    db.close()
    assert all(conn is not errored for conn, _ in pool._idle[str(path)])
    assert names(wrapper()) == ["first"]  # the half-done insert was not kept either


def test_connections_move_between_threads_one_at_a_time(database):
    path, wrapper = database
    seen, errors = [], []

    def request(i: int) -> None:
        db = wrapper()  # a request thread's own wrapper, as Django gives each thread
        try:
            with db.cursor() as cursor:
                cursor.execute("INSERT INTO item VALUES (%s)", [f"t{i:02d}"])
            seen.append(id(db.connection))
            assert "first" in names(db)
        except Exception as exc:
            errors.append(exc)
        finally:
            db.close()

    for batch in range(3):
        threads = [threading.Thread(target=request, args=(batch * 4 + i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(names(wrapper())) == 13
    assert len(set(seen)) <= 5  # 12 requests on a handful of connections, not 12
    assert pool.idle_count(path) <= pool.MAX_IDLE


def test_no_more_than_max_idle_wait(database):
    path, wrapper = database
    dbs = [wrapper() for _ in range(pool.MAX_IDLE + 3)]
    for db in dbs:
        db.ensure_connection()
    for db in dbs:
        db.close()
    assert pool.idle_count(path) == pool.MAX_IDLE


def test_a_replaced_database_file_is_not_read_through_an_old_connection(database):
    path, wrapper = database
    db = wrapper()
    assert names(db) == ["first"]
    db.close()
    assert pool.idle_count(path) == 1
    # A reset: the file removed and made anew (another inode), with other rows.
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    fresh = wrapper()
    with fresh.cursor() as cursor:
        cursor.execute("CREATE TABLE item (name TEXT)")
        cursor.execute("INSERT INTO item VALUES ('second')")
    fresh.close()
    assert names(wrapper()) == ["second"]


def test_a_forked_process_opens_its_own_and_leaves_the_parents_alone(database):
    path, wrapper = database
    db = wrapper()
    assert names(db) == ["first"]
    parent_conn = db.connection
    db.close()
    assert pool.idle_count(path) == 1
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 only if all holds
        ok = False
        try:
            child = wrapper()
            ok = (
                pool.idle_count(path) == 0
                and names(child) == ["first"]
                and child.connection is not parent_conn
            )
            with child.cursor() as cursor:
                cursor.execute("INSERT INTO item VALUES ('from the child')")
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    db = wrapper()
    assert names(db) == ["first", "from the child"]
    assert db.connection is parent_conn  # still the parent's, still working
    db.close()


def test_close_pool_closes_the_idle_ones(database):
    path, wrapper = database
    db = wrapper()
    db.ensure_connection()
    raw = db.connection
    db.close()
    assert pool.idle_count(path) == 1
    db.close_pool()
    assert pool.idle_count(path) == 0
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")


def test_in_memory_databases_are_left_to_django(django_db_blocker):
    db = ConnectionHandler({"default": {"ENGINE": "sora.sqlite_pool", "NAME": ":memory:"}})["default"]
    with django_db_blocker.unblock():
        db.ensure_connection()
    db.close()  # Django ignores it for an in-memory database: closing would lose the data
    assert db.connection is not None
    assert pool.idle_count(":memory:") == 0
    pool.base.DatabaseWrapper._close(db)


def test_the_site_reuses_connections_on_either_database():
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        assert database["OPTIONS"]["pool"]["max_size"] >= settings.SORA_WEB_CONCURRENCY
    else:
        assert database["ENGINE"] == "sora.sqlite_pool"


@pytest.mark.django_db(transaction=True)
def test_requests_on_postgresql_share_a_few_server_connections():
    """Twenty requests one after the other (each closes its connection at the end, as Django does
    with CONN_MAX_AGE 0) use the pool's few connections, not twenty new server processes."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's pool; SQLite's is tested above")
    backends = set()
    for _ in range(20):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.add(cursor.fetchone()[0])
        connection.close()
    assert len(backends) <= settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] < 20
