"""Choice values of the three axes (三板斧): lowercase English codes (the API), Chinese labels (the UI)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class SanctionKind(models.TextChoices):
    SUMMONS = "summons", _("拘传")
    DETENTION = "detention", _("司法拘留")
    FINE = "fine", _("罚款")
    CONSUMPTION_RESTRICTION = "consumption_restriction", _("限制消费")
    DISHONEST_LIST = "dishonest_list", _("纳入失信被执行人名单")
    EXIT_RESTRICTION = "exit_restriction", _("限制出境")
    CRIMINAL_REFERRAL = "criminal_referral", _("移送公安（拒执罪）")
    PRIVATE_PROSECUTION = "private_prosecution", _("自诉（拒执罪）")


class SanctionStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审批")
    APPROVED = "approved", _("已生效")
    REJECTED = "rejected", _("未批准")
    ENDED = "ended", _("已结束")


class DishonestGround(models.TextChoices):
    """最高人民法院《关于公布失信被执行人名单信息的若干规定》(2017) art. 1 items 1–6 (same codes as documents)."""

    ABLE_BUT_REFUSING = "able_but_refusing", _("有履行能力而拒不履行生效法律文书确定义务")
    OBSTRUCTION = "obstruction", _("以伪造证据、暴力、威胁等方法妨碍、抗拒执行")
    EVASION = "evasion", _("以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行")
    REPORT_BREACH = "report_breach", _("违反财产报告制度")
    RESTRICTION_BREACH = "restriction_breach", _("违反限制消费令")
    SETTLEMENT_BREACH = "settlement_breach", _("无正当理由拒不履行执行和解协议")


class BoundRole(models.TextChoices):
    """Who a consumption or exit restriction binds (SPC 限制消费规定 art. 3 para. 2)."""

    DEBTOR = "debtor", _("被执行人本人")
    LEGAL_REPRESENTATIVE = "legal_representative", _("法定代表人")
    PRINCIPAL = "principal", _("主要负责人")
    ACTUAL_CONTROLLER = "actual_controller", _("实际控制人")
    RESPONSIBLE_PERSON = "responsible_person", _("影响债务履行的直接责任人员")


class ReconsiderationOutcome(models.TextChoices):
    UPHELD = "upheld", _("维持")
    VARIED = "varied", _("变更")
    REVOKED = "revoked", _("撤销")


class RosterKind(models.TextChoices):
    POLICE_SEARCH = "police_search", _("公安查找名册")
    SUMMONS = "summons", _("拘传名册")
    DETENTION_CRIMINAL = "detention_criminal", _("拘留或刑事责任名册")


class RosterStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已排除")
    CLOSED = "closed", _("已办结")
    LEFT = "left", _("已出册")


ACTIVE_ROSTER_STATUSES = (RosterStatus.PENDING, RosterStatus.CONFIRMED)


class EvidenceKind(models.TextChoices):
    """Evidence of ability to perform (有履行能力) recorded by a judge; travel violations are found by import."""

    INCOME = "income", _("收入")
    SPENDING = "spending", _("高消费")
    TRANSFER = "transfer", _("转移财产")
    OTHER = "other", _("其他履行能力证据")


class TravelImportStatus(models.TextChoices):
    """A travel file too big for the request is stored and imported by a job: queued → running → done or failed."""
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已导入")
    FAILED = "failed", _("未导入")


class TravelMode(models.TextChoices):
    FLIGHT = "flight", _("飞机")
    RAIL = "rail", _("铁路")
    SHIP = "ship", _("轮船")
    EXIT = "exit", _("出境")


class SeatCode(models.TextChoices):
    """Seat classes normalised at import (the source text is kept as given)."""

    BUSINESS = "business", _("商务座/特等座")
    FIRST = "first", _("一等座")
    SECOND = "second", _("二等座")
    SOFT_SLEEPER = "soft_sleeper", _("软卧")
    HARD_SLEEPER = "hard_sleeper", _("硬卧")
    SEAT = "seat", _("硬座/软座")
    STANDING = "standing", _("无座")
    OTHER = "other", _("其他/未注明")


class Breach(models.TextChoices):
    """What a travel record breaches if its traveller is restricted (sanctions.rules.travel_breach)."""

    NONE = "", _("无")
    FLIGHT = "flight", _("乘坐飞机")
    G_TRAIN = "g_train", _("乘坐G字头动车组列车")
    BULLET_FIRST = "bullet_first", _("乘坐动车组列车一等及以上座位")
    SOFT_SLEEPER = "soft_sleeper", _("乘坐列车软卧")
    SHIP_CABIN = "ship_cabin", _("乘坐轮船二等以上舱位")
    EXIT = "exit", _("出境")


class ProsecutionTrack(models.TextChoices):
    REFERRAL = "referral", _("移送公安")
    PRIVATE = "private", _("自诉")


class PoliceDecision(models.TextChoices):
    PENDING = "pending", _("待公安决定")
    OPENED = "opened", _("公安已立案")
    DECLINED = "declined", _("公安不予立案")


class ProsecutionStage(models.TextChoices):
    """Where a criminal track stands, derived from its dates (Prosecution.stage)."""

    TO_SEND = "to_send", _("待移送")
    AWAITING_POLICE = "awaiting_police", _("待公安决定")
    CASE_OPENED = "case_opened", _("已立案侦查")
    DECLINED = "declined", _("不予立案")
    FILED = "filed", _("自诉已受理")
    PROSECUTED = "prosecuted", _("已起诉")
    JUDGED = "judged", _("已判决")
    SETTLED = "settled", _("已和解")
    PERFORMED = "performed", _("和解已履行")


# The persons a company's restriction may name (its debtor is the company itself).
UNIT_ROLES_CHOICES = [(role.value, role.label) for role in BoundRole if role != BoundRole.DEBTOR]
