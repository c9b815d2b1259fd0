"""API of the clearance app, under /api/v1/clearance/: thin views over selectors (reads) and services (writes).

Tenancy: every queryset starts from cases.selectors.restrict_to_user (through clearance.selectors), so another
court's case, trigger or review answers 404; the board's filter is parsed by stats.filters.parse_filter, which
refuses a court the user may not see with 404.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api.serializers import EnforcementCaseSerializer
from cases.services.common import court_today
from stats.filters import parse_filter
from stats.selectors import enforcement_list
from wanian_exec.api import ActionPermission, Pagination, paginated

from .. import board as board_view
from .. import metrics, selectors
from ..exports import library_export
from ..filtersets import LibraryFilter
from ..services import review as review_services
from ..services import triggers as trigger_services
from . import serializers as s

HANDLE = ["cases.handle_enforcementcase"]


def _input(request, serializer_class):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class LibraryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """终本案件库: every 终本 case of the court with its debtors, outstanding amount, closure date, last and next
    re-inquiry, leads since closure (filters: judge, township, age, amount_min/max, state, overdue, q)."""

    permission_classes = [ActionPermission]
    required_perms = {"resume": HANDLE, "requests": HANDLE, "list": None, "retrieve": None, "export": None}
    filterset_class = LibraryFilter
    serializer_class = s.LibraryCaseSerializer

    def get_queryset(self):
        return selectors.library(self.request.user)

    def get_object(self):
        """Any 终本 case of the court, resumed or not (the list's default `state=stock` does not apply)."""
        case = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, case)
        return case

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = selectors.with_schedule(page, court_today())
        return self.get_paginated_response(s.LibraryCaseSerializer(rows, many=True).data)

    @extend_schema(responses=s.LibraryCaseDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        case = selectors.with_schedule([self.get_object()], court_today())[0]
        case.schedule_rows = selectors.case_schedule_rows(case)
        case.trigger_rows = selectors.case_triggers(case)
        return Response(s.LibraryCaseDetailSerializer(case).data)

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes})
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The filtered library as an .xlsx file (streamed from the database in chunks)."""
        return library_export(self.filter_queryset(self.get_queryset()), str(court_today()))

    @extend_schema(request=s.ClearanceResumeInputSerializer, responses={201: EnforcementCaseSerializer})
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        """Resume the case: a 执恢 case linked to it (number allocated; parties, outstanding amount and assets
        carried); its open triggers settled, their to-dos ticked off, its re-inquiries cancelled."""
        data = _input(request, s.ClearanceResumeInputSerializer)
        new_case = trigger_services.clearance_resume(case=self.get_object(), actor=request.user, **data)
        return Response(EnforcementCaseSerializer(new_case, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ApplicantRequestInputSerializer, responses={201: s.ResumeTriggerSerializer})
    @action(detail=True, methods=["post"])
    def requests(self, request, pk=None):
        """The applicant's request to resume: on the timeline, and a "consider resumption" to-do for the judge."""
        data = _input(request, s.ApplicantRequestInputSerializer)
        trigger = trigger_services.applicant_request_record(case=self.get_object(), actor=request.user, **data)
        return Response(s.ResumeTriggerSerializer(trigger).data, status=status.HTTP_201_CREATED)


class TriggerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Evidence to resume (恢复执行线索): property found, effective push leads, travel violations, requests."""

    permission_classes = [ActionPermission]
    required_perms = {"dismiss": HANDLE}
    serializer_class = s.ResumeTriggerSerializer
    filterset_fields = ["case", "kind", "status"]

    def get_queryset(self):
        return selectors.triggers_visible_to(self.request.user).order_by("-occurred_on", "-pk")

    @extend_schema(request=s.DismissInputSerializer, responses={200: s.ResumeTriggerSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        data = _input(request, s.DismissInputSerializer)
        trigger = trigger_services.trigger_dismiss(trigger=self.get_object(), actor=request.user, **data)
        return Response(s.ResumeTriggerSerializer(trigger).data)


class ReinquiryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The scheduled re-inquiries (one per case and due date) with their status; `overdue=true` for the flagged."""

    permission_classes = [ActionPermission]
    serializer_class = s.ReinquirySerializer
    filterset_fields = ["case", "status", "overdue", "due_on"]

    def get_queryset(self):
        from cases.selectors import restrict_to_user

        from ..models import Reinquiry

        return restrict_to_user(Reinquiry.objects.all(), self.request.user, court_path="court").order_by("due_on", "pk")


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Quality review of 终本 closures: all closures of a period or a random sample (`mode`, `sample_size`,
    optional `seed` to reproduce a draw); the summary carries the compliance rate with its parts."""

    permission_classes = [ActionPermission]
    required_perms = {"list": ["clearance.view_closurereview"], "retrieve": ["clearance.view_closurereview"],
                      "items": ["clearance.view_closurereview"], "create": ["clearance.add_closurereview"]}
    serializer_class = s.ReviewSerializer

    def get_queryset(self):
        return selectors.reviews_visible_to(self.request.user)

    @extend_schema(request=s.ReviewInputSerializer, responses={201: s.ReviewSerializer})
    def create(self, request, *args, **kwargs):
        data = _input(request, s.ReviewInputSerializer)
        if not request.user.court_id:
            raise PermissionDenied
        review = review_services.review_create(court=request.user.court, actor=request.user, **data)
        return Response(s.ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.ReviewItemSerializer(many=True))
    @action(detail=True, methods=["get"])
    def items(self, request, pk=None):
        items = selectors.review_items(self.get_object())
        page = self.paginate_queryset(items)
        return self.get_paginated_response(s.ReviewItemSerializer(page, many=True).data)


class ReviewItemViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ActionPermission]
    required_perms = {"retrieve": ["clearance.view_closurereview"], "mark": ["clearance.change_closurereviewitem"]}
    serializer_class = s.ReviewItemSerializer

    def get_queryset(self):
        return selectors.review_items_visible_to(self.request.user)

    @extend_schema(request=s.ReviewMarkInputSerializer, responses={200: s.ReviewItemSerializer})
    @action(detail=True, methods=["post"])
    def mark(self, request, pk=None):
        data = _input(request, s.ReviewMarkInputSerializer)
        item = review_services.review_mark(item=self.get_object(), actor=request.user, **data)
        return Response(s.ReviewItemSerializer(item).data)


BOARD_PARAMS = [OpenApiParameter("date_from", str, description="campaign start (YYYY-MM-DD)"),
                OpenApiParameter("date_to", str, description="the day looked at (default today)"),
                OpenApiParameter("court", int, many=True), OpenApiParameter("judge", int),
                OpenApiParameter("township", int)]


def _board_filter(request):
    if not request.user.has_perm("cases.view_statistics"):
        raise PermissionDenied
    f, form = parse_filter(request.user, request.query_params)
    if f is None:
        from rest_framework.exceptions import ValidationError

        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return f


class BoardView(APIView):
    """The campaign board (终本清仓): stock at the start date, resumed, concluded after resumption, money recovered,
    remaining — in total, by judge and by township, with the weekly burn-down; each figure's `url` lists its cases."""

    permission_classes = [ActionPermission]

    @extend_schema(parameters=BOARD_PARAMS, responses={200: OpenApiResponse(description="figures")})
    def get(self, request):
        f = _board_filter(request)
        data = board_view.board(f, api=True)
        data.pop("totals")
        data["date_from"], data["date_to"] = f.date_from.isoformat(), f.date_to.isoformat()
        return Response(data)


class BoardCasesView(APIView):
    """The cases behind one figure of the board (paginated; for a count, `count` is the figure)."""

    permission_classes = [ActionPermission]

    @extend_schema(parameters=[*BOARD_PARAMS, OpenApiParameter("name", str, OpenApiParameter.PATH,
                                                                enum=metrics.NAMES)],
                   responses=paginated("PaginatedBoardCaseList", EnforcementCaseSerializer(many=True)))
    def get(self, request, name):
        if name not in metrics.FIGURES:
            raise Http404
        f = _board_filter(request)
        queryset = enforcement_list(metrics.cases_behind(name, f))
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(
            EnforcementCaseSerializer(page, many=True, context={"request": request}).data)


