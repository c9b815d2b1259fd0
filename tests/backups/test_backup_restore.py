"""manage.py backup / restore: what a backup holds, and what a restore refuses — a partial or altered backup, a
database or media directory that is not empty — with a Chinese message by default and an English one with --lang."""
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from backups import manifest as manifests

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup(small_court, tmp_path, media_root):
    if connections["default"].vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump / pg_restore are not installed")
    call_command("backup", output_dir=tmp_path / "backups", name="b")
    return tmp_path / "backups" / "b"


def _restore(backup, target, media, *options, **kwargs):
    call_command("restore", backup, *options, target_database=target, media_root=media, **kwargs)


def test_a_backup_holds_the_database_the_files_and_a_manifest_of_both(backup, small_court):
    cases, document = small_court
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    engine = connections["default"].vendor
    assert manifest["engine"] == engine
    assert manifest["counts"]["cases.EnforcementCase"] == len(cases)
    assert manifest["counts"]["documents.Document"] == 1
    assert manifest["media_files"] == 1
    assert "0001_initial" in manifest["migrations"]["cases"]
    db_part = manifests.PG_PART if engine == "postgresql" else manifests.SQLITE_PART
    for part in (db_part, manifests.MEDIA_PART):
        assert manifest["parts"][part]["sha256"] == manifests.sha256(backup / part)
    assert not list(backup.parent.glob("*.partial"))


def test_an_altered_part_is_refused_before_anything_is_restored(backup, tmp_path, drill_database):
    # given one byte of the media tar changed (same size)
    tar = backup / manifests.MEDIA_PART
    data = bytearray(tar.read_bytes())
    data[600] ^= 0xFF
    tar.write_bytes(bytes(data))
    # then the restore refuses it, in Chinese, and nothing is written
    with pytest.raises(CommandError, match="media.tar 的 SHA-256 校验值与清单不符"):
        _restore(backup, drill_database, tmp_path / "restored-media")
    with pytest.raises(CommandError, match="SHA-256 checksum of media.tar does not match"):
        _restore(backup, drill_database, tmp_path / "restored-media", lang="en")
    assert not (tmp_path / "restored-media").exists()
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", backup, check_only=True)


def test_a_partial_backup_is_refused(backup, tmp_path, drill_database):
    (backup / manifests.MEDIA_PART).unlink()
    with pytest.raises(CommandError, match="不完整：缺少 media.tar"):
        _restore(backup, drill_database, tmp_path / "restored-media")
    (backup / "manifest.json").unlink()
    with pytest.raises(CommandError, match="missing manifest.json"):
        _restore(backup, drill_database, tmp_path / "restored-media", lang="en")
    interrupted = backup.with_name("c.partial")
    backup.rename(interrupted)
    with pytest.raises(CommandError, match="未完成"):
        _restore(interrupted, drill_database, tmp_path / "restored-media")


def test_a_database_or_media_directory_that_is_not_empty_is_kept_unless_forced(backup, tmp_path, drill_database):
    media = tmp_path / "restored-media"
    _restore(backup, drill_database, media)
    # a second restore onto the same places is refused, database first (media emptied to reach it)
    with pytest.raises(CommandError, match="附件目录 .* 不是空目录"):
        _restore(backup, drill_database, media)
    with pytest.raises(CommandError, match="目标数据库 .* 不是空库"):
        _restore(backup, drill_database, tmp_path / "other-media")
    with pytest.raises(CommandError, match="is not empty"):
        _restore(backup, drill_database, tmp_path / "other-media", lang="en")
    # with --force it is restored over
    _restore(backup, drill_database, media, force=True)
    assert len(list(media.rglob("*.pdf"))) == 1
