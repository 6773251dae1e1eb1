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

from collections.abc import Callable
from typing import Any

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
        self._compiled: dict[Any, tuple[Any, str, list[Any], dict[str, Any], list[int] | None]] = {}

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
        # As ValuesListIterable does: the SELECT may hold the columns in another order than asked.
        query = queryset.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        order = [names.index(name) for name in queryset._fields] if queryset._fields else None
        return compiler, sql, list(params), positions, order

    def rows(self, alias: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        key = (alias, self._depends_on())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(alias)
        compiler, sql, params, positions, order = compiled
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
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        rows = compiler.results_iter(results=[fetched], tuple_expected=True)
        if order is None or order == list(range(len(order))):
            return list(rows)
        return [tuple(row[i] for i in order) for row in rows]

    def first(self, alias: str = "default", **values: Any) -> tuple[Any, ...] | None:
        rows = self.rows(alias, **values)
        return rows[0] if rows else None


def partial_instance(model: type[Model], names: tuple[str, ...], row: tuple[Any, ...]) -> Model:
    """A `model` instance from a prepared row, the other fields deferred (as `.only(*names)`)."""
    by_name = dict(zip(names, row, strict=True))
    ordered = [f.attname for f in model._meta.concrete_fields if f.attname in by_name]
    return model.from_db(None, ordered, [by_name[name] for name in ordered])


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
