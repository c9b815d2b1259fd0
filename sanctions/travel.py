"""Travel records ("big data" trajectories): import, validation, and the match against restrictions in force.

- Input: CSV (UTF-8, a BOM is fine) or Excel .xlsx, header `id_number,name,mode,travelled_on,route,seat_class`
  (any column order; other columns ignored). Row numbers are the file's own: the header is row 1.
- Every row is validated (resident ID with its GB 11643 check digit, name, mode flight|rail|ship|exit, ISO date not in
  the future, lengths). ALL OR NOTHING: one bad row and nothing is imported; the answer lists the bad rows.
- Streamed: rows are parsed one at a time and written in batches — COPY on PostgreSQL (into a session's staging
  table, moved into the records by one INSERT … SELECT), bulk INSERT elsewhere — inside one transaction; memory
  stays flat whatever the file size.
- Once: a journey (ID number, mode, date, route) is recorded once per court — a journey already recorded, or
  repeated within the file, is skipped (ON CONFLICT DO NOTHING on the unique journey; `repeated` counts them) —
  and a file already imported (the same SHA-256) is recognised and not read again (`already`).
- One set-based query then matches the batch against every restriction of the court in force on each travel date
  (INSERT … SELECT … ON CONFLICT DO NOTHING) — the rule of what breaches what is sanctions.rules.travel_breach,
  computed per record at import into `breach`.
"""
import datetime as dt
import hashlib
import io
import time
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.choices import EventKind
from cases.identity import ResidentIdChecker
from cases.services.common import court_today
from cases.services.timeline import record_events
from outbox import enqueue
from wanian_exec.tabular import MiB, Limits, TableRejected, column_map, open_table

from . import rules
from .choices import Breach, SanctionKind, SanctionStatus, TravelImportStatus, TravelMode
from .models import BoundPerson, Sanction, TravelImport, TravelRecord, Violation
from .tasks import enqueue_roster_refresh, run_travel_import

HEADER = ("id_number", "name", "mode", "travelled_on", "route", "seat_class")
REPORTED_ROWS = 500  # bad rows listed in the answer; `rejected_count` counts them all
WRITE_BATCH = 50_000  # rows per COPY / INSERT round trip
MAX_LENGTHS = {"name": 64, "route": 128, "seat_class": 32}
COLUMNS = ("court_id", "batch_id", "row", "id_number", "name", "mode", "travelled_on", "route", "seat_class",
           "train_class", "seat_code", "breach")
JOURNEY = ("court_id", "id_number", "mode", "travelled_on", "route")  # the unique constraint travel_journey_once
STAGE = "travel_record_stage"  # a temporary table of the session, dropped after each import
# What one travel file may hold (wanian_exec.tabular): a province's month of journeys. The worksheet of an .xlsx is
# streamed, so only its time is bounded (by the rows); the parts held in memory keep the reader's default bound.
LIMITS = Limits(max_bytes=256 * MiB, max_decompressed_bytes=1024 * MiB, max_rows=1_000_000, max_columns=50)
# Above this size (an .xlsx: above this many bytes once inflated, eight times as many) a file is stored and
# imported by a job (settings.TRAVEL_IMPORT_SYNC_MAX_BYTES overrides); below it the request answers at once.
SYNC_MAX_BYTES = 2 * MiB
XLSX_INFLATION = 8
PROGRESS_EVERY = 20_000  # rows between two progress reports of a job


@dataclass
class ImportResult:
    imported: int = 0  # journeys recorded by this file
    repeated: int = 0  # valid rows whose journey was already recorded, or repeated in the file
    already: TravelImport | None = None  # the earlier import of this very file: nothing was read
    queued: bool = False  # a big file: stored, and imported by a job (`batch` tells its progress)
    rejected: list = field(default_factory=list)  # [{"row": n, "errors": {field: [messages]}}]
    rejected_count: int = 0
    violations: int = 0
    batch: TravelImport | None = None
    seconds: float = 0.0
    case_ids: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rejected_count == 0 and self.already is None and not self.queued


