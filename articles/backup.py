"""Whole-site backup and restore: the database and the local media tree in one `.tar.gz`.

Used by `manage.py backup_site` / `restore_site` (`make backup`, `make restore`). The archive holds

    manifest.json       format version, creation time, database vendor, versions, row counts
    database.sqlite3    SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump     PostgreSQL: `pg_dump --format=custom`
    media/...           MEDIA_ROOT (absent when media live in S3: the bucket's own versioning applies)

The database is copied before the media tree: uploads never overwrite files, so every file the
dump refers to is already on disk when the tree is archived (later uploads are merely extra files).
Archives contain password hashes and consent records: they are written with mode 0600.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

import wagtail
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

FORMAT = "medcms-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot proceed; the message says why and what to do."""


@dataclass
class Outcome:
    archive: Path
    manifest: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def counted_models() -> dict[str, Any]:
    """The rows a restore must bring back, by label (also the manifest's `counts`)."""
    from articles.models import ReviewRecord

    return {
        "pages": Page,
        "revisions": Revision,
        "review_records": ReviewRecord,
        "page_log_entries": PageLogEntry,
        "model_log_entries": ModelLogEntry,
    }


def current_counts() -> dict[str, int]:
    return {label: model.objects.count() for label, model in counted_models().items()}


def default_archive_path() -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"medcms-{stamp}.tar.gz"


def media_is_local() -> bool:
    return isinstance(default_storage, FileSystemStorage)


# --- Backup --------------------------------------------------------------------------------------


def create_backup(archive: Path | None = None) -> Outcome:
    archive = Path(archive or default_archive_path()).resolve()
    vendor = connection.vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor!r}.")
    if Page._meta.db_table not in database_contents():
        raise BackupError(
            f"Nothing to back up: the {vendor} database {connection.settings_dict['NAME']} has no "
            "site tables (run `make migrate` first, or check DATABASE_URL)."
        )
    archive.parent.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix=".medcms-backup-", dir=archive.parent) as staging:
        dump = Path(staging) / DUMP_FILES[vendor]
        counts = _dump_sqlite(dump) if vendor == "sqlite" else _dump_postgresql(dump)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "file": DUMP_FILES[vendor]},
            "versions": {
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "python": sys.version.split()[0],
            },
            "counts": counts,
            "media": _media_summary(),
        }
        if not manifest["media"]["included"]:
            notes.append(f"Media not included: {manifest['media']['reason']}")
        (Path(staging) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial = Path(staging) / "archive.tar.gz"
        # Only the owner may read it: it holds password hashes and case-story consent records.
        with _private_file(partial) as fileobj, tarfile.open(fileobj=fileobj, mode="w:gz") as tar:
            tar.add(Path(staging) / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            if manifest["media"]["included"] and Path(settings.MEDIA_ROOT).is_dir():
                tar.add(Path(settings.MEDIA_ROOT), arcname=MEDIA_DIR)
        os.replace(partial, archive)  # never a half-written archive under the final name
    return Outcome(archive=archive, manifest=manifest, notes=notes)


def _dump_sqlite(target: Path) -> dict[str, int]:
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db() or not Path(name).exists():
        raise BackupError(f"No SQLite database file to back up at {name!r}.")
    # The online backup API copies a consistent state even while the server keeps writing.
    source = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # Count in the copy itself, so the manifest describes exactly what the archive holds.
        return {
            label: copy.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"').fetchone()[0]
            for label, model in counted_models().items()
        }
    finally:
        copy.close()
        source.close()


def _dump_postgresql(target: Path) -> dict[str, int]:
    _require_tool("pg_dump")
    # Count and dump the same snapshot: pg_dump joins the transaction's exported snapshot.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = current_counts()
        _run_pg_tool(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return counts


def _media_summary() -> dict[str, Any]:
    if not media_is_local():
        backend = f"{type(default_storage).__module__}.{type(default_storage).__name__}"
        return {
            "included": False,
            "reason": f"media are stored by {backend}; that bucket's own versioning and backups apply",
        }
    root = Path(settings.MEDIA_ROOT)
    files = [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
    return {"included": True, "files": len(files), "bytes": sum(path.stat().st_size for path in files)}


@contextmanager
def _private_file(path: Path) -> Iterator[Any]:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as fileobj:
        yield fileobj


# --- Restore -------------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    """The archive's manifest, checked against this site's database vendor."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member) if member else None
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive} is not a readable site backup ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a site backup (no {FORMAT} manifest).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} has backup format {manifest.get('format_version')!r}; "
            f"this version of the site reads format {FORMAT_VERSION}."
        )
    vendor = manifest.get("database", {}).get("vendor")
    if vendor != connection.vendor:
        raise BackupError(
            f"{archive} holds a {vendor} database; this site is configured for {connection.vendor} "
            "(DATABASE_URL). Restore it into a site with the same database vendor."
        )
    return manifest


def database_contents() -> list[str]:
    """The tables present in the configured database (empty: safe to restore into)."""
    if connection.vendor == "sqlite" and not Path(str(connection.settings_dict["NAME"])).exists():
        return []
    try:
        with connection.cursor() as cursor:
            return connection.introspection.table_names(cursor)
    except DatabaseError as exc:
        raise BackupError(
            f"Cannot open the database {connection.settings_dict['NAME']!r} ({exc}). Check "
            "DATABASE_URL; to restore into a new PostgreSQL database, create it first (createdb)."
        ) from exc


def restore_backup(archive: Path, *, force: bool = False) -> Outcome:
    archive = Path(archive).resolve()
    manifest = read_manifest(archive)
    tables = database_contents()
    if tables and not force:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables). Restoring replaces all of its "
            "content and the media: pass --force (make restore FORCE=1) to do that."
        )
    notes: list[str] = []
    media_root = Path(settings.MEDIA_ROOT)
    restore_media = bool(manifest.get("media", {}).get("included"))
    if restore_media and not media_is_local():
        restore_media = False
        notes.append(
            "Media not restored: this site stores media in object storage. The archive's media/ "
            "folder holds the files if you need to upload them yourself."
        )
    # Unpack next to MEDIA_ROOT so the media swap below is a rename on one file system.
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".medcms-restore-", dir=media_root.parent) as staging:
        staging_dir = Path(staging)
        _extract(archive, staging_dir, manifest, with_media=restore_media)
        dump = staging_dir / manifest["database"]["file"]
        if connection.vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
        if restore_media:
            _swap_media(staging_dir / MEDIA_DIR, media_root, staging_dir)
    _content_changed()
    restored = current_counts()
    if restored != manifest["counts"]:
        raise BackupError(
            f"The restored database does not match the archive: expected {manifest['counts']}, "
            f"found {restored}."
        )
    return Outcome(archive=archive, manifest=manifest, notes=notes)


