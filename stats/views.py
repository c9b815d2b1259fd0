"""The dashboards (Chinese): the leader's figures of the 453 mechanism, the judge's own work, drill-down lists
and their Excel exports. Every number on a page is a link to the cases behind it.

Views are thin: stats.filters parses and authorises the filter, stats.metrics computes, stats.exports writes.
A page costs a fixed number of queries whatever the data size (tests/stats/test_views.py holds it).
"""
import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import CaseStatus
from cases.models import EnforcementCase
from cases.selectors import open_todos_for
from cases.services.common import court_today
from pushes.choices import Channel
from wanian_exec.db_routers import FALLBACK_LAG, reads_primary, replica_fallback
from wanian_exec.filtersets import parse_id

from . import composed, exports, metrics, selectors, snapshots
from .filters import parse_filter
from .formatting import denominator_text, display_value, numerator_text, part_text, wan, yuan
from .metrics import Unit

PAGE_SIZE = 20
DEADLINE_DAYS = 14  # the judge sees the time limits running out in the next two weeks
MY_LIST_SHOWN = 15
YEARS_OFFERED = 4  # quick links: this year and the three before
WAIT_PAGE_REFRESH = 1  # seconds between the waiting page's looks (a look reads one kept row: the figures show within a second)


@lru_cache(maxsize=None)
def _cases_path(name: str) -> str:
    return reverse("stats:cases", args=[name])


@lru_cache(maxsize=4096)
def _query(f, part: str) -> str:
    return f.querystring(part=None if part == "numerator" else part)


def metric_url(name: str, f, part: str = "numerator") -> str:
    """The drill-down of a figure (a dashboard builds several hundred: the path and the query are cached)."""
    return f"{_cases_path(name)}?{_query(f, part)}"


def card(metric) -> dict:
    """What a template shows of a figure: the value, its parts, the links to the cases behind them."""
    definition = metric.definition
    return {
        "name": metric.name, "label": definition.label, "short": definition.short, "doc": definition.caliber,
        "value": display_value(metric), "parts": part_text(metric), "metric": metric,
        "numerator": numerator_text(metric), "denominator": denominator_text(metric),
        "exact": yuan(metric.value) if metric.unit == Unit.YUAN else "",
        "has_denominator": definition.denominator is not None,
        "url": metric_url(metric.name, metric.filter),
        "url_denominator": metric_url(metric.name, metric.filter, "denominator") if definition.denominator else "",
    }


def cards(figures: dict, names) -> list[dict]:
    return [card(figures[name]) for name in names]


def _unlinked_if(condition: bool, row_cards: list[dict]) -> list[dict]:
    """Cases without a judge have no filter of their own to drill down with: their row shows plain numbers."""
    if condition:
        for c in row_cards:
            c["url"] = c["url_denominator"] = ""
    return row_cards


def require_statistics(user) -> None:
    if not user.has_perm(selectors.VIEW_STATISTICS):
        raise PermissionDenied(_("您没有查看统计的权限。"))


def _years(today: dt.date) -> list[int]:
    return [today.year - i for i in range(YEARS_OFFERED)]


def _requested_at(value) -> dt.datetime | None:
    """`requested=` of the waiting page: whole seconds since 1970, not in the future."""
    seconds = parse_id(value)
    if seconds is None or seconds > timezone.now().timestamp():
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)


