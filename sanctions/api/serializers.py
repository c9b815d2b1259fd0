from decimal import Decimal

from rest_framework import serializers

from cases.api.fields import ChoiceWithDisplayMixin, CourtScopedPrimaryKeyRelatedField
from cases.models import EnforcementCase, Party

from ..models import Sanction


class SanctionSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case = CourtScopedPrimaryKeyRelatedField(queryset=EnforcementCase.objects.all())
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all())
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"), required=False,
                                      allow_null=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = Sanction
        fields = ["id", "case", "case_number", "party", "party_name", "kind", "status", "decided_on", "start_on",
                  "end_on", "amount", "note", "approved_on", "rejection_reason"]
        read_only_fields = ["status", "approved_on", "rejection_reason"]
        display_fields = ["kind", "status"]


class RejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ApproveInputSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)
