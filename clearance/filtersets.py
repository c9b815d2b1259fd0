"""One FilterSet serves the 终本 library page and its API: judge, township, age since closure, amount outstanding,
state (in stock / resumed), overdue re-inquiry, and a case number or party name."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cases import rules
from cases.filtersets import court_judges, visible_parties
from cases.models import EnforcementCase, Township
from cases.selectors import restrict_to_user, search_cases
from cases.services.common import court_today
from wanian_exec.filtersets import FilterSet

from .selectors import overdue_condition

AGE_CHOICES = [("0-1", _("终本不满1年")), ("1-2", _("1至2年")), ("2-3", _("2至3年")), ("3-5", _("3至5年")),
               ("5-", _("5年以上（定期查询期满）"))]
STATE_CHOICES = [("stock", _("未恢复执行（库存）")), ("resumed", _("已恢复执行")), ("all", _("全部"))]


def court_townships(request):
    if request is None:
        return Township.objects.none()
    return restrict_to_user(Township.objects.all(), request.user).order_by("code", "pk")


@extend_schema_field(OpenApiTypes.INT)
class TownshipFilter(django_filters.ModelChoiceFilter):
    """A township id (the filter reads it through a method, so the schema is told its type)."""


class LibraryFilter(FilterSet):
    judge = django_filters.ModelChoiceFilter(queryset=court_judges, label=_("承办法官"))
    township = TownshipFilter(queryset=court_townships, label=_("乡镇"), method="filter_township")
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, label=_("终本时长"), method="filter_age")
    amount_min = django_filters.NumberFilter(field_name="outstanding", lookup_expr="gte", label=_("未履行金额不少于（元）"))
    amount_max = django_filters.NumberFilter(field_name="outstanding", lookup_expr="lte", label=_("未履行金额不超过（元）"))
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, label=_("状态"), method="filter_state",
                                        empty_label=None)
    overdue = django_filters.BooleanFilter(label=_("定期查询逾期"), method="filter_overdue")
    q = django_filters.CharFilter(label=_("案号或当事人"), method="filter_q")

    class Meta:
        model = EnforcementCase
        fields = ["judge", "township", "age", "amount_min", "amount_max", "state", "overdue", "q"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("state", "stock")  # the library opens on the stock
        super().__init__(data, *args, **kwargs)

    def filter_township(self, queryset, name, value):
        through = EnforcementCase.respondents.through
        return queryset.filter(Exists(through.objects.filter(enforcementcase_id=OuterRef("pk"),
                                                             party__township=value)))

    def filter_age(self, queryset, name, value):
        today = court_today()
        low, _sep, high = value.partition("-")
        queryset = queryset.filter(closed_on__lte=rules.add_months(today, -12 * int(low)))
        if high:
            queryset = queryset.filter(closed_on__gt=rules.add_months(today, -12 * int(high)))
        return queryset

    def filter_state(self, queryset, name, value):
        resumed = Exists(EnforcementCase.objects.filter(resumed_from=OuterRef("pk")))
        if value == "stock":
            return queryset.exclude(resumed)
        if value == "resumed":
            return queryset.filter(resumed)
        return queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = overdue_condition(court_today())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_q(self, queryset, name, value):
        return search_cases(queryset, value, parties=visible_parties(self.request))


