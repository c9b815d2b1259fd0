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


class DocumentSeries(models.TextChoices):
    """The numbered series of a case: its rulings and its decisions each take 之一, 之二 … after the first."""

    RULING = "ruling", _("裁定书")
    DECISION = "decision", _("决定书")


class AssistanceMeasure(models.TextChoices):
    """What a third party holding the debtor's money or property is asked to do (民事诉讼法 arts. 253–254)."""

    STOP_PAYMENT = "stop_payment", _("停止支付")
    FREEZE = "freeze", _("冻结")
    WITHHOLD = "withhold", _("扣留")
    TRANSFER = "transfer", _("划拨（提取）")


class Obstruction(models.TextChoices):
    """What a person fined or detained did; documents.legal cites the article that fits it."""

    REPORT_REFUSAL = "report_refusal", _("拒绝报告、虚假报告或者无正当理由逾期报告财产情况")
    REFUSAL_TO_PERFORM = "refusal_to_perform", _("拒不履行人民法院已经发生法律效力的判决、裁定")
    CONCEALING_ASSETS = "concealing_assets", _("隐藏、转移、变卖、毁损已被查封、扣押的财产，或者转移已被冻结的财产")
    OBSTRUCTING_OFFICERS = "obstructing_officers", _("以暴力、威胁或者其他方法阻碍司法工作人员执行职务")
    RESTRICTION_BREACH = "restriction_breach", _("违反限制消费令进行消费")
