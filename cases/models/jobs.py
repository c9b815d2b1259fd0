"""A record of every scheduled-job run: the database, not the broker, says what ran and what it did."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("运行中")
        SUCCEEDED = "succeeded", _("成功")
        FAILED = "failed", _("失败")

    name = models.CharField(_("任务"), max_length=64, db_index=True)
    court = models.ForeignKey("cases.Court", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("法院"), help_text=_("为空表示全部法院"))
    trigger = models.CharField(_("触发方式"), max_length=16, default="schedule")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    summary = models.JSONField(_("结果摘要"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("定时任务运行记录")
        verbose_name_plural = _("定时任务运行记录")
        ordering = ["-started_at", "-pk"]
