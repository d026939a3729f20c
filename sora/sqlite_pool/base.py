"""Django's SQLite backend, with its connections kept open between requests.

Under ASGI each request runs in a thread of its own, and Django's connections are per thread, so
every request opened SQLite afresh: about 1.2 ms on this project's benchmark machine, most of it
SQLite reading the schema on the first statement, for a page whose queries take less. Closed
connections now wait, idle, for the next request of the same process; SQLite connections may
move between threads (Django opens them with check_same_thread=False), one thread at a time.

A connection goes back only when it is clean: outside any transaction, without an error since it
was opened. One opened on a database file that has since been replaced (a reset) is dropped. An
in-memory database (the tests') is never pooled: Django keeps that one connection open anyway. A
forked process never uses its parent's (see _after_fork_in_child).

PostgreSQL uses Django's own pool instead (psycopg_pool; sora/settings.py).
"""

from __future__ import annotations

import os
import threading

from django.db.backends.sqlite3 import base

# Per web process: SORA_WEB_CONCURRENCY requests at once, plus the odd async consumer.
MAX_IDLE = 8

# Per database file: (connection, file id) pairs, the most recently used last. A plain list under
# one lock: every request takes one and gives it back, and queue.Queue's conditions cost more.
_idle: dict[str, list[tuple]] = {}
_idle_lock = threading.Lock()


def _file_id(name: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(name)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _take(name: str) -> tuple | None:
    with _idle_lock:
        idle = _idle.get(name)
        return idle.pop() if idle else None


def _give(name: str, entry: tuple) -> bool:
    with _idle_lock:
        idle = _idle.setdefault(name, [])
        if len(idle) >= MAX_IDLE:
            return False
        idle.append(entry)
        return True


def idle_count(name: str) -> int:
    """How many connections to this database file wait in this process (tests)."""
    with _idle_lock:
        return len(_idle.get(str(name), ()))


# SQLite forbids using a connection in a process forked after it was opened, closing included
# (a close can checkpoint the parent's write-ahead log). A child keeps its parent's idle
# connections referenced, unused, and opens its own.
_inherited: list = []


def _after_fork_in_child() -> None:
    global _idle
    _inherited.extend(_idle.values())
    _idle = {}


os.register_at_fork(after_in_child=_after_fork_in_child)


class DatabaseWrapper(base.DatabaseWrapper):
    def _pooled(self) -> bool:
        return not self.is_in_memory_db()

    def close_pool(self) -> None:
        """Close this database's idle connections for real, as Django's PostgreSQL pool offers
        (before forking, say)."""
        name = str(self.settings_dict["NAME"])
        while (entry := _take(name)) is not None:
            entry[0].close()

    def get_new_connection(self, conn_params):
        if self._pooled():
            name = str(self.settings_dict["NAME"])
            current = _file_id(name)
            while (entry := _take(name)) is not None:
                conn, file_id = entry
                if file_id == current:
                    self._file_id = file_id
                    return conn
                conn.close()  # the file was replaced since: this one reads the old one
            conn = super().get_new_connection(conn_params)
            self._file_id = _file_id(name)  # now: opening may have created the file
            return conn
        return super().get_new_connection(conn_params)

    def _close(self):
        conn = self.connection
        if (
            conn is not None
            and self._pooled()
            and not self.in_atomic_block
            and not conn.in_transaction
            and not self.errors_occurred
            and getattr(self, "_file_id", None) is not None
        ):
            if _give(str(self.settings_dict["NAME"]), (conn, self._file_id)):
                return None
        return super()._close()
