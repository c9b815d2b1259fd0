"""API shapes of the four synchronizations (四同步, issue 3). Input serializers check shape; services decide."""
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wanian_exec.api_fields import ChoiceWithDisplayMixin, RelatedText
from wanian_exec.uploads import validate_import_file

from .. import rules
from ..choices import (AuctionResult, ContactChannel, ContactDirection, InquiryScope, PreservationKind,
                       PreservationResponse)
from ..models import AuctionRound, Contact, LitigationCase, Party, SyncSettings
from .fields import CourtScopedPrimaryKeyRelatedField
from .serializers import MONEY, case_version_field, positive_money

HH_MM = {"format": "%H:%M", "required": False, "allow_null": True}


# --- 1. filing + preservation ------------------------------------------------------------------------------


class PreSuitPreservationInputSerializer(serializers.Serializer):
    """A pre-suit application made before any suit (诉前保全): whose, when (to the minute: 48 hours), how much."""

    kind = serializers.ChoiceField(choices=[PreservationKind.choices[0]], default=PreservationKind.PRE_LITIGATION)
    applicant = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    respondent = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    applied_on = serializers.DateField()
    applied_time = serializers.TimeField(**HH_MM)
    amount = positive_money()
    security_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"), required=False, allow_null=True)


class RulingInputSerializer(serializers.Serializer):
    ruled_on = serializers.DateField()
    ruled_time = serializers.TimeField(**HH_MM)
    rejected = serializers.BooleanField(required=False, default=False, help_text=_("true：裁定驳回申请"))
    security_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"), required=False, allow_null=True)


class PreservedAssetInputSerializer(serializers.Serializer):
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    kind = serializers.ChoiceField(choices=InquiryScope.choices)
    description = serializers.CharField(max_length=255)
    institution = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    value = serializers.DecimalField(**MONEY, min_value=Decimal("0"), required=False, allow_null=True)
    controlled_on = serializers.DateField(help_text=_("查封/扣押/冻结日期；届满日按类型自动计算"))


class ReleaseInputSerializer(serializers.Serializer):
    released_on = serializers.DateField()
    reason = serializers.CharField(max_length=255)


class LinkSuitInputSerializer(serializers.Serializer):
    case = CourtScopedPrimaryKeyRelatedField(queryset=LitigationCase.objects.all(),
                                             help_text=_("诉前保全后提起的诉讼案件"))


class PreservationAnswerInputSerializer(serializers.Serializer):
    guided = serializers.BooleanField(help_text=_("已向权利人释明并引导申请保全"))
    response = serializers.ChoiceField(choices=PreservationResponse.choices)


# --- 2. mediation + execution ------------------------------------------------------------------------------


class InstalmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField(help_text=_("期次"))
    due_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY)
    paid = serializers.DecimalField(**MONEY, help_text=_("按期次先后分配的已履行金额"))
    outstanding = serializers.DecimalField(**MONEY)
    settled_on = serializers.DateField(allow_null=True, help_text=_("本期足额履行之日"))
    days_late = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["paid_on_time", "paid_late", "defaulted", "pending"])
    status_display = serializers.CharField()


class PlanSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    case_number = serializers.CharField()
    outcome_kind = serializers.CharField(allow_blank=True)
    total = serializers.DecimalField(**MONEY)
    paid = serializers.DecimalField(**MONEY)
    defaulted = serializers.BooleanField(help_text=_("有逾期未履行的分期：可申请执行"))
    enforcement_cases = serializers.ListField(child=serializers.IntegerField())
    apply_url = serializers.CharField(help_text=_("“申请执行”页面（预填本案当事人与未履行金额）"))
    instalments = InstalmentSerializer(many=True)


# --- 4. online + offline -----------------------------------------------------------------------------------


class InquiryImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("CSV（UTF-8/GBK）或Excel；列：证件号码,姓名,财产类型,协助机构,财产描述,价值"),
                                 validators=[validate_import_file])
    scopes = serializers.MultipleChoiceField(choices=InquiryScope.choices, allow_empty=False)
    requested_on = serializers.DateField()
    parties = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), many=True, required=False)

    def validate_scopes(self, value):
        return sorted(value)


class FoundAssetInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InquiryScope.choices)
    description = serializers.CharField(max_length=255)
    institution = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    value = serializers.DecimalField(**MONEY, min_value=Decimal("0"), required=False, allow_null=True)


class FieldInvestigationInputSerializer(serializers.Serializer):
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    investigated_on = serializers.DateField()
    location = serializers.CharField(max_length=64)
    findings = serializers.CharField()
    assets = FoundAssetInputSerializer(many=True, required=False, default=list)


class ContactSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    party_name = serializers.CharField(source="party.name", read_only=True)
    actor_name = RelatedText(source="actor.display_name")
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    direction = serializers.ChoiceField(choices=ContactDirection.choices, default=ContactDirection.OUTGOING)

    class Meta:
        model = Contact
        fields = ["id", "case", "party", "party_name", "channel", "direction", "occurred_on", "summary",
                  "actor_name"]
        read_only_fields = ["case"]
        display_fields = ["channel", "direction"]


class FastTrackInputSerializer(serializers.Serializer):
    fast_track = serializers.BooleanField(help_text=_("true：转入快速通道；false：移出"))
    on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    version = case_version_field()


class NodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    state = serializers.ChoiceField(choices=["done", "done_late", "overdue", "pending"])


class ReceiptSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY)
    due_on = serializers.DateField(help_text=_("应发放期限：到账后30日"))
    paid_out = serializers.DecimalField(**MONEY)
    paid_out_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=["paid_in_time", "paid_late", "overdue", "pending"])


class NodesSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    on = serializers.DateField()
    nodes = NodeSerializer(many=True)
    payouts = ReceiptSerializer(many=True)


class ControlInputSerializer(serializers.Serializer):
    controlled_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class RenewInputSerializer(serializers.Serializer):
    renewed_on = serializers.DateField()


class ValuationInputSerializer(serializers.Serializer):
    valuation = positive_money()
    valued_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class AuctionRoundSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    starting_price = positive_money()
    case = serializers.IntegerField(source="asset.case_id", read_only=True)
    reauction_due_on = serializers.SerializerMethodField(
        help_text=_("流拍的，再次拍卖的最后期限（流拍后30日内，网络司法拍卖规定第26条）"))

    class Meta:
        model = AuctionRound
        fields = ["id", "asset", "case", "round_no", "platform", "announced_on", "auction_on", "starting_price",
                  "result", "result_on", "sale_price", "reauction_due_on"]
        read_only_fields = ["asset", "round_no", "result", "result_on", "sale_price"]
        display_fields = ["result"]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_reauction_due_on(self, auction) -> str | None:
        due_on = (rules.reauction_due_on(round_no=auction.round_no, failed_on=auction.result_on)
                  if auction.result == AuctionResult.UNSOLD else None)
        return due_on.isoformat() if due_on else None


class AuctionResultInputSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=[c for c in AuctionResult.choices if c[0] != AuctionResult.PENDING])
    result_on = serializers.DateField()
    sale_price = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False, allow_null=True)
    proceeds_on = serializers.DateField(required=False, allow_null=True,
                                        help_text=_("成交款到账日期：填写则同时计入执行款台账"))


class ProceedsInputSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False, allow_null=True)


class DeductInputSerializer(serializers.Serializer):
    amount = positive_money()
    deducted_on = serializers.DateField()


class AssetReleaseInputSerializer(serializers.Serializer):
    released_on = serializers.DateField()
    reason = serializers.CharField(max_length=255)


class FastTrackSummarySerializer(serializers.Serializer):
    cases = serializers.IntegerField()
    open_cases = serializers.IntegerField()
    closed_cases = serializers.IntegerField(help_text=_("平均用时的分母"))
    total_days = serializers.IntegerField(help_text=_("平均用时的分子：已结案件用时合计（天）"))
    average_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    court_closed_cases = serializers.IntegerField(help_text=_("对照：本院全部首执（执）已结案件数"))
    court_average_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class SyncSettingsSerializer(serializers.ModelSerializer):
    fast_track_max_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"))

    class Meta:
        model = SyncSettings
        fields = ["court", "instalment_reminder_days", "lapse_reminder_days", "fast_track_enabled",
                  "fast_track_max_respondents", "fast_track_max_amount", "fast_track_requires_assets"]
        read_only_fields = ["court"]
