"""The 终本 library as an .xlsx file: rows streamed from the database in chunks into the streaming writer
(stats.exports' pattern and helpers), so a province's stock keeps memory flat."""
from django.utils.translation import gettext as _

from cases.services.common import court_today
from stats.exports import EXPORT_CHUNK, names_by_case, workbook_response

from .schedule import schedule_state

HEADER = ["序号", "案号", "申请执行人", "被执行人", "承办法官", "申请标的（元）", "执行到位（元）", "未履行金额（元）",
          "立案日期", "终本日期", "最近查询", "下次查询", "定期查询逾期", "终本后线索", "待研判恢复线索", "恢复执行案号"]
# what a row shows, read as tuples (the library's annotations included): no model instances per row
COLUMNS = ("pk", "number", "judge__full_name", "judge__username", "amount_claimed", "amount_recovered", "outstanding",
           "filed_on", "closed_on", "last_inquiry_on", "leads_since", "open_triggers", "resumed_number", "resumed_on")


def _chunks(queryset):
    last = None
    ordered = queryset.prefetch_related(None).order_by("pk").values_list(*COLUMNS)  # names: names_by_case
    while True:
        page = ordered.filter(pk__gt=last) if last is not None else ordered
        chunk = list(page[:EXPORT_CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1][0]


def library_rows(queryset):
    today, index, overdue = court_today(), 0, _("是")
    for chunk in _chunks(queryset):
        names = names_by_case([found[0] for found in chunk])
        applicants, respondents = names["applicants"], names["respondents"]
        for (pk, number, judge_name, judge_username, claimed, recovered, outstanding, filed_on, closed_on,
             last_inquiry_on, leads_since, open_triggers, resumed_number, resumed_on) in chunk:
            index += 1
            schedule = schedule_state(closed_on, last_inquiry_on=last_inquiry_on, today=today, resumed_on=resumed_on)
            yield [index, number, applicants.get(pk, ""), respondents.get(pk, ""), judge_name or judge_username or "",
                   claimed, recovered, outstanding, filed_on, closed_on, last_inquiry_on, schedule.next_due,
                   overdue if schedule.overdue else "", leads_since, open_triggers, resumed_number or ""]


def library_export(queryset, subtitle: str):
    today = court_today()
    return workbook_response(f"zhongben-library-{today}.xlsx", _("终本案件库"), subtitle, HEADER,
                             library_rows(queryset), widths=(6, 26, 20, 20, 10, 14, 14, 14, 12, 12, 12, 12, 10, 10,
                                                             12, 26), money_columns={5, 6, 7})
