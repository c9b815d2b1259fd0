"""Forms of the browser UI. They check the shape of the input; the services decide the rest.

Querysets of every choice field come from the selectors (or from a case the selectors returned), so a party,
judge or source case of another court is never a valid choice.
"""
from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import rules, selectors
from .choices import (RECORDABLE_EVENT_KINDS, AuctionResult, ClosureMethod, ContactChannel, ContactDirection,
                      EnforcementType, EventKind, FundDirection, InquiryChannel, InquiryScope, LitigationType,
                      OutcomeKind, PartyKind, PreservationKind, PreservationResponse, Role, UrgingChannel)
from .models import LitigationCase, Party, Preservation, User
from .services.common import court_today
from wanian_exec.filtersets import parse_id
from wanian_exec.uploads import validate_import_file

# every amount typed into a form: what the column holds, and at most rules.MONEY_INPUT_MAX (999亿) so the sums
# kept per case still fit
MONEY = {"max_digits": 14, "decimal_places": 2, "max_value": rules.MONEY_INPUT_MAX}
MONEY_LIMIT_ERRORS = {"max_value": rules.MONEY_TOO_LARGE, "max_digits": rules.MONEY_TOO_LARGE,
                      "max_whole_digits": rules.MONEY_TOO_LARGE}
MONEY_ERRORS = {
    "invalid": _("请输入金额（元），如 126000.00。"),
    "min_value": _("金额必须大于0。"),
    "max_decimal_places": _("金额最多保留两位小数。"),
    **MONEY_LIMIT_ERRORS,
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


class CaseLookupWidget(forms.Widget):
    """A search box (htmx lookup by number or cause) and a hidden id: a province's cases never fill a <select>.

    The form field stays a ModelChoiceField over the user's own cases, so validation is one indexed lookup.
    """

    template_name = "widgets/case_lookup.html"

    def __init__(self, *, lookup_url: str, attrs=None):
        super().__init__(attrs)
        self.lookup_url = lookup_url
        self.queryset = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        case = None
        if value not in (None, "") and self.queryset is not None:
            case_id = parse_id(value)
            case = self.queryset.filter(pk=case_id).first() if case_id else None
        context["widget"].update(lookup_url=self.lookup_url, value=case.pk if case else "",
                                 label=f"{case.number} {case.cause}" if case else "")
        return context


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by id. Each value is checked as an id (IdField) before the query: Django's own field sends
    `pk__in=[10**22]` to the database, where SQLite raises OverflowError (a 500) instead of "not found"."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)


class PartyChoiceField(ModelIdsField):
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
            party_id = parse_id(getattr(value, "pk", value))
            if party_id and party_id not in ids:
                ids.append(party_id)
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


class CourtPasswordChangeForm(PasswordChangeForm):
    """Django's form: the old password, then the new one twice, checked by AUTH_PASSWORD_VALIDATORS with the user
    (so a password like the user name is refused); the help text lists the validators' rules."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("原密码")
        self.fields["new_password1"].label = _("新密码")
        self.fields["new_password2"].label = _("再次输入新密码")


# --- parties -----------------------------------------------------------------------------------------


class PartyInlineForm(forms.Form):
    """New party created inside a filing form (prefix "np"); cases.services.parties.party_create validates it."""

    kind = forms.ChoiceField(label=_("类型"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    name = forms.CharField(label=_("姓名/名称"), max_length=128)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False,
                                help_text=_("自然人填写，18位"))
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False,
                                  help_text=_("组织填写，18位"))
    credit_code_override_reason = forms.CharField(
        label=_("信用代码校验例外理由"), max_length=255, required=False,
        help_text=_("仅当登记机关核发的代码未通过校验位检查时填写，如“与营业执照原件核对一致”"))
    phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    address = forms.CharField(label=_("住所地"), max_length=255, required=False)
    ethnicity = forms.CharField(label=_("民族"), max_length=16, required=False, help_text=_("自然人填写，如“汉族”"))

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
                                         required=False, widget=CaseLookupWidget(lookup_url=reverse_lazy("litigation-lookup")),
                                         help_text=_("本院诉讼案件输入案号查找；非本院诉讼案件留空"))
    source_document = forms.CharField(label=_("执行依据文书"), max_length=255, required=False,
                                      help_text=_("非本院诉讼案件时填写，如仲裁裁决书、公证债权文书"))
    amount_claimed = money_field(_("申请执行标的（元）"))
    performed_reason = forms.CharField(
        label=_("已履行完毕仍申请执行的理由"), max_length=255, required=False,
        help_text=_("执行依据确定的义务已自动履行完毕时必填，如尚欠迟延履行利息、诉讼费用"))
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
        self.fields["source_case"].widget.queryset = self.fields["source_case"].queryset
        self.fields["judge"].queryset = selectors.court_users_with_role(user, Role.ENFORCEMENT_JUDGE)
        self.fields["judge"].label_from_instance = lambda u: u.display_name


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("事项"), choices=[(k.value, k.label) for k in RECORDABLE_EVENT_KINDS])
    occurred_on = date_field(_("日期"), today=True)
    party = forms.ModelChoiceField(label=_("当事人"), queryset=Party.objects.none(), required=False,
                                   empty_label=_("（全案）"))
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    urgent = forms.BooleanField(label=_("紧急线索（当日核查）"), required=False,
                                help_text=_("仅“收到财产线索”适用；一般线索5日内核查，情况紧急的立即核查"))

    def clean(self):
        data = super().clean()
        if data.get("urgent") and data.get("kind") != EventKind.LEAD_RECEIVED:
            self.add_error("urgent", _("只有财产线索可以标记为紧急。"))
        return data

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = selectors.case_parties(case)


class InquiryForm(forms.Form):
    channel = forms.ChoiceField(label=_("方式"), choices=InquiryChannel.choices, initial=InquiryChannel.ONLINE,
                                widget=forms.RadioSelect)
    scopes = forms.MultipleChoiceField(
        label=_("查询范围"), choices=InquiryScope.choices, widget=forms.CheckboxSelectMultiple,
        initial=[InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE, InquiryScope.SECURITIES],
        error_messages={"required": _("请至少选择一项查询范围。")},
    )
    requested_on = date_field(_("查询日期"), today=True)
    parties = ModelIdsField(label=_("被查询人"), queryset=Party.objects.none(), required=False,
                            widget=forms.CheckboxSelectMultiple, help_text=_("不选则查询全部被执行人"))

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
    deadline_on = date_field(_("限期履行期限"), required=False, help_text=_("限期履行通知须填写，届满未履行将提醒"))

    def clean(self):
        data = super().clean()
        if data.get("channel") == UrgingChannel.DEADLINE_NOTICE and not data.get("deadline_on") \
                and "deadline_on" not in self.errors:
            self.add_error("deadline_on", _("限期履行通知须载明履行期限。"))
        if data.get("deadline_on") and data.get("channel") != UrgingChannel.DEADLINE_NOTICE:
            self.add_error("deadline_on", _("只有限期履行通知载明履行期限。"))
        return data

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
    confirm_excess = forms.BooleanField(label=_("确认超额到账"), required=False,
                                        help_text=_("到账金额远超尚未执行到位金额时勾选（如迟延履行利息、拍卖余款）"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class CaseVersionField(forms.IntegerField):
    """The case version the page showed, posted back so the service can refuse a stale edit (optimistic lock)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, min_value=1, **kwargs)


