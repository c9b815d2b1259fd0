"""Forms of the browser UI (Chinese). They check shape only; the services decide (sanctions/services/)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import MONEY, MONEY_LIMIT_ERRORS
from wanian_exec.uploads import validate_import_file

from .choices import (DishonestGround, EvidenceKind, PoliceDecision, ReconsiderationOutcome, SanctionKind,
                      UNIT_ROLES_CHOICES)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 2})
BOUND_ROWS = 3  # a company's legal representative, and up to two more (principal, actual controller …)


def date_field(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=DATE, **kw)


def datetime_field(label, required=True, **kw):
    return forms.DateTimeField(label=label, required=required, widget=DATETIME,
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"], **kw)


class SanctionForm(forms.Form):
    """A judge's proposal. Which fields matter depends on the measure (the template shows them by `data-kinds`)."""

    case_number = forms.CharField(label=_("案号"), max_length=40,
                                  help_text=_("如（2024）赣1129执123号；从名册或案件页进入时已填好"))
    party = forms.TypedChoiceField(label=_("被执行人"), coerce=int, choices=())
    kind = forms.ChoiceField(label=_("措施"), choices=SanctionKind.choices)
    decided_on = date_field(_("决定日期"))
    start_on = date_field(_("开始日期"), required=False, help_text=_("拘留、限制消费、限制出境的起始日"))
    end_on = date_field(_("结束日期"), required=False, help_text=_("拘留不超过15日（含首尾两日）"))
    amount = forms.DecimalField(label=_("罚款金额（元）"), required=False, **MONEY, error_messages=MONEY_LIMIT_ERRORS,
                                min_value=0.01, help_text=_("个人不超过10万元；单位5万元以上100万元以下"))
    lawful_summons_on = date_field(_("依法传唤日期"), required=False, help_text=_("拘传须以依法传唤为前提"))
    summons_refused_on = date_field(_("拒不到场日期"), required=False)
    refusal_note = forms.CharField(label=_("拒不到场情况"), required=False, widget=TEXT)
    dishonest_ground = forms.ChoiceField(label=_("失信情形"), required=False,
                                         choices=[("", _("请选择")), *DishonestGround.choices])
    security_given = forms.BooleanField(label=_("已提供充分有效担保"), required=False,
                                        help_text=_("有此情形的不得纳入失信名单"))
    extension_years = forms.IntegerField(label=_("失信期限延长（年）"), required=False, min_value=0, max_value=3,
                                         initial=0)
    note = forms.CharField(label=_("事实与理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    urgency_reason = forms.CharField(label=_("紧急情况说明"), required=False, widget=TEXT,
                                     help_text=_("拘传、罚款、拘留、移送公安前须已督促履行；未督促的须写明紧急情况"))

    # which measure shows which field (the template reads it; the services check the law)
    KIND_FIELDS = {
        "start_on": "detention consumption_restriction exit_restriction",
        "end_on": "detention consumption_restriction exit_restriction",
        "amount": "fine",
        "lawful_summons_on": "summons", "summons_refused_on": "summons", "refusal_note": "summons",
        "dishonest_ground": "dishonest_list", "security_given": "dishonest_list", "extension_years": "dishonest_list",
        "urgency_reason": "summons fine detention criminal_referral",
    }

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p.pk, f"{p.name}（{p.get_kind_display()}）") for p in parties]
        for index in range(BOUND_ROWS):
            self.fields[f"bound_{index}_role"] = forms.ChoiceField(
                label=_("身份"), required=False, choices=[("", "—"), *UNIT_ROLES_CHOICES],
                initial="legal_representative" if index == 0 else "")
            self.fields[f"bound_{index}_name"] = forms.CharField(label=_("姓名"), required=False, max_length=64)
            self.fields[f"bound_{index}_id_number"] = forms.CharField(label=_("身份证号码"), required=False,
                                                                      max_length=18)
        for name, kinds in self.KIND_FIELDS.items():
            self.fields[name].widget.attrs["data-kinds"] = kinds

    def bound_rows(self):
        return [(self[f"bound_{i}_role"], self[f"bound_{i}_name"], self[f"bound_{i}_id_number"])
                for i in range(BOUND_ROWS)]

    def bound_persons(self) -> list[dict]:
        rows = []
        for index in range(BOUND_ROWS):
            role, name, id_number = (self.cleaned_data.get(f"bound_{index}_{f}") or "" for f in
                                     ("role", "name", "id_number"))
            if name or id_number:  # the role select always posts a value
                rows.append({"role": role, "name": name, "id_number": id_number})
        return rows

    # a value left in a field of another measure does not count against this one
    DEFAULTS = {"start_on": None, "end_on": None, "amount": None, "lawful_summons_on": None,
                "summons_refused_on": None, "refusal_note": "", "dishonest_ground": "", "security_given": False,
                "extension_years": 0, "urgency_reason": ""}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        kwargs = {"kind": kind, "decided_on": data["decided_on"], "note": data.get("note") or ""}
        for name, default in self.DEFAULTS.items():
            value = data.get(name)
            kwargs[name] = value if kind in self.KIND_FIELDS[name].split() and value not in (None, "") else default
        kwargs["bound_persons"] = self.bound_persons() if kind in ("consumption_restriction", "exit_restriction") \
            else []
        return kwargs


