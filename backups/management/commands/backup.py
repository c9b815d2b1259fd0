"""`manage.py backup [--output-dir DIR]`: the database and MEDIA_ROOT into one verified backup directory."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from backups.manifest import BackupError
from backups.services import create_backup


def add_lang_argument(parser) -> None:
    parser.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES], default=settings.LANGUAGE_CODE,
                        help="language of the messages (zh-hans by default, en)")


class Command(BaseCommand):
    help = "备份数据库与上传的附件（MEDIA_ROOT）：PostgreSQL 用 pg_dump 自定义格式，SQLite 用备份 API；附带 SHA-256 清单"

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=None,
                            help="where the backup directory is created (settings.BACKUP_ROOT by default)")
        parser.add_argument("--name", default=None, help="the backup directory's name (wanian-<db>-<time> by default)")
        parser.add_argument("--database", default="default", help="the database alias to back up")
        parser.add_argument("--media-root", type=Path, default=None, help="MEDIA_ROOT by default")
        add_lang_argument(parser)

    def handle(self, *args, output_dir, name, database, media_root, lang, **options):
        with translation.override(lang):
            try:
                path, manifest, timings = create_backup(output_dir or Path(settings.BACKUP_ROOT), alias=database,
                                                        media_root=media_root, name=name)
            except BackupError as error:
                raise CommandError(str(error)) from None
            parts = "，".join(f"{part} {entry['bytes']:,} B" for part, entry in manifest["parts"].items())
            self.stdout.write(self.style.SUCCESS(_("备份完成：%(path)s") % {"path": path}))
            self.stdout.write(_("数据库 %(database)s（%(engine)s），附件 %(files)s 个；%(parts)s；用时 %(seconds)s 秒")
                              % {"database": manifest["database"], "engine": manifest["engine"],
                                 "files": manifest["media_files"], "parts": parts,
                                 "seconds": round(sum(timings.seconds.values()), 1)})
            if options["verbosity"] > 1:
                self.stdout.write(str(timings.seconds))
