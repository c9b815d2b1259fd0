"""One backup = one directory: the database (a pg_dump custom-format archive, or an SQLite copy made with the
backup API), a tar of MEDIA_ROOT, and manifest.json, written last. The manifest names each part with its size and
sha256, the schema's migration state and the row counts of the key tables, taken in the same snapshot as the dump.

A backup is written into `<name>.partial` and renamed when complete, so a directory without `.partial` and with a
manifest is whole; `verify()` checks every part against the manifest before anything is restored.
"""
import hashlib
import json
import tarfile
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = "wanian-exec-backup/1"
MANIFEST = "manifest.json"
MEDIA_PART = "media.tar"
PG_PART = "database.dump"
SQLITE_PART = "database.sqlite3"

# The tables whose row counts are recorded at backup and compared after a restore (app_label.Model).
KEY_MODELS = (
    "cases.Court", "cases.User", "cases.EnforcementCase", "cases.LitigationCase", "cases.Party", "cases.CaseEvent",
    "cases.FundEntry", "cases.Todo", "sanctions.Sanction", "sanctions.TravelImport", "sanctions.TravelRecord",
    "sanctions.Violation", "pushes.PushItem", "pushes.PushFeedback", "documents.Document", "imports.ImportJob",
)


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is for the operator (translated)."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def part_entry(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "sha256": sha256(path)}


def key_tables() -> dict[str, str]:
    """label → database table of each key model."""
    from django.apps import apps

    return {label: apps.get_model(label)._meta.db_table for label in KEY_MODELS}


def write_media_tar(media_root: Path, target: Path) -> int:
    """Every file under media_root into an uncompressed tar (photos and PDFs are compressed already); the number
    of files. A missing media directory is an empty tar."""
    count = 0
    with tarfile.open(target, "w") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    count += 1
    return count


def extract_media_tar(source: Path, media_root: Path) -> int:
    """The tar's files under media_root (the `data` filter refuses absolute paths, `..` and links out of it)."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r") as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        tar.extractall(media_root, members=members, filter="data")
    return len(members)


def write(directory: Path, manifest: dict) -> None:
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")


def load(directory: Path) -> dict:
    if directory.name.endswith(".partial"):
        raise BackupError(_("备份 %(path)s 未完成（.partial）：备份过程中断，不能用于恢复") % {"path": directory})
    if not directory.is_dir():
        raise BackupError(_("找不到备份目录 %(path)s") % {"path": directory})
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(_("备份 %(path)s 不完整：缺少 manifest.json") % {"path": directory})
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(_("备份 %(path)s 的 manifest.json 已损坏") % {"path": directory}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("备份 %(path)s 的格式 %(format)s 无法识别（应为 %(expected)s）")
                          % {"path": directory, "format": manifest.get("format"), "expected": FORMAT})
    return manifest


def verify(directory: Path) -> dict:
    """The manifest, once every part it names is present with its recorded size and sha256; BackupError naming the
    first part that is missing or differs."""
    manifest = load(directory)
    parts = manifest.get("parts") or {}
    expected_db = PG_PART if manifest.get("engine") == "postgresql" else SQLITE_PART
    for required in (expected_db, MEDIA_PART):
        if required not in parts:
            raise BackupError(_("备份 %(path)s 不完整：清单中没有 %(part)s") % {"path": directory, "part": required})
    for name, entry in sorted(parts.items()):
        path = directory / name
        if not path.is_file():
            raise BackupError(_("备份 %(path)s 不完整：缺少 %(part)s") % {"path": directory, "part": name})
        size = path.stat().st_size
        if size != entry["bytes"]:
            raise BackupError(_("备份文件 %(part)s 大小不符（%(actual)s 字节，清单记为 %(expected)s 字节）：备份不完整或已被改动")
                              % {"part": name, "actual": size, "expected": entry["bytes"]})
        if sha256(path) != entry["sha256"]:
            raise BackupError(_("备份文件 %(part)s 的 SHA-256 校验值与清单不符：备份已损坏或被改动，拒绝恢复")
                              % {"part": name})
    return manifest
