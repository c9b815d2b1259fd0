"""How a figure reads on a dashboard: counts "1,149", money "5,295.5万" (万元, one decimal), rates "73%" or "32.68%",
days "38.9天"; the numerator and denominator beside it. The API gives the raw values (stats.api.serializers)."""
from decimal import Decimal

from django.utils.translation import gettext as _

from cases.templatetags.case_ui import count, wan  # one way to write a count and 万元, pages and dashboards alike

from .metrics import Unit



def percent(rate) -> str:
    """Decimal("0.3268") → "32.68%"; a whole percentage without decimals, as courts write it: "73%"."""
    if rate is None:
        return "—"
    text = str((rate * 100).quantize(Decimal("0.01")))
    return f"{text.removesuffix('.00')}%"


def display_value(metric) -> str:
    if metric.unit == Unit.YUAN:
        return wan(metric.value)
    if metric.unit == Unit.RATE:
        return percent(metric.value)
    if metric.unit == Unit.DAYS:
        return "—" if metric.value is None else _("%(n)s天") % {"n": metric.value}
    return count(metric.value)


def _part(measure: str, number) -> str:
    if measure in ("amount", "claimed", "recovered"):
        return wan(number)
    if measure == "days":
        return _("%(n)s天") % {"n": count(number)}
    return count(number)


def part_text(metric) -> str:
    """"4 / 7", "10.0万 / 28.0万", "463天 / 3" — or just the numerator of a plain count or sum."""
    definition = metric.definition
    numerator = _part(definition.numerator.measure, metric.numerator)
    if definition.denominator is None:
        return numerator
    return f"{numerator} / {_part(definition.denominator.measure, metric.denominator)}"


def numerator_text(metric) -> str:
    return _part(metric.definition.numerator.measure, metric.numerator)


def denominator_text(metric) -> str:
    if metric.definition.denominator is None:
        return ""
    return _part(metric.definition.denominator.measure, metric.denominator)


def yuan(amount) -> str:
    """The exact amount beside the 万元 figure: "111,000.50元"."""
    return "—" if amount is None else f"{Decimal(amount):,.2f}元"
