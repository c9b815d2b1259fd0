"""{% case_audit case %}: the audit trail of one enforcement case (the case row and every row that belongs to it)."""
from django import template

from ..selectors import case_audit_entries

register = template.Library()


@register.inclusion_tag("audit/case_audit.html")
def case_audit(case, limit=100):
    return {"entries": case_audit_entries(case, limit=limit), "case": case}
