"""Legal documents issued in an enforcement case, each with its own number, kept as issued (HTML + PDF)."""
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned

from .choices import DocumentKind, DocumentSeries


def document_upload_to(document: "Document", filename: str) -> str:
    """documents/<court id>/<year>/<kind>-<sequence>-<random>.pdf: one folder per court and year, ASCII names.

    The random part keeps names unguessable should MEDIA_ROOT ever be served directly (Django serves it under
    DEBUG); the way to a document is the download view, which checks tenancy.
    """
    token = secrets.token_hex(8)
    return f"documents/{document.court_id}/{document.year}/{document.kind}-{document.sequence:05d}-{token}.pdf"


class DocumentCounter(models.Model):
    """Rulings (裁定书) or decisions (决定书) issued so far in one case: the first carries the bare case number,
    the next 之一, 之二 … Taken row-locked by documents.numbering (cases.services.numbering.take_next)."""

    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("执行案件"))
    series = models.CharField(_("文书系列"), max_length=12, choices=DocumentSeries.choices)
    last = models.PositiveIntegerField(_("已用最大序号"), default=0)

    class Meta:
        verbose_name = _("文书编号计数器")
        verbose_name_plural = _("文书编号计数器")
        constraints = [models.UniqueConstraint(fields=["case", "series"], name="document_counter_case_series_unique")]

    def __str__(self):
        return f"{self.case_id} {self.series}: {self.last}"


class Document(CourtOwned):
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.PROTECT, related_name="documents",
                             verbose_name=_("执行案件"))
    kind = models.CharField(_("文书种类"), max_length=40, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    series = models.CharField(_("文书系列"), max_length=12, choices=DocumentSeries.choices, blank=True, default="",
                              editable=False, help_text=_("裁定书、决定书在本案中各自编号；通知书、令、函不编序号"))
    sequence = models.PositiveIntegerField(_("序号"), editable=False,
                                           help_text=_("本案同一系列中的第几份（1为案号本身，2为之一……）；其他文书为0"))
    number = models.CharField(_("文书编号"), max_length=48, editable=False, db_index=True,
                              help_text=_("本案案号，如“（2024）赣1129执123号”；本案第二份起的裁定书、决定书加“之一”“之二”……"))
    title = models.CharField(_("文书标题"), max_length=64, editable=False)
    issued_on = models.DateField(_("落款日期"))
    party = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("受送达人/对象"), help_text=_("为空表示针对本案全部被执行人或全案"))
    sanction = models.ForeignKey("sanctions.Sanction", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="documents", verbose_name=_("依据的强制措施"))
    inputs = models.JSONField(_("制作时填写的事项"), default=dict, blank=True, editable=False,
                              help_text=_("如协助执行人、金额、失信情形等"))
    html = models.TextField(_("文书正文（HTML）"), editable=False,
                            help_text=_("制作时的文本，预览与PDF均以此为准，不随案件信息变化"))
    pdf = models.FileField(_("PDF文件"), upload_to=document_upload_to, max_length=255, editable=False)
    pdf_sha256 = models.CharField(_("PDF摘要（SHA-256）"), max_length=64, editable=False)
    event = models.ForeignKey("cases.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", editable=False, verbose_name=_("节点记录"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                  editable=False, verbose_name=_("制作人"))

    class Meta:
        verbose_name = _("法律文书")
        verbose_name_plural = _("法律文书")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # two rulings (or two decisions) of one case never share a number
            models.UniqueConstraint(fields=["case", "series", "sequence"], condition=~models.Q(series=""),
                                    name="document_case_series_seq_unique"),
            # one decision per approved measure: a second click must not issue a second numbered document
            models.UniqueConstraint(fields=["sanction", "kind"], condition=models.Q(sanction__isnull=False),
                                    name="document_one_per_sanction"),
            models.CheckConstraint(condition=models.Q(kind__in=DocumentKind.values), name="document_kind_valid"),
        ]
        indexes = [
            models.Index(fields=["case", "kind"], name="document_case_kind_idx"),
            models.Index(fields=["court", "-issued_on"], name="document_court_issued_idx"),
        ]

    def __str__(self):
        return f"{self.title} {self.number}"

    @property
    def download_name(self) -> str:
        return f"{self.get_kind_display()}{self.number}.pdf"
