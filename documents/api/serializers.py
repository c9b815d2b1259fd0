from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from cases.api.fields import CourtScopedPrimaryKeyRelatedField
from cases.api.serializers import MONEY
from cases.models import EnforcementCase, Party
from cases.selectors import restrict_to_user
from sanctions.models import Sanction
from wanian_exec.api_fields import ChoiceWithDisplayMixin, RelatedText

from ..choices import DocumentKind
from ..kinds import ALL_INPUT_FIELDS
from ..models import Document


class DocumentSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = RelatedText(source="party.name")
    issued_by_name = RelatedText(source="issued_by.display_name")
    pdf_url = serializers.SerializerMethodField()
    preview_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "case", "case_number", "kind", "number", "title", "issued_on", "party", "party_name",
                  "sanction", "inputs", "issued_by_name", "pdf_sha256", "pdf_url", "preview_url", "created_at"]
        read_only_fields = fields
        display_fields = ["kind"]

    def get_pdf_url(self, document) -> str:
        return reverse("document-pdf", kwargs={"pk": document.pk})

    def get_preview_url(self, document) -> str:
        return reverse("documents:preview", kwargs={"pk": document.pk})


def _input_serializer_field(name: str) -> serializers.Field:
    """One API field per input a kind may take; which ones a kind uses is checked by the service."""
    spec = ALL_INPUT_FIELDS[name]
    common = {"required": False, "allow_null": True, "help_text": str(spec.help_text or spec.label)}
    if spec.type == "money":
        return serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), **common)
    if spec.type == "int":
        return serializers.IntegerField(**common)
    if spec.type == "choice":
        return serializers.ChoiceField(choices=spec.choices.choices, **common)
    return serializers.CharField(allow_blank=True, **common)


class CourtSanctionField(serializers.PrimaryKeyRelatedField):
    """A measure of the user's court; another court's id reads as "does not exist" (400 on the field)."""

    def get_queryset(self):
        request = self.context.get("request")
        return restrict_to_user(super().get_queryset(), request.user if request else None, court_path="court")


class DocumentIssueSerializer(serializers.Serializer):
    """POST /api/v1/documents/ — {case, kind, party?, sanction?, issued_on?, …the kind's inputs}."""

    case = CourtScopedPrimaryKeyRelatedField(queryset=EnforcementCase.objects.all())
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    party = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), required=False, allow_null=True)
    sanction = CourtSanctionField(queryset=Sanction.objects.all(), required=False, allow_null=True)
    issued_on = serializers.DateField(required=False, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        for name in ALL_INPUT_FIELDS:
            fields[name] = _input_serializer_field(name)
        return fields

    def service_kwargs(self) -> dict:
        data = self.validated_data
        return {
            "case": data["case"], "kind": data["kind"], "party": data.get("party"), "sanction": data.get("sanction"),
            "issued_on": data.get("issued_on"),
            "extra": {name: data[name] for name in ALL_INPUT_FIELDS if name in data},
        }
