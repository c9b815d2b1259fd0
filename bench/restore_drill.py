#!/usr/bin/env python
"""Restore drill on a large data set: back it up (manage.py backup's code), restore it into a new database and a
new media directory, and compare the copy's dashboard figures with the source's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_1m .venv/bin/python bench/restore_drill.py \
        --target restore_1m --out /var/tmp/wanian-drill [--jobs 2] [--keep]

The source database is only read (pg_dump, the figures); the target database is created (refused if it holds
tables) and dropped at the end unless --keep. Printed: the backup's time and size per part, the checksum
verification's time, the restore's time (pg_restore --jobs, then the manifest's counts and migrations checked),
the figures compared, and the machine's load average before and after.
"""
import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="the database restored into (same server)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "wanian-restore-drill")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="keep the backup and the restored database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connections

    from backups import manifest as manifests
    from backups.services import create_backup, restore_backup
    from cases.models import Court
    from stats import metrics
    from stats.filters import StatsFilter

    def load() -> str:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())

    def figures():
        """The 2024 KPI figures of the busiest court and of every court together (the province)."""
        from django.db.models import Count

        from cases.models import EnforcementCase

        busiest = EnforcementCase.objects.values("court").annotate(n=Count("id")).order_by("-n", "court")[0]["court"]
        year = dict(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
        return {"court": metrics.compute(StatsFilter(**year, courts=(busiest,)), metrics.KPI_NAMES),
                "province": metrics.compute(StatsFilter(**year, courts=tuple(Court.objects.values_list("pk", flat=True))),
                                            metrics.KPI_NAMES)}

    source = connections["default"].settings_dict["NAME"]
    print(f"source {source}, target {args.target}, pg_restore --jobs {args.jobs}; load average {load()}")
    shutil.rmtree(args.out, ignore_errors=True)
    media = args.out / "source-media"  # the data set has no uploads: a few files stand in for them
    (media / "documents").mkdir(parents=True)
    for n in range(20):
        (media / "documents" / f"{n}.pdf").write_bytes(os.urandom(200_000))

    started = time.monotonic()
    path, manifest, timings = create_backup(args.out, media_root=media, name="backup")
    backup_seconds = time.monotonic() - started
    sizes = {part: entry["bytes"] for part, entry in manifest["parts"].items()}
    print(f"backup {backup_seconds:.1f} s {timings.seconds}; parts {sizes}; "
          f"{manifest['counts']['cases.EnforcementCase']:,} enforcement cases; load average {load()}")

    started = time.monotonic()
    manifests.verify(path)
    print(f"verification alone (sha256 of every part): {time.monotonic() - started:.1f} s")

    before = figures()
    started = time.monotonic()
    _, timings = restore_backup(path, target=args.target, media_root=args.out / "restored-media", jobs=args.jobs)
    restore_seconds = time.monotonic() - started
    print(f"restore {restore_seconds:.1f} s {timings.seconds}; load average {load()}")

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = args.target
    after = figures()
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = source
    same = before == after
    for scope, shown in after.items():
        print(f"{scope}: 2024 KPI figures on the copy {'equal' if shown == before[scope] else 'DIFFER from'} the "
              "source's: " + ", ".join(f"{name} {m.value}" for name, m in shown.items()))
    if not args.keep:
        from backups.engines import _connect
        from psycopg2 import sql

        conn = _connect(connections["default"].settings_dict, "postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(args.target)))
        conn.close()
        shutil.rmtree(args.out, ignore_errors=True)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
