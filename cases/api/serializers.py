"""API shapes of the cases app (see shared api-contract), the four synchronizations (四同步) included. Input
serializers validate; services decide."""
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wanian_exec.api_fields import ChoiceWithDisplayMixin, RelatedText
from wanian_exec.uploads import validate_import_file

from .. import rules, selectors
from ..choices import (RECORDABLE_EVENT_KINDS, AuctionResult, ClosureMethod, ContactChannel, ContactDirection,
                       FundDirection, InquiryChannel, InquiryScope, LitigationType, OutcomeKind, PartyTag,
                       PreservationKind, PreservationResponse, Role, UrgingChannel)
from ..identity import mask_id_number
from ..models import (Asset, AssetInquiry, AuctionRound, CaseEvent, Contact, Court, EnforcementCase, FundEntry, Grid,
                      LitigationCase, Obligation, Outcome, Party, Preservation, SyncSettings, Todo, Township, Urging,
                      User, VoluntaryPayment)
from .fields import CourtScopedPrimaryKeyRelatedField

# every amount in and out of the API: what the columns hold; an input at most rules.MONEY_INPUT_MAX (999亿), so the
# sums kept per case still fit (a 400 on the field, never a numeric overflow)
MONEY = {"max_digits": 14, "decimal_places": 2, "max_value": rules.MONEY_INPUT_MAX,
         "error_messages": {"max_value": rules.MONEY_TOO_LARGE, "max_digits": rules.MONEY_TOO_LARGE,
                            "max_whole_digits": rules.MONEY_TOO_LARGE}}


def positive_money(**kwargs):
    return serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), **kwargs)


# --- administration --------------------------------------------------------------------------------


class CourtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Court
        fields = ["id", "code", "name", "parent"]


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, min_length=8, style={"input_type": "password"})
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), allow_empty=True)
    court = CourtScopedPrimaryKeyRelatedField(queryset=Court.objects.all(), allow_null=True, required=False)

    class Meta:
        model = User
        fields = ["id", "username", "password", "full_name", "phone", "court", "roles", "is_active"]

    def to_representation(self, instance):
        # User.roles queries the groups once per user; read them from the list's prefetch instead
        instance.__dict__["roles"] = sorted(g.name for g in instance.groups.all() if g.name in Role.values)
        data = super().to_representation(instance)
        data["roles"] = instance.roles
        data["roles_display"] = [str(Role(r).label) for r in instance.roles]
        data["court_name"] = instance.court.name if instance.court_id else ""
        return data


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField(help_text="The token stops working at this time; log in again before.")


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "full_name", "court", "is_superuser"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["roles"] = instance.roles
        data["court_code"] = instance.court.code if instance.court_id else ""
        data["court_name"] = instance.court.name if instance.court_id else ""
        data["permissions"] = sorted(instance.get_all_permissions())
        return data


class TownshipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Township
        fields = ["id", "court", "name", "code"]
        read_only_fields = ["court"]


class GridSerializer(serializers.ModelSerializer):
    township = CourtScopedPrimaryKeyRelatedField(queryset=Township.objects.all())

    class Meta:
        model = Grid
        fields = ["id", "township", "name"]


# --- parties -------------------------------------------------------------------------------------------


class PartySerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    tags = serializers.ListField(child=serializers.ChoiceField(choices=PartyTag.choices), required=False,
                                 default=list)
    township = CourtScopedPrimaryKeyRelatedField(queryset=Township.objects.all(), allow_null=True, required=False)
    grid = CourtScopedPrimaryKeyRelatedField(queryset=Grid.objects.all(), allow_null=True, required=False)
    employer = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Party
        fields = ["id", "kind", "name", "id_number", "credit_code", "credit_code_override_reason", "phone", "address",
                  "township", "grid", "employer", "legal_representative", "ethnicity", "tags"]
        display_fields = ["kind"]
        # identity numbers are checked by the service (GB 11643 / GB 32100), with field-level messages
        extra_kwargs = {"id_number": {"validators": []}, "credit_code": {"validators": []}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["tags"] = instance.tags
        data["identity_masked"] = instance.masked_identity
        if self.context.get("mask_identity"):
            data["id_number"] = mask_id_number(instance.id_number)
            data["credit_code"] = instance.credit_code  # a unit's code is public record
        return data


class PartyBriefSerializer(serializers.ModelSerializer):
    identity_masked = serializers.CharField(source="masked_identity", read_only=True)

    class Meta:
        model = Party
        fields = ["id", "name", "kind", "identity_masked"]


# --- litigation ------------------------------------------------------------------------------------


class ObligationSerializer(serializers.ModelSerializer):
    amount = positive_money()

    class Meta:
        model = Obligation
        fields = ["id", "due_on", "amount"]


class OutcomeSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    obligations = ObligationSerializer(many=True)

    class Meta:
        model = Outcome
        fields = ["id", "kind", "effective_on", "obligations"]
        display_fields = ["kind"]


class OutcomeInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)
    effective_on = serializers.DateField()
    obligations = ObligationSerializer(many=True, required=False, default=list)


class PreservationSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    """A preservation application of a litigation case (the contract's `POST …/preservations/`), and its reading.

    `applied_time` / `ruled_time` (HH:MM) let the 48-hour rule of a pre-suit ruling be judged to the hour; the
    read-only `status` (pending / granted / rejected / released) and `flags` say what is late or due."""

    amount = positive_money()
    security_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"), required=False, allow_null=True)
    applied_time = serializers.TimeField(required=False, allow_null=True, format="%H:%M")
    ruled_time = serializers.TimeField(required=False, allow_null=True, format="%H:%M")
    rejected = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = Preservation
        fields = ["id", "kind", "applied_on", "applied_time", "amount", "ruled_on", "ruled_time", "rejected",
                  "security_amount"]
        display_fields = ["kind"]

    def to_representation(self, instance):
        from ..selectors import PRESERVATION_FLAG_LABELS, preservation_flags
        from ..services.common import court_today
        from ..services.preservation import court_now

        data = super().to_representation(instance)
        flags = preservation_flags(instance, today=court_today(), now=court_now())
        data.update({"case": instance.case_id, "case_number": instance.case.number if instance.case_id else "",
                     "status": instance.status, "status_display": str(instance.status_display),
                     "released_on": instance.released_on, "release_reason": instance.release_reason,
                     "applicant": instance.applicant_id, "respondent": instance.respondent_id,
                     "flags": flags, "flags_display": [str(PRESERVATION_FLAG_LABELS[f]) for f in flags]})
        if data["released_on"]:
            data["released_on"] = instance.released_on.isoformat()
        return data


class PaymentSerializer(serializers.ModelSerializer):
    amount = positive_money()

    class Meta:
        model = VoluntaryPayment
        fields = ["id", "paid_on", "amount", "note"]


class UrgingSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    party_name = serializers.CharField(source="party.name", read_only=True)
    actor_name = RelatedText(source="actor.display_name")

    class Meta:
        model = Urging
        fields = ["id", "party", "party_name", "channel", "occurred_on", "outcome", "promised_on", "deadline_on",
                  "follow_up_on", "actor_name", "litigation_case", "enforcement_case"]
        read_only_fields = ["follow_up_on", "litigation_case", "enforcement_case"]
        display_fields = ["channel"]


class LitigationCaseSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_type = serializers.ChoiceField(choices=LitigationType.choices, default=LitigationType.CIVIL_FIRST)
    claim_amount = serializers.DecimalField(**MONEY, min_value=Decimal("0"), required=False)
    plaintiffs = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), many=True)
    defendants = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), many=True)
    trial_judge = CourtScopedPrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)
    outcome = OutcomeSerializer(read_only=True, allow_null=True)

    class Meta:
        model = LitigationCase
        fields = ["id", "number", "case_type", "cause", "filed_on", "claim_amount", "is_property_dispute",
                  "preservation_guided", "preservation_response", "trial_judge", "plaintiffs", "defendants",
                  "outcome"]
        read_only_fields = ["number"]
        display_fields = ["case_type"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["plaintiff_names"] = [p.name for p in instance.plaintiffs.all()]
        data["defendant_names"] = [p.name for p in instance.defendants.all()]
        data["trial_judge_name"] = instance.trial_judge.display_name if instance.trial_judge_id else ""
        return data


# --- enforcement -------------------------------------------------------------------------------------


class CasePartiesField(serializers.ManyRelatedField):
    """A case's applicants or respondents by id: from the ids and names the API's rows carry
    (selectors.case_parties_read), from the relation for a case read whole."""

    def get_attribute(self, instance):
        return selectors.case_parties_read(instance, self.source)


def _case_parties(**kwargs) -> CasePartiesField:
    return CasePartiesField(child_relation=CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all()), **kwargs)


class EnforcementCaseSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_type = serializers.ChoiceField(choices=[c for c in EnforcementCase._meta.get_field("case_type").choices
                                                 if c[0] != "执恢"], default="执",
                                        help_text=_("执恢案件只能由“恢复执行”生成"))
    source_case = CourtScopedPrimaryKeyRelatedField(queryset=LitigationCase.objects.all(), allow_null=True,
                                                    required=False)
    applicants = _case_parties()
    respondents = _case_parties()
    judge = CourtScopedPrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)
    amount_claimed = positive_money()
    performed_reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=255,
        help_text=_("执行依据确定的义务已自动履行完毕时必填（否则400，code obligation_performed）"))
    amount_outstanding = serializers.DecimalField(**MONEY, read_only=True)
    # read-only choice fields lose allow_blank in ModelSerializer; an open case's method is "" (schema: blank too)
    closure_method = serializers.ChoiceField(choices=ClosureMethod.choices, allow_blank=True, read_only=True)

    class Meta:
        model = EnforcementCase
        fields = ["id", "number", "case_type", "source_case", "source_document", "is_non_litigation", "applicants",
                  "respondents", "amount_claimed", "performed_reason", "filed_on", "judge", "is_livelihood", "status",
                  "deadline_on",
                  "amount_recovered", "amount_outstanding", "closed_on", "closure_method", "closure_reason",
                  "resumed_from", "fast_track", "fast_tracked_on", "fast_track_note", "version"]
        read_only_fields = ["number", "status", "deadline_on", "amount_recovered", "closed_on", "closure_method",
                            "closure_reason", "resumed_from", "fast_track", "fast_tracked_on", "fast_track_note",
                            "version"]
        display_fields = ["case_type", "status", "closure_method"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["applicant_names"] = [p.name for p in selectors.case_parties_read(instance, "applicants")]
        data["respondent_names"] = [p.name for p in selectors.case_parties_read(instance, "respondents")]
        data["judge_name"] = instance.judge.display_name if instance.judge_id else ""
        data["source_case_number"] = instance.source_case.number if instance.source_case_id else ""
        data["resumed_from_number"] = instance.resumed_from.number if instance.resumed_from_id else ""
        return data


class CaseEventSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    party_name = RelatedText(source="party.name")
    actor_name = RelatedText(source="actor.display_name")

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "occurred_on", "party", "party_name", "amount", "note", "actor", "actor_name",
                  "created_at", "imported_job", "imported_row"]
        display_fields = ["kind"]


class EventInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in RECORDABLE_EVENT_KINDS])
    occurred_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), required=False, allow_null=True)
    urgent = serializers.BooleanField(required=False, default=False,
                                      help_text=_("紧急财产线索（lead_received）：当日核查"))


class AssetSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = Asset
        fields = ["id", "case", "preservation", "party", "party_name", "inquiry", "kind", "description",
                  "institution", "value", "status", "found_on", "controlled_on", "lapses_on", "renewals", "valuation",
                  "valued_on", "sale_price", "sold_on", "proceeds_on", "released_on"]
        display_fields = ["kind", "status"]


class InquiryInputSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=InquiryChannel.choices)
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=InquiryScope.choices), allow_empty=False)
    requested_on = serializers.DateField()
    parties = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), many=True, required=False)


class AssetInquirySerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    assets = AssetSerializer(many=True, read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = AssetInquiry
        fields = ["id", "case", "party", "party_name", "channel", "scopes", "requested_on", "status",
                  "completed_on", "provider", "assets"]
        display_fields = ["channel", "status"]


class FundInputSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=FundDirection.choices)
    amount = positive_money()
    occurred_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    confirm_excess = serializers.BooleanField(
        default=False, help_text=_("确认超额到账：到账金额远超尚未执行到位金额时须明确确认（如迟延履行利息、拍卖余款）"))


class FundEntrySerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = FundEntry
        fields = ["id", "case", "direction", "amount", "occurred_on", "note"]
        display_fields = ["direction"]


class UrgingInputSerializer(serializers.Serializer):
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    channel = serializers.ChoiceField(choices=UrgingChannel.choices)
    occurred_on = serializers.DateField()
    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    promised_on = serializers.DateField(required=False, allow_null=True)
    deadline_on = serializers.DateField(required=False, allow_null=True,
                                        help_text=_("限期履行通知（deadline_notice）须载明的履行期限"))

    def validate(self, attrs):
        if attrs.get("channel") == UrgingChannel.DEADLINE_NOTICE and not attrs.get("deadline_on"):
            raise serializers.ValidationError({"deadline_on": [_("限期履行通知须载明履行期限。")]})
        return attrs


def case_version_field(*, required=False):
    """The case `version` the client read (optimistic lock): a stale one answers 409 and nothing is written."""
    return serializers.IntegerField(
        required=required, min_value=1, max_value=2**31 - 1,
        help_text=_("客户端读取时的案件版本号；案件已被他人修改时返回409，不写入任何内容"))


class CloseInputSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=ClosureMethod.choices)
    closed_on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = case_version_field()


class TerminationReviewApprovalInputSerializer(serializers.Serializer):
    approved_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = case_version_field()


class ResumeInputSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    version = case_version_field()


class CaseUpdateInputSerializer(serializers.Serializer):
    """PATCH of an enforcement case: the particulars a judge may correct, and the version read (required)."""

    judge = CourtScopedPrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)
    amount_claimed = positive_money(required=False)
    is_livelihood = serializers.BooleanField(required=False)
    source_document = serializers.CharField(required=False, allow_blank=True, max_length=255)
    version = case_version_field(required=True)


class TodoSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case = serializers.SerializerMethodField()
    case_number = serializers.CharField(read_only=True)

    class Meta:
        model = Todo
        fields = ["id", "kind", "case", "case_number", "litigation_case", "due_on", "title", "done_at", "dedupe_key"]
        display_fields = ["kind"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_case(self, obj):
        return obj.enforcement_case_id


def role_groups(roles: list[str]) -> list[Group]:
    return list(Group.objects.filter(name__in=roles))


# === the four synchronizations (四同步) =========================================================================

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


__all__ = [name for name in dir() if name.endswith("Serializer")] + ["PreservationKind"]
