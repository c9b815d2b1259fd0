"""`manage.py restore BACKUP_DIR --target-database NAME --media-root DIR`: verify a backup's checksums, restore it
into an empty database and media directory, and check the copy against the manifest (`--check-only`: verify)."""
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from backups import manifest as manifests
from backups.manifest import BackupError
from backups.services import restore_backup

from .backup import add_lang_argument


class Command(BaseCommand):
    help = "从备份恢复数据库与附件：先校验 SHA-256，恢复到指定的空数据库和附件目录，再与清单核对行数和迁移状态"

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup directory (made by manage.py backup)")
        parser.add_argument("--target-database", help="PostgreSQL: a database name on the same server "
                            "(created if missing); SQLite: a file path")
        parser.add_argument("--media-root", type=Path, help="the directory the files are restored into")
        parser.add_argument("--database", default="default",
                            help="the alias whose server (host, port, user) receives the restore")
        parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="pg_restore --jobs")
        parser.add_argument("--force", action="store_true",
                            help="restore over a database or media directory that is not empty")
        parser.add_argument("--check-only", action="store_true", help="only verify the backup's checksums")
        add_lang_argument(parser)

    def handle(self, *args, backup, target_database, media_root, database, jobs, force, check_only, lang, **options):
        with translation.override(lang):
            try:
                if check_only:
                    manifest = manifests.verify(backup)
                    self.stdout.write(self.style.SUCCESS(_("备份 %(path)s 完整：各部分的 SHA-256 与清单一致")
                                                         % {"path": backup}))
                    return
                if not target_database or not media_root:
                    raise CommandError(_("请用 --target-database 指定目标数据库，用 --media-root 指定附件目录"))
                manifest, timings = restore_backup(backup, target=target_database, media_root=media_root,
                                                   alias=database, jobs=jobs, force=force)
            except BackupError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(self.style.SUCCESS(
                _("恢复完成：%(target)s，附件目录 %(media)s；备份时间 %(created)s，%(cases)s 件执行案件，附件 %(files)s 个，"
                  "行数与迁移状态与清单一致") % {"target": target_database, "media": media_root,
                                        "created": manifest["created_at"],
                                        "cases": manifest["counts"].get("cases.EnforcementCase"),
                                        "files": manifest["media_files"]}))
            self.stdout.write(_("用时 %(seconds)s 秒（%(steps)s）") % {
                "seconds": round(sum(timings.seconds.values()), 1),
                "steps": "，".join(f"{step} {seconds} s" for step, seconds in timings.seconds.items())})