def file_sha256(upload) -> str:
    """The file's SHA-256, read in chunks; the upload is left at its start."""
    digest = hashlib.sha256()
    stream = getattr(upload, "file", upload)
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def already_imported_message(batch: TravelImport) -> str:
    if batch.status in (TravelImportStatus.QUEUED, TravelImportStatus.RUNNING):
        return _("该文件已于%(when)s提交导入（%(file)s），正在导入，未重复提交。") % {
            "when": timezone.localtime(batch.created_at).strftime("%Y-%m-%d %H:%M"), "file": batch.filename}
    return _("该文件已于%(when)s导入（%(file)s，导入记录%(n)d条，违规出行%(v)d次），未重复导入。") % {
        "when": timezone.localtime(batch.created_at).strftime("%Y-%m-%d %H:%M"), "file": batch.filename,
        "n": batch.rows, "v": batch.violations}


# --- reading ---------------------------------------------------------------------------------------------------


# The file's columns by their Chinese headers (as the police and rail offices write them; the template's) or the
# API's English codes, in any order.
FILE_COLUMNS = {
    "id_number": ("身份证号码", "身份证号", "公民身份号码", "id_number"),
    "name": ("姓名", "name"),
    "mode": ("出行方式", "mode"),
    "travelled_on": ("出行日期", "日期", "travelled_on"),
    "route": ("行程", "航班/车次", "route"),
    "seat_class": ("座位等级", "舱位", "席别", "seat_class"),
}


def _columns(header: list[str], row: int) -> dict[str, int]:
    try:
        return column_map(header, FILE_COLUMNS, required=HEADER)
    except TableRejected as exc:
        raise TableRejected(exc.message, row=row, code=exc.code) from None


# --- validating one row ----------------------------------------------------------------------------------------


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None


MODES = frozenset(TravelMode.values)
# 出行方式 as written in Chinese files, and the codes of the API
_WORDS = {TravelMode.FLIGHT: ("飞机", "航班", "民航"), TravelMode.RAIL: ("铁路", "火车", "高铁", "动车"),
          TravelMode.SHIP: ("轮船", "船舶", "轮渡"), TravelMode.EXIT: ("出境", "出入境")}
MODE_OF = {**{mode: mode for mode in TravelMode.values},
           **{word: mode.value for mode, words in _WORDS.items() for word in words}}
_RAIL = TravelMode.RAIL.value


class RowValidator:
    """Checks one row: (id_number, name, mode, travelled_on, route, seat_class, train_class, seat_code, breach),
    or the errors {field: [messages]}. The rules it applies are cases.identity's (ID, through its ResidentIdChecker)
    and sanctions.rules' (what a journey breaches); this class only makes them cheap to apply a million times."""

    def __init__(self, columns: dict[str, int], today: dt.date):
        self.index = tuple(columns[h] for h in HEADER)
        self.width = max(self.index) + 1
        self.today = today
        self.ids = ResidentIdChecker(today)
        self.dates: dict[str, dt.date | None] = {}

    def _date(self, text: str) -> dt.date | None:
        if text not in self.dates:
            if len(self.dates) > 5000:
                self.dates.clear()
            self.dates[text] = _parse_date(text)
        return self.dates[text]

    def __call__(self, cells: list[str]) -> tuple[tuple | None, dict]:
        if len(cells) < self.width:
            cells = [*cells, *[""] * self.width]
        i_id, i_name, i_mode, i_date, i_route, i_seat = self.index
        id_number = cells[i_id].strip().upper()
        name = cells[i_name].strip()
        written_mode = cells[i_mode].strip()
        mode = MODE_OF.get(written_mode.lower(), written_mode)
        raw_date = cells[i_date].strip()
        route = cells[i_route].strip()
        seat_class = cells[i_seat].strip()
        travelled_on = self._date(raw_date)
        id_errors = self.ids.errors(id_number) if id_number else [_("请填写身份证号码。")]
        if (id_errors or not name or mode not in MODES or travelled_on is None or travelled_on > self.today
                or len(name) > MAX_LENGTHS["name"] or len(route) > MAX_LENGTHS["route"]
                or len(seat_class) > MAX_LENGTHS["seat_class"]):
            return None, self._errors(id_errors, name, mode, raw_date, travelled_on, route, seat_class)
        train_class = rules.train_class_of(route) if mode == _RAIL else ""
        seat_code = rules.seat_code_of(seat_class)
        breach = rules.travel_breach(mode, train_class, seat_code)
        return (id_number, name, mode, travelled_on, route, seat_class, train_class, seat_code, breach), {}

    def _errors(self, id_errors, name, mode, raw_date, travelled_on, route, seat_class) -> dict:
        errors: dict = {}
        if id_errors:
            errors["id_number"] = [str(e) for e in id_errors]
        if not name:
            errors["name"] = [_("请填写姓名。")]
        if mode not in MODES:
            errors["mode"] = [_("出行方式应为飞机、铁路、轮船或出境（或 flight、rail、ship、exit），现为“%(v)s”。")
                              % {"v": mode}]
        if travelled_on is None:
            errors["travelled_on"] = [_("出行日期应为YYYY-MM-DD格式的有效日期，现为“%(v)s”。") % {"v": raw_date}]
        elif travelled_on > self.today:
            errors["travelled_on"] = [_("出行日期不能晚于今天。")]
        for field_, value in (("name", name), ("route", route), ("seat_class", seat_class)):
            if len(value) > MAX_LENGTHS[field_]:
                errors.setdefault(field_, []).append(_("不能超过%(n)d个字符。") % {"n": MAX_LENGTHS[field_]})
        return errors


