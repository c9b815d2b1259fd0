"""API shapes of the pushes app (see the shared api-contract, section "Pushes (五推送)")."""
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.api.fields import CourtScopedPrimaryKeyRelatedField
from cases.api.serializers import MONEY
from cases.identity import mask_id_number
from cases.models import Grid, Party, Township
from cases.services.common import court_today
from wanian_exec.api_fields import ChoiceWithDisplayMixin, RelatedText

from .. import rules
from ..choices import Channel, FeedbackKind
from ..delivery import portal_url
from ..models import PushBatch, PushDelivery, PushFeedback, PushItem, PushRecipient, PushRuleSet, PushRun


class PushRecipientSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    township = CourtScopedPrimaryKeyRelatedField(queryset=Township.objects.all(), required=False, allow_null=True)
    grid = CourtScopedPrimaryKeyRelatedField(queryset=Grid.objects.all(), required=False, allow_null=True)
    organization = CourtScopedPrimaryKeyRelatedField(queryset=Party.objects.all(), required=False,
                                                     allow_null=True)
    township_name = RelatedText(source="township.name")
    grid_name = RelatedText(source="grid.name")
    organization_name = RelatedText(source="organization.name")

    class Meta:
        model = PushRecipient
        fields = ["id", "channel", "name", "township", "township_name", "grid", "grid_name", "organization",
                  "organization_name", "body", "contact", "phone", "email", "is_active", "created_at"]
        read_only_fields = ["created_at"]
        display_fields = ["channel"]
        # the service checks the channel's requirements and answers 400 on the field
        validators = []


class PushRuleSetSerializer(serializers.ModelSerializer):
    small_amount_limit = serializers.DecimalField(**MONEY, min_value=0, required=False)
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices), required=False)
    created_by = serializers.StringRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = PushRuleSet
        fields = ["id", "version", "small_amount_limit", "grid_includes_livelihood",
                  "discipline_includes_party_members", "discipline_includes_state_organs",
                  "include_terminated_current", "deputy_level", "channels", "note", "created_by", "created_at"]
        read_only_fields = ["version", "created_at"]


class PushRunInputSerializer(serializers.Serializer):
    week = serializers.CharField(required=False,
                                 help_text="ISO week, e.g. 2024-W23; default the current week. The current week or "
                                           f"one of the {rules.RUN_WEEKS_BACK} before it; never a future week")

    def validate_week(self, value):
        errors = rules.run_week_errors(value, today=court_today())  # the bound a person's request keeps to
        if errors:
            raise serializers.ValidationError(errors)
        return value


class PushRunSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    batches = serializers.IntegerField(source="batch_count", read_only=True)
    items = serializers.IntegerField(source="item_count", read_only=True)
    rule_version = serializers.IntegerField(source="rule_set.version", read_only=True)

    class Meta:
        model = PushRun
        fields = ["id", "week", "batches", "items", "status", "rule_set", "rule_version", "trigger",
                  "steps_total", "steps_done", "attempts", "created_at", "finished_at"]
        display_fields = ["status"]


class PushItemSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)
    masked_id = serializers.SerializerMethodField()
    reasons = serializers.ListField(child=serializers.CharField(), source="reason_list", read_only=True)

    class Meta:
        model = PushItem
        fields = ["id", "case", "case_number", "party", "party_name", "party_role", "masked_id", "reasons",
                  "amount_outstanding", "pushed_on", "week", "channel", "recipient"]
        display_fields = ["party_role"]

    @extend_schema_field(serializers.CharField())
    def get_masked_id(self, obj):
        party = obj.party
        return mask_id_number(party.id_number if party.kind == "person" else party.credit_code)


class PushDeliverySerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = PushDelivery
        fields = ["method", "status", "attempts", "sent_at", "last_error"]
        display_fields = ["method", "status"]


class PushBatchSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    recipient_name = serializers.CharField(source="recipient.name", read_only=True)
    items = PushItemSerializer(many=True, read_only=True, source="item_list")
    portal_url = serializers.SerializerMethodField()
    deliveries = PushDeliverySerializer(many=True, read_only=True)

    class Meta:
        model = PushBatch
        fields = ["id", "week", "channel", "recipient", "recipient_name", "item_count", "items", "portal_url",
                  "portal_expires_at", "deliveries", "run"]
        display_fields = ["channel"]

    @extend_schema_field(serializers.URLField())
    def get_portal_url(self, obj):
        return portal_url(obj, self.context.get("request"))


class PushFeedbackSerializer(ChoiceWithDisplayMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    party = serializers.IntegerField(source="item.party_id", read_only=True)
    party_name = serializers.CharField(source="item.party.name", read_only=True)
    week = serializers.CharField(source="batch.week", read_only=True)
    channel = serializers.CharField(source="batch.channel", read_only=True)
    recipient = serializers.IntegerField(source="batch.recipient_id", read_only=True)
    recipient_name = serializers.CharField(source="batch.recipient.name", read_only=True)
    photo_url = serializers.SerializerMethodField()
    reviewed_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = PushFeedback
        fields = ["id", "item", "case", "case_number", "party", "party_name", "batch", "week", "channel",
                  "recipient", "recipient_name", "kind", "content", "photo_url", "submitter", "effective",
                  "review_note", "reviewed_by", "reviewed_at", "created_at"]
        display_fields = ["kind"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_photo_url(self, obj):
        if not obj.photo:
            return None
        path = reverse("push-feedback-photo", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class FeedbackReviewInputSerializer(serializers.Serializer):
    effective = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=255)


class PortalFeedbackInputSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=FeedbackKind.choices)
    content = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    photo = serializers.FileField(required=False, allow_null=True)
    submitter = serializers.CharField(required=False, allow_blank=True, max_length=64)


class PortalFeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = PushFeedback
        fields = ["id", "item", "kind", "content", "created_at"]


class MetricRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    pushed = serializers.IntegerField()
    concluded = serializers.IntegerField()
    feedback = serializers.IntegerField()
    effective = serializers.IntegerField()


class RatioSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)


class DrillCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    closure_method = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)
