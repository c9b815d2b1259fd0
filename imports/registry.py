"""The import framework: a registry of kinds, each declaring its columns and how its rows are checked and written.

How an import runs (imports.services.runner.import_run, in the background):

1. The stored file is opened through the bounded reader wanian_exec.tabular (.xlsx, or CSV in UTF-8 with or without
   BOM, GBK/GB18030; size, row count and zip bombs bounded). Headers are matched to the kind's columns by their
   Chinese names (`Column.header`, or one of `Column.aliases`): any order, extra columns ignored, a missing required
   column refuses the whole file and names it.
2. Validation pass over the whole file: each cell is parsed by its column (`Column.parse`: text → value, or
   CellError with a Chinese message), a blank required cell is an error, then the kind's `validate(row, context)`
   checks the row against the court's data. Every error is collected as (row number, column, message); one error
   fails the whole file (status `failed`, counts.rejected = rows with errors) and nothing is written.
3. Write pass: the rows are streamed again in batches of `kind.batch_size` inside ONE transaction;
   `kind.apply(rows, context, write=True)` upserts a batch with bulk queries (never one query per row) and returns
   what its rows did — a Counter of created / updated / unchanged; `kind.finish(context, write=True)` runs once at
   the end (counters, links between rows) and returns the report's extra figures. A dry run calls the same methods
   with `write=False`: they plan and count, and write nothing.

Inside apply, write in bulk: `bulk_create`/`bulk_update`, or wanian_exec.bulk.bulk_insert (COPY on PostgreSQL) for
rows nothing reads back; timeline lines only through cases.services.timeline.record_event(s), marked with the
job and row (`imported_job`, `imported_row`). The runner runs the pass in the courts' language and as the job's
uploader (audit.context), and counts `created`/`updated`/`unchanged` from what apply returns.

Memory stays flat whatever the file: rows are streamed, never kept; the context holds lookup maps (number → id,
identity number → id), not model instances per row.

Adding a kind (the other kinds — users, townships_grids, push_recipients — are built this way)::

    from imports.registry import Column, ImportKind, RowError, parse_text, register

    class TownshipsGrids(ImportKind):
        name = "townships_grids"                 # the API's `kind`
        label = _("乡镇与网格")
        columns = (
            Column("township", _("乡镇名称"), required=True, example="陈营镇"),
            Column("code", _("乡镇代码"), required=True, example="C01", text=True),
            Column("grid", _("网格名称"), example="第一网格"),
        )

        def prepare(self, job):                  # per-court lookups, once per pass
            return SimpleNamespace(court=job.court, codes=dict(...))

        def validate(self, row, context):        # row.number, row.values (parsed, by column key; None when
                                                 # blank), row.failed (keys whose cell was already reported)
            if ...:
                return [RowError(row.number, "code", gettext_noop("乡镇代码已被“%(name)s”使用。"), {"name": ...})]
            return []

        def apply(self, rows, context, *, write):   # a batch of valid rows
            ...bulk_create / bulk_update when write...
            return Counter(created=.., updated=.., unchanged=..)

    register(TownshipsGrids())

and import its module in imports/kinds/__init__.py (the app's ready() imports that package). The API's `kind`
choices, the template endpoint and the runner find it in KINDS from then on.

Messages are stored as their Chinese msgid with params (`RowError.message`, `.params`) and translated when read, so
the API answers `Accept-Language: en` in English (add the msgid to locale/en/LC_MESSAGES/django.po). Mark them with
gettext_noop where they are written.

The template (`GET /api/v1/imports/templates/{kind}/`, imports.template) is built from the same columns: headers,
the example row, list validation from `Column.choices`, text format for `Column.text` columns.
"""
import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext, gettext_noop

from cases.services.common import court_today


class CellError(Exception):
    """A cell that cannot be read as its column's type: a Chinese msgid and its params."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message, self.params = message, params


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # a column key of the kind, or "" for the row as a whole
    message: str  # Chinese msgid, translated when read (render_error)
    params: dict = field(default_factory=dict)


@dataclass
class Row:
    number: int  # the spreadsheet's row number (the header is row 1)
    values: dict  # column key → parsed value (None for a blank optional cell)
    failed: set = field(default_factory=set)  # column keys whose cell could not be read (already reported)


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise | str  # the Chinese header of the template and of the file
    required: bool = False
    parse: Callable[[str], object] | None = None  # text → value; raises CellError. None: the stripped text
    choices: Sequence[str] = ()  # the labels a cell may hold (the template's list validation)
    example: Promise | str = ""
    aliases: tuple[str, ...] = ()  # other header names accepted for this column
    text: bool = False  # formatted as text in the template (identity numbers: no 1.8E+17)
    help: str = ""

    @cached_property  # read for every row: rendered once (the instance dict bypasses the frozen __setattr__)
    def chinese_header(self) -> str:
        return chinese(self.header)

    @property
    def header_names(self) -> tuple[str, ...]:
        return (self.chinese_header, *self.aliases)

    def read(self, text: str):
        """The cell's value: None when blank, else the parsed value (CellError when it cannot be read)."""
        if text == "":
            return None
        return self.parse(text) if self.parse else text