def validate_row(cells: list[str], columns: dict[str, int], today: dt.date) -> tuple[tuple | None, dict]:
    """One row on its own (tests, single checks); the import reuses one RowValidator for the whole file."""
    return RowValidator(columns, today)(cells)


# --- writing ---------------------------------------------------------------------------------------------------


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_lines(rows: list[tuple]) -> str:
    """COPY's text format; only the free-text columns (name, route, seat) can hold a tab or a newline."""
    return "".join(
        f"{c}\t{b}\t{n}\t{i}\t{name.translate(_COPY_ESCAPES)}\t{m}\t{d.isoformat()}\t{route.translate(_COPY_ESCAPES)}"
        f"\t{seat.translate(_COPY_ESCAPES)}\t{t}\t{sc}\t{br}\n"
        for c, b, n, i, name, m, d, route, seat, t, sc, br in rows)


class _CopyFeed:
    """What COPY … FROM STDIN reads: psycopg2's copy_expert calls read() on the caller's thread and connection, and
    each read takes the next validated rows from the parser and hands them over in COPY's text format. PostgreSQL
    inserts one chunk while this process parses the next (two processes, two cores), with no second thread on
    the connection."""

    def __init__(self, rows):
        self.rows = iter(rows)
        self.current = io.StringIO()
        self.finished = False

    def read(self, size: int = -1) -> str:
        while True:
            text = self.current.read(size)
            if text or self.finished:
                return text
            chunk = list(islice(self.rows, WRITE_BATCH))
            if not chunk:
                self.finished = True
                return ""
            self.current = io.StringIO(_copy_lines(chunk))

    readline = read


def write_records(batch_id: int, rows, *, keep) -> int:
    """Write validated rows (an iterable, consumed as it is parsed), each journey once; returns the journeys
    recorded. On PostgreSQL one COPY into a staging table of the transaction for the whole file, then one
    INSERT … SELECT … ON CONFLICT DO NOTHING into the records; elsewhere a bulk INSERT … ON CONFLICT DO NOTHING per
    batch. `keep()` is asked once the rows are written: False (a bad row was found) and nothing is moved — the
    caller rolls the transaction back."""
    if connection.vendor != "postgresql":
        for chunk in iter(lambda: list(islice(rows, WRITE_BATCH)), []):
            TravelRecord.objects.bulk_create([TravelRecord(**dict(zip(COLUMNS, row))) for row in chunk],
                                             batch_size=2000, ignore_conflicts=True)
        return TravelRecord.objects.filter(batch_id=batch_id).count() if keep() else 0
    columns = ",".join(COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ON COMMIT DROP AS "
                       f"SELECT {columns} FROM {TravelRecord._meta.db_table} WITH NO DATA")
        cursor.copy_expert(f"COPY {STAGE} ({columns}) FROM STDIN", _CopyFeed(rows), size=1 << 20)
        written = 0
        if keep():
            cursor.execute(f"INSERT INTO {TravelRecord._meta.db_table} ({columns}) SELECT {columns} "
                           f"FROM {STAGE} ON CONFLICT ({','.join(JOURNEY)}) DO NOTHING")
            written = cursor.rowcount
        cursor.execute(f"DROP TABLE {STAGE}")
    return written


