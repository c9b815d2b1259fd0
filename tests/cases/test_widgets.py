"""cases/widgets.py: widgets rendered in Python write exactly what Django's widget templates write."""
import pytest
from django import forms
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from cases import selectors, widgets
from cases.filtersets import EnforcementCaseFilter
from cases.views.enforcement import _dress_filter_form

pytestmark = pytest.mark.django_db


def through_templates(widget):
    """The same widget (attributes, choices, format) as Django's own class, which renders through its templates."""
    django_class = next(c for c in type(widget).__mro__ if c.__module__ == "django.forms.widgets")
    plain = django_class.__new__(django_class)
    plain.__dict__.update(widget.__dict__)
    return plain


@pytest.mark.parametrize("data", [
    None,
    {"q": '<b>"汪某" & 姚某\'</b>', "status": "closed", "case_type": "执恢", "closure_method": "terminated_current",
     "is_livelihood": "true", "filed_on_after": "2024-01-01", "closed_on_before": "不是日期", "page": "2"},
    {"is_livelihood": "false", "status": "no-such-status", "deadline_before": ""},
])
def test_case_list_filter_form_renders_as_django_templates_would(judge, other_judge, data):
    # given the case list's filter form, dressed as the view dresses it (unbound, or bound with the judge chosen)
    if data is not None:
        data = {**data, "judge": str(judge.pk)}
    request = RequestFactory().get("/cases/", data or {})
    request.user = judge
    filterset = EnforcementCaseFilter(data, request=request, queryset=selectors.enforcement_case_rows_visible_to(judge))
    form = _dress_filter_form(filterset.form)
    form.is_valid()

    for name in form.fields:
        field = form[name]
        # when each field is rendered in Python and through the templates
        fast = field.as_widget()
        slow = field.as_widget(widget=through_templates(field.field.widget))

        # then the markup is the same, character for character
        assert isinstance(field.field.widget, widgets.PythonRenderedMixin), name
        assert fast == slow, name
    assert (f'<option value="{judge.pk}" selected>' in str(form["judge"])) == (data is not None)
    assert other_judge.display_name not in str(form["judge"])  # another court's judge is not offered


def test_select_with_groups_and_boolean_attributes_renders_as_django_templates_would():
    choices = [("", "全部"), ("第一组", [("a", "甲 <1>"), ("b", mark_safe("<b>乙</b>"))]), (3, "丙"), (None, "空")]
    attrs = {"required": True, "disabled": False, "data-x": 'a"b', "class": mark_safe("x&amp;y")}

    for value in (["b"], [""], ["3"], []):
        fast = widgets.Select(attrs=attrs, choices=choices).render("f", value, {"id": "id_f"})
        slow = forms.Select(attrs=attrs, choices=choices).render("f", value, {"id": "id_f"})

        assert fast == slow


@pytest.mark.parametrize("value", [None, "", 0, "a&b", mark_safe("<i>")])
def test_inputs_render_as_django_templates_would(value):
    for fast_class, django_class in ((widgets.TextInput, forms.TextInput), (widgets.DateInput, forms.DateInput)):
        attrs = {"placeholder": "案号<", "autofocus": True, "readonly": False}

        assert fast_class(attrs=attrs).render("q", value) == django_class(attrs=attrs).render("q", value)


def test_widgets_without_a_python_rendering_are_left_as_they_are():
    textarea = forms.Textarea()

    assert widgets.python_rendered(textarea) is textarea
    assert isinstance(widgets.python_rendered(forms.Select(choices=[("a", "甲")])), widgets.Select)
