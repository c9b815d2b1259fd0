"""Asset inquiries (网络查控 / 线下调查) and the assets they find."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AssetStatus, AuctionResult, InquiryChannel, InquiryScope, InquiryStatus
from .base import CourtOwned, TimeStampedModel
from .litigation import POSITIVE, money_field


class AssetInquiry(TimeStampedModel):
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="inquiries",
                             verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="inquiries",
                              verbose_name=_("被查询人"))
    channel = models.CharField(_("方式"), max_length=8, choices=InquiryChannel.choices)
    scopes = models.JSONField(_("查询范围"), default=list)
    requested_on = models.DateField(_("查询日期"))
    status = models.CharField(_("状态"), max_length=12, choices=InquiryStatus.choices, default=InquiryStatus.PENDING)
    completed_on = models.DateField(_("反馈日期"), null=True, blank=True)
    provider = models.CharField(_("查询渠道"), max_length=64, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("经办人"))

    class Meta:
        verbose_name = _("财产查询")
        verbose_name_plural = _("财产查询")
        ordering = ["requested_on", "pk"]


class Asset(CourtOwned):
    """A debtor's asset, from its finding through freeze, valuation, auction and release.

    Found by an inquiry in an enforcement case, or frozen by a preservation before there is one (`case` empty,
    `preservation` set); when the enforcement case is filed from the litigation case the same row moves into it,
    its freeze and lapse date running on (民诉法解释 art. 168).
    """

    case = models.ForeignKey("cases.EnforcementCase", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="assets", verbose_name=_("执行案件"))
    preservation = models.ForeignKey("cases.Preservation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="assets", verbose_name=_("保全申请"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="assets",
                              verbose_name=_("财产所有人"))
    inquiry = models.ForeignKey(AssetInquiry, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="assets", verbose_name=_("来源查询"))
    kind = models.CharField(_("财产类型"), max_length=16, choices=InquiryScope.choices)
    description = models.CharField(_("财产描述"), max_length=255)
    institution = models.CharField(_("协助机构"), max_length=128, blank=True, help_text=_("如开户银行、不动产登记中心"))
    value = money_field(_("价值/余额（元）"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=AssetStatus.choices, default=AssetStatus.FOUND)
    found_on = models.DateField(_("查到日期"))
    controlled_on = models.DateField(_("查封/冻结日期"), null=True, blank=True)
    lapses_on = models.DateField(_("查封/冻结届满日"), null=True, blank=True,
                                 help_text=_("存款1年、动产2年、不动产及其他财产权3年（民诉法解释第485条）"))
    renewals = models.PositiveSmallIntegerField(_("续行次数"), default=0)
    valuation = money_field(_("评估价/参考价（元）"), null=True, blank=True)
    valued_on = models.DateField(_("评估日期"), null=True, blank=True)
    sale_price = money_field(_("成交价（元）"), null=True, blank=True)
    sold_on = models.DateField(_("成交日期"), null=True, blank=True)
    proceeds_on = models.DateField(_("价款到账日期"), null=True, blank=True,
                                   help_text=_("拍卖成交款或扣划款进入执行款账户（一案一账号）的日期"))
    released_on = models.DateField(_("解除日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("财产")
        verbose_name_plural = _("财产")
        ordering = ["found_on", "pk"]
        indexes = [
            models.Index(fields=["case", "status"], name="asset_case_status_idx"),
            # the daily renewal sweep: measures lapsing soon
            models.Index(fields=["lapses_on", "status"], name="asset_lapses_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(case__isnull=False) | models.Q(preservation__isnull=False),
                                   name="asset_case_or_preservation"),
        ]

    @property
    def is_controlled(self) -> bool:
        """Frozen or seized and not yet released: the lapse date matters."""
        return self.lapses_on is not None and self.status in CONTROLLED_STATUSES


CONTROLLED_STATUSES = (AssetStatus.FROZEN, AssetStatus.VALUED, AssetStatus.AUCTIONING, AssetStatus.UNSOLD)


class AuctionRound(TimeStampedModel):
    """One round of an online judicial auction (网络司法拍卖) of an asset."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="auction_rounds",
                              verbose_name=_("财产"))
    round_no = models.PositiveSmallIntegerField(_("拍卖轮次"))
    platform = models.CharField(_("拍卖平台"), max_length=64, blank=True)
    announced_on = models.DateField(_("公告日期"))
    auction_on = models.DateField(_("拍卖日期"))
    starting_price = money_field(_("起拍价（元）"), validators=POSITIVE)
    result = models.CharField(_("拍卖结果"), max_length=12, choices=AuctionResult.choices,
                              default=AuctionResult.PENDING)
    result_on = models.DateField(_("结果日期"), null=True, blank=True)
    sale_price = money_field(_("成交价（元）"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("经办人"))

    class Meta:
        verbose_name = _("网络司法拍卖")
        verbose_name_plural = _("网络司法拍卖")
        ordering = ["asset", "round_no"]
        constraints = [
            # a withdrawn round does not count: the next announcement is the same round again
            models.UniqueConstraint(fields=["asset", "round_no"], condition=~models.Q(result="withdrawn"),
                                    name="auction_round_unique"),
            models.CheckConstraint(condition=models.Q(starting_price__gt=0), name="auction_price_positive"),
        ]
