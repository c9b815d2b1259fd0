"""The five pushes (五推送): recipients, versioned rule sets, weekly runs, batches, items, feedback, deliveries.

The weekly run writes items set-based (pushes/classify.py); the unique constraint on
(week, recipient, case, party) is what makes a rerun — or a resumed, half-finished run — harmless.
"""
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import PartyKind
from cases.models.base import CourtOwned, TimeStampedModel
from cases.models.litigation import money_field

from .choices import Body, Channel, DeliveryMethod, DeliveryStatus, FeedbackKind, PartyRole, RunStatus

REASON_SEPARATOR = "\n"  # reasons are stored one per line; the SQL that writes them uses the same separator
WEEK_HELP = _("ISO 周，如 2024-W23")


class PushRecipient(CourtOwned):
    """Who receives a weekly list: a grid, a township government, an employer, or a county body."""

    channel = models.CharField(_("推送渠道"), max_length=16, choices=Channel.choices)
    name = models.CharField(_("接收单位/人员"), max_length=128)
    township = models.ForeignKey("cases.Township", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="push_recipients", verbose_name=_("乡镇"),
                                 help_text=_("乡镇渠道必填：推送住所地在该乡镇的被执行人"))
    grid = models.ForeignKey("cases.Grid", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="push_recipients", verbose_name=_("网格"),
                             help_text=_("网格渠道必填：推送该网格内小标的、涉民生案件的被执行人"))
    organization = models.ForeignKey("cases.Party", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="push_recipients", verbose_name=_("单位"),
                                     limit_choices_to={"kind": PartyKind.ORGANIZATION},
                                     help_text=_("工作单位渠道必填：推送在该单位工作的被执行人"))
    body = models.CharField(_("人大/政协"), max_length=8, choices=Body.choices, default=Body.BOTH, blank=True,
                            help_text=_("人大、政协渠道：人大常委会接收人大代表，政协接收政协委员"))
    contact = models.CharField(_("联系人"), max_length=64, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True, help_text=_("填写后以短信发送推送链接"))
    email = models.EmailField(_("电子邮箱"), blank=True, help_text=_("填写后以邮件发送推送链接"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("推送对象")
        verbose_name_plural = _("推送对象")
        ordering = ["channel", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel=Channel.GRID) | models.Q(grid__isnull=False),
                name="push_recipient_grid_needs_grid"),
            models.CheckConstraint(
                condition=~models.Q(channel=Channel.TOWNSHIP) | models.Q(township__isnull=False),
                name="push_recipient_township_needs_township"),
            models.CheckConstraint(
                condition=~models.Q(channel=Channel.EMPLOYER) | models.Q(organization__isnull=False),
                name="push_recipient_employer_needs_org"),
            models.CheckConstraint(condition=models.Q(channel__in=Channel.values), name="push_recipient_channel_valid"),
        ]
        indexes = [models.Index(fields=["court", "channel", "is_active"], name="push_recipient_court_idx")]

    def __str__(self):
        return f"{self.get_channel_display()}·{self.name}"


class PushRuleSet(CourtOwned):
    """One version of a court's push rules. Never edited: a change publishes a new version, and every
    run keeps the version it used, so a past week can say which rules it applied."""

    version = models.PositiveIntegerField(_("版本"), editable=False)
    small_amount_limit = money_field(_("小标的上限（元）"), default=Decimal("50000.00"),
                                     help_text=_("未履行金额不超过此数的案件推送网格（含本数）"))
    grid_includes_livelihood = models.BooleanField(_("网格推送涉民生案件"), default=True,
                                                   help_text=_("涉民生案件不论金额推送网格"))
    discipline_includes_party_members = models.BooleanField(_("纪委监委推送党员"), default=True)
    discipline_includes_state_organs = models.BooleanField(_("纪委监委推送党政机关"), default=True)
    include_terminated_current = models.BooleanField(_("推送终本案件"), default=True,
                                                     help_text=_("终本案件是终本清仓的存量，默认推送"))
    deputy_level = models.CharField(_("人大代表、政协委员层级"), max_length=8, default="县", blank=True,
                                    help_text=_("用于推送理由，如“被执行人系县人大代表”"))
    channels = models.JSONField(_("启用的渠道"), default=list, blank=True, help_text=_("为空表示全部渠道"))
    note = models.CharField(_("修订说明"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("发布人"))

    class Meta:
        verbose_name = _("推送规则")
        verbose_name_plural = _("推送规则")
        ordering = ["court", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["court", "version"], name="push_ruleset_version_unique"),
            models.CheckConstraint(condition=models.Q(small_amount_limit__gte=0), name="push_ruleset_limit_nonneg"),
        ]

    def __str__(self):
        return _("推送规则第%(v)s版") % {"v": self.version}

    @property
    def enabled_channels(self) -> list[str]:
        return [c for c in Channel.values if not self.channels or c in self.channels]