class ApproveForm(forms.Form):
    approved_on = date_field(_("审批日期"))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("不予批准的理由"), widget=TEXT)


class EndForm(forms.Form):
    on = date_field(_("结束日期"))
    reason = forms.CharField(label=_("结束原因"), widget=TEXT, help_text=_("如已履行完毕、解除限制消费令、删除失信信息"))


class QuestioningForm(forms.Form):
    started_at = datetime_field(_("调查询问开始时间"))
    ended_at = datetime_field(_("调查询问结束时间"))
    detention_may_follow = forms.BooleanField(label=_("情况复杂，依法可能采取拘留措施（询问可至24小时）"), required=False)


class CustodyForm(forms.Form):
    detained_at = datetime_field(_("送交看管时间"), help_text=_("应在其后24小时内通知家属"))


class FamilyNoticeForm(forms.Form):
    notified_at = datetime_field(_("通知家属时间"), required=False, help_text=_("确实无法通知的，留空并在下方记录原因"))
    note = forms.CharField(label=_("通知情况"), required=False, widget=TEXT, help_text=_("通知的家属、方式；或无法通知的原因"))


class ExtendForm(forms.Form):
    years = forms.IntegerField(label=_("延长年数"), min_value=1, max_value=3)
    on = date_field(_("决定日期"))
    reason = forms.CharField(label=_("理由"), widget=TEXT)


class ReconsiderationForm(forms.Form):
    applied_on = date_field(_("申请复议日期"), help_text=_("应自收到决定书之日起3日内"))
    grounds = forms.CharField(label=_("复议理由"), required=False, widget=TEXT)


class ReconsiderationDecideForm(forms.Form):
    decided_on = date_field(_("复议决定日期"), help_text=_("上一级法院应在收到申请后5日内决定"))
    outcome = forms.ChoiceField(label=_("复议结果"), choices=ReconsiderationOutcome.choices)
    note = forms.CharField(label=_("决定内容"), required=False, widget=TEXT)


class RosterDismissForm(forms.Form):
    reason = forms.CharField(label=_("排除理由"), widget=forms.TextInput(attrs={"placeholder": _("排除理由（必填）")}))


class RosterBulkForm(forms.Form):
    """Several entries of one roster page confirmed or dismissed at once (the dismissal's reason applies to each);
    the ticked entries come as `entries` ids, read by the view within the user's court."""

    action = forms.ChoiceField(choices=[("confirm", _("确认所选")), ("dismiss", _("排除所选"))])
    reason = forms.CharField(label=_("排除理由"), required=False)
    note = forms.CharField(label=_("确认说明"), required=False)


class RosterCloseForm(forms.Form):
    note = forms.CharField(label=_("办结情况"), required=False,
                           widget=forms.TextInput(attrs={"placeholder": _("办结情况，如已拘传到案")}))


class TravelImportForm(forms.Form):
    file = forms.FileField(label=_("出行记录文件"), validators=[validate_import_file],
                           help_text=_("CSV（UTF-8或GBK）或Excel（.xlsx），表头：身份证号码,姓名,出行方式,出行日期,行程,座位等级"))


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=EvidenceKind.choices)
    occurred_on = date_field(_("发生日期"))
    amount = forms.DecimalField(label=_("金额（元）"), required=False, **MONEY, min_value=0.01,
                                error_messages=MONEY_LIMIT_ERRORS)
    description = forms.CharField(label=_("内容"), max_length=255)
    source = forms.CharField(label=_("来源"), required=False, max_length=128)


class SendForm(forms.Form):
    police_agency = forms.CharField(label=_("公安机关"), max_length=128, initial="万年县公安局")
    sent_on = date_field(_("移送日期"))
    complex_case = forms.BooleanField(label=_("案情重大复杂（公安30日内决定）"), required=False)


class PoliceDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("公安机关决定"), choices=[(PoliceDecision.OPENED, PoliceDecision.OPENED.label),
                                                              (PoliceDecision.DECLINED, PoliceDecision.DECLINED.label)])
    decided_on = date_field(_("决定日期"))
    note = forms.CharField(label=_("决定内容"), required=False, widget=TEXT)


class ProgressForm(forms.Form):
    prosecuted_on = date_field(_("提起公诉日期"), required=False)
    judged_on = date_field(_("判决日期"), required=False)
    judgment = forms.CharField(label=_("判决结果"), required=False, widget=TEXT)


class SettleForm(forms.Form):
    settled_on = date_field(_("和解日期"))
    terms = forms.CharField(label=_("和解协议内容"), widget=TEXT)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("金额（元）"), **MONEY, min_value=0.01, error_messages=MONEY_LIMIT_ERRORS)
    paid_on = date_field(_("到账日期"))
    note = forms.CharField(label=_("摘要"), required=False, max_length=255)
    performed = forms.BooleanField(label=_("和解协议已履行完毕"), required=False)
    confirm_excess = forms.BooleanField(label=_("确认超额到账"), required=False,
                                        help_text=_("到账金额远超尚未执行到位金额时勾选（如迟延履行利息、拍卖余款）"))


class EvidenceLineForm(forms.Form):
    title = forms.CharField(label=_("证据名称"), max_length=128)
    description = forms.CharField(label=_("证明内容"), required=False, widget=TEXT)
