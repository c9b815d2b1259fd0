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