def _show_version(form, case) -> None:
    if case is not None and not form.is_bound:
        form.fields["version"].initial = case.version


class CaseEditForm(forms.Form):
    """Edit a case's particulars; the hidden version makes a second, stale edit fail instead of overwriting."""

    judge = forms.ModelChoiceField(label=_("承办法官"), queryset=User.objects.none(), required=False,
                                   empty_label=_("（暂不指定）"))
    amount_claimed = money_field(_("申请执行标的（元）"))
    is_livelihood = forms.BooleanField(label=_("涉民生案件"), required=False)
    source_document = forms.CharField(label=_("执行依据文书"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = User.objects.filter(court_id=case.court_id, is_active=True,
                                                            groups__name=Role.ENFORCEMENT_JUDGE).distinct()
        self.fields["judge"].label_from_instance = lambda u: u.display_name
        if not self.is_bound:
            self.initial.update(judge=case.judge_id, amount_claimed=case.amount_claimed,
                                is_livelihood=case.is_livelihood, source_document=case.source_document,
                                version=case.version)


class CloseForm(forms.Form):
    method = forms.ChoiceField(label=_("结案方式"), choices=ClosureMethod.choices)
    closed_on = date_field(_("结案日期"), today=True)
    reason = forms.CharField(label=_("结案理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("终结本次执行程序须写明理由"))
    version = CaseVersionField()

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        _show_version(self, case)


class TerminationApprovalForm(forms.Form):
    """The president approves the collegial panel's review in favour of 终本 (enforcement.termination_review_approve)."""

    approved_on = date_field(_("批准日期"), today=True)
    note = forms.CharField(label=_("批准意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = CaseVersionField()

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        _show_version(self, case)


class ResumeForm(forms.Form):
    filed_on = date_field(_("恢复执行立案日期"), today=True)
    version = CaseVersionField()

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        _show_version(self, case)


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
    # 立案与保全同步: the prompt of the filing window
    preservation_response = forms.ChoiceField(
        label=_("权利人是否申请财产保全"), required=False, widget=forms.RadioSelect,
        choices=[("", _("尚未答复")), *PreservationResponse.choices])
    prs_kind = forms.ChoiceField(label=_("保全类型"), choices=PreservationKind.choices,
                                 initial=PreservationKind.LITIGATION, required=False)
    prs_applied_on = date_field(_("申请日期"), required=False, today=True)
    prs_applied_time = forms.TimeField(label=_("申请时间"), required=False,
                                       widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                                       error_messages={"invalid": _("请输入时间，如 09:30。")})
    prs_amount = money_field(_("申请保全金额（元）"), required=False)
    pre_suit_preservation = forms.ModelChoiceField(
        label=_("关联诉前保全"), queryset=Preservation.objects.none(), required=False,
        empty_label=_("（无）"), help_text=_("诉前已申请保全的，选择后自动关联本案"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parties = selectors.restrict_to_user(Party.objects.all(), user)
        self.fields["plaintiffs"] = PartyChoiceField(parties, label=_("原告"),
                                                     required_message=_("请至少选择一名原告。"))
        self.fields["defendants"] = PartyChoiceField(parties, label=_("被告"),
                                                     required_message=_("请至少选择一名被告。"))
        self.fields["trial_judge"].queryset = selectors.court_users_with_role(user, Role.TRIAL_JUDGE)
        self.fields["trial_judge"].label_from_instance = lambda u: u.display_name
        self.fields["pre_suit_preservation"].queryset = selectors.unlinked_pre_suit_preservations(user)
        self.fields["pre_suit_preservation"].label_from_instance = lambda p: _(
            "%(d)s %(a)s申请保全%(r)s %(amount)s元") % {"d": p.applied_on, "a": p.applicant or "",
                                                   "r": p.respondent or "", "amount": f"{p.amount:,.2f}"}

    def clean(self):
        data = super().clean()
        response = data.get("preservation_response")
        if response and not data.get("is_property_dispute"):
            self.add_error("preservation_response", _("非财产争议案件无需记录保全申请意向。"))
        if response == PreservationResponse.APPLIED and not data.get("pre_suit_preservation"):
            if not data.get("prs_amount") and "prs_amount" not in self.errors:
                self.add_error("prs_amount", _("请填写申请保全金额。"))
            if not data.get("prs_applied_on") and "prs_applied_on" not in self.errors:
                self.add_error("prs_applied_on", _("请填写申请日期。"))
        if data.get("pre_suit_preservation") and response == PreservationResponse.DECLINED:
            self.add_error("preservation_response", _("已关联诉前保全，应为“已申请保全”。"))
        return data

    def service_kwargs(self) -> dict:
        """cleaned_data shaped for cases.services.litigation.litigation_case_file."""
        data = dict(self.cleaned_data)
        prs = {name[4:]: data.pop(name) for name in list(data) if name.startswith("prs_")}
        data["plaintiffs"], data["defendants"] = list(data["plaintiffs"]), list(data["defendants"])
        data["preservation_response"] = data.get("preservation_response") or ""
        if data["preservation_response"] == PreservationResponse.APPLIED and not data.get("pre_suit_preservation"):
            data["preservation"] = prs
        return data


def time_field(label, **kwargs):
    return forms.TimeField(label=label, required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                           error_messages={"invalid": _("请输入时间，如 09:30。")}, **kwargs)


class PreservationForm(forms.Form):
    kind = forms.ChoiceField(label=_("保全类型"), choices=PreservationKind.choices,
                             initial=PreservationKind.LITIGATION)
    applied_on = date_field(_("申请日期"), today=True)
    applied_time = time_field(_("申请时间"), help_text=_("诉前保全须在48小时内裁定"))
    amount = money_field(_("申请保全金额（元）"))
    ruled_on = date_field(_("裁定日期"), required=False)
    ruled_time = time_field(_("裁定时间"))
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



# --- 四同步 ------------------------------------------------------------------------------------------------


class PreservationAnswerForm(forms.Form):
    """立案与保全同步: the prompt on a property-dispute case — told, and did they apply?"""

    guided = forms.BooleanField(label=_("已向权利人释明财产保全并引导申请"), required=False, initial=True)
    response = forms.ChoiceField(label=_("权利人意向"), choices=PreservationResponse.choices, widget=forms.RadioSelect,
                                 error_messages={"required": _("请选择当事人是否申请保全。")})


class PreservationRulingForm(forms.Form):
    ruled_on = date_field(_("裁定日期"), today=True)
    ruled_time = time_field(_("裁定时间"))
    rejected = forms.BooleanField(label=_("裁定驳回申请"), required=False)
    security_amount = money_field(_("担保金额（元）"), required=False, positive=False)


class PreservedAssetForm(forms.Form):
    party = forms.ModelChoiceField(label=_("财产所有人"), queryset=Party.objects.none(), empty_label=_("（请选择）"),
                                   error_messages={"required": _("请选择财产所有人。"),
                                                   "invalid_choice": _("保全财产应属于被申请人（本案被告）。")})
    kind = forms.ChoiceField(label=_("财产类型"), choices=InquiryScope.choices)
    description = forms.CharField(label=_("财产描述"), max_length=255)
    institution = forms.CharField(label=_("协助机构"), max_length=128, required=False)
    value = money_field(_("价值/余额（元）"), required=False, positive=False)
    controlled_on = date_field(_("查封/冻结日期"), today=True,
                               help_text=_("届满日自动计算：存款1年，动产2年，不动产及其他财产权3年"))

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        choices = list(parties[:2])
        if len(choices) == 1:
            self.fields["party"].initial = choices[0].pk


class ReleaseForm(forms.Form):
    released_on = date_field(_("解除日期"), today=True)
    reason = forms.CharField(label=_("解除理由"), max_length=255,
                             error_messages={"required": _("请写明解除理由。")})


class PreSuitPreservationForm(PartyPickingForm):
    """诉前保全 before any suit: the applicant and the respondent picked like a filing's parties."""

    party_fields = ("applicant", "respondent")

    applied_on = date_field(_("申请日期"), today=True)
    applied_time = time_field(_("申请时间"), help_text=_("48小时内须作出裁定"))
    amount = money_field(_("申请保全金额（元）"))
    security_amount = money_field(_("担保金额（元）"), required=False, positive=False,
                                  help_text=_("诉前保全应当提供相当于请求保全数额的担保"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parties = selectors.restrict_to_user(Party.objects.all(), user)
        self.fields["applicant"] = PartyChoiceField(parties, label=_("申请人"),
                                                    required_message=_("请选择申请人。"))
        self.fields["respondent"] = PartyChoiceField(parties, label=_("被申请人"),
                                                     required_message=_("请选择被申请人。"))

    def clean(self):
        data = super().clean()
        for name in self.party_fields:
            if len(data.get(name) or []) > 1:
                self.add_error(name, _("只能选择一名。"))
        return data


class ContactForm(forms.Form):
    party = forms.ModelChoiceField(label=_("当事人"), queryset=Party.objects.none(), empty_label=_("（请选择）"),
                                   error_messages={"required": _("请选择当事人。"),
                                                   "invalid_choice": _("该当事人不是本案当事人。")})
    channel = forms.ChoiceField(label=_("方式"), choices=ContactChannel.choices, initial=ContactChannel.MOBILE_COURT)
    direction = forms.ChoiceField(label=_("方向"), choices=ContactDirection.choices,
                                  initial=ContactDirection.OUTGOING)
    occurred_on = date_field(_("日期"), today=True)
    summary = forms.CharField(label=_("内容摘要"), widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": _("请填写联系内容摘要。")})

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = selectors.case_parties(case)


class FieldInvestigationForm(forms.Form):
    party = forms.ModelChoiceField(label=_("被调查人"), queryset=Party.objects.none(), empty_label=_("（请选择）"),
                                   error_messages={"required": _("请选择被调查人。"),
                                                   "invalid_choice": _("被调查人应为本案被执行人。")})
    investigated_on = date_field(_("调查日期"), today=True)
    location = forms.CharField(label=_("调查地点"), max_length=64)
    findings = forms.CharField(label=_("调查情况"), widget=forms.Textarea(attrs={"rows": 2}))
    asset_kind = forms.ChoiceField(label=_("发现财产类型"), required=False,
                                   choices=[("", _("（未发现财产）")), *InquiryScope.choices])
    asset_description = forms.CharField(label=_("财产描述"), max_length=255, required=False)
    asset_value = money_field(_("估值（元）"), required=False, positive=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.respondents.all()
        choices = list(case.respondents.all()[:2])
        if len(choices) == 1:
            self.fields["party"].initial = choices[0].pk

    def clean(self):
        data = super().clean()
        if data.get("asset_kind") and not data.get("asset_description"):
            self.add_error("asset_description", _("请填写财产描述。"))
        return data


class InquiryImportForm(forms.Form):
    file = forms.FileField(label=_("查控结果文件"), help_text=_("CSV或Excel；列：证件号码、姓名、财产类型、协助机构、财产描述、价值"),
                           error_messages={"required": _("请选择查控结果文件。")}, validators=[validate_import_file])
    scopes = forms.MultipleChoiceField(
        label=_("本次查询范围"), choices=InquiryScope.choices, widget=forms.CheckboxSelectMultiple,
        initial=[InquiryScope.DEPOSIT, InquiryScope.VEHICLE, InquiryScope.REAL_ESTATE, InquiryScope.SECURITIES],
        error_messages={"required": _("请至少选择一项查询范围。")})
    requested_on = date_field(_("查询日期"), today=True)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class FastTrackForm(forms.Form):
    fast_track = forms.TypedChoiceField(label=_("快速通道"), coerce=lambda v: v == "1",
                                        choices=[("1", _("转入快速通道")), ("0", _("移出快速通道"))])
    on = date_field(_("日期"), today=True)
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)
    version = CaseVersionField()

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fast_track"].initial = "0" if case.fast_track else "1"
        _show_version(self, case)


# --- the asset page's forms ------------------------------------------------------------------------------------


class ControlForm(forms.Form):
    controlled_on = date_field(_("查封/冻结日期"), today=True,
                               help_text=_("届满日自动计算：存款1年，动产2年，不动产及其他财产权3年"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class RenewForm(forms.Form):
    renewed_on = date_field(_("续行日期"), today=True, help_text=_("须在届满前办理；续行期限自原届满日起算"))


class ValuationForm(forms.Form):
    valuation = money_field(_("评估价/参考价（元）"))
    valued_on = date_field(_("评估日期"), today=True)
    note = forms.CharField(label=_("说明"), max_length=200, required=False, help_text=_("如：委托评估、网络询价"))


class AuctionForm(forms.Form):
    announced_on = date_field(_("公告日期"), today=True)
    auction_on = date_field(_("拍卖日期"), help_text=_("动产15日、不动产30日前公告；再次拍卖7日、15日"))
    starting_price = money_field(_("起拍价（元）"), help_text=_("首次不低于评估价70%，再次降幅不超过20%"))
    platform = forms.CharField(label=_("拍卖平台"), max_length=64, required=False)


class AuctionResultForm(forms.Form):
    result = forms.ChoiceField(label=_("拍卖结果"), widget=forms.RadioSelect,
                               choices=[c for c in AuctionResult.choices if c[0] != AuctionResult.PENDING])
    result_on = date_field(_("结果日期"), today=True)
    sale_price = money_field(_("成交价（元）"), required=False)
    proceeds_on = date_field(_("成交款到账日期"), required=False, help_text=_("已到账的，同时计入执行款台账"))


class ProceedsForm(forms.Form):
    received_on = date_field(_("到账日期"), today=True)


class DeductForm(forms.Form):
    amount = money_field(_("扣划金额（元）"))
    deducted_on = date_field(_("扣划日期"), today=True)


class AssetReleaseForm(ReleaseForm):
    pass
