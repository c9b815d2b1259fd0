"""Litigation (source) cases: the trial-side record that enforcement grows out of."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import LitigationType, OutcomeKind, PreservationKind, PreservationResponse
from .base import CourtOwned, TimeStampedModel

POSITIVE = [MinValueValidator(Decimal("0.01"))]
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


def money_field(verbose_name, **kwargs):
    """Yuan with two decimals; wide enough for a province's largest judgments (up to 999 亿)."""
    kwargs.setdefault("validators", NON_NEGATIVE)
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class NumberedCase(CourtOwned):
    """A case with a number `（2024）赣1129执123号` allocated by cases.services.numbering."""

    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("序号"), editable=False)
    number = models.CharField(_("案号"), max_length=40, unique=True, editable=False)
    filed_on = models.DateField(_("立案日期"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.number


class LitigationCase(NumberedCase):
    case_type = models.CharField(_("案件类型"), max_length=8, choices=LitigationType.choices,
                                 default=LitigationType.CIVIL_FIRST)
    cause = models.CharField(_("案由"), max_length=128)
    claim_amount = money_field(_("诉讼标的额（元）"), default=Decimal("0"))
    is_property_dispute = models.BooleanField(_("涉财产争议"), default=True)
    preservation_guided = models.BooleanField(
        _("已引导申请保全"), default=False, help_text=_("立案时是否向权利人释明并引导申请财产保全")
    )
    preservation_response = models.CharField(
        _("保全申请意向"), max_length=12, choices=PreservationResponse.choices, blank=True, default="",
        help_text=_("释明后权利人是否申请保全；登记保全申请时自动记为“已申请保全”"),
    )
    trial_judge = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="litigation_cases", verbose_name=_("承办法官"))
    plaintiffs = models.ManyToManyField("cases.Party", related_name="litigation_as_plaintiff", verbose_name=_("原告"))
    defendants = models.ManyToManyField("cases.Party", related_name="litigation_as_defendant", verbose_name=_("被告"))

    class Meta:
        verbose_name = _("诉讼案件")
        verbose_name_plural = _("诉讼案件")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "case_type", "sequence"], name="litigation_seq_unique"),
        ]
        indexes = [models.Index(fields=["court", "filed_on"], name="litigation_court_filed_idx")]


class Preservation(TimeStampedModel):
    """A preservation application (诉前 / 诉讼保全), its ruling, and — through Asset.preservation — what it froze.

    A pre-suit application may come before any suit: `case` is then empty until the suit is filed and linked, and
    `court`, `applicant` and `respondent` say whose it is. Tenancy reads `court`, or the case's court when empty.
    """

    case = models.ForeignKey(LitigationCase, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="preservations", verbose_name=_("诉讼案件"),
                             help_text=_("诉前保全在起诉前登记时为空，起诉后关联"))
    court = models.ForeignKey("cases.Court", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("法院"))
    applicant = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("申请人"))
    respondent = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("被申请人"))
    kind = models.CharField(_("保全类型"), max_length=16, choices=PreservationKind.choices)
    applied_on = models.DateField(_("申请日期"))
    applied_time = models.TimeField(_("申请时间"), null=True, blank=True,
                                    help_text=_("诉前保全须在48小时内裁定，请登记到时分"))
    amount = money_field(_("申请保全金额（元）"), validators=POSITIVE)
    ruled_on = models.DateField(_("裁定日期"), null=True, blank=True)
    ruled_time = models.TimeField(_("裁定时间"), null=True, blank=True)
    rejected = models.BooleanField(_("裁定驳回"), default=False)
    security_amount = money_field(_("担保金额（元）"), null=True, blank=True)
    released_on = models.DateField(_("解除日期"), null=True, blank=True)
    release_reason = models.CharField(_("解除理由"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("登记人"))

    class Meta:
        verbose_name = _("财产保全申请")
        verbose_name_plural = _("财产保全申请")
        ordering = ["applied_on", "pk"]
        indexes = [
            # the daily preservation sweep: pre-suit applications by ruling date, open ones only
            models.Index(fields=["kind", "ruled_on"], name="preservation_kind_ruled_idx"),
            models.Index(fields=["court", "applied_on"], name="preservation_court_applied_idx"),
        ]

    @property
    def status(self) -> str:
        if self.released_on:
            return "released"
        if self.rejected:
            return "rejected"
        return "granted" if self.ruled_on else "pending"

    @property
    def status_display(self) -> str:
        return {"released": _("已解除"), "rejected": _("已驳回"), "granted": _("已裁定保全"),
                "pending": _("待裁定")}[self.status]


class Outcome(TimeStampedModel):
    """The judgment / mediation of a litigation case. `court` is the case's court, kept on the row (the services
    write it with the outcome) so that the statistics read one court's outcomes of a period from one index instead
    of joining the province's outcomes of the period to the court's cases (bench/README.md, issue 20)."""

    case = models.OneToOneField(LitigationCase, on_delete=models.CASCADE, related_name="outcome",
                                verbose_name=_("诉讼案件"))
    # indexed with the date (Meta.indexes), which serves a lookup by court alone too
    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("法院"),
                              db_index=False)
    kind = models.CharField(_("结果"), max_length=16, choices=OutcomeKind.choices)
    effective_on = models.DateField(_("生效日期"))

    class Meta:
        verbose_name = _("审理结果")
        verbose_name_plural = _("审理结果")
        indexes = [
            # one court's outcomes effective in a period, read index-only by the statistics (PostgreSQL includes the
            # columns they read; SQLite ignores `include`)
            models.Index(fields=["court", "effective_on"], include=["id", "case", "kind"],
                         name="outcome_court_effective_idx"),
        ]


class Obligation(TimeStampedModel):
    """One instalment of the payment plan fixed by a judgment or mediation agreement."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="obligations",
                                verbose_name=_("审理结果"))
    due_on = models.DateField(_("履行期限"))
    amount = money_field(_("应履行金额（元）"), validators=POSITIVE)

    class Meta:
        verbose_name = _("履行义务（分期）")
        verbose_name_plural = _("履行义务（分期）")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="obligation_due_idx")]


class VoluntaryPayment(TimeStampedModel):
    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="payments",
                             verbose_name=_("诉讼案件"))
    paid_on = models.DateField(_("履行日期"))
    amount = money_field(_("金额（元）"), validators=POSITIVE)
    note = models.CharField(_("备注"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("记录人"))

    class Meta:
        verbose_name = _("自动履行记录")
        verbose_name_plural = _("自动履行记录")
        ordering = ["paid_on", "pk"]
