"""A batch as an .xlsx file (openpyxl, write-only: rows stream from the database, memory stays flat)."""
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cases.identity import mask_id_number
from wanian_exec import spreadsheets

from .choices import Channel
from .models import PushBatch
from .selectors import item_list_queryset

EXPORT_CHUNK = 2000  # items fetched per round trip while streaming a large township's list


def headers(batch: PushBatch) -> list[str]:
    party = _("申请执行人") if batch.channel == Channel.CIVIL_AFFAIRS else _("被执行人")
    return [_("序号"), _("案号"), party, _("证件号码（脱敏）"), _("未履行金额（元）"), _("推送理由"),
            _("承办法官"), _("法官电话")]


def item_row(index: int, item) -> list:
    judge = item.case.judge
    party = item.party
    identity = party.id_number if party.kind == "person" else party.credit_code
    return [index, item.case.number, party.name, mask_id_number(identity), item.amount_outstanding,
            "；".join(item.reason_list), judge.display_name if judge else "", judge.phone if judge else ""]


def export_filename(batch: PushBatch) -> str:
    return f"{batch.week}-{batch.get_channel_display()}-{batch.recipient.name}.xlsx".replace("/", "_")


def batch_workbook(batch: PushBatch) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=batch.week)
    for column, width in zip("ABCDEFGH", (6, 26, 16, 22, 16, 48, 12, 16)):
        sheet.column_dimensions[column].width = width
    sheet.append([spreadsheets.cell(sheet, _("%(court)s执行案件推送清单") % {"court": batch.court.name},
                                    font=Font(bold=True, size=14))])
    sheet.append(spreadsheets.row(sheet, [_("周次：%(week)s　推送对象：%(recipient)s（%(channel)s）　共%(n)s条") % {
        "week": batch.week, "recipient": batch.recipient.name, "channel": batch.get_channel_display(),
        "n": batch.item_count}]))
    sheet.append([spreadsheets.cell(sheet, text, font=Font(bold=True)) for text in headers(batch)])
    items = item_list_queryset().filter(week=batch.week, recipient_id=batch.recipient_id).iterator(
        chunk_size=EXPORT_CHUNK)
    for index, item in enumerate(items, start=1):
        row = item_row(index, item)
        amount = spreadsheets.cell(sheet, row[4], number_format="#,##0.00")
        reasons = spreadsheets.cell(sheet, row[5], alignment=Alignment(wrap_text=True, vertical="top"))
        sheet.append(spreadsheets.row(sheet, [*row[:4], amount, reasons, *row[6:]]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

