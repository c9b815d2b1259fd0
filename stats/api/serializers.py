"""Output shapes of the statistics API. Money is yuan as a decimal string ("52955000.00"), rates decimal
fractions with four places ("0.7300"), days one decimal ("38.9"), counts integers."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import EnforcementCase, LitigationCase

from ..metrics import Unit


def plain(unit: str, number):
    """A numerator/denominator/value as the contract writes it."""
    if number is None:
        return None
    if unit in (Unit.COUNT, Unit.PERSONS) or isinstance(number, int):
        return int(number)
    return str(number)


def metric_data(metric, *, cases_url: str = "") -> dict:
    definition = metric.definition
    numerator_unit = Unit.YUAN if definition.numerator.measure in ("amount", "claimed", "recovered") else Unit.COUNT
    denominator_unit = (Unit.YUAN if definition.denominator is not None
                        and definition.denominator.measure in ("amount", "claimed", "recovered") else Unit.COUNT)
    if definition.numerator.measure == "days":
        numerator_unit = Unit.COUNT  # whole days
    return {
        "name": metric.name,
        "label": str(definition.label),
        "unit": metric.unit,
        "value": plain(metric.unit, metric.value),
        "numerator": plain(numerator_unit, metric.numerator),
        "denominator": plain(denominator_unit, metric.denominator),
        "definition": definition.doc,
        "caliber": definition.caliber,
        "cases_url": cases_url,
    }


@extend_schema_field({"anyOf": [{"type": "integer"}, {"type": "string"}], "nullable": True})
class FigureField(serializers.CharField):
    """A count is an integer, money / rates / days a decimal string (see `plain`); None when undefined."""

    def to_representation(self, value):
        return value


class MetricSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    value = FigureField(allow_null=True, help_text="count (integer), yuan, rate (0.7300) or days (38.9)")
    numerator = FigureField(allow_null=True)
    denominator = FigureField(allow_null=True)
    definition = serializers.CharField()
    caliber = serializers.CharField(help_text="the definition in Chinese, as the dashboards show it (口径)")
    cases_url = serializers.CharField()


class KpiSerializer(serializers.Serializer):
    """The contract's twelve figures, then the period, the courts, and every figure with its parts."""

    new_cases = serializers.IntegerField()
    concluded = serializers.IntegerField()
    amount_recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    preservation_rate = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    first_enforcement_avg_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    enforcement_application_rate = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    pushed_cases = serializers.IntegerField()
    pushed_concluded = serializers.IntegerField()
    crackdown_recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    referral_cases = serializers.IntegerField()
    referral_persons = serializers.IntegerField()
    terminated_current_stock = serializers.IntegerField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    courts = serializers.ListField(child=serializers.IntegerField())
    computed_at = serializers.DateTimeField(help_text="when the figures were computed (kept a few minutes per filter)")
    metrics = serializers.DictField(child=MetricSerializer())


class EnforcementCaseRowSerializer(serializers.ModelSerializer):
    court_code = serializers.CharField(source="court.code")
    judge_name = serializers.SerializerMethodField()
    applicant_names = serializers.SerializerMethodField()
    respondent_names = serializers.SerializerMethodField()
    amount = serializers.SerializerMethodField(help_text="for a money figure: this case's share of it (yuan); "
                                                         "null for the other figures")

    class Meta:
        model = EnforcementCase
        fields = ["id", "number", "court_code", "case_type", "status", "judge", "judge_name", "applicant_names",
                  "respondent_names", "amount_claimed", "amount_recovered", "filed_on", "deadline_on", "closed_on",
                  "closure_method", "amount"]

    def get_judge_name(self, obj) -> str:
        return obj.judge.display_name if obj.judge_id else ""

    def get_applicant_names(self, obj) -> list[str]:
        return [p.name for p in obj.applicants.all()]

    def get_respondent_names(self, obj) -> list[str]:
        return [p.name for p in obj.respondents.all()]

    def get_amount(self, obj) -> str | None:
        shares = self.context.get("shares")
        return None if shares is None else str(shares.get(obj.pk, "0.00"))


class LitigationCaseRowSerializer(serializers.ModelSerializer):
    court_code = serializers.CharField(source="court.code")
    trial_judge_name = serializers.SerializerMethodField()
    outcome_kind = serializers.CharField(source="outcome.kind", default="", read_only=True)
    outcome_effective_on = serializers.DateField(source="outcome.effective_on", default=None, allow_null=True,
                                                 read_only=True)

    class Meta:
        model = LitigationCase
        fields = ["id", "number", "court_code", "case_type", "cause", "filed_on", "is_property_dispute",
                  "claim_amount", "trial_judge", "trial_judge_name", "outcome_kind", "outcome_effective_on"]

    def get_trial_judge_name(self, obj) -> str:
        return obj.trial_judge.display_name if obj.trial_judge_id else ""
