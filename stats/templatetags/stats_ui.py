"""Figure cards and links of the dashboards, built in Python: a dashboard shows a few hundred of them, and one
`{% include %}` each costs more than the queries behind the page."""
from django import template
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _link(url: str, text, css: str = "", title: str = ""):
    # built with escape() and an f-string: format_html's per-argument machinery is the page's largest cost when a
    # province's table shows a few thousand of these
    text = conditional_escape(text)
    if not url:
        return text
    css = f' class="{escape(css)}"' if css else ""
    title = f' title="{escape(title)}"' if title else ""
    return mark_safe(f'<a href="{escape(url)}"{css}{title}>{text}</a>')  # noqa: S308 (every part escaped above)


@register.simple_tag
def metric_link(url, text, title=""):
    """A number that opens the cases behind it (plain text where there is no list to open)."""
    return _link(url, text, title=title)


def _parts(c) -> str:
    if c["has_denominator"]:
        return format_html('<span class="figure-parts">{} / {}</span>', _link(c["url"], c["numerator"], "part-n"),
                           _link(c["url_denominator"], c["denominator"], "part-d"))
    if c["exact"]:
        return format_html('<span class="figure-parts">{}</span>', _link(c["url"], c["exact"]))
    return ""


@register.simple_tag
def figure_card(c):
    """A figure: its label (the definition on hover), the value, numerator / denominator, a short definition."""
    return format_html(
        '<div class="figure figure-{unit}" data-metric="{name}"><span class="figure-label" title="{doc}">{label}</span>'
        '<a class="figure-value" href="{url}" title="{open}">{value}</a>{parts}'
        '<span class="figure-short" title="{doc}">{short}</span></div>',
        unit=c["metric"].unit, name=c["name"], doc=c["doc"], label=c["label"], url=c["url"], open=_("查看案件清单"),
        value=c["value"], parts=_parts(c), short=c["short"])


@register.simple_tag
def figure_row(c):
    """A figure as one line of a mechanism panel."""
    if c["has_denominator"]:
        parts = format_html("{} / {}", _link(c["url"], c["numerator"]), _link(c["url_denominator"], c["denominator"]))
    else:
        parts = c["exact"]
    return format_html(
        '<li class="frow" data-metric="{name}"><span class="frow-label" title="{doc}">{label}</span>'
        '<a class="frow-value" href="{url}">{value}</a><span class="frow-parts">{parts}</span></li>',
        name=c["name"], doc=c["doc"], label=c["label"], url=c["url"], value=c["value"], parts=parts)


@register.simple_tag
def group_rows(rows):
    """The rows of a by-court or by-judge table (templates/stats/partials/group_table.html): a name, then new,
    concluded, average days, within-limit rate with its parts, money, overdue — each opening its cases. In Python
    for the reason above: a province's table of 101 courts was half of the dashboard's time as template tags."""
    unassigned = format_html('<span class="muted">{}</span>', _("未分配承办法官"))
    return mark_safe("\n".join(_group_row(row, unassigned) for row in rows))  # noqa: S308 (escaped in _link)


def _group_row(row, unassigned: str) -> str:
    if row.get("name"):
        name = escape(row["name"])
    elif row.get("judge"):
        name = escape(row["judge"].display_name)
    else:
        name = unassigned
    new, done, days, within, money, overdue = row["cells"][:6]
    danger = " text-danger" if overdue["metric"].value else ""
    return (
        f'<tr>\n      <td class="nowrap">{name}</td>\n'
        f'      <td class="num">{_link(new["url"], new["value"])}</td>\n'
        f'      <td class="num">{_link(done["url"], done["value"])}</td>\n'
        f'      <td class="num">{_link(days["url"], days["value"])}</td>\n'
        f'      <td class="num">{_link(within["url"], within["value"])} <small class="muted">('
        f'{_link(within["url"], within["numerator"])}/{_link(within["url_denominator"], within["denominator"])})'
        f'</small></td>\n'
        f'      <td class="num">{_link(money["url"], money["value"], title=money["exact"])}</td>\n'
        f'      <td class="num{danger}">{_link(overdue["url"], overdue["value"])}</td>\n    </tr>'
    )
