"""Filters shared by the API and the HTML lists; related-row choices are limited to the user's court
(cases.filtersets.court_rows), so another court's id is refused like one that does not exist."""
import django_filters
from django.utils.translation import gettext_lazy as _

from cases.filtersets import court_rows, court_judges
from cases.models import EnforcementCase, Party
from wanian_exec.filtersets import FilterSet

from .choices import (ACTIVE_ROSTER_STATUSES, Breach, PoliceDecision, ProsecutionTrack, RosterKind, RosterStatus,
                      SanctionKind, SanctionStatus, TravelMode)
from .models import AbilityEvidence, Prosecution, RosterEntry, Sanction, TravelImport, TravelRecord, Violation

ALL = "all"


def sanction_rows(model):
    """court_rows for this app's models (CourtOwned: tenancy on `court`), through the same restrict_to_user."""

    def queryset(request):
        from cases.selectors import restrict_to_user

        if request is None:
            return model.objects.none()
        return restrict_to_user(model.objects.all(), request.user, court_path="court")

    return queryset


class SanctionFilter(FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase), label=_("执行案件"))
    party = django_filters.ModelChoiceFilter(queryset=court_rows(Party), label=_("被执行人"))
    kind = django_filters.ChoiceFilter(choices=SanctionKind.choices, label=_("措施"))
    status = django_filters.ChoiceFilter(choices=SanctionStatus.choices, label=_("状态"))
    decided_on_after = django_filters.DateFilter(field_name="decided_on", lookup_expr="gte", label=_("决定日期起"))
    decided_on_before = django_filters.DateFilter(field_name="decided_on", lookup_expr="lte", label=_("决定日期止"))

    class Meta:
        model = Sanction
        fields = ["case", "party", "kind", "status"]


class RosterEntryFilter(FilterSet):
    """`status` defaults to the entries on the roster now (pending, confirmed); `status=all` shows every entry."""

    kind = django_filters.ChoiceFilter(choices=RosterKind.choices, label=_("名册"))
    status = django_filters.MultipleChoiceFilter(choices=[*RosterStatus.choices, (ALL, _("全部"))],
                                                 method="filter_status", label=_("状态"))
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase), label=_("执行案件"))
    party = django_filters.ModelChoiceFilter(queryset=court_rows(Party), label=_("被执行人"))
    judge = django_filters.ModelChoiceFilter(field_name="case__judge", queryset=court_judges, label=_("承办法官"))
    q = django_filters.CharFilter(method="filter_q", label=_("案号或姓名"))

    class Meta:
        model = RosterEntry
        fields = ["kind", "status", "case", "party", "judge"]

    def filter_status(self, queryset, name, value):
        if ALL in value:
            return queryset
        return queryset.filter(status__in=value)

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()
        return queryset.filter(Q(case__number__icontains=value) | Q(party__name__icontains=value))

    @property
    def qs(self):
        queryset = super().qs
        if not (self.data or {}).get("status"):
            queryset = queryset.filter(status__in=ACTIVE_ROSTER_STATUSES)
        return queryset


class ViolationFilter(FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase), label=_("执行案件"))
    party = django_filters.ModelChoiceFilter(queryset=court_rows(Party), label=_("被执行人"))
    sanction = django_filters.ModelChoiceFilter(queryset=sanction_rows(Sanction), label=_("违反的措施"))
    batch = django_filters.ModelChoiceFilter(field_name="travel_record__batch", queryset=sanction_rows(TravelImport),
                                             label=_("导入批次"))
    kind = django_filters.ChoiceFilter(choices=[c for c in Breach.choices if c[0]], label=_("违规情形"))
    travelled_on_after = django_filters.DateFilter(field_name="travelled_on", lookup_expr="gte", label=_("出行日期起"))
    travelled_on_before = django_filters.DateFilter(field_name="travelled_on", lookup_expr="lte", label=_("出行日期止"))

    class Meta:
        model = Violation
        fields = ["case", "party", "sanction", "kind"]


class TravelRecordFilter(FilterSet):
    batch = django_filters.ModelChoiceFilter(queryset=sanction_rows(TravelImport), label=_("导入批次"))
    id_number = django_filters.CharFilter(method="filter_id", label=_("身份证号码"))
    mode = django_filters.ChoiceFilter(choices=TravelMode.choices, label=_("出行方式"))

    class Meta:
        model = TravelRecord
        fields = ["batch", "id_number", "mode"]

    def filter_id(self, queryset, name, value):
        return queryset.filter(id_number=value.strip().upper())


class AbilityEvidenceFilter(FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase))
    party = django_filters.ModelChoiceFilter(queryset=court_rows(Party))

    class Meta:
        model = AbilityEvidence
        fields = ["case", "party", "kind"]


class ProsecutionFilter(FilterSet):
    track = django_filters.ChoiceFilter(choices=ProsecutionTrack.choices, label=_("途径"))
    police_decision = django_filters.ChoiceFilter(choices=PoliceDecision.choices, label=_("公安决定"))
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase), label=_("执行案件"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("公安决定超期"))

    class Meta:
        model = Prosecution
        fields = ["track", "police_decision", "case"]

    def filter_overdue(self, queryset, name, value):
        from cases.services.common import court_today

        from .selectors import referral_overdue_queryset

        overdue = referral_overdue_queryset(queryset, court_today())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
