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


class DishonestGround(models.TextChoices):
    """最高人民法院《关于公布失信被执行人名单信息的若干规定》(2017) art. 1 items 1–6."""

    ABLE_BUT_REFUSING = "able_but_refusing", _("有履行能力而拒不履行生效法律文书确定义务")
    OBSTRUCTION = "obstruction", _("以伪造证据、暴力、威胁等方法妨碍、抗拒执行")
    EVASION = "evasion", _("以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行")
    REPORT_BREACH = "report_breach", _("违反财产报告制度")
    RESTRICTION_BREACH = "restriction_breach", _("违反限制消费令")
    SETTLEMENT_BREACH = "settlement_breach", _("无正当理由拒不履行执行和解协议")


class AssistanceMeasure(models.TextChoices):
    """What a third party holding the debtor's money or property is asked to do (民事诉讼法 arts. 253–254)."""

    STOP_PAYMENT = "stop_payment", _("停止支付")
    FREEZE = "freeze", _("冻结")
    WITHHOLD = "withhold", _("扣留")
    TRANSFER = "transfer", _("划拨（提取）")
