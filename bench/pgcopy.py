"""Copy a bench SQLite dataset into a fresh PostgreSQL database with the same schema (bench/run.py).

Generating content through the review workflow costs ~0.35 s an article, so the PostgreSQL
figures of `make bench` are served from a copy of the SQLite dataset instead:

1. drops and creates the target database and runs `migrate` against it with the project's own
   settings (ours: cms.settings.dev with DATABASE_URL; stock: bench.stock.settings with
   BENCH_STOCK_DATABASE_URL), so the schema is what Django builds on PostgreSQL;
2. in one transaction, with foreign-key triggers off (`session_replication_role = replica`, so
   table order does not matter) and the session in UTC (SQLite holds datetimes as naive UTC text):
   TRUNCATE … CASCADE every table but django_migrations, then streams the rows of every table
   present in both databases with COPY (columns by name; PostgreSQL's input functions parse
   SQLite's text datetimes, 0/1 booleans, hex UUIDs and JSON text), and resets every identity /
   serial sequence to the column's max;
3. rebuilds Wagtail's search index (`update_index`): SQLite's FTS5 tables have no PostgreSQL
   counterpart, and wagtailsearch_indexentry holds tsvectors on PostgreSQL but plain text on
   SQLite, so that table is filled by Wagtail's PostgreSQL backend rather than copied;
4. VACUUM ANALYZE, checks the row count of every copied table against the source, and marks the
   database as a finished copy (COMMENT ON DATABASE).

A rerun skips all of it when the database is a finished copy with as many wagtailcore_page rows as
the source (--force copies anyway).

    python -m bench.pgcopy var/bench/main-100.sqlite3 medcms_bench_main_100 [--kind main] [--force]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
NOT_COPIED = {
    "django_migrations",  # written by `migrate` on PostgreSQL
    "wagtailsearch_indexentry",  # tsvectors on PostgreSQL: rebuilt by update_index
}
MARK = "medcms bench copy"


def database_url(name: str) -> str:
    return f"{SERVER}/{name}"


def connect(name: str = "postgres", **kwargs: object) -> psycopg.Connection:
    return psycopg.connect(database_url(name), connect_timeout=3, **kwargs)


def postgres_unavailable() -> str:
    """Why PostgreSQL cannot be used ("" when it answers)."""
    try:
        with connect() as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL does not answer at {SERVER}: {str(exc).strip().splitlines()[0]}"
    return ""


def server_version() -> str:
    with connect() as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]


def django_env(kind: str, url: str) -> dict[str, str]:
    """Environment for manage.py (ours) / django-admin (stock) against the database at url."""
    if kind == "main":
        return {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DATABASE_URL": url}
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.stock.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-pgcopy"),
        "BENCH_STOCK_DATABASE_URL": url,
    }


def django(kind: str, url: str, *args: str) -> None:
    command = [PY, "manage.py", *args] if kind == "main" else [PY, "-m", "django", *args]
    subprocess.run(command, cwd=ROOT, env=django_env(kind, url), check=True)


def sqlite_tables(src: sqlite3.Connection) -> dict[str, list[str]]:
    names = [
        row[0]
        for row in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: [row[1] for row in src.execute(f'PRAGMA table_info("{name}")')] for name in names}


def postgres_tables(conn: psycopg.Connection) -> dict[str, dict[str, str]]:
    """{table: {column: data_type}} of the public schema's tables."""
    tables: dict[str, dict[str, str]] = {}
    rows = conn.execute(
        """SELECT c.table_name, c.column_name, c.data_type
           FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
           WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           ORDER BY c.table_name, c.ordinal_position"""
    )
    for table, column, data_type in rows:
        tables.setdefault(table, {})[column] = data_type
    return tables


def page_count_sqlite(source: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        return src.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0]


def finished_copy(name: str, pages: int) -> bool:
    """True when `name` is a finished copy holding `pages` wagtailcore_page rows."""
    with connect() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
    if not row or not (row[0] or "").startswith(MARK):
        return False
    with connect(name) as conn:
        return conn.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0] == pages


