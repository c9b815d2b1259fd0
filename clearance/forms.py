"""Forms of the clearance pages: shape only — the services decide."""
from django import forms
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.services.common import court_today

from .choices import ReviewMode, Verdict

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ResumeForm(forms.Form):
    filed_on = forms.DateField(label=_("恢复执行立案日期"), widget=DATE, initial=court_today)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReinquiryForm(forms.Form):
    """The judge's "query now": no fields — the service decides the round and the date (today)."""


class ApplicantRequestForm(forms.Form):
    received_on = forms.DateField(label=_("申请日期"), widget=DATE, initial=court_today)
    content = forms.CharField(label=_("申请内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                              help_text=_("如申请执行人提供的新财产线索"))


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("不予恢复的理由"), max_length=1000)


class ReviewForm(forms.Form):
    title = forms.CharField(label=_("评查名称"), max_length=128, required=False)
    period_from = forms.DateField(label=_("终本结案起始日"), widget=DATE)
    period_to = forms.DateField(label=_("终本结案截止日"), widget=DATE)
    mode = forms.ChoiceField(label=_("评查方式"), choices=ReviewMode.choices, initial=ReviewMode.SAMPLE)
    sample_size = forms.IntegerField(label=_("抽查件数"), min_value=1, required=False, initial=20)


class MarkForm(forms.Form):
    verdict = forms.ChoiceField(label=_("评查结论"), choices=[(Verdict.COMPLIANT, Verdict.COMPLIANT.label),
                                                          (Verdict.NON_COMPLIANT, Verdict.NON_COMPLIANT.label)],
                                widget=forms.RadioSelect)
    unmet = forms.MultipleChoiceField(label=_("不符合的条件"), required=False, widget=forms.CheckboxSelectMultiple,
                                      choices=[(k, v) for k, v in rules.TERMINATION_CONDITIONS.items()])
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
