"""Enforcement cases, their timeline, fund ledger, deadline extensions and suspensions."""
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CaseStatus, ClosureMethod, EnforcementType, EventKind, ExtensionStatus, FundDirection
from .base import CourtOwned, TimeStampedModel
from .litigation import POSITIVE, NumberedCase, money_field


class EnforcementCase(NumberedCase):
    case_type = models.CharField(_("案件类型"), max_length=8, choices=EnforcementType.choices,
                                 default=EnforcementType.FIRST)
    source_case = models.ForeignKey("cases.LitigationCase", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="enforcement_cases", verbose_name=_("执行依据案件"))
    source_document = models.CharField(_("执行依据"), max_length=255, blank=True,
                                       help_text=_("非本院诉讼案件时填写，如仲裁裁决书、公证债权文书"))
    is_non_litigation = models.BooleanField(_("非诉执行"), default=False,
                                            help_text=_("非诉执行案件的执行期限为3个月"))
    applicants = models.ManyToManyField("cases.Party", related_name="enforcement_as_applicant",
                                        verbose_name=_("申请执行人"))
    respondents = models.ManyToManyField("cases.Party", related_name="enforcement_as_respondent",
                                         verbose_name=_("被执行人"))
    party_names = models.CharField(_("当事人名称（检索用）"), max_length=512, blank=True, editable=False,
                                   help_text=_("由服务维护，按当事人名称检索时使用"))
    amount_claimed = money_field(_("申请执行标的（元）"), validators=POSITIVE)
    amount_recovered = money_field(_("执行到位金额（元）"), default=Decimal("0"), editable=False,
                                   help_text=_("由执行款台账收款合计得出"))
    amount_paid_out = money_field(_("已发放金额（元）"), default=Decimal("0"), editable=False)
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="enforcement_cases", verbose_name=_("承办法官"))
    is_livelihood = models.BooleanField(_("涉民生案件"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.FILED,
                              editable=False)
    deadline_on = models.DateField(_("执行期限届满日"), editable=False)
    suspended_days = models.PositiveIntegerField(_("中止天数"), default=0, editable=False)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True, editable=False)
    closure_method = models.CharField(_("结案方式"), max_length=24, choices=ClosureMethod.choices, blank=True,
                                      editable=False)
    closure_reason = models.TextField(_("结案理由"), blank=True, editable=False)
    resumed_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="resumptions", verbose_name=_("原案"), editable=False)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    fast_track = models.BooleanField(_("快速通道"), default=False, editable=False,
                                     help_text=_("“人工+智能”快速通道：由规则或法官转入"))
    fast_tracked_on = models.DateField(_("转入快速通道日期"), null=True, blank=True, editable=False)
    fast_track_note = models.CharField(_("快速通道说明"), max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = _("执行案件")
        verbose_name_plural = _("执行案件")
        ordering = ["-filed_on", "-pk"]
        permissions = [
            ("handle_enforcementcase", _("办理执行案件（记录、查询、收款、结案）")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "case_type", "sequence"], name="enforcement_seq_unique"),
            models.CheckConstraint(condition=models.Q(status__in=CaseStatus.values), name="enforcement_status_valid"),
            models.CheckConstraint(
                condition=(models.Q(status=CaseStatus.CLOSED, closed_on__isnull=False) & ~models.Q(closure_method=""))
                | (~models.Q(status=CaseStatus.CLOSED) & models.Q(closed_on__isnull=True, closure_method="")),
                name="enforcement_closed_consistent",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("filed_on")),
                name="enforcement_closed_after_filed",
            ),
        ]
        indexes = [
            models.Index(fields=["court", "-filed_on", "-id"], name="enf_court_filed_idx"),
            # the system admin's changelist over every court, in the model's ordering
            models.Index(fields=["-filed_on", "-id"], name="enf_filed_idx"),
            models.Index(fields=["court", "status", "-filed_on"], name="enf_court_status_idx"),
            models.Index(fields=["court", "closed_on"], name="enf_court_closed_idx"),
            models.Index(fields=["court", "closure_method", "closed_on"], name="enf_court_method_idx"),
            models.Index(fields=["court", "judge", "status"], name="enf_court_judge_idx"),
            models.Index(fields=["court", "deadline_on"], name="enf_court_deadline_idx"),
            models.Index(fields=["court", "fast_track", "status"], name="enf_court_fast_idx"),
            # the daily payout sweep reads only cases holding money not yet paid out
            models.Index(fields=["id"], name="enf_unpaid_balance_idx",
                         condition=models.Q(amount_recovered__gt=models.F("amount_paid_out"))),
        ]

    @property
    def amount_outstanding(self) -> Decimal:
        return max(self.amount_claimed - self.amount_recovered, Decimal("0"))

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseEvent(models.Model):
    """One line of a case's timeline. Services write it; the 终本 gate reads it."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="events",
                             verbose_name=_("执行案件"))
    kind = models.CharField(_("事项"), max_length=32, choices=EventKind.choices)
    occurred_on = models.DateField(_("日期"))
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("当事人"))
    amount = money_field(_("金额（元）"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    urgent = models.BooleanField(_("紧急"), default=False, help_text=_("紧急财产线索立即（当日）核查，一般5日内"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("经办人"))
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    # Facts brought in from the court's earlier system keep their own dates and say where they came from. A plain
    # number, not a foreign key: the imports app stands above cases.
    imported_job = models.PositiveBigIntegerField(_("导入批次"), null=True, blank=True, editable=False,
                                                  help_text=_("由数据导入写入的节点：导入批次编号"))
    imported_row = models.PositiveIntegerField(_("导入文件行号"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("案件节点")
        verbose_name_plural = _("案件节点")
        ordering = ["occurred_on", "created_at", "pk"]
        indexes = [
            models.Index(fields=["case", "kind"], name="event_case_kind_idx"),
            models.Index(fields=["case", "occurred_on"], name="event_case_date_idx"),
        ]

    def __str__(self):
        return f"{self.occurred_on} {self.get_kind_display()}"

    @property
    def is_imported(self) -> bool:
        return self.imported_job is not None


class FundEntry(CourtOwned):
    """The case's fund ledger (一案一账号): money in for the applicant, money paid out to them."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="funds",
                             verbose_name=_("执行案件"))
    direction = models.CharField(_("方向"), max_length=4, choices=FundDirection.choices)
    amount = money_field(_("金额（元）"), validators=POSITIVE)
    occurred_on = models.DateField(_("日期"))
    note = models.CharField(_("摘要"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("经办人"))

    class Meta:
        verbose_name = _("执行款台账")
        verbose_name_plural = _("执行款台账")
        ordering = ["occurred_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="fund_amount_positive"),
        ]
        indexes = [models.Index(fields=["court", "direction", "occurred_on"], name="fund_court_dir_date_idx")]


class DeadlineExtension(TimeStampedModel):
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="extensions",
                             verbose_name=_("执行案件"))
    months = models.PositiveSmallIntegerField(_("延长月数"))
    reason = models.TextField(_("理由"))
    approved_on = models.DateField(_("批准日期"), help_text=_("本院批准之日；报请高院批准的，为报请之日"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("批准人"),
                                    help_text=_("院长或分管副院长（院领导）；报请高院批准的，为报请的院领导"))
    status = models.CharField(_("状态"), max_length=24, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.APPROVED,
                              help_text=_("再次延长须报请高级人民法院批准，批准前不计入执行期限"))
    high_court_answered_on = models.DateField(_("高院答复日期"), null=True, blank=True)
    high_court_note = models.TextField(_("高院答复"), blank=True)

    class Meta:
        verbose_name = _("延长执行期限")
        verbose_name_plural = _("延长执行期限")


class Suspension(TimeStampedModel):
    """A period of 中止执行; it does not count towards the time limit."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="suspensions",
                             verbose_name=_("执行案件"))
    start_on = models.DateField(_("中止日期"))
    end_on = models.DateField(_("恢复日期"), null=True, blank=True)
    reason = models.TextField(_("理由"))

    class Meta:
        verbose_name = _("中止执行")
        verbose_name_plural = _("中止执行")
        ordering = ["start_on"]
