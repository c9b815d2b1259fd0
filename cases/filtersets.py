"""Filters shared by the HTML case list and the API (one FilterSet serves both)."""
import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters  # the API's (its BooleanFilter reads true/false)

from wanian_exec.filtersets import FilterSet
from wanian_exec.rendering import PythonWidgetsForm

from .choices import CaseStatus, ClosureMethod, EnforcementType, PartyKind, Role
from .models import (Asset, AuctionRound, Contact, EnforcementCase, Grid, LitigationCase, Party, Preservation, Township,
                     Urging, User)
from .selectors import court_users_with_role, restrict_to_user, search_cases, search_parties


def court_judges(request):
    """承办法官 choices: the enforcement judges of the user's court (not its clerks, trial judges or admins)."""
    if request is None:
        return User.objects.none()
    return court_users_with_role(request.user, Role.ENFORCEMENT_JUDGE)


def visible_parties(request):
    """The parties a search may look a name or an identity number up in: the user's court's (all, without a user)."""
    parties = Party.objects.all()
    return parties if request is None else restrict_to_user(parties, request.user)


def court_rows(model):
    """Choices of a related-row filter: the user's court only, so `?case=<another court's id>` is refused
    exactly like an id that does not exist (the other court's row is not revealed)."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return restrict_to_user(model.objects.all(), request.user)

    return queryset


class EnforcementCaseFilter(FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("案号、当事人或证件号码"))
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("状态"))
    case_type = django_filters.ChoiceFilter(choices=EnforcementType.choices, label=_("类型"))
    closure_method = django_filters.ChoiceFilter(choices=ClosureMethod.choices, label=_("结案方式"))
    judge = django_filters.ModelChoiceFilter(queryset=court_judges, label=_("承办法官"))
    is_livelihood = django_filters.BooleanFilter(label=_("涉民生"))
    filed_on_after = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte", label=_("立案日期起"))
    filed_on_before = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte", label=_("立案日期止"))
    closed_on_after = django_filters.DateFilter(field_name="closed_on", lookup_expr="gte", label=_("结案日期起"))
    closed_on_before = django_filters.DateFilter(field_name="closed_on", lookup_expr="lte", label=_("结案日期止"))
    deadline_before = django_filters.DateFilter(field_name="deadline_on", lookup_expr="lte", label=_("期限届满不晚于"))

    class Meta:
        model = EnforcementCase
        fields = ["q", "status", "case_type", "closure_method", "judge", "is_livelihood"]
        form = PythonWidgetsForm  # the case list renders its eleven fields and ~40 options without templates

    def filter_q(self, queryset, name, value):
        return search_cases(queryset, value, parties=visible_parties(self.request))


class LitigationCaseFilter(FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("案号、案由、当事人或证件号码"))
    is_property_dispute = django_filters.BooleanFilter(label=_("涉财产争议"))
    filed_on_after = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    filed_on_before = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte")

    class Meta:
        model = LitigationCase
        fields = ["q", "is_property_dispute", "case_type"]

    def filter_q(self, queryset, name, value):
        return search_cases(queryset, value, parties=visible_parties(self.request))


class PartyFilter(FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("姓名/名称或证件号"))
    kind = django_filters.ChoiceFilter(choices=PartyKind.choices)
    township = django_filters.ModelChoiceFilter(queryset=court_rows(Township))
    grid = django_filters.ModelChoiceFilter(queryset=court_rows(Grid))

    class Meta:
        model = Party
        fields = ["q", "kind", "township", "grid"]

    def filter_q(self, queryset, name, value):
        return search_parties(queryset, value)


class AssetFilter(FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase))
    party = django_filters.ModelChoiceFilter(queryset=court_rows(Party))

    class Meta:
        model = Asset
        fields = ["case", "party", "kind", "status"]


class GridFilter(FilterSet):
    township = django_filters.ModelChoiceFilter(queryset=court_rows(Township))

    class Meta:
        model = Grid
        fields = ["township"]


# --- the API lists of the four synchronizations (四同步) ----------------------------------------------------


class PreservationFilter(FilterSet):
    case = filters.NumberFilter(field_name="case")
    kind = filters.CharFilter(field_name="kind")
    pending_suit = filters.BooleanFilter(field_name="case", lookup_expr="isnull",
                                         label=_("诉前保全尚未起诉"))

    class Meta:
        model = Preservation
        fields = ["case", "kind", "pending_suit"]


class UrgingFilter(FilterSet):
    litigation_case = filters.NumberFilter()
    enforcement_case = filters.NumberFilter()
    party = filters.NumberFilter()
    channel = filters.CharFilter()

    class Meta:
        model = Urging
        fields = ["litigation_case", "enforcement_case", "party", "channel"]


class AuctionRoundFilter(FilterSet):
    asset = filters.NumberFilter()
    case = filters.NumberFilter(field_name="asset__case")
    result = filters.CharFilter()

    class Meta:
        model = AuctionRound
        fields = ["asset", "case", "result"]


class ContactFilter(FilterSet):
    case = filters.NumberFilter()
    party = filters.NumberFilter()
    channel = filters.CharFilter()

    class Meta:
        model = Contact
        fields = ["case", "party", "channel"]


class FastTrackFilter(FilterSet):
    status = filters.ChoiceFilter(choices=CaseStatus.choices)
    filed_on_after = filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    filed_on_before = filters.DateFilter(field_name="filed_on", lookup_expr="lte")

    class Meta:
        model = EnforcementCase
        fields = ["status"]
