"""Choice values of the pushes app: lowercase English codes (the API contract), Chinese labels (the UI)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """The five pushes (五推送); 乡镇（单位） is split into the township and the employer channel."""

    GRID = "grid", _("综治网格")
    TOWNSHIP = "township", _("乡镇（街道）")
    EMPLOYER = "employer", _("工作单位")
    DISCIPLINE = "discipline", _("纪委监委")
    NPC_CPPCC = "npc_cppcc", _("人大、政协")
    CIVIL_AFFAIRS = "civil_affairs", _("民政部门")


class Body(models.TextChoices):
    """Which list an npc_cppcc recipient receives: 人大常委会 the deputies, 政协 the members, or both."""

    BOTH = "", _("人大代表和政协委员")
    NPC = "npc", _("人大代表")
    CPPCC = "cppcc", _("政协委员")


class PartyRole(models.TextChoices):
    RESPONDENT = "respondent", _("被执行人")
    APPLICANT = "applicant", _("申请执行人")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("进行中")
    COMPLETED = "completed", _("已完成")


class FeedbackKind(models.TextChoices):
    LEAD = "lead", _("提供财产线索")
    LOCATED = "located", _("已找到被执行人")
    PERSUADED = "persuaded", _("已劝导履行")
    NO_INFO = "no_info", _("暂无信息")


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
