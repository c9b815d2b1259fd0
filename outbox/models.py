"""One row per Celery task the application wants run, written in the same transaction as the data it concerns."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")

    task = models.CharField(_("任务"), max_length=200, help_text=_("Celery 任务名，如 pushes.tasks.deliver"))
    args = models.JSONField(_("位置参数"), default=list, blank=True)
    kwargs = models.JSONField(_("关键字参数"), default=dict, blank=True)
    queue = models.CharField(_("队列"), max_length=64, blank=True, help_text=_("留空时按 task_routes 路由"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("发送尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发任务")
        verbose_name_plural = _("待发任务")
        ordering = ["pk"]
        indexes = [
            # the relay reads only pending rows, oldest first
            models.Index(fields=["id"], name="outbox_pending_idx", condition=models.Q(status="pending")),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=["pending", "sent"]), name="outbox_status_valid"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.task} ({self.get_status_display()})"
