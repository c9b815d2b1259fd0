"""Form widgets that write their HTML in Python: the same markup as Django's widget templates
(django/forms/widgets/input.html, select.html, select_option.html, attrs.html), character for character.

The case list's filter form has eleven fields and ~40 options; through the templates each option is an
`{% include %}` of two more templates, a visible share of the list page's time (measured with bench/suite.py;
bench/README.md). tests/cases/test_widgets.py pins the output against Django's own templates. A widget given another
template_name still renders through it; overriding Django's widget templates project-wide (FORM_RENDERER) would not
reach these widgets.
"""
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless it was already safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}" if value is True
                     else f' {conditional_escape(name)}="{_formatted(value)}"')
    return "".join(parts)


def _option(option: dict) -> str:
    return (f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
            f'{conditional_escape(option["label"])}</option>\n')


class PythonRenderedMixin:
    """Renders input and select widgets without the template engine; any other template goes through it."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name == "django/forms/widgets/select.html":
            return mark_safe(self._select(widget))
        if template_name in ("django/forms/widgets/text.html", "django/forms/widgets/date.html"):
            value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
            return mark_safe(f'<input type="{conditional_escape(widget["type"])}" '
                             f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>')
        return super()._render(template_name, context, renderer)

    @staticmethod
    def _select(widget: dict) -> str:
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                if option["template_name"] != "django/forms/widgets/select_option.html":
                    raise ValueError(f"no Python rendering of {option['template_name']}")
                html.append("\n  " + _option(option))
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return "".join(html)


class TextInput(PythonRenderedMixin, forms.TextInput):
    pass


class DateInput(PythonRenderedMixin, forms.DateInput):
    pass


class Select(PythonRenderedMixin, forms.Select):
    pass


class NullBooleanSelect(PythonRenderedMixin, forms.NullBooleanSelect):
    pass


PYTHON_RENDERED = {forms.TextInput: TextInput, forms.DateInput: DateInput, forms.Select: Select,
                   forms.NullBooleanSelect: NullBooleanSelect}


def python_rendered(widget: forms.Widget) -> forms.Widget:
    """The same widget (attributes, choices, format) rendered in Python, when there is a Python rendering of it."""
    fast = PYTHON_RENDERED.get(type(widget))
    if fast is None:
        return widget
    copy = fast.__new__(fast)
    copy.__dict__.update(widget.__dict__)
    return copy
