"""What every page view of the browser UI shares: permission checks, service calls, htmx-aware responses, filter
forms. The API's counterpart is wanian_exec.api."""
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .errors import RuleViolation


def require_perms(user, *perms: str) -> None:
    """403 unless the user holds every permission (views check permissions, never role names)."""
    if not user.has_perms(perms):
        raise PermissionDenied(_("您没有办理此事项的权限。"))


def require_court(user) -> None:
    """New rows belong to the user's court; a system admin without one works in the admin site."""
    if user.court_id is None:
        raise PermissionDenied(_("系统管理员不属于任何法院，请在管理后台为指定法院录入。"))


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError({field: [messages]}) on the form: on the field if the form has it."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def run_service(form, service, **kwargs):
    """Call a service; its refusals become form errors. Returns (ok, result).

    A RuleViolation is kept on `form.violation`, so a template can show its extra data (the 终本 unmet list).
    """
    form.violation = None
    try:
        return True, service(**kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
    except RuleViolation as exc:
        form.violation = exc
        if not (exc.extra.get("unmet_display") or exc.extra.get("rows")):  # those lists show themselves
            form.add_error(None, str(exc.detail))
    return False, None


def redirect_after_post(request, url):
    """htmx posts navigate with HX-Redirect (the whole page changed); plain posts get a 302."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def label_empty_choice(form_field, label):
    """Set the "no filter" option's label. django-filter's choice iterator holds the field it was built for,
    which the form's deep copy leaves pointing at the FilterSet's field, so the choices are rebuilt too."""
    form_field.empty_label = label
    if not isinstance(form_field, forms.ModelChoiceField):
        form_field.choices = list(getattr(form_field.choices, "choices", form_field.choices))


def dress_filters(form):
    """A FilterSet's form for a page (the API uses the same FilterSet unchanged): the "no filter" choice reads 全部
    (yes/no filters: 全部 / 是 / 否, not Django's 未知), and people are listed by their display names."""
    for form_field in form.fields.values():
        if isinstance(form_field, forms.NullBooleanField):
            form_field.widget.choices = [("unknown", _("全部")), ("true", _("是")), ("false", _("否"))]
        elif hasattr(form_field, "empty_label"):  # django-filter's and Django's model choice fields
            label_empty_choice(form_field, _("全部"))
        if isinstance(form_field, forms.ModelChoiceField):
            form_field.label_from_instance = lambda obj: getattr(obj, "display_name", None) or str(obj)
    return form
