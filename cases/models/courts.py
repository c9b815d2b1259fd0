"""Reference data: courts, townships, grids; case-number counters; each court's settings of the four
synchronizations (四同步: reminder windows, fast-track rules)."""
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeStampedModel
from .litigation import money_field


class Court(TimeStampedModel):
    code = models.CharField(_("法院代字"), max_length=16, unique=True, help_text=_("含省份简称，如“赣1129”"))
    name = models.CharField(_("法院名称"), max_length=64)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级法院"), help_text=_("上级法院领导可查看下级法院的统计"),
    )

    class Meta:
        verbose_name = _("法院")
        verbose_name_plural = _("法院")
        ordering = ["code"]
        permissions = [
            ("run_jobs", _("立即运行定时任务")),
            ("view_statistics", _("查看统计与领导看板")),
            ("approve_extension", _("批准延长执行期限")),
            ("approve_termination", _("批准终本合议意见（院长）")),
        ]

    def __str__(self):
        return f"{self.name}（{self.code}）"


class Township(TimeStampedModel):
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="townships", verbose_name=_("法院"))
    name = models.CharField(_("乡镇名称"), max_length=64)
    code = models.CharField(_("乡镇代码"), max_length=16)

    class Meta:
        verbose_name = _("乡镇（街道）")
        verbose_name_plural = _("乡镇（街道）")
        ordering = ["court", "code"]
        constraints = [
            models.UniqueConstraint(fields=["court", "code"], name="township_code_unique_per_court"),
            models.UniqueConstraint(fields=["court", "name"], name="township_name_unique_per_court"),
        ]

    def __str__(self):
        return self.name


class Grid(TimeStampedModel):
    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="grids", verbose_name=_("乡镇"))
    name = models.CharField(_("网格名称"), max_length=64)

    class Meta:
        verbose_name = _("综治网格")
        verbose_name_plural = _("综治网格")
        ordering = ["township", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="grid_name_unique_per_township")]

    def __str__(self):
        return f"{self.township.name}·{self.name}"


class CaseNumberCounter(models.Model):
    """Last sequence handed out per (court, year, case type). Locked row-wise by the numbering service."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, verbose_name=_("法院"))
    year = models.PositiveSmallIntegerField(_("年度"))
    case_type = models.CharField(_("类型代字"), max_length=8)
    last = models.PositiveIntegerField(_("已用最大序号"), default=0)

    class Meta:
        verbose_name = _("案号计数器")
        verbose_name_plural = _("案号计数器")
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "case_type"], name="case_counter_unique"),
        ]

    def __str__(self):
        return f"{self.court.code} {self.year} {self.case_type}: {self.last}"


class SyncSettings(TimeStampedModel):
    """Per-court settings of the four synchronizations, editable in the admin and through the API.

    A court without a row uses the defaults of cases.conf (which settings.FOUR_SYNC may override).
    """

    court = models.OneToOneField("cases.Court", on_delete=models.CASCADE, related_name="sync_settings",
                                 verbose_name=_("法院"))
    instalment_reminder_days = models.PositiveSmallIntegerField(
        _("履行期临近提醒（天）"), default=7, validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text=_("分期履行期限前多少天提醒承办法官执前督促"))
    lapse_reminder_days = models.PositiveSmallIntegerField(
        _("查封冻结到期提醒（天）"), default=30, validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text=_("查封、扣押、冻结届满前多少天提醒续行"))
    fast_track_enabled = models.BooleanField(_("启用快速通道"), default=True)
    fast_track_max_respondents = models.PositiveSmallIntegerField(
        _("快速通道：被执行人人数上限"), default=1, validators=[MinValueValidator(1)])
    fast_track_max_amount = money_field(_("快速通道：标的额上限（元）"), default=Decimal("50000.00"))
    fast_track_requires_assets = models.BooleanField(_("快速通道：须首次查控即发现财产"), default=True)

    class Meta:
        verbose_name = _("四同步设置")
        verbose_name_plural = _("四同步设置")

    def __str__(self):
        return f"{self.court}"
