"""Reads of the audit trail. Tenancy: the caller passes a case that came through the case selectors."""
from dataclasses import dataclass

from .models import AuditEntry


@dataclass
class Change:
    field: str
    before: object
    after: object


def _label(model, attname: str) -> str:
    if model is None:
        return attname
    for field in model._meta.concrete_fields:
        if field.attname == attname or field.name == attname:
            return str(field.verbose_name)
    return attname


def case_audit_entries(case, *, limit: int = 100) -> list:
    """The newest entries of the case, each with `.model_label` and `.change_list` ready for the template."""
    entries = list(AuditEntry.objects.filter(case_id=case.pk).select_related("content_type")[:limit])
    for entry in entries:
        model = entry.content_type.model_class()
        entry.model_label = str(model._meta.verbose_name) if model else entry.content_type.model
        entry.change_list = [Change(_label(model, name), before, after)
                             for name, (before, after) in (entry.changes or {}).items()]
    return entries