# --- matching ----------------------------------------------------------------------------------------------------


def match_batch(batch: TravelImport) -> list[tuple]:
    """ONE set-based query: every record of the batch whose traveller is bound by a restriction of the court in
    force on the travel date (in force from its approval or later start, until its end date, until lifted), and
    whose journey breaches that kind of restriction (rules.breach_matches, here in SQL). Returns the violations
    added as (case_id, party_id, travelled_on)."""
    record, bound, sanction, violation = (TravelRecord._meta.db_table, BoundPerson._meta.db_table,
                                          Sanction._meta.db_table, Violation._meta.db_table)
    now = timezone.now()
    sql = f"""
        INSERT INTO {violation} (court_id, travel_record_id, sanction_id, bound_person_id, case_id, party_id, kind,
                                 travelled_on, created_at, updated_at)
        SELECT t.court_id, t.id, s.id, b.id, s.case_id, s.party_id, t.breach, t.travelled_on, %s, %s
        FROM {record} t
        JOIN {bound} b ON b.id_number = t.id_number
        JOIN {sanction} s ON s.id = b.sanction_id
        WHERE t.batch_id = %s AND t.breach <> ''
          AND s.court_id = t.court_id
          AND s.status IN (%s, %s) AND s.in_force_from IS NOT NULL
          AND t.travelled_on >= s.in_force_from
          AND (s.end_on IS NULL OR t.travelled_on <= s.end_on)
          AND (s.ended_on IS NULL OR t.travelled_on < s.ended_on)
          AND ((s.kind = %s AND t.breach <> %s) OR (s.kind = %s AND t.breach = %s))
        ON CONFLICT (travel_record_id, sanction_id) DO NOTHING
        RETURNING case_id, party_id, travelled_on"""
    params = [now, now, batch.pk, SanctionStatus.APPROVED, SanctionStatus.ENDED,
              SanctionKind.CONSUMPTION_RESTRICTION, Breach.EXIT, SanctionKind.EXIT_RESTRICTION, Breach.EXIT]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # fresh statistics for the rows just copied (ANALYZE counts this transaction's own rows): the planner
            # then hash-joins the batch, the bound persons and the restrictions instead of probing row by row
            cursor.execute(f"ANALYZE {record}")
        cursor.execute(sql, params)
        added = cursor.fetchall()
        if connection.vendor == "postgresql" and added:
            cursor.execute(f"ANALYZE {violation}")  # the rosters read them next, by (case, party)
        return added


def _record_on_timelines(batch: TravelImport, actor, added: list[tuple]) -> list[int]:
    """One timeline line per (case, debtor) with violations in this batch: counted by ONE GROUP BY (an import
    touches thousands of cases) and written by cases' bulk timeline writer; returns the cases."""
    head, middle = _("出行记录比对（%(file)s）：发现违反限制措施出行") % {"file": batch.filename}, _("次，最近一次")
    found = (Violation.objects.filter(travel_record__batch=batch).order_by().values("case_id", "party_id")
             .annotate(n=Count("pk"), last=Max("travelled_on")))
    today, actor_id = court_today(), actor.pk if actor else None
    record_events({"case_id": row["case_id"], "party_id": row["party_id"], "kind": EventKind.TRAVEL_VIOLATION,
                   "occurred_on": today, "actor_id": actor_id,
                   "note": f"{head}{row['n']}{middle}{row['last'].isoformat()}"} for row in found)
    return sorted({case_id for case_id, _party, _day in added})


