"""Travel records ("big data" trajectories): import, validation, and the match against restrictions in force.

- Input: CSV (UTF-8, a BOM is fine) or Excel .xlsx, header `id_number,name,mode,travelled_on,route,seat_class`
  (any column order; other columns ignored). Row numbers are the file's own: the header is row 1.
- Every row is validated (resident ID with its GB 11643 check digit, name, mode flight|rail|exit, ISO date not in
  the future, lengths). ALL OR NOTHING: one bad row and nothing is imported; the answer lists the bad rows.
- Streamed: rows are parsed one at a time and written in batches — COPY on PostgreSQL, bulk INSERT elsewhere —
  inside one transaction; memory stays flat whatever the file size.
- One set-based query then matches the batch against every restriction of the court in force on each travel date
  (INSERT … SELECT … ON CONFLICT DO NOTHING) — the rule of what breaches what is sanctions.rules.travel_breach,
  computed per record at import into `breach`.
"""
import csv
import datetime as dt
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import EventKind
from cases.identity import resident_id_errors
from cases.models import CaseEvent
from cases.services.common import court_today

from . import rules
from .choices import Breach, SanctionKind, SanctionStatus, TravelMode
from .models import BoundPerson, Sanction, TravelImport, TravelRecord, Violation
from .tasks import enqueue_roster_refresh

HEADER = ("id_number", "name", "mode", "travelled_on", "route", "seat_class")
REPORTED_ROWS = 500  # bad rows listed in the answer; `rejected_count` counts them all
WRITE_BATCH = 50_000  # rows per COPY / INSERT round trip
MAX_LENGTHS = {"name": 64, "route": 128, "seat_class": 32}
COLUMNS = ("court_id", "batch_id", "row", "id_number", "name", "mode", "travelled_on", "route", "seat_class",
           "train_class", "seat_code", "breach")


class FileRejected(Exception):
    """The file as a whole cannot be read (no header, not UTF-8, not a spreadsheet)."""

    def __init__(self, message, row: int = 1):
        super().__init__(str(message))
        self.row = row


@dataclass
class ImportResult:
    imported: int = 0
    rejected: list = field(default_factory=list)  # [{"row": n, "errors": {field: [messages]}}]
    rejected_count: int = 0
    violations: int = 0
    batch: TravelImport | None = None
    seconds: float = 0.0
    case_ids: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rejected_count == 0


# --- reading ---------------------------------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _binary(upload):
    if hasattr(upload, "temporary_file_path"):
        return open(upload.temporary_file_path(), "rb")
    raw = getattr(upload, "file", upload)
    raw.seek(0)
    return raw


