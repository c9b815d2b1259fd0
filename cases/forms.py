"""Forms of the browser UI. They check the shape of the input; the services decide the rest.

Querysets of every choice field come from the selectors (or from a case the selectors returned), so a party,
judge or source case of another court is never a valid choice.
"""
from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import selectors
from .choices import (RECORDABLE_EVENT_KINDS, ClosureMethod, EnforcementType, FundDirection,
                      InquiryChannel, InquiryScope, LitigationType, OutcomeKind, PartyKind, PreservationKind, Role,
                      UrgingChannel)
from .models import LitigationCase, Party, User
from .services.common import court_today

MONEY = {"max_digits": 14, "decimal_places": 2}
MONEY_ERRORS = {
    "invalid": _("请输入金额（元），如 126000.00。"),
    "min_value": _("金额必须大于0。"),
    "max_decimal_places": _("金额最多保留两位小数。"),
    "max_digits": _("金额过大。"),
    "max_whole_digits": _("金额过大。"),
}
DATE_ERRORS = {"invalid": _("请输入有效日期，格式为 YYYY-MM-DD。")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, today=False, **kwargs):
    field = forms.DateField(label=label, required=required, widget=DateInput(), error_messages=DATE_ERRORS, **kwargs)
    if today:
        field.initial = court_today
    return field


def money_field(label, *, required=True, positive=True, **kwargs):
    return forms.DecimalField(label=label, required=required, min_value=Decimal("0.01") if positive else Decimal("0"),
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                              error_messages=MONEY_ERRORS, **MONEY, **kwargs)


class PartyChoiceField(forms.ModelMultipleChoiceField):
    """Parties picked with the lookup widget; each one posts as a hidden input of the field's name."""

    widget = forms.MultipleHiddenInput

    def __init__(self, queryset, *, label, required_message, **kwargs):
        super().__init__(queryset, label=label, error_messages={
            "required": required_message,
            "invalid_choice": _("所选当事人不存在或不属于本院。"),
            "invalid_pk_value": _("当事人编号无效。"),
        }, **kwargs)


class PartyPickingForm(forms.Form):
    """A form with party lists filled by the party picker (templates/partials/party_picker.html)."""

    party_fields: tuple[str, ...] = ()

    def picked(self, name: str) -> list[Party]:
        """The parties currently chosen in field `name` (bound data or initial), in the order given."""
        raw = self[name].value() or []
        ids = []
        for value in raw:
            value = getattr(value, "pk", value)
            if str(value).isdigit() and int(value) not in ids:
                ids.append(int(value))
        found = {p.pk: p for p in self.fields[name].queryset.filter(pk__in=ids)}
        return [found[i] for i in ids if i in found]

    def pickers(self) -> list[dict]:
        return [{"name": name, "label": self.fields[name].label, "parties": self.picked(name),
                 "errors": self[name].errors} for name in self.party_fields]


# --- authentication ----------------------------------------------------------------------------------


class CourtAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确（区分大小写）。"),
        "inactive": _("该账户已停用，请联系本院管理员。"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")


# --- parties -----------------------------------------------------------------------------------------


class PartyInlineForm(forms.Form):
    """New party created inside a filing form (prefix "np"); cases.services.parties.party_create validates it."""

    kind = forms.ChoiceField(label=_("类型"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    name = forms.CharField(label=_("姓名/名称"), max_length=128)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False,
                                help_text=_("自然人填写，18位"))
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False,
                                  help_text=_("组织填写，18位"))
    phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    address = forms.CharField(label=_("住所地"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "np")
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("请填写姓名或名称。")


# --- enforcement cases -------------------------------------------------------------------------------


class EnforcementCaseForm(PartyPickingForm):
    party_fields = ("applicants", "respondents")

    case_type = forms.ChoiceField(
        label=_("案件类型"), initial=EnforcementType.FIRST,
        choices=[c for c in EnforcementType.choices if c[0] != EnforcementType.RESUMED],
        help_text=_("恢复执行案件由终本案件“恢复执行”生成"),
    )
    source_case = forms.ModelChoiceField(label=_("执行依据案件"), queryset=LitigationCase.objects.none(),
                                         required=False, empty_label=_("（非本院诉讼案件）"))
    source_document = forms.CharField(label=_("执行依据文书"), max_length=255, required=False,
                                      help_text=_("非本院诉讼案件时填写，如仲裁裁决书、公证债权文书"))
    amount_claimed = money_field(_("申请执行标的（元）"))
    filed_on = date_field(_("立案日期"), today=True)
    judge = forms.ModelChoiceField(label=_("承办法官"), queryset=User.objects.none(), required=False,
                                   empty_label=_("（暂不指定）"))
    is_livelihood = forms.BooleanField(label=_("涉民生案件"), required=False)
    is_non_litigation = forms.BooleanField(label=_("非诉执行（执行期限3个月）"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parties = selectors.restrict_to_user(Party.objects.all(), user)
        self.fields["applicants"] = PartyChoiceField(parties, label=_("申请执行人"),
                                                     required_message=_("请至少选择一名申请执行人。"))
        self.fields["respondents"] = PartyChoiceField(parties, label=_("被执行人"),
                                                      required_message=_("请至少选择一名被执行人。"))
        self.fields["source_case"].queryset = selectors.restrict_to_user(
            LitigationCase.objects.only("id", "number", "cause", "filed_on"), user).order_by("-filed_on", "-pk")
        self.fields["source_case"].label_from_instance = lambda c: f"{c.number} {c.cause}"
        self.fields["judge"].queryset = selectors.court_users_with_role(user, Role.ENFORCEMENT_JUDGE)
        self.fields["judge"].label_from_instance = lambda u: u.display_name


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("事项"), choices=[(k.value, k.label) for k in RECORDABLE_EVENT_KINDS])
    occurred_on = date_field(_("日期"), today=True)
    party = forms.ModelChoiceField(label=_("当事人"), queryset=Party.objects.none(), required=False,
                                   empty_label=_("（全案）"))
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = (case.applicants.all() | case.respondents.all()).distinct()


class InquiryForm(forms.Form):
    channel = forms.ChoiceField(label=_("方式"), choices=InquiryChannel.choices, initial=InquiryChannel.ONLINE,
                                widget=forms.RadioSelect)
    scopes = forms.MultipleChoiceField(
        label=_("查询范围"), choices=InquiryScope.choices, widget=forms.CheckboxSelectMultiple,
        initial=[InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE, InquiryScope.SECURITIES],
        error_messages={"required": _("请至少选择一项查询范围。")},
    )
    requested_on = date_field(_("查询日期"), today=True)
    parties = forms.ModelMultipleChoiceField(label=_("被查询人"), queryset=Party.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("不选则查询全部被执行人"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = case.respondents.all()


class UrgingForm(forms.Form):
    party = forms.ModelChoiceField(label=_("被督促人"), queryset=Party.objects.none(), empty_label=_("（请选择）"),
                                   error_messages={"required": _("请选择被督促人。"),
                                                   "invalid_choice": _("被督促人应为本案被执行人。")})
    channel = forms.ChoiceField(label=_("方式"), choices=UrgingChannel.choices)
    occurred_on = date_field(_("督促日期"), today=True)
    outcome = forms.CharField(label=_("督促结果"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    promised_on = date_field(_("承诺履行日期"), required=False)

    def __init__(self, *args, parties, invalid_party=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        if invalid_party:
            self.fields["party"].error_messages["invalid_choice"] = invalid_party
        choices = list(parties[:2])
        if len(choices) == 1:  # the usual case: one debtor, already chosen
            self.fields["party"].initial = choices[0].pk


class FundForm(forms.Form):
    direction = forms.ChoiceField(label=_("方向"), choices=FundDirection.choices, initial=FundDirection.IN,
                                  widget=forms.RadioSelect)
    amount = money_field(_("金额（元）"))
    occurred_on = date_field(_("日期"), today=True)
    note = forms.CharField(label=_("摘要"), max_length=255, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    method = forms.ChoiceField(label=_("结案方式"), choices=ClosureMethod.choices)
    closed_on = date_field(_("结案日期"), today=True)
    reason = forms.CharField(label=_("结案理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("终结本次执行程序须写明理由"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class ResumeForm(forms.Form):
    filed_on = date_field(_("恢复执行立案日期"), today=True)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


# --- litigation cases ----------------------------------------------------------------------------------


class LitigationCaseForm(PartyPickingForm):
    party_fields = ("plaintiffs", "defendants")

    case_type = forms.ChoiceField(label=_("案件类型"), choices=LitigationType.choices,
                                  initial=LitigationType.CIVIL_FIRST)
    cause = forms.CharField(label=_("案由"), max_length=128,
                            error_messages={"required": _("请填写案由。")})
    filed_on = date_field(_("立案日期"), today=True)
    claim_amount = money_field(_("诉讼标的额（元）"), positive=False, initial=Decimal("0"))
    is_property_dispute = forms.BooleanField(label=_("涉财产争议"), required=False, initial=True)
    preservation_guided = forms.BooleanField(label=_("已引导申请财产保全"), required=False,
                                             help_text=_("立案时已向权利人释明并引导申请财产保全（立案与保全同步）"))
    trial_judge = forms.ModelChoiceField(label=_("承办法官"), queryset=User.objects.none(), required=False,
                                         empty_label=_("（暂不指定）"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parties = selectors.restrict_to_user(Party.objects.all(), user)
        self.fields["plaintiffs"] = PartyChoiceField(parties, label=_("原告"),
                                                     required_message=_("请至少选择一名原告。"))
        self.fields["defendants"] = PartyChoiceField(parties, label=_("被告"),
                                                     required_message=_("请至少选择一名被告。"))
        self.fields["trial_judge"].queryset = selectors.court_users_with_role(user, Role.TRIAL_JUDGE)
        self.fields["trial_judge"].label_from_instance = lambda u: u.display_name


class PreservationForm(forms.Form):
    kind = forms.ChoiceField(label=_("保全类型"), choices=PreservationKind.choices,
                             initial=PreservationKind.LITIGATION)
    applied_on = date_field(_("申请日期"), today=True)
    amount = money_field(_("申请保全金额（元）"))
    ruled_on = date_field(_("裁定日期"), required=False)
    security_amount = money_field(_("担保金额（元）"), required=False, positive=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("审理结果"), choices=OutcomeKind.choices)
    effective_on = date_field(_("生效日期"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class ObligationForm(forms.Form):
    due_on = date_field(_("履行期限"), required=False)
    amount = money_field(_("应履行金额（元）"), required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("due_on")) != bool(data.get("amount")) and not self.errors:
            raise ValidationError(_("每期须同时填写履行期限和金额。"))
        return data


ObligationFormSet = forms.formset_factory(ObligationForm, extra=4, max_num=12)


class PaymentForm(forms.Form):
    paid_on = date_field(_("履行日期"), today=True)
    amount = money_field(_("金额（元）"))
    note = forms.CharField(label=_("备注"), max_length=255, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)

