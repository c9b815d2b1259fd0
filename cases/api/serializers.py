"""API shapes of the cases app (see shared api-contract). Input serializers validate; services decide."""
from decimal import Decimal
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import rules, selectors
from ..choices import (RECORDABLE_EVENT_KINDS, ClosureMethod, FundDirection, InquiryChannel, InquiryScope,
                       LitigationType, OutcomeKind, PartyTag, PreservationKind, Role, UrgingChannel)
from ..identity import mask_id_number
from ..models import (Asset, AssetInquiry, CaseEvent, Court, EnforcementCase, FundEntry, Grid, LitigationCase,
                      Obligation, Outcome, Party, Preservation, Todo, Township, Urging, User, VoluntaryPayment)
from .fields import ChoiceWithDisplayMixin, CourtScopedPrimaryKeyRelatedField, RelatedText

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


__all__ = [name for name in dir() if name.endswith("Serializer")] + ["PreservationKind"]
