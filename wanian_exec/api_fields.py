"""Serializer fields every app's API shares: choice labels beside their codes, the text of an optional related row.
(Fields that know tenancy are the cases app's: cases.api.fields.)"""
from functools import cache

from rest_framework import serializers
from rest_framework.fields import get_attribute


class ChoiceWithDisplayMixin:
    """Adds `<field>_display` (the label, in the request's language) for every choice field named in
    Meta.display_fields: what `get_<field>_display()` gives, from a dictionary built once per field (Django rebuilds
    it from the field's choices at every call; a page of twenty cases made sixty)."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name in getattr(self.Meta, "display_fields", ()):
            value = getattr(instance, name)
            data[f"{name}_display"] = str(_labels(type(instance), name).get(value, value)) if value else ""
        return data


@cache
def _labels(model, name: str) -> dict:
    return dict(model._meta.get_field(name).flatchoices)  # lazy labels: translated when str() is called


class RelatedText(serializers.CharField):
    """Read-only text of a related row that may be unset (`grid.name` of a recipient without a grid): "" then.

    In place of `CharField(source="grid.name", read_only=True, default="")`: DRF leaves a field's default out while
    it serializes a partial update, so the answer to a PATCH lacked the key that the schema lists as always there."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        try:
            value = get_attribute(instance, self.source_attrs)
        except (AttributeError, KeyError):  # a link of the chain is unset (None)
            return ""
        return "" if value is None else value
