"""Filters of the sanctions list; related-row choices are limited to the user's court (cases.filtersets)."""
import django_filters

from cases.filtersets import court_rows
from cases.models import EnforcementCase, Party

from .models import Sanction


class SanctionFilter(django_filters.FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=court_rows(EnforcementCase))
    party = django_filters.ModelChoiceFilter(queryset=court_rows(Party))

    class Meta:
        model = Sanction
        fields = ["case", "party", "kind", "status"]
