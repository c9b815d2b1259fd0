"""Asset inquiries (网络查控 / 线下调查) and the assets they find."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AssetStatus, InquiryChannel, InquiryScope, InquiryStatus
from .base import CourtOwned, TimeStampedModel
from .litigation import money_field


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
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="assets",
                             verbose_name=_("执行案件"))
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

    class Meta:
        verbose_name = _("财产")
        verbose_name_plural = _("财产")
        ordering = ["found_on", "pk"]
        indexes = [models.Index(fields=["case", "status"], name="asset_case_status_idx")]
