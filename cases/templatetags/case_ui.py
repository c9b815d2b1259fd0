"""Small presentation helpers for the browser UI: money, deadlines, status badges, party names."""
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape as esc

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..choices import CaseStatus, ClosureMethod, EventKind

register = template.Library()

# Timeline entries a clerk looks for first get an accent colour.
TIMELINE_ACCENTS = {
    EventKind.FILED: "filed", EventKind.CLOSED: "closed", EventKind.RESUMED: "closed",
    EventKind.FUND_IN: "money", EventKind.FUND_OUT: "money", EventKind.ASSET_FOUND: "asset",
    EventKind.CONSUMPTION_RESTRICTED: "sanction", EventKind.DISHONEST_LISTED: "sanction",
    EventKind.OBSTRUCTION_SANCTIONED: "sanction", EventKind.CRIME_REFERRED: "sanction",
    EventKind.SANCTION_APPROVED: "sanction", EventKind.URGING: "urging",
    EventKind.CONTACT: "urging", EventKind.PRESERVATION_CARRIED: "asset", EventKind.ASSET_CONTROLLED: "asset",
    EventKind.ASSET_RENEWED: "asset", EventKind.ASSET_VALUED: "asset", EventKind.AUCTION_ANNOUNCED: "asset",
    EventKind.AUCTION_RESULT: "asset", EventKind.ASSET_RELEASED: "closed", EventKind.FAST_TRACK: "filed",
}
NEAR_DAYS = 14  # same warning window as the deadline to-dos (cases.services.todos.DEADLINE_WARNING_DAYS)


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def yuan(value):
    """126000 → "126,000.00" (yuan, two decimals, never a float)."""
    amount = _decimal(value)
    return "—" if amount is None else f"{amount:,.2f}"


@register.filter
def count(value):
    """31898 → "31,898", whatever the page's language (the dashboards' counts too: stats.formatting)."""
    return "—" if value is None else f"{int(value):,}"


@register.filter
def wan(value):
    """52955000 → "5,295.5万": reports show 万元 with one decimal, rounded half up (四舍五入) — the dashboards'
    figures too (stats.formatting)."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    return f"{(amount / Decimal(10000)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}万"


@register.filter
def iso_date(day):
    """2024-03-05 → "2024-03-05": `|date:"Y-m-d"` without the date-format machinery (a fifth of its time; lists
    show two dates a row). Empty for no date, as `date` is."""
    return day.isoformat() if day else ""


@register.filter
def names(parties):
    return "、".join(p.name for p in parties) or "—"


# Labels by dictionary: get_status_display() rebuilds the field's choice dictionary at every call (a list page
# shows twenty badges). Same fallback as Django's: a code without a label shows as itself.
STATUS_LABELS = dict(CaseStatus.choices)
CLOSURE_LABELS = dict(ClosureMethod.choices)


@register.simple_tag
def status_badge(case):
    label = str(STATUS_LABELS.get(case.status, case.status))
    if case.status == CaseStatus.CLOSED and case.closure_method:
        label = f"{label}·{CLOSURE_LABELS.get(case.closure_method, case.closure_method)}"
    return format_html('<span class="badge badge-{}">{}</span>', case.status, label)


@register.simple_tag
def deadline_state(case, today: dt.date) -> dict:
    """What the deadline cell shows: closed / overdue N days / N days left (near when ≤ 14)."""
    if case.status == CaseStatus.CLOSED:
        return {"state": "closed", "days": None, "label": _("已结案")}
    if case.status == CaseStatus.SUSPENDED:
        # the time limit stops while suspended; resuming pushes the deadline back by the days suspended
        return {"state": "suspended", "days": None, "label": _("中止期间不计")}
    days = (case.deadline_on - today).days
    if days < 0:
        return {"state": "overdue", "days": -days, "label": _("已超期%(n)d天") % {"n": -days}}
    if days == 0:
        return {"state": "near", "days": 0, "label": _("今日届满")}
    state = "near" if days <= NEAR_DAYS else "ok"
    return {"state": state, "days": days, "label": _("剩%(n)d天") % {"n": days}}


@register.filter
def timeline_accent(kind):
    return TIMELINE_ACCENTS.get(kind, "")


@register.filter
def role_labels(user):
    from ..choices import Role

    return "、".join(str(Role(code).label) for code in getattr(user, "roles", []))


@register.filter
def split(value, sep=" "):
    return value.split(sep)


@register.filter
def field(form, name):
    """`form|field:name` → the bound field, for loops over field names in templates."""
    return form[name]


@register.filter
def picker_roles(pickers):
    """(field name, label) of a form's party pickers, for the "新建并加入…" buttons."""
    return [(p["name"], p["label"]) for p in pickers]


