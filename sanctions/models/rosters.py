"""The three rosters (三种名册) and the evidence of ability to perform that feeds the third.

A roster entry is computed from a case's facts (sanctions/rosters.py); a judge confirms, dismisses or closes it.
One row per (case, party, roster): leaving and re-entering the roster reuses it (`spell` counts the entries).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned
from cases.models.litigation import money_field

from ..choices import ACTIVE_ROSTER_STATUSES, EvidenceKind, RosterKind, RosterStatus


class RosterEntry(CourtOwned):
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="roster_entries",
                             verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="roster_entries",
                              verbose_name=_("被执行人"))
    kind = models.CharField(_("名册"), max_length=24, choices=RosterKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=RosterStatus.choices, default=RosterStatus.PENDING)
    reasons = models.JSONField(_("列入理由"), default=list, help_text=_("中文理由，按事实计算"))
    reason_keys = models.JSONField(_("事实标识"), default=list,
                                   help_text=_("每项事实一个标识；排除或办结后出现新事实的，重新待确认"))
    handled_keys = models.JSONField(_("处理时的事实"), default=list, editable=False)
    entered_on = models.DateField(_("列入日期"))
    spell = models.PositiveIntegerField(_("列入次数"), default=1)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("处理法官"))
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decision_note = models.TextField(_("处理说明"), blank=True, help_text=_("排除的理由或办结情况"))
    left_on = models.DateField(_("出册日期"), null=True, blank=True)
    left_reason = models.CharField(_("出册原因"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("名册条目")
        verbose_name_plural = _("名册条目")
        ordering = ["-entered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "party", "kind"], name="roster_entry_unique"),
            models.CheckConstraint(condition=models.Q(status__in=RosterStatus.values), name="roster_status_valid"),
        ]
        indexes = [models.Index(fields=["court", "kind", "status"], name="roster_court_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ROSTER_STATUSES

    @property
    def todo_key(self) -> str:
        return self.confirm_key(self.pk, self.spell)

    @staticmethod
    def confirm_key(pk: int, spell: int) -> str:
        """The dedupe key of the entry's roster_confirm to-do for one spell on the roster."""
        return f"roster_confirm:{pk}:{spell}"


class AbilityEvidence(CourtOwned):
    """有履行能力的证据: income, spending, transfers … found by a judge (bank statements, payroll, a push feedback)."""

    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="ability_evidence",
                             verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("被执行人"))
    kind = models.CharField(_("类型"), max_length=12, choices=EvidenceKind.choices)
    occurred_on = models.DateField(_("发生日期"))
    amount = money_field(_("金额（元）"), null=True, blank=True)
    description = models.CharField(_("内容"), max_length=255)
    source = models.CharField(_("来源"), max_length=128, blank=True, help_text=_("如银行流水、单位工资表、网格员反馈"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("登记人"))

    class Meta:
        verbose_name = _("履行能力证据")
        verbose_name_plural = _("履行能力证据")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["case", "party"], name="evidence_case_party_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.description}"
