"""A form renderer that writes input and select widgets in Python: the same markup as Django's widget templates
(django/forms/widgets/input.html, select.html, select_option.html, attrs.html), character for character.

The case list's filter form has eleven fields and ~40 options; through the templates each option is an
`{% include %}` of two more templates, a good share of the list page's time (bench/README.md, "Public API only";
bench/public_api_paths.py measures both). It is a renderer (Django's form rendering API: `render(template_name, context, request=None)`), given to a
form by `Form.default_renderer` (`PythonWidgetsForm`): the widgets stay Django's own classes, and every other
template — a field group, a textarea, a widget given another template_name — goes through the template engine as
before. tests/cases/test_widgets.py pins the output against Django's own templates.
"""
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

INPUTS = ("django/forms/widgets/text.html", "django/forms/widgets/date.html")
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


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


def _select(widget: dict) -> str | None:
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None  # an option of its own template: the whole select goes through the engine
            html.append("\n  " + _option(option))
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>')


class PythonWidgetRenderer(DjangoTemplates):
    """Django's default renderer, except text, date and select widgets, written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and template_name in INPUTS:
            return mark_safe(_input(widget))
        if widget is not None and template_name == SELECT:
            html = _select(widget)
            if html is not None:
                return mark_safe(html)
        return super().render(template_name, context, request)


# one instance: its template engine (for everything else) is built once per process, as Django's default renderer's
PYTHON_WIDGETS = PythonWidgetRenderer()


class PythonWidgetsForm(forms.Form):
    """A form whose text, date and select widgets are written in Python (a FilterSet's `Meta.form`)."""

    default_renderer = PYTHON_WIDGETS
