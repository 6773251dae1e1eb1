"""Querysets compiled to SQL once per process, then run with new values for their placeholders.

On the hot read paths (one live page by slug, its approval record, the pages it links to that
went offline) building and compiling the ORM query — with its EXISTS subqueries for view
restrictions and review records — cost several times more than SQLite or PostgreSQL take to run
it. The queryset itself stays the single definition of what is selected (`live_pages()` is still
THE SEAM); only the compiled SQL is reused. Values come back through the compiler's own
converters, so dates and JSON arrive as the ORM would return them.

Only for querysets whose SQL depends on nothing but their placeholders (no clock, no request)
and on what `depends_on` returns (content-type ids, say), which is part of the compiled key.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet


class PreparedQuery:
    """`build(**placeholders)` returns a `values_list()` queryset; `rows(**values)` runs its SQL
    with `values` in place of the placeholders.

    Each placeholder must be a value that appears exactly once among the compiled parameters
    (pick an unlikely sentinel: a string or integer no real row or setting holds).
    """

    def __init__(
        self, build: Callable[..., QuerySet], depends_on: Callable[[], Any] = tuple, **placeholders: Any
    ) -> None:
        self._build = build
        #: What else the compiled SQL contains (e.g. content-type ids): compiled again when it changes.
        self._depends_on = depends_on
        self._placeholders = placeholders
        self._compiled: dict[Any, tuple[Any, str, list[Any], dict[str, Any]]] = {}

    def _compile(self, alias: str) -> tuple[Any, str, list[Any], dict[str, int], list[int] | None]:
        queryset = self._build(**self._placeholders).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        positions: dict[str, Any] = {}
        for name, sentinel in self._placeholders.items():
            if isinstance(sentinel, tuple):  # a bounded IN list: one position per sentinel
                positions[name] = [_position(params, name, one) for one in sentinel]
            else:
                positions[name] = _position(params, name, sentinel)
        return compiler, sql, list(params), positions

    def rows(self, alias: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        key = (alias, self._depends_on())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(alias)
        compiler, sql, params, positions = compiled
        params = list(params)
        for name, value in values.items():
            position = positions[name]
            if isinstance(position, list):
                # Fill every slot: the list repeats its last value (an empty list matches nothing,
                # through a sentinel no row holds).
                value = list(value) or [self._placeholders[name][0]]
                if len(value) > len(position):
                    raise ValueError(f"{name!r} holds more than {len(position)} values")
                value += [value[-1]] * (len(position) - len(value))
                for slot, one in zip(position, value, strict=True):
                    params[slot] = _like(params[slot], one)
            else:
                params[position] = _like(params[position], value)
        connection = connections[alias]
        fetched = _fetch(connection, sql, params)
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def first(self, alias: str = "default", **values: Any) -> tuple[Any, ...] | None:
        rows = self.rows(alias, **values)
        return rows[0] if rows else None


def run_compiled(queryset: QuerySet) -> list[tuple[Any, ...]]:
    """Rows of a values_list() `queryset` as `list(queryset)` gives them; on PostgreSQL, run as a
    prepared statement (planned once per connection for each distinct SQL text)."""
    alias = queryset.db
    connection = connections[alias]
    if not (connection.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS):
        return list(queryset)
    try:
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return []
    fetched = _run_prepared_statement(connection, sql, list(params))
    return list(compiler.results_iter(results=[fetched], tuple_expected=True))


class CompiledSlices:
    """A paginator's view of an ordered values_list() queryset whose SQL is compiled once per
    `key` and then run with LIMIT/OFFSET as parameters.

    For list endpoints, where compiling the live-pages query with its filters costs more than
    running it. `key` must determine the SQL: the caller builds it from the request's filters,
    the date and the content generation (filters resolve slugs to ids); entries also expire
    after `max_age` seconds, which bounds staleness where generations are per process.
    """

    _compiled: OrderedDict[Hashable, tuple[float, Any, str, list[Any]]] = OrderedDict()
    max_entries = 512

    def __init__(self, queryset: QuerySet, key: Hashable | None, max_age: float = 60.0) -> None:
        self.queryset = queryset
        self.key = key  # None: compile every time
        self.max_age = max_age

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list[tuple[Any, ...]]:
        start, stop = window.start or 0, window.stop
        try:
            compiler, sql, params = self._compiled_query()
        except EmptyResultSet:
            return []
        connection = connections[self.queryset.db]
        # Literal bounds, not parameters, so a prepared statement's plan knows the page is small
        # (one statement per page size and offset).
        sql = f"{sql} LIMIT {int(stop - start)} OFFSET {int(start)}"
        fetched = _fetch(connection, sql, params)
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def _compiled_query(self) -> tuple[Any, str, list[Any]]:
        cache = type(self)._compiled
        key = (self.queryset.db, self.key)
        entry = cache.get(key) if self.key is not None else None
        now = time.monotonic()
        if entry is None or now - entry[0] > self.max_age:
            compiler = self.queryset.query.get_compiler(using=self.queryset.db)
            sql, params = compiler.as_sql()
            entry = (now, compiler, sql, list(params))
            if self.key is not None:
                cache[key] = entry
                if len(cache) > self.max_entries:
                    cache.popitem(last=False)
        elif self.key is not None:
            cache.move_to_end(key)
        return entry[1], entry[2], entry[3]


def partial_instance(model: type[Model], names: tuple[str, ...], row: tuple[Any, ...]) -> Model:
    """A `model` instance from a prepared row, the other fields deferred (as `.only(*names)`)."""
    by_name = dict(zip(names, row, strict=True))
    ordered = [f.attname for f in model._meta.concrete_fields if f.attname in by_name]
    return model.from_db(None, ordered, [by_name[name] for name in ordered])


def _fetch(connection: Any, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of `sql`: a prepared statement on PostgreSQL (DB_PREPARED_STATEMENTS), else Django's cursor."""
    if connection.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS:
        return _run_prepared_statement(connection, sql, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


#: psycopg prepares a statement after this many runs; ours ask for it at once (prepare=True), and
#: no other query on the connection reaches this.
_ONLY_WHEN_ASKED = 2**31 - 1


def _run_prepared_statement(connection: Any, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run `sql` as a server-side prepared statement on the connection Django holds.

    Planning these queries (EXISTS subqueries for restrictions and records) takes PostgreSQL
    ~1 ms, several times their execution; a prepared statement is planned once per connection
    (connections persist: CONN_MAX_AGE). Django's own cursors bind parameters client-side and
    never prepare, so this uses a psycopg cursor on the same connection and transaction, with
    Django's error wrapping and query log (what query-count tests read). Turn it off
    (DB_PREPARED_STATEMENTS) behind a pooler that does not keep prepared statements.
    """
    import psycopg

    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:  # Django's default: prepared statements off
        raw.prepare_threshold = _ONLY_WHEN_ASKED
    started = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = cursor.fetchall()
    if connection.queries_logged:
        connection.queries_log.append({"sql": f"PREPARED {sql}", "time": f"{time.monotonic() - started:.3f}"})
    return rows


def _position(params: tuple[Any, ...] | list[Any], name: str, sentinel: Any) -> int:
    # isinstance: the PostgreSQL backend wraps integers in psycopg's Int8 and the like.
    found = [i for i, param in enumerate(params) if isinstance(param, type(sentinel)) and param == sentinel]
    if len(found) != 1:
        raise ValueError(f"placeholder {name!r} appears {len(found)} times in the compiled query")
    return found[0]


def _like(template: Any, value: Any) -> Any:
    """`value` in the parameter type the compiler chose for its placeholder (e.g. Int8)."""
    kind = type(template)
    return value if type(value) is kind else kind(value)
