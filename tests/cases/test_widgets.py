"""wanian_exec/rendering.py: the renderer that writes widgets in Python writes exactly what Django's widget
templates write."""
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from cases import selectors
from cases.filtersets import EnforcementCaseFilter
from cases.views.enforcement import _dress_filter_form
from wanian_exec import rendering

pytestmark = pytest.mark.django_db
TEMPLATES = DjangoTemplates()


class Counting(rendering.PythonWidgetRenderer):
    """The renderer, counting what it leaves to the template engine."""

    def __init__(self):
        super().__init__()
        self.through_engine = []

    def get_template(self, template_name):
        self.through_engine.append(template_name)
        return super().get_template(template_name)


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
    assert form.renderer is rendering.PYTHON_WIDGETS

    # when each field is rendered in Python, and through the templates
    fast = {name: form[name].as_widget() for name in form.fields}
    counting = form.renderer = Counting()
    assert {name: form[name].as_widget() for name in form.fields} == fast
    form.renderer = TEMPLATES
    slow = {name: form[name].as_widget() for name in form.fields}
    # then the markup is the same, character for character, and none of it went through the template engine
    assert fast == slow
    assert counting.through_engine == []
    form.renderer = rendering.PYTHON_WIDGETS
    assert (f'<option value="{judge.pk}" selected>' in str(form["judge"])) == (data is not None)
    assert other_judge.display_name not in str(form["judge"])  # another court's judge is not offered


def test_select_with_groups_and_boolean_attributes_renders_as_django_templates_would():
    choices = [("", "全部"), ("第一组", [("a", "甲 <1>"), ("b", mark_safe("<b>乙</b>"))]), (3, "丙"), (None, "空")]
    attrs = {"required": True, "disabled": False, "data-x": 'a"b', "class": mark_safe("x&amp;y")}

    for value in (["b"], [""], ["3"], []):
        widget = forms.Select(attrs=attrs, choices=choices)
        fast = widget.render("f", value, {"id": "id_f"}, renderer=rendering.PYTHON_WIDGETS)
        slow = widget.render("f", value, {"id": "id_f"}, renderer=TEMPLATES)

        assert fast == slow


@pytest.mark.parametrize("value", [None, "", 0, "a&b", mark_safe("<i>")])
def test_inputs_render_as_django_templates_would(value):
    for widget_class in (forms.TextInput, forms.DateInput):
        widget = widget_class(attrs={"placeholder": "案号<", "autofocus": True, "readonly": False})

        assert (widget.render("q", value, renderer=rendering.PYTHON_WIDGETS)
                == widget.render("q", value, renderer=TEMPLATES))


def test_every_other_template_goes_through_the_engine():
    # given widgets Django renders with templates the renderer does not write, and an option of its own template
    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    counting = Counting()
    for widget in (forms.Textarea(), forms.CheckboxInput(), forms.NumberInput(), OwnOption(choices=[("a", "甲")])):
        # when rendered by it, then they are what the templates give, through the template engine
        html = widget.render("f", "a", renderer=counting)
        assert html == widget.render("f", "a", renderer=TEMPLATES)
    assert "django/forms/widgets/textarea.html" in counting.through_engine
    assert "django/forms/widgets/select.html" in counting.through_engine
