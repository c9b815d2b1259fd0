"""Make a backup (database + media + manifest) and restore one into a named empty database and a media directory.

Order matters: the database snapshot is taken first and the media files tarred after it, so every file a row of
the dump names is in the tar (a file uploaded meanwhile may be in the tar without its row: harmless). A restore
verifies every part's sha256 before it touches anything, then checks the restored copy's key-table counts and
migration state against the manifest.
"""
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from . import engines, manifest as manifests
from .manifest import BackupError


def backup_name(database: str) -> str:
    stem = Path(str(database)).stem if "/" in str(database) else str(database)
    return f"wanian-{stem}-{timezone.localtime():%Y%m%d-%H%M%S}"


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    def lap(self, name: str, started: float) -> float:
        self.seconds[name] = round(time.monotonic() - started, 2)
        return time.monotonic()


def create_backup(output_dir: Path, *, alias: str = "default", media_root: Path | None = None,
                  name: str | None = None) -> tuple[Path, dict, Timings]:
    """The backup directory (complete, renamed from .partial), its manifest and the time of each step."""
    connection = connections[alias]
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(_("不支持的数据库类型：%(vendor)s") % {"vendor": vendor})
    media_root = Path(media_root or settings.MEDIA_ROOT)
    database = str(connection.settings_dict["NAME"])
    final = Path(output_dir) / (name or backup_name(database))
    if final.exists():
        raise BackupError(_("备份目录 %(path)s 已存在") % {"path": final})
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    timings, started = Timings(), time.monotonic()
    created_at = timezone.localtime()
    if vendor == "postgresql":
        db_part = manifests.PG_PART
        counts, migrations = engines.pg_backup(alias, partial / db_part)
    else:
        db_part = manifests.SQLITE_PART
        counts, migrations = engines.sqlite_backup(alias, partial / db_part)
    started = timings.lap("database", started)
    media_files = manifests.write_media_tar(media_root, partial / manifests.MEDIA_PART)
    started = timings.lap("media", started)
    parts = {part: manifests.part_entry(partial / part) for part in (db_part, manifests.MEDIA_PART)}
    timings.lap("checksums", started)
    manifest = {
        "format": manifests.FORMAT,
        "created_at": created_at.isoformat(),
        "engine": vendor,
        "database": database,
        "migrations": migrations,
        "counts": counts,
        "media_files": media_files,
        "parts": parts,
    }
    if vendor == "postgresql":
        manifest["server_version"] = connection.pg_version
    manifests.write(partial, manifest)
    os.replace(partial, final)
    return final, manifest, timings


def _media_is_empty(media_root: Path) -> bool:
    return not media_root.exists() or not any(media_root.iterdir())


def restore_backup(directory: Path, *, target: str, media_root: Path, alias: str = "default", jobs: int = 2,
                   force: bool = False) -> tuple[dict, Timings]:
    """Verify the backup, restore its database into `target` (a PostgreSQL database name on the alias's server,
    or an SQLite file path) and its files under media_root, then check the copy against the manifest."""
    directory, media_root = Path(directory), Path(media_root)
    timings, started = Timings(), time.monotonic()
    manifest = manifests.verify(directory)
    started = timings.lap("verify", started)
    engine = manifest["engine"]
    vendor = connections[alias].vendor
    if engine == "postgresql" and vendor != "postgresql":
        raise BackupError(_("这是 PostgreSQL 的备份，只能恢复到 PostgreSQL（当前数据库为 %(vendor)s）") % {"vendor": vendor})
    if not _media_is_empty(media_root) and not force:
        raise BackupError(_("附件目录 %(path)s 不是空目录：拒绝覆盖；确需覆盖请加 --force") % {"path": media_root})
    if engine == "postgresql":
        engines.pg_prepare(alias, target, force)
        engines.pg_restore(alias, directory / manifests.PG_PART, target, jobs)
        started = timings.lap("database", started)
        counts, migrations = engines.pg_state(alias, target)
    else:
        engines.sqlite_restore(directory / manifests.SQLITE_PART, Path(target), force)
        started = timings.lap("database", started)
        counts, migrations = engines.sqlite_state(Path(target))
    started = timings.lap("counts", started)
    media_files = manifests.extract_media_tar(directory / manifests.MEDIA_PART, media_root)
    started = timings.lap("media", started)
    if migrations != manifest["migrations"]:
        raise BackupError(_("恢复后的迁移状态与备份清单不符：恢复不完整"))
    differing = [label for label, count in manifest["counts"].items() if counts.get(label) != count]
    if differing:
        raise BackupError(_("恢复后的数据行数与备份清单不符：%(tables)s") % {"tables": "、".join(
            f"{label}（{counts.get(label)} ≠ {manifest['counts'][label]}）" for label in differing)})
    if media_files != manifest["media_files"]:
        raise BackupError(_("恢复的附件数 %(actual)s 与备份清单的 %(expected)s 不符")
                          % {"actual": media_files, "expected": manifest["media_files"]})
    timings.lap("check", started)
    return manifest, timings
