"""The one bounded reader for every uploaded table: .xlsx or CSV, as courts have them.

Every import (the go-live imports, travel records, inquiry results) reads through `open_table`, so the limits below
hold for all of them:

- **Size**: at most `Limits.max_bytes` on disk.
- **Decompression** (.xlsx is a zip): the members' declared sizes are summed from the zip's directory *before anything
  is inflated*; over `max_decompressed_bytes` (or over `max_members` members) the file is refused. Python's zipfile
  never yields more than a member's declared size (and checks its CRC), so the declared sizes bound what is inflated.
  The parts openpyxl holds whole in memory (shared strings, styles, the workbook: every part but the worksheets,
  which read-only mode streams) are bounded separately by `max_loaded_part_bytes` — the classic bomb is a shared
  strings table of a few hundred megabytes of one repeated character.
- **Rows and columns**: more than `max_rows` data rows (or as many blank ones) or more than `max_columns` columns →
  refused while reading, so a file of two million rows costs the time of `max_rows`, not of the file.
- **Text**: CSV in UTF-8 (with or without a BOM) or GBK/GB18030 (Excel on Chinese Windows saves GBK); the encoding is
  decided over the whole file before the first row is given out, so a file whose first rows are ASCII is not misread.

Cells come out as stripped text ('' for empty): .xlsx dates as YYYY-MM-DD (a time of day kept only when it is not
midnight), whole numbers without ".0", other numbers in plain decimal notation (never 1e+16). Row numbers are the
file's own: the header is the first non-blank row (usually row 1), and a data row's number is the one Excel shows.

    with open_table(upload, limits=Limits(max_rows=5_000)) as table:
        columns = column_map(table.headers, {"number": ("案号",), "amount": ("申请执行标的", "金额")},
                             required={"number"})
        for row_number, values in table.records(columns):
            values["number"], values.get("amount", "")

Anything wrong with the file as a whole raises `TableRejected(message, row=None, code=…)` with a Chinese message
(English through the catalogue).
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

MiB = 1024 * 1024
READ_CHUNK = 1 * MiB
BLANK = ("", None)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * MiB
    max_decompressed_bytes: int = 200 * MiB
    max_loaded_part_bytes: int = 32 * MiB
    max_members: int = 200
    max_rows: int = 100_000
    max_columns: int = 100


DEFAULT_LIMITS = Limits()


class TableRejected(Exception):
    """The file as a whole cannot be taken; `row` names the file row where that was found, when there is one."""

    def __init__(self, message, row: int | None = None, code: str = "file_rejected"):
        super().__init__(str(message))
        self.message = str(message)
        self.row = row
        self.code = code


# --- opening ---------------------------------------------------------------------------------------------------


def _name_of(upload) -> str:
    if isinstance(upload, (str, Path)):
        return str(upload)
    return getattr(upload, "name", "") or ""


def _binary_stream(upload):
    """A seekable binary stream over the upload, and whether we opened it (and so must close it)."""
    if isinstance(upload, (str, Path)):
        return open(upload, "rb"), True
    if hasattr(upload, "temporary_file_path"):
        return open(upload.temporary_file_path(), "rb"), True
    raw = getattr(upload, "file", None) or upload
    if getattr(raw, "closed", False) and hasattr(upload, "open"):
        upload.open("rb")
        raw = getattr(upload, "file", None) or upload
    raw.seek(0)
    return raw, False


def _size_of(stream) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


@contextmanager
def open_table(upload, *, limits: Limits = DEFAULT_LIMITS, name: str | None = None):
    """The upload (an UploadedFile, a stored FieldFile, a path or a binary stream) as a `Table`, within `limits`."""
    name = name or _name_of(upload)
    stream, owned = _binary_stream(upload)
    try:
        size = _size_of(stream)
        if size > limits.max_bytes:
            raise TableRejected(_("文件不能超过%(mb)sMB。") % {"mb": _megabytes(limits.max_bytes)}, code="file_size")
        if size == 0:
            raise TableRejected(_("文件为空。"), code="empty")
        head = stream.read(8)
        stream.seek(0)
        suffix = PurePosixPath(name.lower()).suffix
        if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
            raise TableRejected(_("不支持旧版Excel（.xls）文件，请在Excel中另存为.xlsx或CSV后再上传。"), code="file_type")
        if head.startswith(b"PK"):
            table = _XlsxTable(stream, limits)
        elif suffix in ("", ".csv", ".txt"):
            table = _CsvTable(stream, limits)
        elif suffix == ".xlsx":
            raise TableRejected(_("文件内容不是Excel（.xlsx）格式。"), code="file_type")
        else:
            raise TableRejected(_("仅支持CSV或Excel（.xlsx）文件。"), code="file_type")
        try:
            table.start()
            yield table
        finally:
            table.close()
    finally:
        if owned:
            stream.close()


def _megabytes(size: int) -> str:
    return f"{size / MiB:g}"


# --- the table -------------------------------------------------------------------------------------------------


class Table:
    """Headers and rows of one sheet (the first sheet of a workbook)."""

    headers: list[str]
    header_row: int

    def __init__(self, limits: Limits):
        self.limits = limits
        self.headers = []
        self.header_row = 0
        self._rows: Iterator[tuple[int, list]] | None = None

    # subclasses give their raw rows (file row number, raw values) from the start of the file
    def _raw_rows(self) -> Iterator[tuple[int, list]]:
        raise NotImplementedError

    def close(self):
        pass

    def start(self):
        self._rows = self._bounded(self._raw_rows())
        for number, cells in self._rows:
            if any(cells):
                self.headers = cells
                self.header_row = number
                return
        raise TableRejected(_("文件中没有表头行。"), row=1, code="no_header")

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(file row number, cells) for every non-blank row after the header; can be read once."""
        if self._rows is None:
            raise RuntimeError("open_table() starts the table")
        for number, cells in self._rows:
            if any(cells):
                yield number, cells

    def records(self, columns: Mapping[str, int]) -> Iterator[tuple[int, dict[str, str]]]:
        """(file row number, {key: text}) for the columns of `column_map`; a short row reads '' for what it lacks."""
        for number, cells in self.rows():
            yield number, {key: (cells[index] if index < len(cells) else "") for key, index in columns.items()}

    def _bounded(self, raw: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list[str]]]:
        limits = self.limits
        data = blank = 0
        for number, values in raw:
            cells = [_text(value) for value in values]
            while cells and cells[-1] == "":
                cells.pop()
            if len(cells) > limits.max_columns:
                raise TableRejected(_("第%(row)d行超过%(n)d列。") % {"row": number, "n": limits.max_columns},
                                    row=number, code="too_many_columns")
            if cells:
                data += 1
                if data > limits.max_rows + 1:  # the header is one of them
                    raise TableRejected(_("文件超过%(n)s行，请分批导入。") % {"n": f"{limits.max_rows:,}"},
                                        row=number, code="too_many_rows")
            else:
                blank += 1
                if blank > limits.max_rows:
                    raise TableRejected(_("文件中的空行过多（超过%(n)s行）。") % {"n": f"{limits.max_rows:,}"},
                                        row=number, code="too_many_rows")
            yield number, cells


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    return str(value).strip()


