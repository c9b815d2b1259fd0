"""Choice values of the clearance app: lowercase English codes (API), Chinese labels (UI)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReinquiryStatus(models.TextChoices):
    PENDING = "pending", _("待查询")
    DONE = "done", _("已查询")
    FAILED = "failed", _("查询失败")
    CANCELLED = "cancelled", _("已取消（已恢复执行）")


class TriggerKind(models.TextChoices):
    PROPERTY_FOUND = "property_found", _("定期查询发现财产")
    PUSH_LEAD = "push_lead", _("推送反馈有效线索")
    TRAVEL_VIOLATION = "travel_violation", _("违反限制消费出行")
    APPLICANT_REQUEST = "applicant_request", _("申请执行人申请恢复执行")


class TriggerStatus(models.TextChoices):
    OPEN = "open", _("待研判")
    RESUMED = "resumed", _("已恢复执行")
    DISMISSED = "dismissed", _("不予恢复")


class ReviewMode(models.TextChoices):
    ALL = "all", _("全部评查")
    SAMPLE = "sample", _("随机抽查")


class Verdict(models.TextChoices):
    PENDING = "pending", _("待评查")
    COMPLIANT = "compliant", _("合规")
    NON_COMPLIANT = "non_compliant", _("不合规")
