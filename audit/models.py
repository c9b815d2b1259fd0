"""One row per saved or deleted model instance: who, when, which row, and each changed field before → after."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("新增")
        UPDATE = "update", _("修改")
        DELETE = "delete", _("删除")

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("操作人"), db_constraint=False)
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True,
                                  help_text=_("记录时的用户名，用户改名或删除后仍可读"))
    source = models.CharField(_("来源"), max_length=16, blank=True,
                              help_text=_("web 网页、api 接口、admin 管理后台、task 后台任务、system 其他"))
    action = models.CharField(_("操作"), max_length=8, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("数据类型"))
    object_id = models.CharField(_("数据编号"), max_length=64)
    object_repr = models.CharField(_("数据"), max_length=255, blank=True)
    court_id = models.BigIntegerField(_("法院"), null=True, blank=True)
    case_id = models.BigIntegerField(_("执行案件"), null=True, blank=True,
                                     help_text=_("该数据所属的执行案件，用于在案件页面查看"))
    changes = models.JSONField(_("变更内容"), default=dict,
                               help_text=_("{字段: [修改前, 修改后]}；证件号码只保存脱敏值"))
    path = models.CharField(_("请求路径"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["case_id", "-at"], name="audit_case_idx", condition=models.Q(case_id__isnull=False)),
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["court_id", "-at"], name="audit_court_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '系统'} {self.get_action_display()} {self.object_repr}"