class _CsvTable(Table):
    def __init__(self, stream, limits: Limits):
        super().__init__(limits)
        self.stream = stream
        self.encoding = _csv_encoding(stream)
        self._text = None

    def _raw_rows(self):
        self.stream.seek(0)
        self._text = io.TextIOWrapper(self.stream, encoding=self.encoding, newline="")
        number = 0
        try:
            for number, values in enumerate(csv.reader(self._text), start=1):
                if any("\x00" in value for value in values):
                    raise TableRejected(_("第%(row)d行含有空字符（NUL），文件不是CSV文本。") % {"row": number},
                                        row=number, code="file_type")
                yield number, values
        except csv.Error as exc:
            raise TableRejected(_("CSV格式错误（第%(row)d行附近：%(e)s）。") % {"row": number + 1, "e": exc},
                                row=number + 1, code="csv") from exc

    def close(self):
        if self._text is not None:
            self._text.detach()  # the stream belongs to the caller


def _csv_encoding(stream) -> str:
    """UTF-8 (BOM or not) if the whole file decodes as UTF-8, else GB18030 (a superset of GBK); decided up front."""
    stream.seek(0)
    if stream.read(3) == codecs.BOM_UTF8:
        stream.seek(0)
        return "utf-8-sig"
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(READ_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "gb18030"
        stream.seek(0)
        gbk = codecs.getincrementaldecoder("gb18030")()
        try:
            while chunk := stream.read(READ_CHUNK):
                gbk.decode(chunk)
            gbk.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise TableRejected(_("无法识别文件编码，请使用UTF-8或GBK编码的CSV，或Excel（.xlsx）文件。"),
                                code="encoding") from exc
    stream.seek(0)
    return encoding


class _XlsxTable(Table):
    def __init__(self, stream, limits: Limits):
        super().__init__(limits)
        self.stream = stream
        self.workbook = None
        _check_zip(stream, limits)

    def _raw_rows(self):
        from openpyxl import load_workbook

        try:
            self.workbook = load_workbook(self.stream, read_only=True, data_only=True)
            sheet = self.workbook.worksheets[0]
        except TableRejected:
            raise
        except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file: one answer, not a 500
            raise TableRejected(_("无法读取Excel文件（%(e)s）。") % {"e": exc.__class__.__name__},
                                code="file_type") from exc
        number = 0
        try:
            for row in sheet.iter_rows():
                number = _row_number(row, number + 1)
                yield number, [getattr(cell, "value", None) for cell in row]
        except TableRejected:
            raise
        except Exception as exc:
            raise TableRejected(_("无法读取Excel文件（第%(row)d行附近：%(e)s）。")
                                % {"row": number + 1, "e": exc.__class__.__name__}, row=number + 1,
                                code="file_type") from exc

    def close(self):
        if self.workbook is not None:
            self.workbook.close()


def _row_number(row, fallback: int) -> int:
    for cell in row:
        number = getattr(cell, "row", None)
        if number:
            return number
    return fallback


def _check_zip(stream, limits: Limits) -> None:
    """Refuse a workbook whose parts would inflate past the limits — from the zip's directory, inflating nothing."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise TableRejected(_("文件内容不是Excel（.xlsx）格式。"), code="file_type") from exc
    finally:
        stream.seek(0)
    if len(members) > limits.max_members:
        raise TableRejected(_("Excel文件结构异常（包含%(n)d个部件），已拒绝。") % {"n": len(members)}, code="zip_bomb")
    total = sum(member.file_size for member in members)
    if total > limits.max_decompressed_bytes:
        raise TableRejected(_("Excel文件解压后超过%(mb)sMB，已拒绝；请分批导入或改用CSV。")
                            % {"mb": _megabytes(limits.max_decompressed_bytes)}, code="zip_bomb")
    for member in members:
        streamed = member.filename.startswith("xl/worksheets/")
        if not streamed and member.file_size > limits.max_loaded_part_bytes:
            raise TableRejected(_("Excel文件的“%(part)s”部分解压后超过%(mb)sMB，已拒绝。")
                                % {"part": member.filename, "mb": _megabytes(limits.max_loaded_part_bytes)},
                                code="zip_bomb")


# --- columns ---------------------------------------------------------------------------------------------------


def normalize_header(title: str) -> str:
    """A header as matched: no spaces, no required-marker star, case-folded (“案号*”, “ 案 号 ” and “案号” are one)."""
    return "".join((title or "").split()).rstrip("*＊").casefold()


def column_map(headers: list[str], columns: Mapping[str, tuple[str, ...]], *, required=()) -> dict[str, int]:
    """{key: column index} for the columns found by any of their names; a required column missing, or one column
    given twice, refuses the file and names the columns."""
    by_name = {}
    for key, names in columns.items():
        for title in names:
            by_name[normalize_header(title)] = key
    found: dict[str, int] = {}
    for index, title in enumerate(headers):
        key = by_name.get(normalize_header(title))
        if key is None:
            continue  # extra columns are ignored
        if key in found:
            raise TableRejected(_("列“%(col)s”出现了两次。") % {"col": columns[key][0]}, code="duplicate_column")
        found[key] = index
    missing = [columns[key][0] for key in columns if key in set(required) and key not in found]
    if missing:
        raise TableRejected(_("缺少必需的列：%(cols)s。") % {"cols": "、".join(missing)}, code="missing_columns")
    return found
