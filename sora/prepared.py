"""Querysets compiled to SQL once per shape, then run again with new values.

Building and compiling a queryset costs Django far more than a small indexed query costs the
database: ranking a For You first page on the bench world (bench/feed.py) spent about 15 ms in
the ORM and under 5 ms in SQLite. Those queries keep their shape from one request to the next
(only the viewer's id and a few times change), so each shape is compiled once per process with
stand-in values, and where the stand-ins landed among the SQL's parameters is remembered. Running
it again puts the real values there, converted as Django converts them, and reads the rows back
through the compiler's own converters, as the queryset would.

Used where a request's few small queries cost mostly ORM time: every signed-in request's session
and user (sora.sessions, sora.auth) and the For You feed's queries (feed.timelines).

Model querysets (with select_related and annotations) come back as instances, built the way
Django's ModelIterable builds them.

What can be a value: ints, strs and aware datetimes compared with columns. Anything that changes
the SQL's text (None, a list's length, a flag choosing a filter) must be part of the shape's key
instead; preparing refuses a stand-in the ORM wrote into the SQL text or dropped (PrepareError).
tests/test_prepared.py and the timelines tests compare the rows with the ORM's.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators


class PrepareError(RuntimeError):
    """The queryset cannot be prepared with these values (see the module's docstring)."""


@dataclass(frozen=True)
class _Prepared:
    sql: str
    params: tuple  # as compiled, stand-ins included
    slots: tuple[tuple[int, str], ...]  # (parameter index, value name)
    db: str
    # Per column that needs converting: (position, converters, expression). A converter that is
    # a method of the backend's operations is kept by name and looked up on the connection that
    # runs the query: each thread has its own.
    converters: tuple[tuple[int, tuple, object], ...]
    # Models only: what Django's ModelIterable works out from the compiler to build instances;
    # the same for every run of the shape.
    model: type[Model] | None = None
    model_cols: tuple[int, int] = (0, 0)  # where the model's own columns start and end in a row
    init_list: tuple[str, ...] = ()
    related_populators: tuple = ()
    annotation_col_map: dict | None = None


_prepared: dict[Hashable, _Prepared] = {}
_lock = threading.Lock()
_STAND_IN_INT = -2_000_000_000  # negative (no id), within 32 bits (an out-of-range int changes the SQL)
_STAND_IN_TIME = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


def _stand_in(name: str, value: object, index: int) -> object:
    if isinstance(value, bool) or value is None:
        raise PrepareError(f"{name}: {value!r} changes the SQL; make it part of the key")
    if isinstance(value, int):
        return _STAND_IN_INT - index
    if isinstance(value, str):
        return f"prepared-{name}-{uuid.uuid4().hex}"
    if isinstance(value, datetime) and value.tzinfo is not None:
        return _STAND_IN_TIME + timedelta(microseconds=index + 1)
    raise PrepareError(f"{name}: {type(value).__name__} values are not supported")


def _adapt(value: object, connection) -> object:
    """A value as the ORM passes it to the database (the same conversion the stand-in went through)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _prepare(build: Callable[..., QuerySet], values: dict[str, object]) -> _Prepared:
    stand_ins = {name: _stand_in(name, value, i) for i, (name, value) in enumerate(sorted(values.items()))}
    try:
        queryset = build(**stand_ins)
        if queryset._iterable_class not in (ValuesListIterable, ModelIterable):
            raise PrepareError("only model and values_list() querysets (not flat, not named) are prepared")
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise PrepareError("prefetch_related and related managers' querysets are not prepared")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
    except (ValueError, TypeError, EmptyResultSet) as exc:  # e.g. a stand-in int as a slice bound
        raise PrepareError(f"the query cannot be built with stand-in values: {exc}") from exc
    connection = connections[queryset.db]
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        raise PrepareError("composite fields are not prepared")
    converters = tuple(
        (position, tuple(_by_name(converter, connection) for converter in convs), expression)
        for position, (convs, expression) in compiler.get_converters(fields).items()
    )
    adapted = {name: _adapt(stand_in, connection) for name, stand_in in stand_ins.items()}
    slots = []
    for index, param in enumerate(params):
        for name, stand_in in adapted.items():
            if type(param) is type(stand_in) and param == stand_in:
                slots.append((index, name))
    for name, stand_in in adapted.items():
        if str(stand_in) in sql:
            raise PrepareError(f"{name}: the ORM wrote it into the SQL text")
        if not any(slot_name == name for _, slot_name in slots):
            raise PrepareError(f"{name}: the compiled SQL has no parameter for it")
    prepared = _Prepared(sql, tuple(params), tuple(slots), queryset.db, converters)
    if queryset._iterable_class is not ModelIterable:
        return prepared
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return replace(
        prepared,
        model=klass_info["model"],
        model_cols=(start, end),
        init_list=tuple(f[0].target.attname for f in select[start:end]),
        related_populators=tuple(get_related_populators(klass_info, select, queryset.db)),
        annotation_col_map=compiler.annotation_col_map,
    )


def _by_name(converter: Callable, connection) -> Callable | str:
    if getattr(converter, "__self__", None) is connection.ops:
        return converter.__name__
    return converter


def _converted(rows: list, converters: tuple, connection) -> Iterator:
    """The rows as the compiler's apply_converters gives them."""
    ops = connection.ops
    bound = [
        (position, [getattr(ops, c) if isinstance(c, str) else c for c in convs], expression)
        for position, convs, expression in converters
    ]
    for row in map(list, rows):
        for position, convs, expression in bound:
            value = row[position]
            for converter in convs:
                value = converter(value, expression, connection)
            row[position] = value
        yield row


def _run(key: Hashable, build: Callable[..., QuerySet], values: dict) -> tuple[_Prepared, Iterator]:
    full_key = (connections["default"].vendor, key, tuple(sorted(values)))
    prepared = _prepared.get(full_key)
    if prepared is None:
        prepared = _prepare(build, values)
        with _lock:
            _prepared[full_key] = prepared
    connection = connections[prepared.db]
    params = list(prepared.params)
    for index, name in prepared.slots:
        params[index] = _adapt(values[name], connection)
    with connection.cursor() as cursor:
        cursor.execute(prepared.sql, params)
        rows = cursor.fetchall()
    if not prepared.converters:
        return prepared, map(list, rows)
    return prepared, _converted(rows, prepared.converters, connection)


def prepared_rows(key: Hashable, build: Callable[..., QuerySet], **values: object) -> list[tuple]:
    """list(build(**values)), a values_list() queryset, compiled once per `key` and database.

    `key` names the shape: everything besides `values` that changes the SQL build() makes.
    """
    prepared, rows = _run(key, build, values)
    if prepared.model is not None:
        raise PrepareError(f"{key}: a model queryset; use prepared_models()")
    return [tuple(row) for row in rows]


def prepared_models(key: Hashable, build: Callable[..., QuerySet], **values: object) -> list[Model]:
    """list(build(**values)), a model queryset (select_related and annotations allowed), compiled
    once per `key` and database: instances built as Django's ModelIterable builds them."""
    prepared, rows = _run(key, build, values)
    if prepared.model is None:
        raise PrepareError(f"{key}: a values_list() queryset; use prepared_rows()")
    start, end = prepared.model_cols
    objects = []
    for row in rows:
        obj = prepared.model.from_db(prepared.db, prepared.init_list, row[start:end])
        for populator in prepared.related_populators:
            populator.populate(row, obj)
        for attr_name, col_pos in (prepared.annotation_col_map or {}).items():
            setattr(obj, attr_name, row[col_pos])
        objects.append(obj)
    return objects


def prepared_forget() -> None:
    """Drop every compiled shape (tests)."""
    with _lock:
        _prepared.clear()
