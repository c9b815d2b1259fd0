"""Criminal liability for refusing to execute (拒不执行判决、裁定罪, Criminal Law art. 313): the court's referral to
the police, or — when the police decline — the applicant's private prosecution (自诉); then settlement and payment.

One Prosecution per approved criminal_referral or private_prosecution measure. Its stage follows from its dates.
"""
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned, TimeStampedModel

from ..choices import PoliceDecision, ProsecutionStage, ProsecutionTrack


class Prosecution(CourtOwned):
    sanction = models.OneToOneField("sanctions.Sanction", on_delete=models.PROTECT, related_name="prosecution",
                                    verbose_name=_("强制措施"))
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.PROTECT, related_name="prosecutions",
                             verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("被执行人"))
    track = models.CharField(_("途径"), max_length=12, choices=ProsecutionTrack.choices)
    origin = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="followers",
                               verbose_name=_("前序移送"), help_text=_("自诉：公安不予立案的那次移送"))
    # referral to the police
    police_agency = models.CharField(_("公安机关"), max_length=128, blank=True)
    sent_on = models.DateField(_("移送日期"), null=True, blank=True)
    complex_case = models.BooleanField(_("案情重大复杂"), default=False,
                                       help_text=_("公安机关决定是否立案的期限为30日（一般为7日）"))
    police_decision = models.CharField(_("公安决定"), max_length=12, choices=PoliceDecision.choices,
                                       default=PoliceDecision.PENDING)
    police_decided_on = models.DateField(_("公安决定日期"), null=True, blank=True)
    decision_note = models.TextField(_("公安决定内容"), blank=True)
    facts = models.TextField(_("涉嫌犯罪事实"), blank=True, help_text=_("移送函所述的事实"))
    # criminal proceedings
    filed_on = models.DateField(_("自诉受理日期"), null=True, blank=True)
    prosecuted_on = models.DateField(_("提起公诉日期"), null=True, blank=True)
    judged_on = models.DateField(_("判决日期"), null=True, blank=True)
    judgment = models.TextField(_("判决结果"), blank=True)
    # settlement (执行和解) and its performance
    settled_on = models.DateField(_("和解日期"), null=True, blank=True)
    settlement_terms = models.TextField(_("和解协议内容"), blank=True)
    performed_on = models.DateField(_("和解履行完毕日期"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("经办人"))

    class Meta:
        verbose_name = _("拒执罪追诉")
        verbose_name_plural = _("拒执罪追诉")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["court", "track", "police_decision"], name="prosecution_court_idx")]

    def __str__(self):
        return f"{self.get_track_display()}：{self.party}"

    @property
    def police_due_on(self) -> dt.date | None:
        from ..rules import police_decision_due

        return police_decision_due(self.sent_on, complex_case=self.complex_case) if self.sent_on else None

    def police_overdue(self, today: dt.date) -> bool:
        from ..rules import police_decision_overdue

        return police_decision_overdue(sent_on=self.sent_on, complex_case=self.complex_case,
                                       decided_on=self.police_decided_on, today=today)

    @property
    def stage(self) -> str:
        if self.performed_on:
            return ProsecutionStage.PERFORMED
        if self.settled_on:
            return ProsecutionStage.SETTLED
        if self.judged_on:
            return ProsecutionStage.JUDGED
        if self.prosecuted_on:
            return ProsecutionStage.PROSECUTED
        if self.track == ProsecutionTrack.PRIVATE:
            return ProsecutionStage.FILED
        if self.police_decision == PoliceDecision.OPENED:
            return ProsecutionStage.CASE_OPENED
        if self.police_decision == PoliceDecision.DECLINED:
            return ProsecutionStage.DECLINED
        return ProsecutionStage.AWAITING_POLICE if self.sent_on else ProsecutionStage.TO_SEND

    def get_stage_display(self) -> str:
        return str(ProsecutionStage(self.stage).label)


class ProsecutionEvidence(TimeStampedModel):
    """One line of the evidence list (证据清单) sent with the referral letter."""

    prosecution = models.ForeignKey(Prosecution, on_delete=models.CASCADE, related_name="evidence",
                                    verbose_name=_("拒执罪追诉"))
    title = models.CharField(_("证据名称"), max_length=128)
    description = models.TextField(_("证明内容"), blank=True)
    violation = models.ForeignKey("sanctions.Violation", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("违规出行"))
    ability_evidence = models.ForeignKey("sanctions.AbilityEvidence", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+", verbose_name=_("履行能力证据"))

    class Meta:
        verbose_name = _("证据清单条目")
        verbose_name_plural = _("证据清单")
        ordering = ["prosecution", "pk"]

    def __str__(self):
        return self.title
