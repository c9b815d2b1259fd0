"""Template helpers of the pushes pages."""
from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def yuan(value):
    """126000 → "126,000.00": yuan with two decimals and thousands separators (never a float)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return "—"
    return f"{amount:,.2f}"


@register.filter
def percent(ratio):
    """A Ratio's rate as "79.7%" (one decimal), or "—" without a denominator."""
    rate = getattr(ratio, "rate", None)
    return "—" if rate is None else f"{rate * 100:.1f}%"