@register.filter
def days_from(day, today):
    """`due|days_from:today` → whole days from today to `day` (negative when past)."""
    if not day or not today:
        return ""
    return (day - today).days


@register.simple_tag
def lapse_state(asset, today: dt.date) -> dict:
    """The lapse date of a freeze/seizure as shown: lapsed / near (≤ 30 days) / ok, with the days left."""
    from ..models import CONTROLLED_STATUSES

    if not asset.lapses_on or asset.status not in CONTROLLED_STATUSES:
        return {"state": "none", "days": None}
    days = (asset.lapses_on - today).days
    return {"state": "lapsed" if days < 0 else ("near" if days <= 30 else "ok"), "days": days}


# One row of the case list (templates/cases/case_list.html). Rendered in Python, as Django's admin renders the cells
# of its change list (`items_for_result`): the same row as a template loop of tags and filters was a large share of
# the page's server time (figures: bench/README.md, "A slower host"). Every value goes through
# `esc` (the standard library's html.escape, which Django's escape() wraps) or is markup built here.
CASE_ROW = """<tr>
  <td class="nowrap"><a class="case-link" href="{}">{}</a>{}{}</td>
  <td>{}</td>
  <td>{}</td>
  <td class="num">{}</td>
  <td class="num{}">{}</td>
  <td class="nowrap">{}</td>
  <td class="nowrap">{}</td>
  <td class="nowrap deadline deadline-{}">{}</td>
  <td class="nowrap">{}</td>
</tr>"""


@register.simple_tag
def case_rows(cases, today: dt.date):
    """The case list's rows: rows of `cases.selectors.enforcement_case_rows_visible_to` with their party names
    (`with_party_names`)."""
    livelihood, livelihood_title, fast, fast_title = _("民生"), _("涉民生案件"), _("快"), _("快速通道")
    flags = (f' <span class="flag" title="{esc(livelihood_title)}">{esc(livelihood)}</span>',
             f' <span class="flag flag-fast" title="{esc(fast_title)}">{esc(fast)}</span>')
    return mark_safe("\n".join(_case_row(case, today, *flags) for case in cases))  # noqa: S308 - escaped above


def _case_row(case, today, livelihood: str, fast: str) -> str:
    state = deadline_state(case, today)
    if state["state"] == "closed":
        closed = _("%(d)s 结案") % {"d": iso_date(case.closed_on)}
        deadline = f'<span class="muted">{esc(closed)}</span>'
    else:
        deadline = f"{iso_date(case.deadline_on)} <small>{esc(str(state['label']))}</small>"
    return CASE_ROW.format(
        reverse("case-detail", args=[case.pk]), esc(case.number), livelihood if case.is_livelihood else "",
        fast if case.fast_track else "",
        esc("、".join(case.applicant_names) or "—"), esc("、".join(case.respondent_names) or "—"),
        yuan(case.amount_claimed), " text-strong" if case.amount_recovered else "", yuan(case.amount_recovered),
        esc((case.judge.display_name if case.judge_id else "") or "—"), iso_date(case.filed_on),
        state["state"], deadline, status_badge(case),
    )
