#!/usr/bin/env python
"""Benchmark of the go-live import of enforcement cases (imports app, kind `enforcement_cases`) on PostgreSQL.

Not a test: a script that reproduces the figures of bench/README.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wanian_bench_import \
        .venv/bin/python bench/import_cases.py --cases 100000
    # --format xlsx writes the file as Excel; --file PATH keeps it; --write-only only writes the file

It (1) creates the database if missing, migrates it and empties it; (2) writes a file of N cases in the template's
columns (streamed: the generator holds one row at a time): one applicant of its own per case and one or two
debtors (every fifth a company with a credit code) — 2.5 parties a case — with filing dates over 2015–2025,
40% still open, 45% closed as 终本 with every measure date, 15% 执行完毕 with money recovered; (3) times the import
the way the task runs it (`imports.services.runner.import_run`: the validation pass, then the write pass in one
transaction) and reports the process's peak RSS; (4) imports the same file again (every row unchanged).
"""
import argparse
import csv
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wanian_exec.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

COURT = "赣1129"
HEADERS = ["案号", "立案日期", "执行依据", "申请执行标的", "承办人", "申请执行人", "申请执行人证件号码", "被执行人",
           "被执行人证件号码", "执行到位金额", "结案方式", "结案日期", "执行通知书送达日期", "报告财产令送达日期",
           "限制消费令日期", "纳入失信日期", "最近网络查控日期", "听取申请人意见日期"]
JUDGES = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--write-only", action="store_true")
    return parser.parse_args()


def resident_id(n: int) -> str:
    from cases.identity import resident_id_check_char

    birth = dt.date(1950, 1, 1) + dt.timedelta(days=n % 18000)  # unique for n < 18,000,000
    first17 = f"361129{birth:%Y%m%d}{n // 18000 % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def credit_code(n: int) -> str:
    from cases.identity import credit_code_check_char, org_code_check_char

    body = f"MA{n:06d}"
    org = body + org_code_check_char(body)
    first17 = f"91361129{org}"
    return first17 + credit_code_check_char(first17)


def rows(cases: int):
    """The file's rows, one at a time. Identity numbers are unique: person n uses n as its serial part."""
    sequences: dict = {}
    for i in range(cases):
        filed = dt.date(2015, 1, 5) + dt.timedelta(days=(i * 37) % 3950)
        sequences[filed.year] = sequences.get(filed.year, 0) + 1
        number = f"（{filed.year}）{COURT}执{sequences[filed.year]}号"
        claimed = 5000 + (i * 7919) % 500000
        debtors = [(f"被执行人{i}", resident_id(3 * i + 1))]
        if i % 2:
            debtors.append((f"某某有限公司{i}", credit_code(i)) if i % 5 == 1 else (f"被执行人{i}乙",
                                                                               resident_id(3 * i + 2)))
        kind = i % 20
        day = lambda n: (filed + dt.timedelta(days=n)).isoformat()  # noqa: E731
        row = [number, filed.isoformat(), f"（{filed.year - 1}）{COURT}民初{i + 1}号民事判决书", f"{claimed}.00",
               f"judge{i % JUDGES}", f"申请人{i}", resident_id(3 * i + 3), "、".join(n for n, _ in debtors),
               "、".join(c for _, c in debtors)]
        if kind < 8:  # open
            row += ["", "", "", day(3), day(3), "", "", day(20), ""]
        elif kind < 17:  # 终本 with every measure
            row += [f"{claimed // 10}.00", "终结本次执行程序", day(120), day(3), day(3), day(10), day(30), day(100),
                    day(110)]
        else:  # performed
            row += [f"{claimed}.00", "执行完毕", day(60), day(3), day(3), "", "", day(20), ""]
        yield [filed, *row]


def write_file(path: Path, cases: int, fmt: str) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADERS)
            for row in rows(cases):
                writer.writerow(row[1:])
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(HEADERS)
        for row in rows(cases):
            sheet.append(row[1:])
        book.save(path)


def main():
    args = parse_args()
    path = args.file or Path(tempfile.gettempdir()) / f"import_cases_{args.cases}.{args.format}"
    started = time.perf_counter()
    if args.write_only or not path.exists():
        import django

        django.setup()
        write_file(path, args.cases, args.format)
        print(f"wrote {args.cases:,} cases to {path} ({path.stat().st_size / 2 ** 20:.1f} MB) "
              f"in {time.perf_counter() - started:.1f}s", flush=True)
        if args.write_only:
            return
    from scale.db import ensure_database, wipe

    ensure_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from cases.models import Court, EnforcementCase, Party, User
    from tests.factories import UserFactory

    with transaction.atomic(), connection.cursor() as cursor:
        wipe(cursor)
    court = Court.objects.create(code=COURT, name="万年县人民法院")
    admin = UserFactory(court=court, username="bench_admin", roles=["court_admin"])
    for j in range(JUDGES):
        UserFactory(court=court, username=f"judge{j}", full_name=f"法官{j}", roles=["enforcement_judge"])
    from imports.services.runner import import_job_create, import_run

    def run(label):
        # with no broker configured the outbox runs the task in this process when the upload commits (as the
        # embedded default does); with one, the worker does — import_run is the task's body either way
        started = time.perf_counter()
        with path.open("rb") as handle:
            job = import_job_create(court=court, actor=admin, kind="enforcement_cases",
                                    upload=File(handle, name=path.name))
        status = import_run(job_id=job.pk)  # "skipped" when the commit already ran it
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        status = job.status
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {status} in {seconds:.1f}s — counts {job.counts}, errors {job.errors_total}, "
              f"peak RSS {peak:.0f} MB", flush=True)
        if job.errors:
            print(job.errors[:5])
        return job

    first = run("import")
    print(f"  summary {first.summary}")
    print(f"  cases {EnforcementCase.objects.count():,}, parties {Party.objects.count():,}, "
          f"users {User.objects.count()}", flush=True)
    run("same file again")


if __name__ == "__main__":
    main()
