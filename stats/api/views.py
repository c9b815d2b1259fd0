"""GET /api/v1/stats/kpis/ (the contract), the metric catalogue, and a drill-down per metric.

Tenancy: the courts come from stats.filters.parse_filter — the user's own court by default, `court=` only
for a court the user may see statistics of (stats.selectors.stats_courts_visible_to); any other → 404.
"""
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import EnforcementCase
from wanian_exec.api import Pagination, paginated
from wanian_exec.db_routers import reads_primary

from .. import composed, metrics, selectors, snapshots
from ..filters import parse_filter
from . import serializers as s

FILTER_PARAMETERS = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="period start (inclusive); default 1 January"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="period end (inclusive); default today"),
    OpenApiParameter("court", OpenApiTypes.INT, many=True,
                     description="leaders and admins: a court under theirs (repeatable); default the user's court"),
    OpenApiParameter("judge", OpenApiTypes.INT), OpenApiParameter("township", OpenApiTypes.INT),
    OpenApiParameter("case_type", OpenApiTypes.STR, description="执, 执恢, 执保 …"),
    OpenApiParameter("channel", OpenApiTypes.STR, description="push channel (push figures only)"),
]


def request_filter(request):
    f, form = parse_filter(request.user, request.query_params)
    if f is None:
        raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    return f


def cases_url(request, name: str, f, part: str = "numerator") -> str:
    url = reverse("stats-api-metric-cases", args=[name])
    query = f.querystring(part=part if part != "numerator" else None)
    return request.build_absolute_uri(f"{url}?{query}")


class KpiView(APIView):
    @extend_schema(parameters=[*FILTER_PARAMETERS, OpenApiParameter(
                       "refresh", OpenApiTypes.BOOL, description="compute now instead of reading the figures kept "
                                                                 "for the filter (at most STATS_SNAPSHOT_MAX_AGE old)")],
                   responses=s.KpiSerializer,
                   description="The article's figures for the period: counts, yuan, rates (0.7300), days (38.9). "
                               "`computed_at` says when they were computed (stats/snapshots.py).")
    def get(self, request):
        f = request_filter(request)
        refresh = request.query_params.get("refresh") in ("1", "true")
        if snapshots.composable(f):  # several courts: their own kept figures, summed
            kept = composed.figures_for(f, refresh=refresh)
        else:
            kept = snapshots.figures_for(f, refresh=refresh)
        figures = {name: kept.figures[name] for name in
                   metrics.KPI_NAMES + [n for n in metrics.REGISTRY if n not in metrics.KPI_NAMES]}
        data = {name: s.plain(figures[name].unit, figures[name].value) for name in metrics.KPI_NAMES}
        data["pushed_concluded"] = figures["pushed_concluded"].numerator  # the count (59 of 74); the rate below
        data.update({
            "date_from": f.date_from.isoformat(), "date_to": f.date_to.isoformat(), "courts": list(f.courts),
            "computed_at": kept.computed_at.isoformat(),
            "metrics": {name: s.metric_data(metric, cases_url=cases_url(request, name, f))
                        for name, metric in figures.items()},
        })
        return Response(data)


class MetricCatalogueView(APIView):
    @extend_schema(responses=drf_serializers.ListSerializer(child=drf_serializers.DictField()),
                   description="Every metric: name, label, unit and its definition.")
    def get(self, request):
        return Response([{"name": d.name, "label": str(d.label), "unit": d.unit, "definition": d.doc,
                          "caliber": d.caliber,
                          "case_kind": "litigation" if d.case_model is not EnforcementCase
                          else "enforcement", "has_denominator": d.denominator is not None}
                         for d in metrics.REGISTRY.values()])


@reads_primary  # the cases behind a figure are live: read from the primary
class MetricCasesView(GenericAPIView):
    """The cases behind a metric's numerator (or `part=denominator`), paginated; their count is the figure."""

    pagination_class = Pagination
    serializer_class = s.EnforcementCaseRowSerializer

    @extend_schema(parameters=[*FILTER_PARAMETERS, OpenApiParameter("part", OpenApiTypes.STR,
                                                                   enum=["numerator", "denominator"])],
                   responses=paginated("PaginatedMetricCaseList", PolymorphicProxySerializer(
                       component_name="MetricCaseRow", resource_type_field_name=None, many=True,
                       serializers=[s.EnforcementCaseRowSerializer, s.LitigationCaseRowSerializer])),
                   description="A page of the cases behind the figure: enforcement cases, or litigation cases for "
                               "the figures counted on them (the catalogue's `case_kind`).")
    def get(self, request, name):
        definition = metrics.REGISTRY.get(name)
        if definition is None:
            raise Http404
        part = request.query_params.get("part") or "numerator"
        if part not in ("numerator", "denominator") or (part == "denominator" and definition.denominator is None):
            raise ValidationError({"part": ["numerator" + (" / denominator" if definition.denominator else "")]})
        f = request_filter(request)
        queryset = metrics.cases_behind(name, f, part)
        litigation = definition.case_model is not EnforcementCase
        queryset = selectors.litigation_list(queryset) if litigation else selectors.enforcement_list(queryset)
        page = self.paginate_queryset(queryset)
        context = {"request": request}
        chosen = definition.denominator if part == "denominator" else definition.numerator
        if not litigation and chosen.measure == "amount":
            context["shares"] = metrics.amounts_by_case(name, f, [c.pk for c in page])
        serializer_class = s.LitigationCaseRowSerializer if litigation else s.EnforcementCaseRowSerializer
        return self.get_paginated_response(serializer_class(page, many=True, context=context).data)
