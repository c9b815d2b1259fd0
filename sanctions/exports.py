"""Rosters as .xlsx files (openpyxl write-only: rows stream from the database, memory stays flat)."""
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cases.services.common import court_today
from wanian_exec import spreadsheets

from .choices import RosterKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_CHUNK = 2000


def roster_filename(kind: str) -> str:
    return f"{RosterKind(kind).label}-{court_today():%Y%m%d}.xlsx"


def roster_headers() -> list[str]:
    return [_("序号"), _("案号"), _("被执行人"), _("证件号码（脱敏）"), _("未履行金额（元）"), _("列入理由"), _("状态"),
            _("列入日期"), _("承办法官")]


def roster_workbook(kind: str, entries, *, court=None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(RosterKind(kind).label))
    for column, width in zip("ABCDEFGHI", (6, 26, 16, 22, 16, 60, 10, 12, 12)):
        sheet.column_dimensions[column].width = width
    title = _("%(court)s%(roster)s") % {"court": court.name if court else "", "roster": RosterKind(kind).label}
    sheet.append([spreadsheets.cell(sheet, title, font=Font(bold=True, size=14))])
    sheet.append(spreadsheets.row(sheet, [_("导出日期：%(d)s") % {"d": court_today().isoformat()}]))
    sheet.append([spreadsheets.cell(sheet, text, font=Font(bold=True)) for text in roster_headers()])
    rows = entries.select_related("case", "case__judge", "party").iterator(chunk_size=EXPORT_CHUNK)
    for index, entry in enumerate(rows, start=1):
        amount = spreadsheets.cell(sheet, entry.case.amount_outstanding, number_format="#,##0.00")
        reasons = spreadsheets.cell(sheet, "；".join(entry.reasons), alignment=Alignment(wrap_text=True, vertical="top"))
        judge = entry.case.judge
        sheet.append(spreadsheets.row(sheet, [
            index, entry.case.number, entry.party.name, entry.party.masked_identity, amount, reasons,
            entry.get_status_display(), entry.entered_on.isoformat(), judge.display_name if judge else ""]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TRAVEL_EXAMPLES = [
    ("361129198507140013", "徐某", "飞机", "2023-07-05", "CZ3456 南昌—曼谷", "经济舱"),
    ("361129198507140013", "徐某", "铁路", "2023-08-01", "G1502 南昌西—北京西", "二等座"),
    ("361129198507140013", "徐某", "出境", "2023-09-12", "拱北口岸 出境", ""),
]


def travel_template() -> bytes:
    """The travel-record import template: the Chinese headers (sanctions.travel.FILE_COLUMNS' first names), three example
    rows, 出行方式 as a list, the ID column as text (an 18-digit number typed there stays 18 characters)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from .travel import FILE_COLUMNS, HEADER

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("出行记录")
    sheet.append([FILE_COLUMNS[key][0] for key in HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for example in TRAVEL_EXAMPLES:
        sheet.append(list(example))
    for column, width in zip("ABCDEF", (22, 10, 10, 12, 28, 10)):
        sheet.column_dimensions[column].width = width
    for cell in sheet["A"]:
        cell.number_format = "@"
    modes = DataValidation(type="list", formula1='"飞机,铁路,轮船,出境"', allow_blank=False)
    modes.add("C2:C1048576")
    sheet.add_data_validation(modes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