@login_required
def leader_dashboard(request):
    require_statistics(request.user)
    f, form = parse_filter(request.user, request.GET)
    context = {"form": form, "f": f, "years": _years(court_today()), "section": "leader"}
    if f is None:
        return render(request, "stats/leader.html", context, status=400)
    # computed once per filter and kept a few minutes (stats.snapshots); ?refresh=1 computes now
    refresh = request.GET.get("refresh") == "1"
    context["court_names"] = "、".join(c.name for c in form.visible_courts if c.pk in f.courts)
    if snapshots.computed_in_background(f):
        requested = _requested_at(request.GET.get("requested"))
        progress = None
        if snapshots.composable(f):  # the courts' own kept figures, summed (stats.composed)
            data, requested, progress = composed.figures_or_asked(f, requested=requested, refresh=refresh)
        else:
            data, requested = snapshots.figures_or_asked(f, requested=requested, refresh=refresh)
        if data is None:  # the page looks again every second until the workers have stored them
            # a refresh's later looks still want the courts computed since it was pressed (stats.composed)
            wait = f.querystring(requested=int(requested.timestamp()), refresh="1" if refresh else None)
            context.update({"wait_url": "?" + wait, "wait_seconds": WAIT_PAGE_REFRESH, "progress": progress})
            return render(request, "stats/computing.html", context)
    else:
        data = snapshots.figures_for(f, refresh=refresh)
    figures, by_judge = data.figures, data.by_judge
    judges = selectors.judges_by_id(by_judge)
    judge_rows = sorted(
        ({"judge": judges.get(key), "key": key,
          "cells": _unlinked_if(key is None, cards(row, metrics.JUDGE_TABLE_NAMES))} for key, row in by_judge.items()),
        key=lambda r: (r["judge"] is None, r["judge"].display_name if r["judge"] else ""))
    names = {c.pk: c.name for c in form.visible_courts}
    court_rows = sorted(({"name": names.get(key, key), "cells": cards(row, metrics.JUDGE_TABLE_NAMES)}
                         for key, row in data.by_court.items()), key=lambda r: str(r["name"]))
    channel_rows = [{"label": Channel(key).label, "cells": cards(row, metrics.FIVE_PUSH_NAMES)}
                    for key, row in sorted(data.by_channel.items(), key=lambda kv: Channel.values.index(kv[0]))]
    months = data.months
    context.update({
        "kpis": cards(figures, metrics.KPI_NAMES),
        "caseload": cards(figures, [n for n in metrics.CASELOAD_NAMES if n not in metrics.KPI_NAMES]),
        "four_sync": cards(figures, metrics.FOUR_SYNC_NAMES),
        "five_push": cards(figures, metrics.FIVE_PUSH_NAMES), "channel_rows": channel_rows,
        "three_axes": cards(figures, metrics.THREE_AXES_NAMES),
        "stock": cards(figures, metrics.STOCK_NAMES),
        "judge_rows": judge_rows, "court_rows": court_rows,
        "months": [{"month": m["month"], "cells": cards(m, metrics.TREND_NAMES)} for m in months],
        "chart": {
            "labels": [_("%(m)d月") % {"m": m["month"].month} if m["month"].year == f.date_to.year
                       else f"{m['month']:%Y-%m}" for m in months],
            "new": [m["new_cases"].value for m in months],
            "concluded": [m["concluded"].value for m in months],
            "recovered_wan": [float(m["amount_recovered"].value / 10000) for m in months],
            "urls": [metric_url("new_cases", m["new_cases"].filter) for m in months],
            "names": {"new": _("新收（件）"), "concluded": _("执结（件）"), "recovered": _("执行到位（万元）"),
                      "cases": _("件"), "money": _("万元")},
        },
        "all_courts": [c.pk for c in form.visible_courts],
        "querystring": f.querystring(),
        "computed_at": data.computed_at, "from_snapshot": data.from_snapshot, "behind": data.behind,
        "composed_courts": len(f.courts) if snapshots.composable(f) else 0,
        "replica_fallback": replica_fallback(), "fallback_lag": FALLBACK_LAG,
        "max_lag": settings.DATABASE_REPLICA_MAX_LAG_SECONDS,
        "snapshot_minutes": settings.STATS_SNAPSHOT_MAX_AGE // 60,
        "definitions": [(metrics.REGISTRY[n].label, metrics.REGISTRY[n].caliber)
                        for n in dict.fromkeys(metrics.DASHBOARD_NAMES + metrics.JUDGE_TABLE_NAMES)],
    })
    return render(request, "stats/leader.html", context)


@reads_primary
@login_required
def metric_cases(request, name):
    """The cases behind a figure (numerator, or `part=denominator`), paginated; the count is the figure. Live:
    read from the primary, never a replica (the dashboard promises it)."""
    definition = metrics.REGISTRY.get(name)
    if definition is None:
        raise Http404
    part = "denominator" if request.GET.get("part") == "denominator" and definition.denominator else "numerator"
    f, form = parse_filter(request.user, request.GET)
    if f is None:
        return render(request, "stats/cases.html", {"form": form, "definition": definition}, status=400)
    figure = metrics.compute(f, [name])[name]
    queryset = metrics.cases_behind(name, f, part)
    litigation = definition.case_model is not EnforcementCase
    queryset = selectors.litigation_list(queryset) if litigation else selectors.enforcement_list(queryset)
    if request.GET.get("format") == "xlsx":
        return exports.metric_cases_export(name, f, part, queryset)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = definition.denominator if part == "denominator" else definition.numerator
    shares = {}
    if not litigation and chosen.measure == "amount":
        shares = {pk: wan(v) for pk, v in metrics.amounts_by_case(name, f, [c.pk for c in page]).items()}
    rows = [{"case": case, "share": shares.get(case.pk)} for case in page]
    return render(request, "stats/cases.html", {
        "definition": definition, "figure": card(figure), "part": part, "page": page, "rows": rows,
        "litigation": litigation, "show_share": bool(shares) or chosen.measure == "amount", "f": f,
        "own_court": request.user.court_id, "today": court_today(),
        "querystring": f.querystring(part=None if part == "numerator" else part),
        "export_url": f"{reverse('stats:cases', args=[name])}?"
                      f"{f.querystring(part=None if part == 'numerator' else part, format='xlsx')}",
        "dashboard_url": f"{reverse('stats:leader')}?{f.querystring()}",
    })