class ImportKind:
    """One kind of import. Subclasses set name, label, columns and implement validate and apply."""

    name: str = ""
    label: Promise | str = ""
    columns: tuple[Column, ...] = ()
    batch_size: int = 1000

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def header_of(self, key: str) -> str:
        return self.column(key).chinese_header if key else ""

    def prepare(self, job):
        """The context both passes read: the court's lookup maps. Called once per pass."""
        return None

    def validate(self, row: Row, context) -> list[RowError]:
        return []

    def apply(self, rows: list[Row], context, *, write: bool) -> Counter:
        raise NotImplementedError

    def finish(self, context, *, write: bool) -> dict:
        return {}


KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> ImportKind | None:
    return KINDS.get(name)


def chinese(text) -> str:
    """A (lazy) text in the courts' language: the files' headers and choice labels are Chinese whatever the
    language of the user who uploads them."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def render_error(error: dict) -> str:
    """A stored row error's message in the active language."""
    message = gettext(error.get("message", ""))
    params = dict(error.get("params") or {})
    if isinstance(params.get("reason"), str):  # a message of its own (cases.identity), stored in Chinese
        params["reason"] = gettext(params["reason"])
    try:
        return message % params if params else message
    except (KeyError, TypeError, ValueError):
        return message


# --- cell parsers ------------------------------------------------------------------------------------------------

DATE_FORMATS = (
    re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$"),
    re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$"),
)
MONEY = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?$|^[0-9]+(\.[0-9]{1,2})?$")
MONEY_MAX = Decimal("999999999999.99")  # cases.models money_field: 14 digits, 2 decimals
CENT = Decimal("0.01")


def parse_text(text: str) -> str:
    return text


_today = [0.0, None]


def today() -> dt.date:
    """The court's day, read once a minute: parse_date runs for every date cell of a file."""
    now = time.monotonic()
    if _today[1] is None or now - _today[0] > 60:
        _today[:] = [now, court_today()]
    return _today[1]


def parse_date(text: str) -> dt.date:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日 or 20240301; not after today (the court's day)."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the common case, YYYY-MM-DD: no regex
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and day.year >= 1950:
            if day > today():
                raise CellError(gettext_noop("日期%(value)s晚于今天。"), value=text)
            return day
    value = re.sub(r"[T ]00:00(:00)?$", "", text).replace(" ", "")
    for pattern in DATE_FORMATS:
        match = pattern.match(value)
        if match:
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                break
            if day > today():
                raise CellError(gettext_noop("日期%(value)s晚于今天。"), value=text)
            if day.year < 1950:
                break
            return day
    raise CellError(gettext_noop("“%(value)s”不是有效日期，请写作2024-03-01。"), value=text)


def parse_money(text: str) -> Decimal:
    """Yuan with at most two decimals, thousands separators allowed: 126000, 126,000.50 (never a float)."""
    value = text.replace("，", ",").replace("￥", "").replace("¥", "").replace("元", "").strip()
    if not MONEY.match(value):
        raise CellError(gettext_noop("“%(value)s”不是有效金额，请填写以元为单位、最多两位小数的数字。"), value=text)
    try:
        amount = Decimal(value.replace(",", "")).quantize(CENT)
    except InvalidOperation:
        raise CellError(gettext_noop("“%(value)s”不是有效金额，请填写以元为单位、最多两位小数的数字。"), value=text)
    if amount > MONEY_MAX:
        raise CellError(gettext_noop("金额%(value)s超出范围。"), value=text)
    return amount


def parse_positive_money(text: str) -> Decimal:
    amount = parse_money(text)
    if amount <= 0:
        raise CellError(gettext_noop("金额必须大于0。"))
    return amount


def choice_parser(choices: Iterable[tuple[str, object]]) -> Callable[[str], str]:
    """A parser accepting the labels of `choices` ((label, code) pairs) and returning the code."""
    choices = tuple(choices)
    tables: list[dict] = []

    def parse(text: str) -> str:
        if not tables:  # built at first use, not at import time (gettext_lazy labels)
            tables.append({chinese(label): code for label, code in choices})
        table = tables[0]
        if text in table:
            return table[text]
        raise CellError(gettext_noop("“%(value)s”不是可选值（%(choices)s）。"), value=text,
                        choices="、".join(table))

    return parse
