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
