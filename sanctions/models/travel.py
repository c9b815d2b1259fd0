"""Travel records ("big data" trajectories from rail, airline and border sources) and the violations found in them.

Records are written in bulk (COPY on PostgreSQL), so TravelRecord carries no timestamps and no per-row hooks;
a journey (traveller, mode, date, route) is recorded once per court, whatever files repeat it, and a file is
recognised by its SHA-256 so the same file is never imported twice;
what a record would breach under a restriction (`breach`) is computed once, at import, by
sanctions.rules.travel_breach, and the match against restrictions is one set-based query (sanctions/travel.py).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.base import CourtOwned

from ..choices import Breach, SeatCode, TravelImportStatus, TravelMode


class TravelImport(CourtOwned):
    filename = models.CharField(_("文件名"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("导入人"))
    rows = models.PositiveIntegerField(_("导入条数"), default=0)
    violations = models.PositiveIntegerField(_("发现违规"), default=0)
    seconds = models.DecimalField(_("用时（秒）"), max_digits=8, decimal_places=2, default=0)
    sha256 = models.CharField(_("文件SHA-256"), max_length=64, blank=True, editable=False)
    # a big file is imported by a job (sanctions.tasks.run_travel_import): the stored file until then, how far it
    # has read, and why it was refused; a file imported within the request is done when it is saved
    status = models.CharField(_("状态"), max_length=8, choices=TravelImportStatus.choices,
                              default=TravelImportStatus.DONE)
    file = models.FileField(_("待导入文件"), upload_to="travel-imports/%Y/%m/", blank=True)
    progress = models.PositiveIntegerField(_("已读取行数"), default=0)
    rejected = models.JSONField(_("有误的行"), default=list, blank=True)
    rejected_count = models.PositiveIntegerField(_("有误行数"), default=0)
    error = models.TextField(_("未导入原因"), blank=True)

    class Meta:
        verbose_name = _("出行记录导入")
        verbose_name_plural = _("出行记录导入")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["court", "sha256"], condition=~models.Q(sha256=""),
                                    name="travel_import_file_once"),
        ]

    def __str__(self):
        return f"{self.filename}（{self.rows}条）"


class TravelRecord(models.Model):
    # No database foreign-key constraints on this bulk table: a million rows each checked against the court and
    # the batch at commit is slow (bench/README.md), and only sanctions.travel.travel_import writes here, with the
    # batch it has just created in the same transaction. Django still cascades a deleted batch (on_delete) itself.
    # (and no single-column indexes: Meta.indexes cover court and batch; every index costs a million updates)
    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("法院"),
                              db_constraint=False, db_index=False)
    batch = models.ForeignKey(TravelImport, on_delete=models.CASCADE, related_name="records",
                              verbose_name=_("导入批次"), db_constraint=False, db_index=False)
    row = models.PositiveIntegerField(_("文件行号"))
    id_number = models.CharField(_("身份证号码"), max_length=18)
    name = models.CharField(_("姓名"), max_length=64)
    mode = models.CharField(_("出行方式"), max_length=8, choices=TravelMode.choices)
    travelled_on = models.DateField(_("出行日期"))
    route = models.CharField(_("行程/车次航班"), max_length=128, blank=True)
    seat_class = models.CharField(_("席别/舱位（原文）"), max_length=32, blank=True)
    train_class = models.CharField(_("列车等级"), max_length=1, blank=True, help_text=_("G、D、C，取自车次"))
    seat_code = models.CharField(_("席别"), max_length=16, choices=SeatCode.choices, blank=True)
    breach = models.CharField(_("受限时构成"), max_length=16, choices=Breach.choices, blank=True)

    class Meta:
        verbose_name = _("出行记录")
        verbose_name_plural = _("出行记录")
        ordering = ["-travelled_on", "-pk"]
        indexes = [models.Index(fields=["batch"], name="travel_batch_idx")]
        constraints = [
            # one journey once per court (its leading columns also serve the lookups by court and ID number)
            models.UniqueConstraint(fields=["court", "id_number", "mode", "travelled_on", "route"],
                                    name="travel_journey_once"),
        ]

    def __str__(self):
        return f"{self.name} {self.travelled_on} {self.get_mode_display()} {self.route}"


class Violation(CourtOwned):
    """A travel record that breaches a restriction in force on the travel date: the evidence of ability to pay
    and of refusal (the 徐某 case). Unique per (record, restriction): matching a batch again adds nothing."""

    # the importing court, written by the match query from the travel record (tenancy still filters on it)
    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("法院"),
                              db_constraint=False, db_index=False)

    # Written only by the match query (sanctions.travel.match_batch), which joins every column from existing rows
    # in the same statement; database constraints would re-check ~5 references per violation at commit (seconds on
    # a province's import) to learn nothing. Django keeps the on_delete behaviour; indexes as listed in Meta.
    travel_record = models.ForeignKey(TravelRecord, on_delete=models.CASCADE, related_name="violations",
                                      verbose_name=_("出行记录"), db_constraint=False, db_index=False)
    sanction = models.ForeignKey("sanctions.Sanction", on_delete=models.PROTECT, related_name="violations",
                                 verbose_name=_("违反的措施"), db_constraint=False)
    bound_person = models.ForeignKey("sanctions.BoundPerson", null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("出行人"), db_constraint=False, db_index=False)
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="violations",
                             verbose_name=_("执行案件"), db_index=False, db_constraint=False)  # (case, party) index
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="violations",
                              verbose_name=_("被执行人"), db_constraint=False, db_index=False)  # (case, party) index
    kind = models.CharField(_("违规情形"), max_length=16, choices=Breach.choices)
    travelled_on = models.DateField(_("出行日期"))

    class Meta:
        verbose_name = _("违规出行")
        verbose_name_plural = _("违规出行")
        ordering = ["-travelled_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["travel_record", "sanction"], name="violation_unique_per_record"),
        ]
        indexes = [
            models.Index(fields=["court", "-travelled_on"], name="violation_court_date_idx"),
            models.Index(fields=["case", "party"], name="violation_case_party_idx"),
        ]

    def __str__(self):
        return f"{self.party} {self.travelled_on} {self.get_kind_display()}"
