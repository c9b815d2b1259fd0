"""The issue form, built from the kind's spec: the fields a judge fills in differ by kind, the checks do not —
the service decides (an unapproved measure, a party outside the case → errors on the form, in Chinese)."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import MONEY, MONEY_LIMIT_ERRORS

from cases.services.common import court_today
from sanctions.models import Sanction

from .kinds import FROM_SANCTION, RESPONDENT_OPTIONAL, RESPONDENT_REQUIRED, KindSpec


def _input_field(spec_field) -> forms.Field:
    common = {"label": spec_field.label, "required": spec_field.required, "help_text": spec_field.help_text,
              "initial": spec_field.default}
    if spec_field.type == "text":
        return forms.CharField(max_length=spec_field.max_length, **common)
    if spec_field.type == "textarea":
        return forms.CharField(max_length=spec_field.max_length, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if spec_field.type == "money":
        return forms.DecimalField(**MONEY, min_value=Decimal("0.01"), error_messages=MONEY_LIMIT_ERRORS, **common)
    if spec_field.type == "int":
        return forms.IntegerField(min_value=spec_field.min_value, max_value=spec_field.max_value, **common)
    if spec_field.type == "choice":
        choices = list(spec_field.choices.choices)
        if not spec_field.required and spec_field.default is None:
            choices = [("", "—")] + choices
        return forms.ChoiceField(choices=choices, **common)
    raise ValueError(spec_field.type)


class SanctionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, sanction):
        return f"{sanction.get_kind_display()} · {sanction.party.name} · {sanction.decided_on:%Y-%m-%d} · " \
               f"{sanction.get_status_display()}"


class DocumentIssueForm(forms.Form):
    issued_on = forms.DateField(label=_("落款日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                help_text=_("执行通知书、报告财产令以此日为送达日记入时间轴"))

    def __init__(self, *args, case, spec: KindSpec, **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.spec = case, spec
        self.fields["issued_on"].initial = court_today()
        if spec.party_rule in (RESPONDENT_OPTIONAL, RESPONDENT_REQUIRED):
            self.fields["party"] = forms.ModelChoiceField(
                label=_("被执行人"), queryset=case.respondents.order_by("name", "pk"), required=False,
                empty_label=_("本案全部被执行人") if spec.party_rule == RESPONDENT_OPTIONAL else _("请选择"),
            )
        if spec.party_rule == FROM_SANCTION:
            # every measure of the kind, whatever its status: choosing an unapproved one gets the service's reason
            self.fields["sanction"] = SanctionChoiceField(
                label=_("依据的强制措施"), required=False, empty_label=_("请选择"),
                queryset=Sanction.objects.filter(case=case, kind=spec.sanction_kind).select_related("party")
                .order_by("-decided_on", "-pk"),
                help_text=_("须为院长已批准的措施"),
            )
        for spec_field in spec.inputs:
            self.fields[spec_field.name] = _input_field(spec_field)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "issued_on": data["issued_on"],
            "party": data.get("party"),
            "sanction": data.get("sanction"),
            "extra": {f.name: data.get(f.name) for f in self.spec.inputs},
        }
