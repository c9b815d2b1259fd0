"""Serializers of the clearance API: reads of the library, schedule, triggers, reviews; inputs of the commands."""
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases import rules
from cases.api.serializers import case_version_field

from ..choices import ReviewMode, Verdict
from ..models import ClosureReview, ClosureReviewItem, Reinquiry, ResumeTrigger


class PartyBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class LibraryCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    judge = serializers.IntegerField(source="judge_id", allow_null=True)
    judge_name = serializers.SerializerMethodField()
    applicants = PartyBriefSerializer(many=True, source="applicants.all")
    respondents = PartyBriefSerializer(many=True, source="respondents.all")
    amount_claimed = serializers.DecimalField(max_digits=14, decimal_places=2)
    amount_recovered = serializers.DecimalField(max_digits=14, decimal_places=2)
    amount_outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, source="outstanding")
    filed_on = serializers.DateField()
    closed_on = serializers.DateField()
    last_reinquiry_on = serializers.DateField(source="last_inquiry_on", allow_null=True,
                                              help_text=_("终本后最近一次网络查控日期"))
    next_reinquiry_on = serializers.DateField(source="schedule.next_due", allow_null=True)
    reinquiry_overdue = serializers.BooleanField(source="schedule.overdue")
    schedule_ended = serializers.BooleanField(source="schedule.ended", help_text=_("终本满5年，定期查询期满"))
    leads_since_closure = serializers.IntegerField(source="leads_since")
    open_triggers = serializers.IntegerField()
    resumed_case = serializers.IntegerField(source="resumed_id", allow_null=True)
    resumed_number = serializers.CharField(allow_null=True)

    def get_judge_name(self, case) -> str:
        return case.judge.display_name if case.judge_id else ""


class ReinquirySerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Reinquiry
        fields = ["id", "case", "sequence", "due_on", "status", "status_display", "done_on", "assets_found",
                  "attempts", "overdue", "error", "notified_at"]


class ResumeTriggerSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = ResumeTrigger
        fields = ["id", "case", "case_number", "kind", "kind_display", "source_key", "occurred_on", "evidence",
                  "amount", "asset", "status", "status_display", "todo"]


class LibraryCaseDetailSerializer(LibraryCaseSerializer):
    schedule = serializers.SerializerMethodField()
    reinquiries = ReinquirySerializer(many=True, source="schedule_rows")
    triggers = ResumeTriggerSerializer(many=True, source="trigger_rows")
    version = serializers.IntegerField()

    def get_schedule(self, case) -> list[str]:
        return [d.isoformat() for d in case.schedule.dates]


class ClearanceResumeInputSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    version = case_version_field()


class ApplicantRequestInputSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    content = serializers.CharField(max_length=2000)


class DismissInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ReviewSerializer(serializers.ModelSerializer):
    mode_display = serializers.CharField(source="get_mode_display", read_only=True)
    summary = serializers.SerializerMethodField()

    class Meta:
        model = ClosureReview
        fields = ["id", "title", "period_from", "period_to", "mode", "mode_display", "sample_size", "seed",
                  "population", "created_by", "created_at", "summary"]
        read_only_fields = ["seed", "population", "created_by", "created_at"]

    def get_summary(self, review) -> dict:
        from ..services.review import review_summary

        summary = review_summary(review)
        rate = summary["compliance_rate"]
        return {**summary, "compliance_rate": None if rate is None else str(rate)}


class ReviewInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=128, required=False, allow_blank=True)
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    mode = serializers.ChoiceField(choices=ReviewMode.choices)
    sample_size = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class ReviewItemSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    closed_on = serializers.DateField(source="case.closed_on", read_only=True)
    verdict_display = serializers.CharField(source="get_verdict_display", read_only=True)
    system_unmet_display = serializers.SerializerMethodField()

    class Meta:
        model = ClosureReviewItem
        fields = ["id", "review", "case", "case_number", "closed_on", "system_unmet", "system_unmet_display",
                  "verdict", "verdict_display", "unmet", "reason", "reviewed_by", "reviewed_at"]

    def get_system_unmet_display(self, item) -> list[str]:
        return [str(rules.TERMINATION_CONDITIONS.get(c, c)) for c in item.system_unmet]


class ReviewMarkInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=[Verdict.COMPLIANT, Verdict.NON_COMPLIANT])
    unmet = serializers.ListField(child=serializers.ChoiceField(choices=list(rules.TERMINATION_CONDITIONS)),
                                  required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
