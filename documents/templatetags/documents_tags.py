"""Filters the document templates print with: money in figures and capitals, dates and small numbers in Chinese."""
from django import template

from ..chinese_dates import arabic_date, chinese_date, chinese_number
from ..chinese_money import format_yuan, to_capital

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """126000 → 126,000.00"""
    return "" if amount in (None, "") else format_yuan(amount)


@register.filter
def capital(amount) -> str:
    """126000 → 壹拾贰万陆仟元整"""
    return "" if amount in (None, "") else to_capital(amount)


@register.filter
def money(amount) -> str:
    """126000 → 人民币126,000.00元（大写：壹拾贰万陆仟元整）: how a document states an amount."""
    if amount in (None, ""):
        return ""
    return f"人民币{format_yuan(amount)}元（大写：{to_capital(amount)}）"


@register.filter
def cn_date(day) -> str:
    """The date under a document: 二〇二四年五月一日."""
    return chinese_date(day) if day else ""


@register.filter
def ar_date(day) -> str:
    """A date in a document's body: 2024年5月1日."""
    return arabic_date(day) if day else ""


@register.filter
def cn_number(n) -> str:
    """15 → 十五 (days, counts)."""
    return "" if n in (None, "") else chinese_number(int(n))


@register.filter
def clause(text) -> str:
    """Text a sentence continues or closes: its own closing punctuation dropped, so the template's 。 is not doubled
    (a judge's "拒不申报财产。" printed as "查明：拒不申报财产。" and not "…财产。。")."""
    return str(text or "").strip().rstrip("。；;，,.． \n")