class PushRun(CourtOwned):
    """A court's run of one ISO week. Reruns and resumptions update this row; `steps_done` shows progress."""

    week = models.CharField(_("周次"), max_length=8, help_text=WEEK_HELP)
    rule_set = models.ForeignKey(PushRuleSet, on_delete=models.PROTECT, related_name="runs",
                                 verbose_name=_("所用规则版本"))
    status = models.CharField(_("状态"), max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING)
    trigger = models.CharField(_("触发方式"), max_length=16, default="schedule")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("发起人"))
    steps_total = models.PositiveIntegerField(_("步骤数"), default=0)
    steps_done = models.PositiveIntegerField(_("已完成步骤"), default=0)
    attempts = models.PositiveIntegerField(_("运行次数"), default=0, help_text=_("重跑或中断后续跑都计一次"))
    batch_count = models.PositiveIntegerField(_("批次数"), default=0)
    item_count = models.PositiveIntegerField(_("推送条数"), default=0)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("每周推送")
        verbose_name_plural = _("每周推送")
        ordering = ["-week", "court"]
        constraints = [models.UniqueConstraint(fields=["court", "week"], name="push_run_unique_per_week")]

    def __str__(self):
        return f"{self.week}"


def _new_nonce() -> str:  # the default of a field links no longer use; migration 0001 names it
    return uuid.uuid4().hex


class PushBatch(CourtOwned):
    """One recipient's list for one week, reached by the recipient through a short, expiring portal link."""

    run = models.ForeignKey(PushRun, on_delete=models.CASCADE, related_name="batches", verbose_name=_("每周推送"))
    week = models.CharField(_("周次"), max_length=8, help_text=WEEK_HELP)
    recipient = models.ForeignKey(PushRecipient, on_delete=models.PROTECT, related_name="batches",
                                  verbose_name=_("推送对象"))
    channel = models.CharField(_("推送渠道"), max_length=16, choices=Channel.choices)
    item_count = models.PositiveIntegerField(_("条数"), default=0)
    portal_token = models.CharField(_("链接令牌"), max_length=255, blank=True, editable=False,
                                    help_text=_("短链接随机码；重新生成链接时更换，旧链接随即失效"))
    portal_expires_at = models.DateTimeField(_("链接有效期至"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("推送批次")
        verbose_name_plural = _("推送批次")
        ordering = ["-week", "channel", "recipient__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["week", "recipient"], name="push_batch_unique_per_week"),
            # the portal finds a batch by its link's code
            models.UniqueConstraint(fields=["portal_token"], condition=~models.Q(portal_token=""),
                                    name="push_batch_portal_token_unique"),
        ]
        indexes = [models.Index(fields=["court", "week", "channel"], name="push_batch_court_week_idx")]

    def __str__(self):
        return f"{self.week} {self.recipient}"

    @property
    def portal_expired(self) -> bool:
        return self.portal_expires_at is not None and self.portal_expires_at <= timezone.now()


class PushItem(models.Model):
    """One case and one party on one recipient's list of one week, with the codes of its reasons.

    Written only by set-based SQL (INSERT … SELECT … ON CONFLICT DO NOTHING, pushes/classify.py) whose ids all
    come from the joined rows themselves. So the foreign keys are not re-checked by the database row by row
    (db_constraint=False): on a province's 1.3 million items those per-row trigger checks at commit cost more
    than the whole classification. Django still applies on_delete for cases (CASCADE) and parties (PROTECT),
    and only the indexes reads need are kept: the unique one, and the case's.
    """

    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="+", db_index=False,
                              db_constraint=False, verbose_name=_("法院"))
    # Runs and batches are never deleted once they hold items (the admin refuses; the run deletes only empty
    # batches), so nothing cascades here — and no index on batch: a batch is (week, recipient), which the
    # unique constraint's index already leads with (selectors.items_of). A batch_id index costs more per
    # inserted row than the heap itself.
    run = models.ForeignKey(PushRun, on_delete=models.DO_NOTHING, related_name="+", db_index=False,
                            db_constraint=False, verbose_name=_("每周推送"))
    batch = models.ForeignKey(PushBatch, on_delete=models.DO_NOTHING, related_name="+", db_index=False,
                              db_constraint=False, verbose_name=_("批次"))
    week = models.CharField(_("周次"), max_length=8)
    recipient = models.ForeignKey(PushRecipient, on_delete=models.PROTECT, related_name="+", db_index=False,
                                  db_constraint=False, verbose_name=_("推送对象"))
    channel = models.CharField(_("推送渠道"), max_length=16, choices=Channel.choices)
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="push_items",
                             db_constraint=False, verbose_name=_("执行案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+", db_index=False,
                              db_constraint=False, verbose_name=_("当事人"))
    party_role = models.CharField(_("当事人身份"), max_length=12, choices=PartyRole.choices,
                                  default=PartyRole.RESPONDENT)
    reason_codes = models.TextField(_("推送理由代码"), blank=True, default="", db_default="",
                                    help_text=_("每行一个理由代码（pushes.rules.REASONS），显示时生成理由文字"))
    reasons = models.TextField(_("推送理由"), blank=True, default="", db_default="",
                               help_text=_("旧数据：理由文字，每行一条（此后的推送只存理由代码）"))
    amount_outstanding = money_field(_("推送时未履行金额（元）"))
    pushed_on = models.DateField(_("推送日期"))

    class Meta:
        verbose_name = _("推送案件")
        verbose_name_plural = _("推送案件")
        ordering = ["batch", "case", "party", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["week", "recipient", "case", "party"], name="push_item_unique_per_week"),
        ]

    def __str__(self):
        return f"{self.week} {self.case_id}/{self.party_id}"

    @property
    def reason_list(self) -> list[str]:
        """The reasons in words, in the active language, rendered from the stored codes with the item's amount, its
        recipient's township or employer and its run's deputy level; an item written before codes were stored
        keeps the words it was written with."""
        if not self.reason_codes:
            return [r for r in self.reasons.split(REASON_SEPARATOR) if r]
        from .rules import render_reasons

        recipient = self.recipient
        return render_reasons(
            self.reason_codes.split(REASON_SEPARATOR), amount=self.amount_outstanding,
            township=recipient.township.name if recipient.township_id else "",
            employer=recipient.organization.name if recipient.organization_id else "",
            level=self.run.rule_set.deputy_level)


