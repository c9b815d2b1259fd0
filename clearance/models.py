"""终本清仓: what the clearance app records beside the cases core.

- Reinquiry: one scheduled re-inquiry of a 终本 case (every 6 months for 5 years after closure, cases.rules
  .reinquiry_dates). Unique per (case, due date): the daily sweep may run any number of times.
- ResumeTrigger: a piece of evidence that the case should be resumed (property found, an effective push lead, a
  travel violation, the applicant's request), unique per (case, source), with its "consider resumption" to-do.
- ClosureReview / ClosureReviewItem: a leader's quality review of 终本 closures in a period (all or a sample).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned, TimeStampedModel

from .choices import ReinquiryStatus, ReviewMode, TriggerKind, TriggerStatus, Verdict


class Reinquiry(CourtOwned):
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="reinquiries",
                             verbose_name=_("终本案件"))
    sequence = models.PositiveSmallIntegerField(_("期次"), help_text=_("终本后第几次定期查询（1–10）"))
    due_on = models.DateField(_("应查询日期"))
    status = models.CharField(_("状态"), max_length=12, choices=ReinquiryStatus.choices,
                              default=ReinquiryStatus.PENDING)
    done_on = models.DateField(_("查询日期"), null=True, blank=True)
    assets_found = models.PositiveIntegerField(_("查到财产（项）"), default=0)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.CharField(_("失败原因"), max_length=255, blank=True)
    overdue = models.BooleanField(_("逾期"), default=False, help_text=_("应查询日期已过仍未完成"))
    notified_at = models.DateTimeField(_("告知申请人时间"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("手动查询人"),
                                     help_text=_("法官在终本页面发起的查询；空为每日定期查询任务"))

    class Meta:
        verbose_name = _("终本定期查询")
        verbose_name_plural = _("终本定期查询")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "due_on"], name="reinquiry_case_due_unique"),
            models.CheckConstraint(condition=models.Q(status__in=ReinquiryStatus.values),
                                   name="reinquiry_status_valid"),
        ]
        indexes = [
            # the sweep's work queue: open rows by due date (a partial index stays small: done rows leave it)
            models.Index(fields=["due_on"], name="reinquiry_open_due_idx",
                         condition=models.Q(status__in=[ReinquiryStatus.PENDING, ReinquiryStatus.FAILED])),
            models.Index(fields=["court", "status", "due_on"], name="reinquiry_court_status_idx"),
        ]

    def __str__(self):
        return f"{self.case_id} {self.due_on}"


class ResumeTrigger(CourtOwned):
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="resume_triggers",
                             verbose_name=_("终本案件"))
    kind = models.CharField(_("触发情形"), max_length=20, choices=TriggerKind.choices)
    source_key = models.CharField(_("来源"), max_length=64, help_text=_("如 asset:12、feedback:7、violation:3"))
    occurred_on = models.DateField(_("发生日期"))
    evidence = models.TextField(_("证据摘要"))
    amount = models.DecimalField(_("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    asset = models.ForeignKey("cases.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("查到的财产"))
    feedback = models.ForeignKey("pushes.PushFeedback", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("推送反馈"))
    violation = models.ForeignKey("sanctions.Violation", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("违规出行"), db_constraint=False)
    status = models.CharField(_("状态"), max_length=12, choices=TriggerStatus.choices, default=TriggerStatus.OPEN)
    todo = models.ForeignKey("cases.Todo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("待办事项"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("登记人"))

    class Meta:
        verbose_name = _("恢复执行线索")
        verbose_name_plural = _("恢复执行线索")
        ordering = ["-occurred_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["case", "source_key"], name="resume_trigger_unique")]
        permissions = [("resume_any_case", _("恢复执行他人承办的终本案件"))]
        indexes = [models.Index(fields=["court", "status", "occurred_on"], name="resume_trigger_court_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"


class ClosureReview(CourtOwned):
    title = models.CharField(_("评查名称"), max_length=128)
    period_from = models.DateField(_("终本结案起始日"))
    period_to = models.DateField(_("终本结案截止日"))
    mode = models.CharField(_("评查方式"), max_length=8, choices=ReviewMode.choices)
    sample_size = models.PositiveIntegerField(_("抽查件数"), null=True, blank=True)
    seed = models.BigIntegerField(_("抽样种子"), help_text=_("记录抽样的随机种子，便于复核抽样过程"))
    population = models.PositiveIntegerField(_("期间终本结案总数"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("发起人"))

    class Meta:
        verbose_name = _("终本案件质量评查")
        verbose_name_plural = _("终本案件质量评查")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(period_to__gte=models.F("period_from")),
                                              name="closure_review_period_valid")]

    def __str__(self):
        return self.title


class ClosureReviewItem(TimeStampedModel):
    review = models.ForeignKey(ClosureReview, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("评查"))
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("终本案件"))
    system_unmet = models.JSONField(_("系统核对未满足条件"), default=list,
                                    help_text=_("按终本条件清单（cases.rules.termination_unmet）于结案日核对的结果"))
    verdict = models.CharField(_("评查结论"), max_length=16, choices=Verdict.choices, default=Verdict.PENDING)
    unmet = models.JSONField(_("不符合的条件"), default=list, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("评查人"))
    reviewed_at = models.DateTimeField(_("评查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评查案件")
        verbose_name_plural = _("评查案件")
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "case"], name="closure_review_item_unique"),
            models.CheckConstraint(condition=~models.Q(verdict="non_compliant") | ~models.Q(reason=""),
                                   name="closure_review_reason_required"),
        ]
        indexes = [models.Index(fields=["review", "verdict"], name="review_item_verdict_idx")]
