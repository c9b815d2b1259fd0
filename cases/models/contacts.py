"""The contact log with parties (线上联系, part of 线上与线下同步)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ContactChannel, ContactDirection
from .base import CourtOwned


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