def _extract(archive: Path, staging: Path, manifest: dict[str, Any], *, with_media: bool) -> None:
    dump_name = manifest["database"]["file"]
    if dump_name not in DUMP_FILES.values():
        raise BackupError(f"Unexpected database file {dump_name!r} in the manifest.")
    with tarfile.open(archive, "r:gz") as tar:
        members = []
        for member in tar.getmembers():
            top = member.name.split("/", 1)[0]
            if member.name in (MANIFEST, dump_name) or (with_media and top == MEDIA_DIR):
                members.append(member)
        if dump_name not in {member.name for member in members}:
            raise BackupError(f"{archive} has no {dump_name}.")
        # The "data" filter refuses absolute paths, links leaving the tree and device files.
        tar.extractall(staging, members=members, filter="data")
    if with_media:
        (staging / MEDIA_DIR).mkdir(exist_ok=True)  # an archive of an empty media tree


def _restore_sqlite(dump: Path) -> None:
    target = Path(str(connection.settings_dict["NAME"]))
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    destination = sqlite3.connect(target)
    try:
        # One step: the destination is replaced as a whole, under its own write lock.
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _restore_postgresql(dump: Path) -> None:
    _require_tool("pg_restore")
    connections.close_all()
    # One transaction: a failure leaves the database as it was. Objects are created by the
    # connecting role (--no-owner), whatever role owned them on the source server.
    _run_pg_tool(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
        ],
        file=dump,
    )


def _swap_media(new: Path, media_root: Path, staging: Path) -> None:
    old = staging / "previous-media"
    if media_root.exists():
        try:
            media_root.rename(old)
        except OSError:
            # A mount point cannot be renamed: replace its contents instead.
            for child in media_root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            for child in new.iterdir():
                shutil.move(str(child), media_root / child.name)
            return
    new.rename(media_root)
    os.chmod(media_root, 0o755)  # mkdtemp's 0700 would hide media from a separate web-server user


def _content_changed() -> None:
    # Cached API responses (Redis) and Last-Modified describe the replaced content.
    from api.freshness import mark_content_changed

    mark_content_changed()


# --- PostgreSQL client tools -------------------------------------------------------------------------


def _require_tool(name: str) -> None:
    if shutil.which(name) is None:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the server's "
            "major version or newer (Debian/Ubuntu: apt-get install postgresql-client)."
        )


def _run_pg_tool(command: list[str], *, file: Path | None = None) -> None:
    db = connection.settings_dict
    env = {**os.environ}
    # The password goes through the environment, never the command line (visible in `ps`).
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("connect_timeout", "PGCONNECT_TIMEOUT")):
        if option in options:
            env[variable] = str(options[option])
    args = list(command)
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{flag}={db[key]}")
    args.append(f"--dbname={db['NAME']}")
    if file is not None:
        args.append(str(file))
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed (exit {result.returncode}):\n{result.stderr.strip()}")
