"""API shapes of the sanctions app (shared api-contract "Sanctions (三板斧)"). Input serializers check shape;
the services decide (sanctions/services/), the limits live in sanctions/rules.py."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone
from rest_framework import serializers

from cases.api.fields import CourtScopedPrimaryKeyRelatedField
from cases.api.serializers import MONEY  # bounded like every amount of the API
from cases.identity import mask_id_number
from cases.models import EnforcementCase, Party
from wanian_exec.api_fields import ChoiceWithDisplayMixin, RelatedText
from wanian_exec.uploads import validate_import_file

from .. import rules
from ..choices import (BoundRole, DishonestGround, EvidenceKind, PoliceDecision, ReconsiderationOutcome,
                       UNIT_ROLES_CHOICES)
from ..models import (AbilityEvidence, BoundPerson, Prosecution, ProsecutionEvidence, Reconsideration, RosterEntry,
                      Sanction, TravelImport, TravelRecord, Violation)


class BoundPersonSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    # every role in answers (the debtor's own row included); only the unit roles as input (validate_role)
    role = serializers.ChoiceField(choices=BoundRole.choices)

    class Meta:
        model = BoundPerson
        fields = ["role", "name", "id_number"]
        display_fields = ["role"]
        extra_kwargs = {"id_number": {"validators": []}}

    def validate_role(self, value):
        if value not in dict(UNIT_ROLES_CHOICES):
            self.fields["role"].fail("invalid_choice", input=value)
        return value

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["role_display"] = BoundRole(instance.role).label if instance.role in BoundRole.values else ""
        return data


class SanctionSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case = CourtScopedPrimaryKeyRelatedField(queryset=EnforcementCase.objects.all())
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False, allow_null=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    dishonest_ground = serializers.ChoiceField(choices=DishonestGround.choices, required=False, allow_blank=True)
    bound_persons = BoundPersonSerializer(many=True, required=False)
    proposed_by_name = RelatedText(source="proposed_by.display_name")
    approved_by_name = RelatedText(source="approved_by.display_name")
    family_notice_state = serializers.SerializerMethodField()
    needs_approval = serializers.SerializerMethodField()

    class Meta:
        model = Sanction
        fields = ["id", "case", "case_number", "party", "party_name", "kind", "status", "decided_on", "start_on",
                  "end_on", "amount", "note", "urgency_reason", "needs_approval", "proposed_by_name",
                  "approved_on", "approved_by_name", "rejection_reason", "in_force_from", "served_on", "ended_on",
                  "end_reason", "lawful_summons_on", "summons_refused_on", "refusal_note", "questioning_started_at",
                  "questioning_ended_at", "detention_may_follow", "detained_at", "family_notified_at",
                  "family_notice_note", "family_notice_state", "dishonest_ground", "security_given",
                  "extension_years", "bound_persons"]
        read_only_fields = ["status", "approved_on", "rejection_reason", "in_force_from", "ended_on", "end_reason",
                            "questioning_started_at", "questioning_ended_at", "detention_may_follow", "detained_at",
                            "family_notified_at", "family_notice_note"]
        display_fields = ["kind", "status", "dishonest_ground"]

    def get_family_notice_state(self, obj) -> str:
        return rules.family_notice_state(detained_at=obj.detained_at, notified_at=obj.family_notified_at,
                                         now=timezone.now())

    def get_needs_approval(self, obj) -> bool:
        return obj.kind in rules.NEEDS_APPROVAL


class RejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ApproveInputSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)


class EndInputSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField()


class QuestioningInputSerializer(serializers.Serializer):
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField()
    detention_may_follow = serializers.BooleanField(default=False)


class CustodyInputSerializer(serializers.Serializer):
    detained_at = serializers.DateTimeField()


class FamilyNoticeInputSerializer(serializers.Serializer):
    notified_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                            help_text="when the family was told; leave out if they could not be "
                                                      "told, and give the reason in `note`")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ExtendInputSerializer(serializers.Serializer):
    years = serializers.IntegerField(min_value=1, max_value=rules.MAX_DISHONEST_EXTENSION_YEARS)
    on = serializers.DateField()
    reason = serializers.CharField()


class ReconsiderationSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    due_on = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    case = serializers.IntegerField(source="sanction.case_id", read_only=True)
    party = serializers.IntegerField(source="sanction.party_id", read_only=True)

    class Meta:
        model = Reconsideration
        fields = ["id", "sanction", "case", "party", "applied_on", "grounds", "due_on", "overdue", "decided_on",
                  "outcome", "decision_note"]
        read_only_fields = ["sanction", "decided_on", "outcome", "decision_note"]
        display_fields = ["outcome"]

    def get_due_on(self, obj) -> dt.date:
        return rules.reconsideration_due(obj.applied_on)

    def get_overdue(self, obj) -> bool:
        from cases.services.common import court_today

        return rules.reconsideration_overdue(applied_on=obj.applied_on, decided_on=obj.decided_on,
                                             today=court_today())


class ReconsiderationApplySerializer(serializers.Serializer):
    applied_on = serializers.DateField()
    grounds = serializers.CharField(required=False, allow_blank=True, default="")


class ReconsiderationDecideSerializer(serializers.Serializer):
    decided_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=ReconsiderationOutcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- rosters ---------------------------------------------------------------------------------------------------


class RosterEntrySerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    judge_name = RelatedText(source="case.judge.display_name")
    decided_by_name = RelatedText(source="decided_by.display_name")

    class Meta:
        model = RosterEntry
        fields = ["id", "case", "case_number", "party", "party_name", "kind", "reasons", "status", "entered_on",
                  "spell", "judge_name", "decided_by_name", "decided_at", "decision_note", "left_on", "left_reason"]
        read_only_fields = fields
        display_fields = ["kind", "status"]


class RosterDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RosterDismissSerializer(serializers.Serializer):
    reason = serializers.CharField()


# --- travel records and violations -----------------------------------------------------------------------------


class TravelImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(validators=[validate_import_file],
                                 help_text="CSV (UTF-8) or Excel (.xlsx), at most 20 MB")


class TravelImportSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = TravelImport
        fields = ["id", "filename", "status", "progress", "rows", "violations", "rejected_count", "rejected", "error",
                  "seconds", "created_at", "updated_at"]
        read_only_fields = fields
        display_fields = ["status"]


class TravelRecordSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = TravelRecord
        fields = ["id", "batch", "row", "id_number", "name", "mode", "travelled_on", "route", "seat_class",
                  "train_class", "seat_code", "breach"]
        display_fields = ["mode", "breach"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.context.get("mask_identity"):
            data["id_number"] = mask_id_number(instance.id_number)
        return data


class ViolationSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    traveller = serializers.CharField(source="travel_record.name", read_only=True)
    traveller_role = RelatedText(source="bound_person.get_role_display")
    record = TravelRecordSerializer(source="travel_record", read_only=True)
    sanction_kind = serializers.CharField(source="sanction.kind", read_only=True)
    sanction_kind_display = serializers.CharField(source="sanction.get_kind_display", read_only=True)
    sanction_in_force_from = serializers.DateField(source="sanction.in_force_from", read_only=True)

    class Meta:
        model = Violation
        fields = ["id", "party", "party_name", "case", "case_number", "travel_record", "sanction", "kind",
                  "travelled_on", "traveller", "traveller_role", "sanction_kind", "sanction_kind_display",
                  "sanction_in_force_from", "record"]
        display_fields = ["kind"]


# --- evidence of ability and the criminal track ---------------------------------------------------------------


class AbilityEvidenceSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case = CourtScopedPrimaryKeyRelatedField(queryset=EnforcementCase.objects.all())
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False, allow_null=True)

    class Meta:
        model = AbilityEvidence
        fields = ["id", "case", "party", "kind", "occurred_on", "amount", "description", "source"]
        display_fields = ["kind"]


class ProsecutionEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProsecutionEvidence
        fields = ["id", "title", "description", "violation", "ability_evidence"]
        read_only_fields = ["violation", "ability_evidence"]


class ProsecutionSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    stage = serializers.CharField(read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    police_due_on = serializers.DateField(read_only=True)
    police_overdue = serializers.SerializerMethodField()
    evidence = ProsecutionEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Prosecution
        fields = ["id", "sanction", "case", "case_number", "party", "party_name", "track", "stage", "stage_display",
                  "origin", "police_agency", "sent_on", "complex_case", "police_due_on", "police_overdue",
                  "police_decision", "police_decided_on", "decision_note", "facts", "filed_on", "prosecuted_on",
                  "judged_on", "judgment", "settled_on", "settlement_terms", "performed_on", "evidence"]
        read_only_fields = fields
        display_fields = ["track", "police_decision"]

    def get_police_overdue(self, obj) -> bool:
        from cases.services.common import court_today

        return obj.police_overdue(court_today())


class SendInputSerializer(serializers.Serializer):
    police_agency = serializers.CharField()
    sent_on = serializers.DateField()
    complex_case = serializers.BooleanField(default=False)


class PoliceDecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[(PoliceDecision.OPENED, PoliceDecision.OPENED.label),
                                                (PoliceDecision.DECLINED, PoliceDecision.DECLINED.label)])
    decided_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ProgressInputSerializer(serializers.Serializer):
    prosecuted_on = serializers.DateField(required=False, allow_null=True)
    judged_on = serializers.DateField(required=False, allow_null=True)
    judgment = serializers.CharField(required=False, allow_blank=True, default="")


class SettleInputSerializer(serializers.Serializer):
    settled_on = serializers.DateField()
    terms = serializers.CharField()


class PaymentInputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
    paid_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    performed = serializers.BooleanField(default=False)
    confirm_excess = serializers.BooleanField(default=False, help_text="a receipt far above what is owed, confirmed")


class EvidenceLineInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=128)
    description = serializers.CharField(required=False, allow_blank=True, default="")
