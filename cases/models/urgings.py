"""Urging records (督促履行), on litigation cases (执前督促) or enforcement cases."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import UrgingChannel
from .base import CourtOwned


class Urging(CourtOwned):
    litigation_case = models.ForeignKey("cases.LitigationCase", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="urgings", verbose_name=_("诉讼案件"))
    enforcement_case = models.ForeignKey("cases.EnforcementCase", null=True, blank=True, on_delete=models.CASCADE,
                                         related_name="urgings", verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="urgings",
                              verbose_name=_("被督促人"))
    channel = models.CharField(_("方式"), max_length=16, choices=UrgingChannel.choices)
    occurred_on = models.DateField(_("督促日期"))
    outcome = models.TextField(_("督促结果"), blank=True)
    promised_on = models.DateField(_("承诺履行日期"), null=True, blank=True)
    deadline_on = models.DateField(_("限期履行期限"), null=True, blank=True,
                                   help_text=_("限期履行通知载明的履行期限"))
    follow_up_on = models.DateField(_("跟踪日期"), null=True, blank=True, editable=False,
                                    help_text=_("承诺日与限期中较晚者；届时未履行则提醒承办法官"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("督促人"))

    class Meta:
        verbose_name = _("督促履行记录")
        verbose_name_plural = _("督促履行记录")
        ordering = ["occurred_on", "pk"]
        indexes = [models.Index(fields=["follow_up_on"], name="urging_follow_up_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(litigation_case__isnull=True, enforcement_case__isnull=False)
                | models.Q(litigation_case__isnull=False, enforcement_case__isnull=True),
                name="urging_exactly_one_case",
            ),
        ]