def iter_rows(upload, filename: str = "") -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) from a CSV or .xlsx upload; the header row is number 1."""
    stream = _binary(upload)
    head = stream.read(4)
    stream.seek(0)
    if head[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # a corrupt or foreign file: one answer, not a 500
            raise FileRejected(_("无法读取Excel文件（%(e)s）。") % {"e": exc.__class__.__name__}) from exc
        try:
            for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                yield number, [_cell(v) for v in values]
        finally:
            workbook.close()
        return
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    number = 0
    try:
        for number, values in enumerate(csv.reader(text), start=1):
            yield number, [v.strip() for v in values]
    except UnicodeDecodeError as exc:
        raise FileRejected(_("文件不是UTF-8编码（第%(n)d行附近）。") % {"n": number + 1}, row=number + 1) from exc
    except csv.Error as exc:
        raise FileRejected(_("CSV格式错误（%(e)s）。") % {"e": exc}, row=number + 1) from exc
    finally:
        text.detach()


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    missing = [h for h in HEADER if h not in names]
    if missing:
        raise FileRejected(_("第1行应为表头 %(h)s，缺少：%(m)s。") % {"h": ",".join(HEADER), "m": ",".join(missing)})
    return {h: names.index(h) for h in HEADER}


# --- validating one row ----------------------------------------------------------------------------------------


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None


def validate_row(cells: list[str], columns: dict[str, int], today: dt.date) -> tuple[tuple | None, dict]:
    """(id_number, name, mode, travelled_on, route, seat_class, train_class, seat_code, breach) or the errors."""
    def get(name):
        index = columns[name]
        return cells[index].strip() if index < len(cells) else ""

    errors: dict = {}
    id_number = get("id_number").upper()
    id_errors = resident_id_errors(id_number) if id_number else [_("请填写身份证号码。")]
    if id_errors:
        errors["id_number"] = [str(e) for e in id_errors]
    name = get("name")
    if not name:
        errors["name"] = [_("请填写姓名。")]
    mode = get("mode").lower()
    if mode not in TravelMode.values:
        errors["mode"] = [_("出行方式应为 flight（飞机）、rail（铁路）或 exit（出境），现为“%(v)s”。") % {"v": mode}]
    raw_date = get("travelled_on")
    travelled_on = _parse_date(raw_date)
    if travelled_on is None:
        errors["travelled_on"] = [_("出行日期应为YYYY-MM-DD格式的有效日期，现为“%(v)s”。") % {"v": raw_date}]
    elif travelled_on > today:
        errors["travelled_on"] = [_("出行日期不能晚于今天。")]
    route, seat_class = get("route"), get("seat_class")
    for name_, value in (("name", name), ("route", route), ("seat_class", seat_class)):
        if len(value) > MAX_LENGTHS[name_]:
            errors.setdefault(name_, []).append(_("不能超过%(n)d个字符。") % {"n": MAX_LENGTHS[name_]})
    if errors:
        return None, errors
    train_class = rules.train_class_of(route) if mode == TravelMode.RAIL else ""
    seat_code = rules.seat_code_of(seat_class)
    breach = rules.travel_breach(mode, train_class, seat_code)
    return (id_number, name, mode, travelled_on, route, seat_class, train_class, seat_code, breach), {}


# --- writing ---------------------------------------------------------------------------------------------------


def _copy_escape(value) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _write(rows: list[tuple]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        buffer.writelines("\t".join(_copy_escape(v) for v in row) + "\n" for row in rows)
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {TravelRecord._meta.db_table} ({','.join(COLUMNS)}) FROM STDIN", buffer)
        return
    TravelRecord.objects.bulk_create([TravelRecord(**dict(zip(COLUMNS, row))) for row in rows], batch_size=2000)


# --- matching ----------------------------------------------------------------------------------------------------


def match_batch(batch: TravelImport) -> int:
    """ONE set-based query: every record of the batch whose traveller is bound by a restriction of the court in
    force on the travel date (in force from its approval or later start, until its end date, until lifted), and
    whose journey breaches that kind of restriction (rules.breach_matches, here in SQL). Returns violations added."""
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
        ON CONFLICT (travel_record_id, sanction_id) DO NOTHING"""
    params = [now, now, batch.pk, SanctionStatus.APPROVED, SanctionStatus.ENDED,
              SanctionKind.CONSUMPTION_RESTRICTION, Breach.EXIT, SanctionKind.EXIT_RESTRICTION, Breach.EXIT]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def _record_on_timelines(batch: TravelImport, actor) -> list[int]:
    """One timeline line per (case, debtor) with violations in this batch; returns the cases touched.
    Bulk-written (a province's import touches thousands of cases): the line is what record_event would write."""
    rows = list(Violation.objects.filter(travel_record__batch=batch).values("case_id", "party_id", "kind",
                                                                            "travelled_on"))
    grouped: dict[tuple[int, int], list] = {}
    for row in rows:
        grouped.setdefault((row["case_id"], row["party_id"]), []).append(row)
    today = court_today()
    events = []
    for (case_id, party_id), items in grouped.items():
        latest = max(items, key=lambda r: r["travelled_on"])
        events.append(CaseEvent(case_id=case_id, party_id=party_id, kind=EventKind.NOTE, occurred_on=today,
                                actor=actor, note=_("出行记录比对（%(file)s）：发现违反限制措施出行%(n)d次，最近一次%(d)s%(w)s")
                                % {"file": batch.filename, "n": len(items), "d": latest["travelled_on"],
                                   "w": Breach(latest["kind"]).label}))
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    return sorted({case_id for case_id, _party in grouped})


# --- the import ------------------------------------------------------------------------------------------------


def travel_import(*, court, actor, upload, filename: str = "") -> ImportResult:
    """Validate, write and match a travel file, all or nothing. See the module docstring."""
    started = time.monotonic()
    filename = filename or getattr(upload, "name", "") or "upload.csv"
    result = ImportResult()
    today = court_today()
    with transaction.atomic():
        batch = TravelImport.objects.create(court=court, filename=filename[:255], uploaded_by=actor)
        pending: list[tuple] = []
        columns = None
        try:
            for number, cells in iter_rows(upload, filename):
                if columns is None:
                    columns = _columns(cells)
                    continue
                if not any(cells):
                    continue  # blank lines, Excel's trailing empty rows
                record, errors = validate_row(cells, columns, today)
                if errors:
                    result.rejected_count += 1
                    if len(result.rejected) < REPORTED_ROWS:
                        result.rejected.append({"row": number, "errors": errors})
                    pending = []
                    continue
                result.imported += 1
                if result.rejected_count:
                    continue  # all or nothing: keep validating, stop writing
                pending.append((court.pk, batch.pk, number, *record))
                if len(pending) >= WRITE_BATCH:
                    _write(pending)
                    pending = []
            if columns is None:
                raise FileRejected(_("文件为空：第1行应为表头 %(h)s。") % {"h": ",".join(HEADER)})
        except FileRejected as exc:
            result.rejected_count += 1
            result.rejected.append({"row": exc.row, "errors": {"file": [str(exc)]}})
        if result.rejected_count:
            transaction.set_rollback(True)
            result.imported = 0
            result.seconds = time.monotonic() - started
            return result
        _write(pending)
        result.violations = match_batch(batch)
        result.case_ids = _record_on_timelines(batch, actor) if result.violations else []
        result.seconds = time.monotonic() - started
        batch.rows, batch.violations = result.imported, result.violations
        batch.seconds = Decimal(f"{result.seconds:.2f}")
        batch.save(update_fields=["rows", "violations", "seconds", "updated_at"])
        result.batch = batch
        enqueue_roster_refresh(*result.case_ids)  # the debtors go on the detention / criminal roster
    return result