def recreate(name: str) -> None:
    with connect(autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def converter(data_type: str):
    """How a SQLite value reaches a PostgreSQL column whose text input would not take it as is."""
    if data_type == "interval":  # Django keeps DurationField as integer microseconds on SQLite
        return lambda value: datetime.timedelta(microseconds=value) if isinstance(value, int) else value
    return None


def load(source: Path, name: str) -> dict[str, int]:
    """Copy every table present in both databases; returns {table: rows copied}."""
    copied: dict[str, int] = {}
    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        connect(name) as conn,
    ):
        src.text_factory = str
        theirs = sqlite_tables(src)
        ours = postgres_tables(conn)
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("SET LOCAL TimeZone = 'UTC'")
        targets = sorted(t for t in ours if t != "django_migrations")
        conn.execute(sql.SQL("TRUNCATE {} CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, targets))))
        only_pg = sorted(set(targets) - set(theirs) - NOT_COPIED)
        if only_pg:
            print(f"   tables only in PostgreSQL (left empty): {', '.join(only_pg)}", flush=True)
        for table in targets:
            if table in NOT_COPIED or table not in theirs:
                continue
            columns = [c for c in theirs[table] if c in ours[table]]
            missing = set(ours[table]) ^ set(theirs[table])
            if missing:
                print(f"   {table}: columns in one database only: {', '.join(sorted(missing))}", flush=True)
            converters = [(i, f) for i, c in enumerate(columns) if (f := converter(ours[table][c]))]
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            select = 'SELECT {} FROM "{}"'.format(", ".join(f'"{c}"' for c in columns), table)
            rows = 0
            with conn.cursor().copy(statement) as copy:
                for row in src.execute(select):
                    if converters:
                        row = list(row)
                        for i, f in converters:
                            row[i] = f(row[i])
                    copy.write_row(row)
                    rows += 1
            copied[table] = rows
        reset_sequences(conn)
    return copied


def reset_sequences(conn: psycopg.Connection) -> None:
    """Point every identity / serial sequence of the public schema past its column's max."""
    rows = conn.execute(
        """SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)
           FROM information_schema.columns
           WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')"""
    ).fetchall()
    for table, column, sequence in rows:
        if sequence:
            conn.execute(
                sql.SQL("SELECT setval(%s, coalesce(max({c}), 1), max({c}) IS NOT NULL) FROM {t}").format(
                    c=sql.Identifier(column), t=sql.Identifier(table)
                ),
                (sequence,),
            )


def check_counts(name: str, copied: dict[str, int]) -> None:
    with connect(name) as conn:
        wrong = []
        for table, rows in copied.items():
            count = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            found = conn.execute(count).fetchone()[0]
            if found != rows:
                wrong.append(f"{table}: {rows} copied, {found} in PostgreSQL")
    if wrong:
        raise SystemExit("Row counts differ after the copy:\n  " + "\n  ".join(wrong))


def copy_dataset(source: Path, name: str, kind: str, *, force: bool = False) -> bool:
    """Make PostgreSQL database `name` a copy of `source`; False when an existing copy was kept."""
    pages = page_count_sqlite(source)
    if not force and finished_copy(name, pages):
        print(f"== {name}: already a copy of {source.name} ({pages} pages), kept", flush=True)
        return False
    print(f"== {name}: copying {source.name}", flush=True)
    url = database_url(name)
    started = time.monotonic()
    recreate(name)
    django(kind, url, "migrate", "--noinput", "-v0")
    migrated = time.monotonic()
    copied = load(source, name)
    loaded = time.monotonic()
    django(kind, url, "update_index", "-v0")
    indexed = time.monotonic()
    with connect(name, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        entries = conn.execute("SELECT count(*) FROM wagtailsearch_indexentry").fetchone()[0]
    check_counts(name, copied)
    with connect(autocommit=True) as conn:
        comment = f"{MARK} of {source.name}: {pages} pages"
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(comment))
        )
    print(
        f"   {sum(copied.values()):,} rows in {len(copied)} tables; migrate {migrated - started:.1f} s, "
        f"copy {loaded - migrated:.1f} s, update_index {indexed - loaded:.1f} s ({entries:,} index "
        f"entries), vacuum + checks {time.monotonic() - indexed:.1f} s",
        flush=True,
    )
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a SQLite dataset, e.g. var/bench/main-100.sqlite3")
    parser.add_argument("database", help="the PostgreSQL database to (re)create, e.g. medcms_bench_main_100")
    parser.add_argument(
        "--kind",
        choices=["main", "stock"],
        help="whose schema (default: from the file name, main-N / stock-N)",
    )
    parser.add_argument("--force", action="store_true", help="copy even when the database already is a copy")
    args = parser.parse_args()
    kind = args.kind or args.source.name.split("-")[0]
    if kind not in ("main", "stock"):
        parser.error("give --kind main or --kind stock")
    if reason := postgres_unavailable():
        sys.exit(reason)
    copy_dataset(args.source.resolve(), args.database, kind, force=args.force)


if __name__ == "__main__":
    main()