# --- the import ------------------------------------------------------------------------------------------------


def travel_import(*, court, actor, upload, filename: str = "") -> ImportResult:
    """Validate, write and match a travel file within the request, all or nothing. See the module docstring."""
    started = time.monotonic()
    filename = filename or getattr(upload, "name", "") or "upload.csv"
    result = ImportResult()
    sha256 = file_sha256(upload)
    with transaction.atomic():
        batch = _new_batch(result, court=court, actor=actor, filename=filename, sha256=sha256)
        if batch is not None:
            _import(batch, actor, upload, result, started)
    return result


def _new_batch(result: ImportResult, **fields) -> TravelImport | None:
    """The import's row, or None with `result.already` when this court has this file (the same SHA-256)."""
    court, sha256 = fields["court"], fields["sha256"]
    fields["filename"] = fields["filename"][:255]
    fields["uploaded_by"] = fields.pop("actor")
    try:
        with transaction.atomic():
            return TravelImport.objects.create(**fields)
    except IntegrityError:  # imported before, or being imported right now
        result.already = TravelImport.objects.filter(court=court, sha256=sha256).first()
        if result.already is None:  # the other import was rolled back meanwhile
            raise
        return None


def _import(batch: TravelImport, actor, upload, result: ImportResult, started: float, progress=None) -> None:
    """Read, validate, write and match into `batch`, inside the caller's transaction; a refused file rolls it
    back and leaves the rows in `result.rejected`."""
    written = write_records(batch.pk, _valid_rows(batch, upload, result, progress),
                            keep=lambda: not result.rejected_count)
    if result.rejected_count:
        transaction.set_rollback(True)
        result.imported = 0
        result.seconds = time.monotonic() - started
        return
    result.repeated, result.imported = result.imported - written, written
    added = match_batch(batch)
    result.violations = len(added)
    result.case_ids = _record_on_timelines(batch, actor, added) if added else []
    if connection.vendor == "postgresql":  # run the deferred foreign-key checks now, inside the timing
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    result.seconds = time.monotonic() - started
    batch.rows, batch.violations, batch.status = result.imported, result.violations, TravelImportStatus.DONE
    batch.seconds = Decimal(f"{result.seconds:.2f}")
    batch.save(update_fields=["rows", "violations", "seconds", "status", "updated_at"])
    result.batch = batch
    enqueue_roster_refresh(*result.case_ids)  # the debtors go on the detention / criminal roster


def _valid_rows(batch: TravelImport, upload, result: ImportResult, progress=None):
    """The rows to write, parsed and validated one at a time; every bad row is counted (and the first
    REPORTED_ROWS listed) in `result`. All or nothing: after a bad row the rest is still validated, not written."""
    court, today = batch.court, court_today()
    try:
        with open_table(upload, limits=LIMITS, name=batch.filename) as table:
            validator = RowValidator(_columns(table.headers, table.header_row), today)
            for number, cells in table.rows():
                if progress is not None and number >= progress.next:
                    progress(number)
                record, errors = validator(cells)
                if errors:
                    result.rejected_count += 1
                    if len(result.rejected) < REPORTED_ROWS:
                        result.rejected.append({"row": number, "errors": errors})
                    continue
                result.imported += 1
                if not result.rejected_count:
                    yield (court.pk, batch.pk, number, *record)
    except TableRejected as exc:
        result.rejected_count += 1
        result.rejected.append({"row": exc.row or 1, "errors": {"file": [exc.message]}})


# --- big files: a job ------------------------------------------------------------------------------------------


def needs_job(upload) -> bool:
    """Too big to import within the request: by its size, or for an .xlsx by what its parts inflate to (read from
    the zip's directory; nothing is inflated)."""
    limit = getattr(settings, "TRAVEL_IMPORT_SYNC_MAX_BYTES", SYNC_MAX_BYTES)
    stream = getattr(upload, "file", upload)
    stream.seek(0, io.SEEK_END)
    if stream.tell() > limit:
        stream.seek(0)
        return True
    stream.seek(0)
    if stream.read(2) != b"PK":
        stream.seek(0)
        return False
    try:
        with zipfile.ZipFile(stream) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        inflated = 0  # not a workbook: the reader refuses it at once
    stream.seek(0)
    return inflated > limit * XLSX_INFLATION


