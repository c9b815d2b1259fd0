"""四同步 support: the contact log with parties, and each court's settings for reminders and the fast track."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ContactChannel, ContactDirection
from .base import CourtOwned, TimeStampedModel
from .litigation import money_field


class Contact(CourtOwned):
    """线上联系: a message through the mobile micro-court (移动微法院), a call, an SMS or a video talk with a party.

    Written to the case timeline too (EventKind.CONTACT), so the judge sees it beside everything else done.
    """

    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="contacts",
                             verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="contacts",
                              verbose_name=_("当事人"))
    channel = models.CharField(_("方式"), max_length=16, choices=ContactChannel.choices)
    direction = models.CharField(_("方向"), max_length=12, choices=ContactDirection.choices,
                                 default=ContactDirection.OUTGOING)
    occurred_on = models.DateField(_("日期"))
    summary = models.TextField(_("内容摘要"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("经办人"))

    class Meta:
        verbose_name = _("联系记录")
        verbose_name_plural = _("联系记录")
        ordering = ["occurred_on", "pk"]


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
