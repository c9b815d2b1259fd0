"""Forms of the pushes UI: they check shape; the services decide (their errors are put back on the form)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import PartyKind
from cases.forms import MONEY, MONEY_LIMIT_ERRORS
from cases.models import Grid, Party, Township
from cases.selectors import restrict_to_user
from cases.services.common import court_today

from . import rules
from .choices import Body, Channel


class WeekForm(forms.Form):
    week = forms.CharField(label=_("周次"), max_length=8, help_text=_("ISO 周，如 2024-W23"))

    def clean_week(self):
        week = self.cleaned_data["week"].strip().upper()
        errors = rules.run_week_errors(week, today=court_today())  # the current week or a recent one, never ahead
        if errors:
            raise forms.ValidationError(errors)
        return week


class RecipientForm(forms.Form):
    channel = forms.ChoiceField(label=_("推送渠道"), choices=Channel.choices)
    name = forms.CharField(label=_("接收单位/人员"), max_length=128)
    township = forms.ModelChoiceField(label=_("乡镇"), queryset=Township.objects.none(), required=False,
                                      help_text=_("乡镇渠道必填"))
    grid = forms.ModelChoiceField(label=_("网格"), queryset=Grid.objects.none(), required=False,
                                  help_text=_("网格渠道必填"))
    organization = forms.ModelChoiceField(label=_("单位"), queryset=Party.objects.none(), required=False,
                                          help_text=_("工作单位渠道必填"))
    body = forms.ChoiceField(label=_("人大/政协"), choices=Body.choices, required=False,
                             help_text=_("仅人大、政协渠道"))
    contact = forms.CharField(label=_("联系人"), max_length=64, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=32, required=False,
                            help_text=_("填写后以短信发送推送链接"))
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("填写后以邮件发送推送链接"))
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = restrict_to_user(Township.objects.all(), user)
        self.fields["grid"].queryset = restrict_to_user(Grid.objects.select_related("township"), user)
        self.fields["organization"].queryset = restrict_to_user(
            Party.objects.filter(kind=PartyKind.ORGANIZATION), user).order_by("name")


class RuleSetForm(forms.Form):
    small_amount_limit = forms.DecimalField(label=_("小标的上限（元）"), **MONEY, error_messages=MONEY_LIMIT_ERRORS,
                                            min_value=0, help_text=_("未履行金额不超过此数的案件推送网格（含本数）"))
    grid_includes_livelihood = forms.BooleanField(label=_("网格推送涉民生案件（不论金额）"), required=False)
    discipline_includes_party_members = forms.BooleanField(label=_("纪委监委推送党员"), required=False)
    discipline_includes_state_organs = forms.BooleanField(label=_("纪委监委推送党政机关"), required=False)
    include_terminated_current = forms.BooleanField(label=_("推送终本案件（终本清仓）"), required=False)
    deputy_level = forms.CharField(label=_("人大代表、政协委员层级"), max_length=8, required=False,
                                   help_text=_("如“县”，推送理由写作“被执行人系县人大代表”"))
    channels = forms.MultipleChoiceField(label=_("启用的渠道"), choices=Channel.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple, help_text=_("不选表示全部渠道"))
    note = forms.CharField(label=_("修订说明"), max_length=255, required=False)


class ReviewForm(forms.Form):
    effective = forms.TypedChoiceField(label=_("审查结论"), choices=[("1", _("有效")), ("0", _("无效"))],
                                       coerce=lambda value: value == "1", widget=forms.RadioSelect)
    note = forms.CharField(label=_("审查意见"), max_length=255, required=False)