def travel_import_submit(*, court, actor, upload, filename: str = "") -> ImportResult:
    """The import as the page and the API start it: a small file at once (`travel_import`), a big one stored and
    queued for the job (`result.queued`, the TravelImport in `result.batch`)."""
    if not needs_job(upload):
        return travel_import(court=court, actor=actor, upload=upload, filename=filename)
    filename = filename or getattr(upload, "name", "") or "upload.csv"
    result = ImportResult(queued=True)
    sha256 = file_sha256(upload)
    with transaction.atomic():
        batch = _new_batch(result, court=court, actor=actor, filename=filename, sha256=sha256,
                           status=TravelImportStatus.QUEUED, file=File(upload, name=filename))
        if batch is not None:
            enqueue(run_travel_import, args=[batch.pk])  # published when this transaction commits
            result.batch = batch
    return result


class Progress:
    """Reports how many rows a job has read, on a database connection of its own in autocommit, so the page sees
    it while the import's transaction is still open (PostgreSQL; SQLite has one writer, so no report there)."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        self.next = PROGRESS_EVERY
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None

    def __call__(self, rows: int) -> None:
        self.next = rows + PROGRESS_EVERY
        if self.connection is not None:
            with self.connection.cursor() as cursor:
                cursor.execute(f"UPDATE {TravelImport._meta.db_table} SET progress = %s WHERE id = %s",
                               [rows, self.batch_id])

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _claim(batch_id: int) -> bool:
    """One run at a time per import: a redelivered task finds the first run holding the lock and leaves."""
    if connection.vendor != "postgresql":
        return True  # SQLite serialises writers anyway
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [TRAVEL_JOB_LOCK, batch_id])
        return cursor.fetchone()[0]


TRAVEL_JOB_LOCK = 0x7472  # the advisory-lock namespace of travel import jobs


def travel_import_job(batch_id: int) -> ImportResult | None:
    """The job of a stored file: import it (all or nothing, as `travel_import`), then record the outcome on the
    TravelImport and delete the stored file. Idempotent: an import done or failed is left as it is."""
    batch = TravelImport.objects.select_related("court", "uploaded_by").filter(pk=batch_id).first()
    if batch is None or batch.status not in (TravelImportStatus.QUEUED, TravelImportStatus.RUNNING):
        return None
    TravelImport.objects.filter(pk=batch_id).update(status=TravelImportStatus.RUNNING, updated_at=timezone.now())
    result, progress = ImportResult(), Progress(batch_id)
    try:
        with transaction.atomic():
            if not _claim(batch_id) or TravelImport.objects.filter(pk=batch_id,
                                                                   status=TravelImportStatus.DONE).exists():
                return None
            with batch.file.open("rb") as handle:
                _import(batch, batch.uploaded_by, handle, result, time.monotonic(), progress)
    except Exception:
        _finish(batch, TravelImportStatus.FAILED, error=_("导入时出错，整个文件未导入，请重新导入。"))
        raise
    finally:
        progress.close()
    if result.ok:
        _finish(batch, TravelImportStatus.DONE, progress=result.imported + result.repeated)
    else:
        n = result.rejected_count
        _finish(batch, TravelImportStatus.FAILED, rejected=result.rejected, rejected_count=n,
                error=ngettext("%(n)s行有误，整个文件未导入", "%(n)s行有误，整个文件未导入", n) % {"n": n})
    return result


def _finish(batch: TravelImport, status: str, **fields) -> None:
    """The outcome of a job, and the stored file deleted; a failed file may be sent again (its hash is freed)."""
    if status == TravelImportStatus.FAILED:
        fields["sha256"] = ""
    if batch.file:
        batch.file.delete(save=False)
    TravelImport.objects.filter(pk=batch.pk).update(status=status, file="", updated_at=timezone.now(), **fields)