def feedback_photo_path(instance, filename: str) -> str:
    """Photos are stored under a random name: the recipient's file name says nothing about the case."""
    ext = "png" if filename.lower().endswith(".png") else "jpg"
    now = timezone.localdate()
    return f"push_feedback/{now:%Y/%m}/{uuid.uuid4().hex}.{ext}"


class PushFeedback(CourtOwned):
    """What a recipient reported on one pushed item; lands on the case timeline and the judge's to-dos."""

    item = models.ForeignKey(PushItem, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("推送案件"))
    batch = models.ForeignKey(PushBatch, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("批次"))
    case = models.ForeignKey("cases.EnforcementCase", on_delete=models.CASCADE, related_name="push_feedback",
                             verbose_name=_("执行案件"))
    kind = models.CharField(_("反馈类型"), max_length=12, choices=FeedbackKind.choices)
    content = models.TextField(_("反馈内容"), blank=True)
    photo = models.FileField(_("照片"), upload_to=feedback_photo_path, blank=True, max_length=255)
    submitter = models.CharField(_("反馈人"), max_length=64, blank=True)
    effective = models.BooleanField(_("是否有效"), null=True, blank=True, help_text=_("承办法官审查后填写"))
    review_note = models.CharField(_("审查意见"), max_length=255, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("审查人"))
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    todo = models.ForeignKey("cases.Todo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("待办事项"))
    fingerprint = models.CharField(_("反馈指纹"), max_length=64, blank=True, default="", editable=False,
                                   help_text=_("反馈类型、内容与照片的摘要：同一批次同一案件的相同反馈只记录一次"))

    class Meta:
        verbose_name = _("推送反馈")
        verbose_name_plural = _("推送反馈")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=FeedbackKind.values),
                                              name="push_feedback_kind_valid"),
                       # a replayed portal POST is recorded once (pushes.rules.feedback_fingerprint); rows from
                       # before the fingerprint have none and are left as they are
                       models.UniqueConstraint(fields=["batch", "item", "fingerprint"],
                                               condition=~models.Q(fingerprint=""), name="push_feedback_once")]
        indexes = [models.Index(fields=["court", "effective", "created_at"], name="push_feedback_court_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_id}"


class PushDelivery(TimeStampedModel):
    """The delivery log of one batch by one method: attempts, the last error, each attempt in `log`."""

    batch = models.ForeignKey(PushBatch, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("批次"))
    method = models.CharField(_("方式"), max_length=8, choices=DeliveryMethod.choices)
    address = models.CharField(_("地址/号码"), max_length=254)
    status = models.CharField(_("状态"), max_length=12, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    log = models.JSONField(_("发送记录"), default=list, blank=True)

    class Meta:
        verbose_name = _("推送送达记录")
        verbose_name_plural = _("推送送达记录")
        ordering = ["batch", "method"]
        constraints = [models.UniqueConstraint(fields=["batch", "method"], name="push_delivery_unique")]

    def __str__(self):
        return f"{self.batch} {self.get_method_display()} {self.get_status_display()}"
