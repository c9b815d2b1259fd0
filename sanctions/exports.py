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