@login_required
def summary_export(request):
    """Every figure of the leader dashboard with its numerator, denominator and definition."""
    require_statistics(request.user)
    f, form = parse_filter(request.user, request.GET)
    if f is None:
        raise Http404
    figures = metrics.compute(f, metrics.DASHBOARD_NAMES)
    rows = ([str(m.definition.label), display_value(m), m.value, m.numerator, m.denominator,
             m.definition.caliber] for m in figures.values())
    return exports.workbook_response(f"summary-{f.date_from}-{f.date_to}.xlsx", _("执行工作主要指标"),
                                     exports.period_text(f),
                                     [_("指标"), _("显示值"), _("值"), _("分子"), _("分母"), _("口径")], rows,
                                     widths=(22, 14, 14, 16, 16, 100))


@login_required
def judges_export(request):
    require_statistics(request.user)
    f, form = parse_filter(request.user, request.GET)
    if f is None:
        raise Http404
    by_judge = metrics.compute(f, metrics.JUDGE_TABLE_NAMES, group_by="judge")
    judges = selectors.judges_by_id(by_judge)
    header = [_("承办法官"), _("新收"), _("执结"), _("结案平均用时（天）"), _("期限内结案"), _("执结"),
              _("法定期限内结案率"), _("执行到位金额（元）"), _("超期未结")]

    def rows():
        for key, row in sorted(by_judge.items(), key=lambda kv: judges[kv[0]].display_name if kv[0] else "~"):
            within = row["within_limit_rate"]
            yield [judges[key].display_name if key else _("未分配"), row["new_cases"].value, row["concluded"].value,
                   row["closed_avg_days"].value, within.numerator, within.denominator, within.value,
                   row["amount_recovered"].value, row["overdue_open"].value]

    return exports.workbook_response(f"judges-{f.date_from}-{f.date_to}.xlsx", _("承办法官办案情况"),
                                     exports.period_text(f), header, rows(), widths=(14, 8, 8, 16, 12, 8, 16, 18, 10),
                                     money_columns={7})


@login_required
def trend_export(request):
    require_statistics(request.user)
    f, form = parse_filter(request.user, request.GET)
    if f is None:
        raise Http404
    rows = ([m["month"].strftime("%Y-%m"), m["new_cases"].value, m["concluded"].value, m["amount_recovered"].value]
            for m in metrics.monthly(f))
    return exports.workbook_response(f"monthly-{f.date_from}-{f.date_to}.xlsx", _("逐月收结案与执行到位"),
                                     exports.period_text(f), [_("月份"), _("新收"), _("执结"), _("执行到位金额（元）")],
                                     rows, widths=(10, 8, 8, 18), money_columns={3})


# --- the judge's own dashboard ---------------------------------------------------------------------------------


@reads_primary  # a judge's own work list is live: read from the primary
@login_required
def judge_dashboard(request):
    user = request.user
    if not user.court_id:
        raise PermissionDenied(_("系统管理员不属于任何法院，没有个人办案看板。"))
    today = court_today()
    counts = selectors.my_status_counts(user)
    case_list = reverse("case-list")
    statuses = [{"status": status, "label": label, "n": counts.get(status, 0),
                 "url": f"{case_list}?judge={user.pk}&status={status}"} for status, label in CaseStatus.choices]
    deadlines = selectors.my_deadlines_within(user, today, DEADLINE_DAYS)
    overdue = selectors.my_overdue_nodes(user, today)
    todos = open_todos_for(user)
    return render(request, "stats/judge.html", {
        "today": today, "deadline_days": DEADLINE_DAYS, "statuses": statuses, "total": sum(counts.values()),
        "my_cases_url": f"{case_list}?judge={user.pk}",
        "deadlines": deadlines[:MY_LIST_SHOWN], "deadline_count": deadlines.count(),
        "overdue": overdue[:MY_LIST_SHOWN], "overdue_count": overdue.count(),
        "todos": todos[:MY_LIST_SHOWN], "todo_count": todos.count(), "shown": MY_LIST_SHOWN, "section": "judge",
    })


@reads_primary
@login_required
def judge_export(request, which):
    user = request.user
    if not user.court_id:
        raise PermissionDenied
    today = court_today()
    if which == "deadlines":
        queryset, title = selectors.my_deadlines_within(user, today, DEADLINE_DAYS), _("%(n)d日内期限届满的案件") % {
            "n": DEADLINE_DAYS}
    elif which == "overdue":
        queryset, title = selectors.my_overdue_nodes(user, today), _("节点超期的案件")
    elif which == "todos":
        todos = open_todos_for(user)
        rows = ([i, t.get_kind_display(), t.title, t.case_number, t.due_on] for i, t in enumerate(todos, start=1))
        return exports.workbook_response(f"todos-{today}.xlsx", _("我的待办"), f"{user.display_name}　{today}",
                                         [_("序号"), _("类型"), _("事项"), _("案号"), _("期限")], rows,
                                         widths=(6, 18, 60, 26, 12))
    else:
        raise Http404
    return exports.workbook_response(f"{which}-{today}.xlsx", title, f"{user.display_name}　{today}",
                                     exports.ENFORCEMENT_HEADER, exports.enforcement_rows(queryset),
                                     widths=(6, 26, 18, 6, 20, 20, 10, 16, 16, 12, 12, 12, 16, 10),
                                     money_columns={7, 8})
