"""Creating an import job and running it: the two passes of imports.registry (validate everything, then write in one
transaction), progress, and the job's final report."""
import datetime as dt
import hashlib
import logging
import time
from collections import Counter

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.context import acting
from outbox import enqueue
from wanian_exec.tabular import Limits, TableRejected, column_map, open_table

from ..models import MAX_STORED_ERRORS, ImportJob, empty_counts
from ..registry import CellError, ImportKind, Row, RowError, get_kind

logger = logging.getLogger(__name__)

# What an import file may be: a court's ten years of enforcement cases fit (100,000 cases ≈ 30 MB of CSV).
IMPORT_LIMITS = Limits(max_bytes=100 * 1024 * 1024, max_decompressed_bytes=600 * 1024 * 1024, max_rows=200_000,
                       max_columns=100)
# A job left `running` longer than this (a worker died mid-run: its transaction rolled back) may be claimed again.
STALE_AFTER = dt.timedelta(minutes=35)
# Progress is written at most this often (seconds).
PROGRESS_EVERY = 2.0
# The validation pass is the first half of the progress bar, the write pass the second.
VALIDATED = 0.5


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def import_job_create(*, court, actor, kind: str, upload, dry_run: bool = False) -> ImportJob:
    """Keep the file (for audit) and queue its import; the task runs when this transaction commits."""
    from ..tasks import run_import

    job = ImportJob(court=court, created_by=actor, kind=kind, dry_run=dry_run,
                    original_name=(getattr(upload, "name", "") or "")[:255], sha256=file_sha256(upload))
    job.file.save(job.original_name or "import", upload, save=False)
    job.save()
    enqueue(run_import, args=[job.pk])
    return job


class ErrorList:
    """Row errors as stored on the job: the first MAX_STORED_ERRORS in full, the total counted."""

    def __init__(self, kind: ImportKind):
        self.kind, self.stored, self.total, self.rows = kind, [], 0, set()

    def add(self, error: RowError) -> None:
        self.total += 1
        self.rows.add(error.row)
        if len(self.stored) < MAX_STORED_ERRORS:
            self.stored.append({"row": error.row, "column": self.kind.header_of(error.column),
                                "message": error.message, "params": error.params})

    def __bool__(self):
        return self.total > 0


class Progress:
    """Writes the job's progress while it runs. Inside the write transaction an update on the job row would stay
    invisible until commit, so on PostgreSQL it goes through a connection of its own (autocommit); elsewhere the
    bar moves between the passes only."""

    def __init__(self, job_id: int):
        self.job_id, self.last, self.side = job_id, 0.0, None

    def set(self, value: float, *, force: bool = False, **summary) -> None:
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        value = max(0.0, min(1.0, value))
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(progress=value)
            return
        if connection.vendor != "postgresql":
            return
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        with self.side.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET progress = %s WHERE id = %s", [value, self.job_id])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def _claim(job_id: int) -> bool:
    now = timezone.now()
    return bool(ImportJob.objects.filter(pk=job_id).filter(
        Q(status=ImportJob.Status.PENDING) | Q(status=ImportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER),
    ).update(status=ImportJob.Status.RUNNING, started_at=now, progress=0.0, counts=empty_counts(), errors=[],
             errors_total=0))


def import_run(*, job_id: int) -> str:
    """Run a pending import (the task's body). Returns the final status, or "skipped" when it is not pending."""
    if not _claim(job_id):
        return "skipped"
    job = ImportJob.objects.select_related("court", "created_by").get(pk=job_id)
    kind = get_kind(job.kind)
    progress = Progress(job.pk)
    with translation.override(settings.LANGUAGE_CODE), acting(user=job.created_by, source="task"):
        try:
            if kind is None:
                raise TableRejected(_("不支持的导入类型“%(kind)s”。") % {"kind": job.kind})
            errors = _validate(job, kind, progress)
            if errors:
                return _fail(job, errors=errors.stored, total=errors.total, rejected=len(errors.rows))
            _write(job, kind, progress)
            return ImportJob.Status.DONE
        except TableRejected as exc:
            message = getattr(exc, "message", None) or str(exc)
            return _fail(job, errors=[{"row": getattr(exc, "row", None) or 0, "column": "", "message": str(message),
                                       "params": {}}], total=1, rejected=0)
        except Exception:
            logger.exception("import job %s failed", job.pk)
            return _fail(job, errors=[{"row": 0, "column": "", "params": {},
                                       "message": gettext_noop("导入时发生内部错误，未写入任何数据。请联系系统管理员。")}],
                         total=1, rejected=0)
        finally:
            progress.close()


