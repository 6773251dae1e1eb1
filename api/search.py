"""Full-text search over live pages, matched through the index and ranked without re-running the
search for every row.

Both of Wagtail's database backends lose their index at scale. On PostgreSQL, each entry's
title and body vectors are concatenated before matching (`title || body @@ query`), which no
index can answer, and every match is ranked over its whole body. On SQLite, results are ordered
by a correlated subquery that runs the FTS5 search again for each candidate page: quadratic in
the number of matches (2 s a request at 1,000 articles that all mention "ketamine").

Here the same index rows (Wagtail's `IndexEntry`, which Wagtail keeps up to date on every
publish and unpublish) are searched once per request:
- PostgreSQL: pages whose title matches, newest first, then pages whose text matches, newest
  first (`PostgresTiered`): a walk in publication order that stops after a page of results;
- SQLite: one FTS5 MATCH, ranked by FTS5's own bm25 (title weighted above body).
Live-ness is the usual `live_pages()` rule, as a subquery, on both.
"""

from __future__ import annotations

import functools
import operator
from functools import reduce
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast

from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from .prepared import run_compiled
from .representation import PAGE_TYPES

#: bm25 column weights on SQLite: a word in the title counts ten times one in the body.
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def ranked_page_ids(pages: PageQuerySet, words: list[str]) -> Any:
    """Ids of `pages` whose index entry matches any of `words`, best first: something with
    `count()` and slicing, for the paginator."""
    if connection.vendor == "postgresql":
        return PostgresTiered(pages, words)
    if connection.vendor == "sqlite" and _sqlite_fts_table() is not None:
        return SQLiteRanked(pages, words)
    return BackendRanked(pages, words)


def _page_content_type_ids() -> list[int]:
    return [ct.pk for ct in ContentType.objects.get_for_models(*PAGE_TYPES).values()]


class PostgresTiered:
    """PostgreSQL: pages whose title matches, newest first, then pages whose text matches.

    Each tier is a top-k walk of the live pages in `first_published_at` order, checking the
    page's own index entry (unique on content type + object id): a word that most pages contain
    stops after a page of results, a rare word is found through the vectors' GIN indexes, so
    the cost does not grow with the number of matches. The text tier is read only when a page
    of results runs past the title matches. Only the count reads every match, and counts are
    cached per content generation (api/counts.py).
    """

    def __init__(self, pages: PageQuerySet, words: list[str]) -> None:
        from django.contrib.postgres.search import SearchQuery

        config = getattr(get_search_backend(), "config", None)
        query = reduce(
            operator.or_, (SearchQuery(word, search_type="plain", config=config) for word in words)
        )

        def hit(vector: str) -> Exists:
            return Exists(
                IndexEntry.objects.filter(
                    content_type_id=OuterRef("content_type_id"),
                    object_id=Cast(OuterRef("pk"), CharField()),
                    **{vector: query},
                )
            )

        self.title_hits = pages.filter(hit("title"))
        self.text_hits = pages.filter(hit("body") & ~hit("title"))
        self.matches = pages.filter(hit("title") | hit("body"))

    def count(self) -> int:
        return self.matches.count()

    def __getitem__(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        titles = _newest(self.title_hits, start, stop)
        if len(titles) == stop - start:
            return titles
        # The window runs past the title matches: the rest comes from the text matches.
        title_count = start + len(titles) if titles else self.title_hits.count()
        return titles + _newest(self.text_hits, max(0, start - title_count), stop - title_count)


def _newest(pages: PageQuerySet, start: int, stop: int) -> list[int]:
    newest = pages.order_by("-first_published_at", "-pk").values_list("pk")[start:stop]
    return [row[0] for row in run_compiled(newest)]


def _sqlite_fts_table() -> type | None:
    """Wagtail's FTS5 index model, which exists only where SQLite was built with FTS5."""
    from wagtail.search import models

    return getattr(models, "SQLiteFTSIndexEntry", None)


@functools.cache
def _bm25_weights(table: str) -> str:
    """bm25() takes one weight per FTS5 column, in the table's column order (Wagtail's is
    autocomplete, body, title), which is read from the table rather than assumed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_info(%s)", [table])
        columns = [row[0] for row in cursor.fetchall()]
    weights = {"title": TITLE_WEIGHT, "body": BODY_WEIGHT}
    return ", ".join(str(weights.get(column, 0.0)) for column in columns)


class BackendRanked:
    """Any other database: Wagtail's own search backend, ids only."""

    def __init__(self, pages: PageQuerySet, words: list[str]) -> None:
        # The backend filters only on indexed fields: live-ness goes in as an id subquery.
        self._results = Page.objects.filter(id__in=pages.values("pk")).search(" ".join(words))

    def count(self) -> int:
        return self._results.count()

    def __getitem__(self, window: slice) -> list[int]:
        return [page.pk for page in self._results[window]]


class SQLiteRanked:
    """One FTS5 query over Wagtail's SQLite index table, counted or sliced."""

    def __init__(self, pages: PageQuerySet, words: list[str]) -> None:
        fts = connection.ops.quote_name(_sqlite_fts_table()._meta.db_table)
        entries = connection.ops.quote_name(IndexEntry._meta.db_table)
        live_sql, live_params = pages.values("pk").query.sql_with_params()
        content_types = _page_content_type_ids()
        # Words are \w+ runs; quoted, each is one FTS5 string (no operators, no syntax errors).
        match = "{title body} : (" + " OR ".join(f'"{word}"' for word in words) + ")"
        self._from = (
            f"FROM {fts} JOIN {entries} entry ON entry.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s "
            f"AND entry.content_type_id IN ({', '.join(['%s'] * len(content_types))}) "
            f"AND CAST(entry.object_id AS INTEGER) IN ({live_sql})"
        )
        self._params = [match, *content_types, *live_params]
        self._rank = f"bm25({fts}, {_bm25_weights(_sqlite_fts_table()._meta.db_table)})"

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {self._from}", self._params)
            return cursor.fetchone()[0]

    def __getitem__(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        sql = (
            f"SELECT CAST(entry.object_id AS INTEGER) AS page_id {self._from} "
            f"ORDER BY {self._rank}, page_id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self._params, stop - start, start])
            return [row[0] for row in cursor.fetchall()]
