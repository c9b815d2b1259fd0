"""The 终本 library as an .xlsx file: rows streamed from the database in chunks into the streaming writer
(stats.exports' pattern and helpers), so a province's stock keeps memory flat."""
from django.utils.translation import gettext as _

from cases.services.common import court_today
from stats.exports import EXPORT_CHUNK, names_by_case, workbook_response

from .selectors import with_schedule

HEADER = ["序号", "案号", "申请执行人", "被执行人", "承办法官", "申请标的（元）", "执行到位（元）", "未履行金额（元）",
          "立案日期", "终本日期", "最近查询", "下次查询", "定期查询逾期", "终本后线索", "待研判恢复线索", "恢复执行案号"]


def _chunks(queryset):
    last = None
    ordered = queryset.prefetch_related(None).order_by("pk")  # names come from names_by_case
    while True:
        page = ordered.filter(pk__gt=last) if last is not None else ordered
        chunk = list(page[:EXPORT_CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def library_rows(queryset):
    today, index = court_today(), 0
    for chunk in _chunks(queryset):
        names = names_by_case([case.pk for case in chunk])
        applicants, respondents = names["applicants"], names["respondents"]
        for case in with_schedule(chunk, today):
            index += 1
            yield [index, case.number, applicants.get(case.pk, ""), respondents.get(case.pk, ""),
                   case.judge.display_name if case.judge_id else "", case.amount_claimed, case.amount_recovered,
                   case.outstanding, case.filed_on, case.closed_on, case.last_inquiry_on, case.schedule.next_due,
                   _("是") if case.schedule.overdue else "", case.leads_since, case.open_triggers,
                   case.resumed_number or ""]


def library_export(queryset, subtitle: str):
    today = court_today()
    return workbook_response(f"zhongben-library-{today}.xlsx", _("终本案件库"), subtitle, HEADER,
                             library_rows(queryset), widths=(6, 26, 20, 20, 10, 14, 14, 14, 12, 12, 12, 12, 10, 10,
                                                             12, 26), money_columns={5, 6, 7})
