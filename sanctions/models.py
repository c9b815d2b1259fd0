"""Coercive measures (强制措施 / 三板斧) proposed by a judge and approved by the court president."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned
from cases.models.litigation import money_field

from .choices import SanctionKind, SanctionStatus


class Sanction(CourtOwned):
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.PROTECT, related_name="sanctions",
                             verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="sanctions",
                              verbose_name=_("被执行人"))
    kind = models.CharField(_("措施"), max_length=24, choices=SanctionKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=SanctionStatus.choices,
                              default=SanctionStatus.PROPOSED, editable=False)
    decided_on = models.DateField(_("决定日期"))
    start_on = models.DateField(_("开始日期"), null=True, blank=True)
    end_on = models.DateField(_("结束日期"), null=True, blank=True)
    amount = money_field(_("罚款金额（元）"), null=True, blank=True)
    note = models.TextField(_("事实与理由"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("提请人"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("审批人"), editable=False)
    approved_on = models.DateField(_("审批日期"), null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("不予批准理由"), blank=True, editable=False)

    class Meta:
        verbose_name = _("强制措施")
        verbose_name_plural = _("强制措施")
        ordering = ["-decided_on", "-pk"]
        permissions = [("approve_sanction", _("审批强制措施（院长）"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_on__isnull=True) | models.Q(start_on__isnull=True)
                                   | models.Q(end_on__gte=models.F("start_on")), name="sanction_dates_ordered"),
        ]
        indexes = [
            models.Index(fields=["court", "kind", "status"], name="sanction_court_kind_idx"),
            models.Index(fields=["case", "party", "kind"], name="sanction_case_party_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.party}"
