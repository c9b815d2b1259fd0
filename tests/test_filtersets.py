"""The project's FilterSet base (wanian_exec/filtersets.py): every id in a list's query string is checked as an id,
on every API list and every HTML list, so `?case=1e40` answers 400 and never reaches the database (a 500 on
SQLite, found by the long schemathesis run)."""
import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from wanian_exec.api import FilterBackend
from wanian_exec.filtersets import MAX_ID, FilterSet, IdFilter, column, is_id_column

pytestmark = pytest.mark.django_db


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "cls", None) is not None:
            yield pattern.callback.cls


def api_filtersets():
    """The FilterSet of every API view that filters: its own class, or the one built from `filterset_fields`."""
    found = {}
    for view_class in set(_views(get_resolver().url_patterns)):
        filterset_class = getattr(view_class, "filterset_class", None)
        if filterset_class is None and getattr(view_class, "filterset_fields", None):
            model = view_class.serializer_class.Meta.model
            filterset_class = FilterBackend().get_filterset_class(view_class(), model.objects.all())
        if filterset_class is not None:
            found[view_class.__name__] = filterset_class
    return found


def test_every_api_list_filters_with_the_project_base():
    filtersets = api_filtersets()
    assert len(filtersets) > 20
    assert not [name for name, cls in filtersets.items() if not issubclass(cls, FilterSet)]


def test_no_number_filter_over_an_id_column_is_left_unchecked():
    unchecked = [
        f"{view}.{name}" for view, cls in api_filtersets().items() for name, f in cls.base_filters.items()
        if isinstance(f, django_filters.NumberFilter) and not isinstance(f, IdFilter)
        and is_id_column(column(cls._meta.model, f.field_name))
    ]
    assert unchecked == []


@pytest.mark.parametrize("value, valid", [
    ("1", True), (str(MAX_ID), True), ("1.0", True),
    ("0", False), ("-1", False), ("1.5", False), ("1e3", False), (str(MAX_ID + 1), False),
    ("-1.7976931348623157e+308", False), ("abc", False),
])
def test_an_id_is_a_whole_number_from_one_to_the_widest_column(value, valid):
    from pushes.filtersets import PushItemFilter
    from pushes.models import PushItem

    filterset = PushItemFilter({"case": value}, queryset=PushItem.objects.all())
    with translation.override("zh-hans"):  # no request here to choose the language
        assert filterset.is_valid() is valid
        if valid:
            assert list(filterset.qs) == []
        else:
            assert filterset.errors["case"] == ["请输入有效的编号（正整数）。"]


def test_a_declared_number_filter_over_a_foreign_key_becomes_an_id_filter_with_its_options():
    from cases.models import Contact

    class ContactFilter(FilterSet):
        case = django_filters.NumberFilter(field_name="case_id", label="执行案件", exclude=True)
        after = django_filters.NumberFilter(field_name="pk", lookup_expr="gt")

        class Meta:
            model = Contact
            fields = ["party"]

    case = ContactFilter.base_filters["case"]
    assert isinstance(case, IdFilter)
    assert (case.field_name, case.label, case.exclude) == ("case_id", "执行案件", True)
    assert isinstance(ContactFilter.base_filters["after"], IdFilter)  # the primary key is an id column too
