"""One import of a spreadsheet into a court: the file as received (kept for audit), what was asked (kind, dry run),
how far it got, and what it did or why it was refused (counts, row errors)."""
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned

# Row errors kept on the job; the total is counted beyond it (errors_total).
MAX_STORED_ERRORS = 1000


def import_upload_to(job: "ImportJob", filename: str) -> str:
    """imports/<court id>/<yyyy-mm>/<random>.<ext>: ASCII, unguessable names; the original name is kept beside."""
    ext = PurePosixPath(filename or "").suffix.lower()[:8]
    return f"imports/{job.court_id}/{job.created_at_month}/{secrets.token_hex(12)}{ext}"


def empty_counts() -> dict:
    return {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}


class ImportJob(CourtOwned):
    class Status(models.TextChoices):
        PENDING = "pending", _("等待处理")
        RUNNING = "running", _("正在导入")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField(_("导入内容"), max_length=32, help_text=_("如 enforcement_cases（imports.registry）"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("导入人"))
    file = models.FileField(_("导入文件"), upload_to=import_upload_to, max_length=255,
                            help_text=_("原样保存，供审计核对"))
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("文件SHA-256"), max_length=64)
    dry_run = models.BooleanField(_("试导入"), default=False, help_text=_("只检查并报告将新增、更新的数据，不写入"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.FloatField(_("进度"), default=0.0, help_text=_("0至1"))
    counts = models.JSONField(_("计数"), default=empty_counts,
                              help_text=_("created 新增、updated 更新、unchanged 未变、rejected 有错误的行"))
    errors = models.JSONField(_("行错误"), default=list, blank=True,
                              help_text=_("[{row, column, message, params}]，最多保存1000条"))
    errors_total = models.PositiveIntegerField(_("错误总数"), default=0)
    summary = models.JSONField(_("导入报告"), default=dict, blank=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=["pending", "running", "done", "failed"]),
                                   name="import_job_status_valid"),
            models.CheckConstraint(condition=models.Q(progress__gte=0, progress__lte=1),
                                   name="import_job_progress_range"),
        ]
        indexes = [models.Index(fields=["court", "-created_at"], name="import_job_court_idx")]

    def __str__(self):
        return f"#{self.pk} {self.kind} {self.original_name}"

    @property
    def created_at_month(self) -> str:
        """The month the file came in (its folder under MEDIA_ROOT), in the court's time zone."""
        return timezone.localdate(self.created_at or timezone.now()).strftime("%Y-%m")
