"""Coercive measures (强制措施 / 三板斧) proposed by a judge and approved by the court president, the persons a
restriction binds, and reconsideration of fines and detention. The limits live in sanctions/rules.py."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned, TimeStampedModel
from cases.models.litigation import money_field

from ..choices import BoundRole, DishonestGround, ReconsiderationOutcome, SanctionKind, SanctionStatus


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
    urgency_reason = models.TextField(
        _("紧急情况说明"), blank=True,
        help_text=_("未经督促履行而直接采取拘传、罚款、拘留或移送公安的，须写明紧急理由（强制与督促同步）"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("提请人"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("审批人"), editable=False)
    approved_on = models.DateField(_("审批日期"), null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("不予批准理由"), blank=True, editable=False)
    in_force_from = models.DateField(_("生效日期"), null=True, blank=True, editable=False,
                                     help_text=_("批准日与开始日期中较晚者；未经批准不生效"))
    served_on = models.DateField(_("决定书送达日期"), null=True, blank=True,
                                 help_text=_("罚款、拘留决定书送达之日，复议期间自此起算；未填写的以批准日计"))
    ended_on = models.DateField(_("实际结束日期"), null=True, blank=True, editable=False)
    end_reason = models.TextField(_("结束原因"), blank=True, editable=False)
    # 拘传: only after a lawful summons was refused without good reason (民诉法解释 art. 482)
    lawful_summons_on = models.DateField(_("依法传唤日期"), null=True, blank=True,
                                         help_text=_("传票送达被执行人（或其法定代表人、负责人）的日期"))
    summons_refused_on = models.DateField(_("拒不到场日期"), null=True, blank=True,
                                          help_text=_("传票指定的到场日期，被传唤人未到场"))
    refusal_note = models.TextField(_("拒不到场情况"), blank=True,
                                    help_text=_("未到场的情况，及无正当理由的说明"))
    questioning_started_at = models.DateTimeField(_("调查询问开始时间"), null=True, blank=True, editable=False)
    questioning_ended_at = models.DateTimeField(_("调查询问结束时间"), null=True, blank=True, editable=False)
    detention_may_follow = models.BooleanField(_("情况复杂，可能采取拘留措施"), default=False, editable=False)
    # 拘留: family told within 24 hours (民诉法解释 art. 180)
    detained_at = models.DateTimeField(_("送交看管时间"), null=True, blank=True, editable=False)
    family_notified_at = models.DateTimeField(_("通知家属时间"), null=True, blank=True, editable=False)
    family_notice_note = models.TextField(_("通知家属情况"), blank=True, editable=False,
                                          help_text=_("通知的家属及方式；确实无法按时通知或通知不到的，记录在案"))
    # 失信被执行人名单
    dishonest_ground = models.CharField(_("失信情形"), max_length=24, choices=DishonestGround.choices, blank=True)
    security_given = models.BooleanField(_("已提供充分有效担保"), default=False)
    extension_years = models.PositiveSmallIntegerField(_("失信期限延长（年）"), default=0,
                                                       help_text=_("情节严重的，可延长一至三年"))

    class Meta:
        verbose_name = _("强制措施")
        verbose_name_plural = _("强制措施")
        ordering = ["-decided_on", "-pk"]
        permissions = [("approve_sanction", _("审批强制措施（院长）"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_on__isnull=True) | models.Q(start_on__isnull=True)
                                   | models.Q(end_on__gte=models.F("start_on")), name="sanction_dates_ordered"),
            models.CheckConstraint(condition=models.Q(status__in=SanctionStatus.values), name="sanction_status_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=SanctionKind.values), name="sanction_kind_valid"),
        ]
        indexes = [
            models.Index(fields=["court", "kind", "status"], name="sanction_court_kind_idx"),
            models.Index(fields=["case", "party", "kind"], name="sanction_case_party_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.party}"

    @property
    def is_in_force(self) -> bool:
        return self.status == SanctionStatus.APPROVED


class BoundPerson(TimeStampedModel):
    """A natural person a consumption or exit restriction binds: the debtor, or for a company its legal
    representative, principal, actual controller. Travel records are matched on `id_number`."""

    sanction = models.ForeignKey(Sanction, on_delete=models.CASCADE, related_name="bound_persons",
                                 verbose_name=_("强制措施"))
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("当事人"))
    role = models.CharField(_("身份"), max_length=24, choices=BoundRole.choices)
    name = models.CharField(_("姓名"), max_length=64)
    id_number = models.CharField(_("身份证号码"), max_length=18)

    class Meta:
        verbose_name = _("受限制人员")
        verbose_name_plural = _("受限制人员")
        ordering = ["sanction", "pk"]
        indexes = [models.Index(fields=["id_number"], name="bound_person_idnum_idx")]
        constraints = [
            models.UniqueConstraint(fields=["sanction", "id_number"], name="bound_person_unique_per_sanction"),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"


class Reconsideration(TimeStampedModel):
    """复议: applied for within 3 days of receiving a fine or detention decision, decided by the court above
    within 5 days; the measure is not suspended meanwhile (CPL art. 119; 民诉法解释 art. 185)."""

    sanction = models.ForeignKey(Sanction, on_delete=models.PROTECT, related_name="reconsiderations",
                                 verbose_name=_("强制措施"))
    applied_on = models.DateField(_("申请复议日期"))
    grounds = models.TextField(_("复议理由"), blank=True)
    decided_on = models.DateField(_("复议决定日期"), null=True, blank=True)
    outcome = models.CharField(_("复议结果"), max_length=12, choices=ReconsiderationOutcome.choices, blank=True)
    decision_note = models.TextField(_("复议决定内容"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("登记人"))

    class Meta:
        verbose_name = _("复议")
        verbose_name_plural = _("复议")
        ordering = ["-applied_on", "-pk"]
