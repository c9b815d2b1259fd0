"""API of the “人工+智能” fast track (快速通道): the queue and its average days beside the court's.

Reads need a login; tenancy limits the queue to the user's court.
"""
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors
from ..choices import CaseStatus, EnforcementType
from ..filtersets import FastTrackFilter
from . import serializers as s
from .views import CourtScopedViewSet


class FastTrackViewSet(mixins.ListModelMixin, CourtScopedViewSet):
    """The fast-track queue (“人工+智能”快速通道): open cases first, then the most recently routed."""

    serializer_class = s.EnforcementCaseSerializer
    filterset_class = FastTrackFilter

    def get_queryset(self):
        return selectors.fast_track_cases(self.request.user).order_by("status", "-fast_tracked_on", "-pk")

    @extend_schema(responses=s.FastTrackSummarySerializer)
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """The queue's own average days (closed_on − filed_on over its closed cases), beside the court's 执 cases."""
        queue = self.filter_queryset(self.get_queryset())
        own = selectors.average_days(queue)
        court = selectors.average_days(self.filter_queryset(
            selectors.enforcement_cases_visible_to(request.user).filter(case_type=EnforcementType.FIRST)))
        return Response(s.FastTrackSummarySerializer({
            "cases": queue.count(), "open_cases": queue.exclude(status=CaseStatus.CLOSED).count(),
            "closed_cases": own["closed_cases"], "total_days": own["total_days"], "average_days": own["average_days"],
            "court_closed_cases": court["closed_cases"], "court_average_days": court["average_days"],
        }).data)
