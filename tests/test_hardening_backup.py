"""`manage.py backup_site` / `restore_site` (`make backup`, `make restore`) round-trip the demo site.

The commands run in subprocesses against a scratch site of the backend under test (a temporary
SQLite file, or a scratch PostgreSQL database on the test server) with its own MEDIA_ROOT, as an
operator would run them: pytest's own SQLite test database lives in memory, and a restore has to
replace a whole database, which a test transaction cannot contain.

The subprocesses run without REDIS_URL, so no response cache can hide a restore that went wrong.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from django.db import connection

from articles import backup

ROOT = Path(__file__).resolve().parent.parent
SCRATCH_PG_DATABASE = "medcms_backup_scratch"
API_KINDS = ("articles", "case-stories", "guides")


# --- Runs inside the scratch site ------------------------------------------------------------------


def site_state() -> None:
    """Print (as JSON) everything the round trip must keep. Run by `python -c` in the scratch site,
    after `django.setup()`.

    With the argument `seed`, first log an edit of a snippet: the demo loader writes page log
    entries only, and model log entries must survive too.
    """
    from django.core.files.storage import default_storage
    from django.test import Client

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry, PageLogEntry, Revision

    from articles.models import Reference, ReviewRecord

    if sys.argv[1:] == ["seed"]:
        log(instance=Reference.objects.order_by("pk").first(), action="wagtail.edit")

    client = Client(HTTP_HOST="localhost")
    api: dict[str, str] = {}
    for kind in API_KINDS:
        listing = client.get(f"/api/v1/{kind}/?limit=100")
        assert listing.status_code == 200, listing.content[:300]
        api[kind] = listing.content.decode()
        results = listing.json()["results"]
        assert len(results) == listing.json()["count"]
        for item in results:
            detail = client.get(f"/api/v1/{kind}/{item['slug']}/")
            assert detail.status_code == 200, detail.content[:300]
            api[f"{kind}/{item['slug']}"] = detail.content.decode()

    files = [image.file.name for image in get_image_model().objects.all()]
    files += [document.file.name for document in get_document_model().objects.all()]
    files += [
        rendition.file.name
        for image in get_image_model().objects.all()
        for rendition in image.renditions.all()
    ]
    state = {
        "api": api,
        "counts": backup.current_counts(),
        "revisions": [
            [
                rev.pk,
                rev.object_id,
                rev.created_at.isoformat(),
                hashlib.sha256(json.dumps(rev.content).encode()).hexdigest(),
            ]
            for rev in Revision.objects.order_by("pk")
        ],
        "review_records": list(
            ReviewRecord.objects.order_by("pk").values_list(
                "pk", "revision_id", "content_hash", "published_at"
            )
        ),
        "log_entries": [
            [type(entry).__name__, entry.pk, entry.action, entry.timestamp.isoformat()]
            for model in (PageLogEntry, ModelLogEntry)
            for entry in model.objects.order_by("pk")
        ],
        "missing_files": [name for name in files if not default_storage.exists(name)],
    }
    print(json.dumps(state, default=str))


# --- The scratch site -------------------------------------------------------------------------------


@dataclass
class ScratchSite:
    env: dict[str, str]
    media_root: Path
    wipe_database: Callable[[], None]

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        if check:
            assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-3000:])
        return result

    def state(self, *args: str) -> dict[str, Any]:
        code = (
            "import django; django.setup(); from tests.test_hardening_backup import site_state; site_state()"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    def media_digest(self) -> dict[str, str]:
        return {
            str(path.relative_to(self.media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.media_root.rglob("*"))
            if path.is_file()
        }


def _base_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        # The development settings, as `make backup` uses them: they read MEDIA_ROOT from the
        # environment (the test settings make a fresh temporary media folder per process).
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "API_THROTTLE_ANON": "off",
        "LOG_LEVEL": "WARNING",
    }
    for name in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "API_RESPONSE_CACHE"):
        env.pop(name, None)
    return env


def _pg_tool(*args: str) -> None:
    db = connection.settings_dict
    env = {**os.environ, **({"PGPASSWORD": str(db["PASSWORD"])} if db.get("PASSWORD") else {})}
    target = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"] or "postgres"]
    subprocess.run([args[0], *target, *args[1:]], env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture
def scratch_site(tmp_path: Path):
    env = _base_env(tmp_path)
    if connection.vendor == "postgresql":
        missing = [tool for tool in ("pg_dump", "pg_restore", "createdb", "dropdb") if not shutil.which(tool)]
        if missing:
            pytest.skip(f"PostgreSQL client tools missing ({', '.join(missing)}): backups need pg_dump.")
        db = connection.settings_dict
        credentials = quote(db["USER"] or "postgres") + (
            f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
        )
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{credentials}@{host}/{SCRATCH_PG_DATABASE}"

        def wipe() -> None:
            _pg_tool("dropdb", "--if-exists", "--force", SCRATCH_PG_DATABASE)
            _pg_tool("createdb", SCRATCH_PG_DATABASE)

        wipe()
        try:
            yield ScratchSite(env=env, media_root=tmp_path / "media", wipe_database=wipe)
        finally:
            _pg_tool("dropdb", "--if-exists", "--force", SCRATCH_PG_DATABASE)
    else:
        database = tmp_path / "site.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{database}"

        def wipe() -> None:
            for path in tmp_path.glob("site.sqlite3*"):  # with any -wal / -shm files
                path.unlink()

        yield ScratchSite(env=env, media_root=tmp_path / "media", wipe_database=wipe)


# --- Tests ------------------------------------------------------------------------------------------


def test_backup_and_restore_round_trip_the_demo_site(scratch_site: ScratchSite, tmp_path: Path):
    site = scratch_site
    site.manage("migrate", "--noinput")
    site.manage("load_demo_content")
    before = site.state("seed")
    media_before = site.media_digest()
    assert all(before["counts"].values()), before["counts"]
    assert len([key for key in before["api"] if "/" in key]) >= 5  # article, 3 case stories, guide
    assert before["missing_files"] == [] and media_before

    archive = tmp_path / "backups" / "site.tar.gz"
    output = site.manage("backup_site", "--output", str(archive)).stdout
    assert f"Backup written to {archive}" in output
    assert archive.stat().st_mode & 0o777 == 0o600  # password hashes and consent records inside
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["file"] in names
    assert manifest["counts"] == before["counts"]
    assert manifest["media"] == {
        "included": True,
        "files": len(media_before),
        "bytes": sum((site.media_root / name).stat().st_size for name in media_before),
    }
    assert {f"media/{name}" for name in media_before} <= names
    assert {"created_at", "format_version"} <= set(manifest) and manifest["versions"]["wagtail"]

    # A database with content is never overwritten by accident.
    refused = site.manage("restore_site", str(archive), check=False)
    assert refused.returncode != 0 and "--force" in refused.stderr

    # Lose everything, then restore into an empty database and an empty media folder.
    site.wipe_database()
    shutil.rmtree(site.media_root)
    output = site.manage("restore_site", str(archive)).stdout
    assert "restored" in output and f"Media restored: {len(media_before)} files" in output
    after = site.state()
    assert after["api"] == before["api"]  # byte-identical JSON for every live page and listing
    assert after == before
    assert site.media_digest() == media_before

    # Roll back changes made after the backup: --force replaces a database that has content.
    site.manage(
        "shell", "-c", "from articles.models import ReviewRecord; ReviewRecord.objects.all().delete()"
    )
    first_file = site.media_root / next(iter(media_before))
    first_file.unlink()
    (site.media_root / "stray-upload.txt").write_text("uploaded after the backup")
    site.manage("restore_site", "--force", str(archive))
    assert site.state() == before
    assert site.media_digest() == media_before


def _archive_with_manifest(path: Path, manifest: dict[str, Any]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo(backup.MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ({"format": "medcms-backup", "format_version": 1, "database": {"vendor": "oracle"}}, "oracle"),
        ({"format": "medcms-backup", "format_version": 99, "database": {"vendor": "sqlite"}}, "format 99"),
        ({"format": "something-else"}, "not a site backup"),
    ],
)
def test_restore_refuses_an_archive_of_another_vendor_or_format(tmp_path: Path, manifest, message):
    archive = _archive_with_manifest(tmp_path / "other.tar.gz", manifest)
    with pytest.raises(backup.BackupError, match=message):
        backup.read_manifest(archive)


def test_restore_refuses_a_file_that_is_not_an_archive(tmp_path: Path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("not a tarball")
    with pytest.raises(backup.BackupError, match="not a readable site backup"):
        backup.read_manifest(bogus)
