"""Every list of the dashboards as an .xlsx file: rows streamed from the database in chunks into a temporary file
by the streaming writer (wanian_exec.xlsx: every string a text cell, as wanian_exec.spreadsheets decides), so a
list of a million cases keeps memory flat."""
import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from wanian_exec.xlsx import BOLD, TITLE, XlsxWriter

from . import metrics
from .formatting import display_value, part_text

EXPORT_CHUNK = 2000


def workbook_response(filename: str, title: str, subtitle: str, header: list[str], rows, *, widths=(),
                      money_columns=()) -> FileResponse:
    handle = tempfile.TemporaryFile()
    with XlsxWriter(handle, sheet_title=title, widths=widths) as book:
        book.row([title], style=TITLE)
        book.row([subtitle])
        book.row(header, style=BOLD)
        for row in rows:
            book.row(row, money_columns=money_columns)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def period_text(f) -> str:
    return _("统计期间：%(a)s 至 %(b)s") % {"a": f.date_from.isoformat(), "b": f.date_to.isoformat()}


ENFORCEMENT_HEADER = ["序号", "案号", "法院", "类型", "申请执行人", "被执行人", "承办法官", "申请标的（元）",
                      "执行到位（元）", "立案日期", "期限届满", "结案日期", "结案方式", "状态"]
LITIGATION_HEADER = ["序号", "案号", "法院", "类型", "案由", "涉财产争议", "承办法官", "诉讼标的额（元）", "立案日期",
                     "审理结果", "生效日期"]


def names_by_case(case_ids, roles=("applicants", "respondents")) -> dict[str, dict[int, str]]:
    """{role: {case id: "name、name"}} of enforcement cases, one query of names per role (in the parties' own
    order, name then id): a prefetch would build a model instance and a related manager per party and case."""
    result = {}
    for role in roles:
        through = EnforcementCase._meta.get_field(role).remote_field.through
        names: dict[int, list[str]] = {}
        rows = through.objects.filter(enforcementcase_id__in=case_ids).order_by("party__name", "party_id")
        for case_id, name in rows.values_list("enforcementcase_id", "party__name"):
            names.setdefault(case_id, []).append(name)
        result[role] = {case_id: "、".join(found) for case_id, found in names.items()}
    return result


ENFORCEMENT_COLUMNS = ("pk", "number", "court__name", "case_type", "judge__full_name", "judge__username",
                       "amount_claimed", "amount_recovered", "filed_on", "deadline_on", "closed_on", "closure_method",
                       "status")


def enforcement_rows(queryset, share_of=None):
    """`share_of(case_ids) -> {case_id: amount}`: a money figure's share per case, one query per chunk. The cases
    are read as tuples of the columns shown (no model instances: a tenth of the Python work per row)."""
    index = 0
    # the choices' labels once per export (get_FOO_display hashes the field's choices on every call)
    methods = {value: str(label) for value, label in EnforcementCase._meta.get_field("closure_method").flatchoices}
    statuses = {value: str(label) for value, label in EnforcementCase._meta.get_field("status").flatchoices}
    values = queryset.prefetch_related(None).values_list(*ENFORCEMENT_COLUMNS)
    chunk = []
    for found in values.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(found)
        if len(chunk) == EXPORT_CHUNK:
            index = yield from _enforcement_chunk(chunk, index, share_of, methods, statuses)
            chunk = []
    if chunk:
        yield from _enforcement_chunk(chunk, index, share_of, methods, statuses)


def _enforcement_chunk(chunk, index, share_of, methods, statuses):
    ids = [found[0] for found in chunk]
    shares = share_of(ids) if share_of else None
    names = names_by_case(ids)
    applicants, respondents = names["applicants"], names["respondents"]
    for (pk, number, court, case_type, judge_name, judge_username, claimed, recovered, filed_on, deadline_on,
         closed_on, method, status) in chunk:
        index += 1
        row = [index, number, court, case_type, applicants.get(pk, ""), respondents.get(pk, ""),
               judge_name or judge_username or "", claimed, recovered, filed_on, deadline_on, closed_on,
               methods.get(method, method) if method else "", statuses.get(status, status)]
        if shares is not None:
            row.append(shares.get(pk))
        yield row
    return index


def litigation_rows(queryset):
    for index, case in enumerate(queryset.iterator(chunk_size=EXPORT_CHUNK), start=1):
        outcome = getattr(case, "outcome", None)  # no outcome yet: the reverse one-to-one raises an AttributeError
        yield [index, case.number, case.court.name, case.case_type, case.cause,
               "是" if case.is_property_dispute else "否",
               case.trial_judge.display_name if case.trial_judge_id else "", case.claim_amount, case.filed_on,
               outcome.get_kind_display() if outcome else "", outcome.effective_on if outcome else None]


def metric_cases_export(name: str, f, part: str, queryset) -> FileResponse:
    """The drill-down list of a metric (already ordered and prefetched) as a workbook."""
    definition = metrics.REGISTRY[name]
    figure = metrics.compute(f, [name])[name]
    subtitle = f"{period_text(f)}　{definition.label}：{display_value(figure)}（{part_text(figure)}）"
    part_label = _("分母") if part == "denominator" else _("分子")
    title = f"{definition.label}（{part_label}）案件清单"
    if definition.case_model is EnforcementCase:
        chosen = definition.denominator if part == "denominator" else definition.numerator
        header, shares = list(ENFORCEMENT_HEADER), None
        if chosen.measure == "amount":
            header.append(_("计入本指标金额（元）"))
            shares = lambda case_ids: metrics.amounts_by_case(name, f, case_ids)  # noqa: E731
        rows = enforcement_rows(queryset, shares)
        return workbook_response(f"{name}-{part}-{f.date_from}-{f.date_to}.xlsx", title, subtitle, header, rows,
                                 widths=(6, 26, 18, 6, 20, 20, 10, 16, 16, 12, 12, 12, 16, 10, 18),
                                 money_columns={7, 8, 14})
    return workbook_response(f"{name}-{part}-{f.date_from}-{f.date_to}.xlsx", title, subtitle, LITIGATION_HEADER,
                             litigation_rows(queryset), widths=(6, 26, 18, 6, 20, 10, 10, 16, 12, 10, 12),
                             money_columns={7})