def _fail(job: ImportJob, *, errors: list, total: int, rejected: int) -> str:
    counts = {**empty_counts(), "rejected": rejected}
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, errors=errors, errors_total=total,
                                               counts=counts, progress=1.0, finished_at=timezone.now())
    return ImportJob.Status.FAILED


def _open(job: ImportJob):
    job.file.open("rb")
    return job.file


def _columns(kind: ImportKind, headers: list[str]) -> dict:
    return column_map(headers, {c.key: c.header_names for c in kind.columns},
                      required=[c.key for c in kind.columns if c.required])


def _parse(kind: ImportKind, columns: dict, number: int, cells: list[str]) -> tuple[Row, list[RowError]]:
    values, errors, failed = {}, [], set()
    for column in kind.columns:
        index = columns.get(column.key)
        text = cells[index] if index is not None and index < len(cells) else ""
        if text == "":
            values[column.key] = None
            if column.required:
                failed.add(column.key)
                errors.append(RowError(number, column.key, gettext_noop("“%(column)s”不能为空。"),
                                       {"column": column.chinese_header}))
            continue
        try:
            values[column.key] = column.read(text)
        except CellError as exc:
            values[column.key] = None
            failed.add(column.key)
            errors.append(RowError(number, column.key, exc.message, exc.params))
    return Row(number=number, values=values, failed=failed), errors


def _rows(job: ImportJob, kind: ImportKind):
    """(row, cell errors) of the stored file, streamed."""
    with _open(job) as stored, open_table(stored, limits=IMPORT_LIMITS) as table:
        columns = _columns(kind, table.headers)
        for number, cells in table.rows():
            yield _parse(kind, columns, number, cells)


def _validate(job: ImportJob, kind: ImportKind, progress: Progress) -> ErrorList:
    errors = ErrorList(kind)
    context = kind.prepare(job)
    checked = 0
    for row, cell_errors in _rows(job, kind):
        for error in [*cell_errors, *kind.validate(row, context)]:
            errors.add(error)
        checked += 1
        if checked % 1000 == 0:
            ImportJob.objects.filter(pk=job.pk).update(summary={"rows_checked": checked})
    if not errors and not checked:
        errors.add(RowError(0, "", gettext_noop("文件中没有数据行。")))
    job.summary = {"rows": checked}
    ImportJob.objects.filter(pk=job.pk).update(summary=job.summary)
    progress.set(VALIDATED, force=True)
    return errors


def _write(job: ImportJob, kind: ImportKind, progress: Progress) -> None:
    """The write pass: every batch in ONE transaction (a dry run plans the same and writes nothing)."""
    write = not job.dry_run
    total = max(job.summary.get("rows", 0), 1)
    counts: Counter = Counter()
    done = 0
    with transaction.atomic():
        context = kind.prepare(job)
        batch: list[Row] = []
        for row, cell_errors in _rows(job, kind):
            if cell_errors:  # the stored file was read differently the second time: refuse, nothing written
                raise RuntimeError(f"row {row.number} no longer parses")
            batch.append(row)
            if len(batch) >= kind.batch_size:
                counts.update(kind.apply(batch, context, write=write))
                done += len(batch)
                batch = []
                progress.set(VALIDATED + (1 - VALIDATED) * done / total)
        if batch:
            counts.update(kind.apply(batch, context, write=write))
        report = kind.finish(context, write=write)
        final = {**empty_counts(), **{k: counts.get(k, 0) for k in ("created", "updated", "unchanged")}}
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE, counts=final, progress=1.0, finished_at=timezone.now(),
            summary={**job.summary, **report})
