"""Choice values of the documents app: lowercase English codes (API), Chinese labels (UI and documents)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    EXECUTION_NOTICE = "execution_notice", _("执行通知书")
    REPORT_ORDER = "report_order", _("报告财产令")
    CONSUMPTION_RESTRICTION_ORDER = "consumption_restriction_order", _("限制消费令")
    DISHONEST_DECISION = "dishonest_decision", _("纳入失信决定书")
    SUMMONS_WARRANT = "summons_warrant", _("拘传票")
    DETENTION_DECISION = "detention_decision", _("拘留决定书")
    FINE_DECISION = "fine_decision", _("罚款决定书")
    ASSISTANCE_NOTICE = "assistance_notice", _("协助执行通知书")
    CRIMINAL_REFERRAL_LETTER = "criminal_referral_letter", _("移送公安机关函")
    TERMINATION_RULING = "termination_ruling", _("终结本次执行程序裁定书")
    RESUMPTION_NOTICE = "resumption_notice", _("恢复执行通知书")


class AssistanceMeasure(models.TextChoices):
    """What a third party holding the debtor's money or property is asked to do (民事诉讼法 arts. 253–254)."""

    STOP_PAYMENT = "stop_payment", _("停止支付")
    FREEZE = "freeze", _("冻结")
    WITHHOLD = "withhold", _("扣留")
    TRANSFER = "transfer", _("划拨（提取）")
