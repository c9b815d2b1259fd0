"""The base of every FilterSet (the HTML lists and the API share them): row ids in the query string are checked
as ids before they reach the database."""
import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.utils import get_model_field
from drf_spectacular.utils import extend_schema_field

# The largest id any of our columns holds: BigAutoField (DEFAULT_AUTO_FIELD) and SQLite's INTEGER are signed 64-bit.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    """A row id in a query string or a form: a whole number from 1 to MAX_ID, else "请输入有效的编号（正整数）。"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
        message = _("请输入有效的编号（正整数）。")
        self.error_messages.update({"invalid": message, "min_value": message, "max_value": message})


def parse_id(value) -> int | None:
    """The id written in `value` (a query parameter), or None when it is empty or not an id (see IdField)."""
    try:
        return IdField(required=False).clean(value)
    except forms.ValidationError:
        return None


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number from 1 to MAX_ID; anything else answers 400 on the parameter
    ("请输入有效的编号（正整数）。").

    django-filter's NumberFilter reads a decimal, so `?case=1.5` quietly became case 1 and `?case=1e40` or
    `?case=-1.79e308` reached the database as an integer wider than 64 bits. Django keeps such values away from a
    column's own lookups (`pk=`), not from lookups through a foreign key (`case=`, `asset__case=`): PostgreSQL
    answered no rows, SQLite raised OverflowError — a 500."""

    field_class = IdField

    def get_max_validator(self):
        return None  # IdField has the bound


def column(model, field_name: str):
    """The model field a filter's `field_name` ends on (through relations, `pk` included); None if it names none."""
    path, _sep, last = field_name.rpartition("__")
    if last == "pk":
        if not path:
            return model._meta.pk
        related = get_model_field(model, path)
        return related.related_model._meta.pk if related is not None and related.is_relation else None
    return get_model_field(model, field_name)


def is_id_column(field) -> bool:
    """A primary key, or a foreign key (one-to-one included) to an integer key."""
    if field is None:
        return False
    if field.is_relation:
        if not (field.many_to_one or field.one_to_one) or not hasattr(field, "target_field"):
            return False
        field = field.target_field
    return field.primary_key and isinstance(field, models.IntegerField)


class FilterSet(django_filters.FilterSet):
    """Every NumberFilter over an id column — declared (`case = NumberFilter(field_name="case_id")`,
    `NumberFilter(field_name="asset__case")`) or generated from `Meta.fields` — becomes an IdFilter: a malformed
    or out-of-range id is a form error (the API answers 400 with the message; an HTML list leaves that filter
    out), never a 500. A filter that reads an id through a method (no column to look at) is declared as IdFilter
    itself."""

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        if model is None:
            return filters
        for name, f in filters.items():
            if type(f) is django_filters.NumberFilter and is_id_column(column(model, f.field_name)):
                filters[name] = _as_id_filter(f)
        return filters


def _as_id_filter(f: django_filters.NumberFilter) -> IdFilter:
    id_filter = IdFilter(field_name=f.field_name, lookup_expr=f.lookup_expr, label=f._label, method=f.method,
                         distinct=f.distinct, exclude=f.exclude, **f.extra)
    id_filter.creation_counter = f.creation_counter
    return id_filter
