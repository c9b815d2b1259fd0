"""API of the pushes app: thin viewsets over selectors (reads) and services (writes).

Reads need the listed view permission (judges, leaders, court admins — a clerk gets 403); tenancy then limits
the rows, so another court's batch, recipient or feedback is 404. The recipient portal (no court account) is in
pushes/portal.py.
"""
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api.serializers import EnforcementCaseSerializer
from wanian_exec.api import ActionPermission, Pagination, court_for_write, paginated
from wanian_exec.filtersets import parse_id
from wanian_exec.uploads import safe_file_response

from .. import metrics, selectors, services
from ..choices import Channel
from ..export import batch_workbook, export_filename
from ..filtersets import PushBatchFilter, PushFeedbackFilter, PushItemFilter
from . import serializers as s

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VIEW_BATCH = ["pushes.view_pushbatch"]


class PushScopedViewSet(viewsets.GenericViewSet):
    permission_classes = [ActionPermission]
    required_perms: dict = {}


class PushRecipientViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                           mixins.UpdateModelMixin, PushScopedViewSet):
    serializer_class = s.PushRecipientSerializer
    required_perms = {"list": ["pushes.view_pushrecipient"], "retrieve": ["pushes.view_pushrecipient"],
                      "create": ["pushes.add_pushrecipient"], "update": ["pushes.change_pushrecipient"],
                      "partial_update": ["pushes.change_pushrecipient"]}
    filterset_fields = ["channel", "is_active", "township", "grid"]

    def get_queryset(self):
        return selectors.recipients_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.recipient_create(court=court_for_write(self.request),
                                                        actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.recipient_update(recipient=serializer.instance, actor=self.request.user,
                                                        **serializer.validated_data)


class PushRuleSetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                         PushScopedViewSet):
    """Versions of the court's push rules, newest first; POST publishes a new version (court admin)."""

    serializer_class = s.PushRuleSetSerializer
    required_perms = {"list": ["pushes.view_pushruleset"], "retrieve": ["pushes.view_pushruleset"],
                      "current": ["pushes.view_pushruleset"], "create": ["pushes.add_pushruleset"]}

    def get_queryset(self):
        return selectors.rule_sets_visible_to(self.request.user).order_by("-version", "-pk")

    def perform_create(self, serializer):
        serializer.instance = services.rule_set_publish(court=court_for_write(self.request),
                                                        actor=self.request.user, **serializer.validated_data)

    @extend_schema(responses=s.PushRuleSetSerializer)
    @action(detail=False, methods=["get"])
    def current(self, request):
        if request.user.court_id is None:
            raise Http404
        return Response(self.get_serializer(services.rule_set_for(court=request.user.court)).data)


class PushRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PushScopedViewSet):
    serializer_class = s.PushRunSerializer
    required_perms = {"list": ["pushes.view_pushrun"], "retrieve": ["pushes.view_pushrun"],
                      "create": ["pushes.add_pushrun"], "preview": ["pushes.add_pushrun"]}
    filterset_fields = ["week", "status"]

    def get_queryset(self):
        return selectors.runs_visible_to(self.request.user)

    @extend_schema(request=s.PushRunInputSerializer, responses={201: s.PushRunSerializer})
    def create(self, request):
        """Run an ISO week now: `{"week": "2024-W23"}` → `{id, week, batches, items}`. Running a week again
        adds no duplicate item (and answers 201 again with the same run)."""
        data = s.PushRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.push_week_run(court=court_for_write(request), week=data.validated_data.get("week"),
                                     actor=request.user, trigger="api")
        return Response(s.PushRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("week", str)], responses={200: dict})
    @action(detail=False, methods=["get"])
    def preview(self, request):
        """What running the week would push, without writing: items per channel and recipient."""
        if request.user.court_id is None:
            raise ValidationError({"court": [_("系统管理员须在法院账号下预览。")]})
        data = s.PushRunInputSerializer(data=request.query_params)  # the same bound as a run → 400 on `week`
        data.is_valid(raise_exception=True)
        preview = services.push_week_preview(court=request.user.court, week=data.validated_data.get("week"))
        return Response({
            "week": preview["week"], "rule_version": preview["rule_set"].version, "items": preview["items"],
            "channels": [{"channel": c["channel"], "items": c["items"],
                          "recipients": [{"recipient": r["recipient"].pk, "name": r["recipient"].name,
                                          "items": r["items"], "cases": r["cases"]} for r in c["recipients"]],
                          "samples": [{"case": x["case_id"], "party": x["party_id"], "reasons": x["reasons"]}
                                      for x in c["samples"]]}
                         for c in preview["channels"]],
        })


class PushBatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PushScopedViewSet):
    """`GET /push-batches/?week=&channel=&recipient=`: each batch with its items and its portal link."""

    serializer_class = s.PushBatchSerializer
    filterset_class = PushBatchFilter
    required_perms = {"list": VIEW_BATCH, "retrieve": VIEW_BATCH, "export": VIEW_BATCH,
                      "reissue_link": ["pushes.change_pushbatch"]}

    def get_queryset(self):
        return selectors.batches_visible_to(self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.attach_items(list(page))

    def get_object(self):
        return selectors.attach_items([super().get_object()])[0]

    @extend_schema(responses={(200, XLSX): bytes})
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        batch = self.get_object()
        response = HttpResponse(batch_workbook(batch), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, export_filename(batch))
        return response

    @extend_schema(request=None, responses=s.PushBatchSerializer)
    @action(detail=True, methods=["post"], url_path="reissue-link")
    def reissue_link(self, request, pk=None):
        """A new portal link valid for another 30 days; the old one stops working."""
        batch = services.batch_reissue_link(batch=self.get_object(), actor=request.user)
        batch = selectors.attach_items([selectors.batches_visible_to(request.user).get(pk=batch.pk)])[0]
        return Response(self.get_serializer(batch).data)


class PushItemViewSet(mixins.ListModelMixin, PushScopedViewSet):
    """Pushed items, paginated: `?batch=` for a long list, `?case=` for a case's push history."""

    serializer_class = s.PushItemSerializer
    filterset_class = PushItemFilter
    required_perms = {"list": VIEW_BATCH}

    def get_queryset(self):
        return selectors.items_visible_to(self.request.user)


class PushFeedbackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PushScopedViewSet):
    """Feedback as the enforcement judge sees it (`?case=`, `?pending=true`); the judge reviews it."""

    serializer_class = s.PushFeedbackSerializer
    filterset_class = PushFeedbackFilter
    required_perms = {"list": ["pushes.view_pushfeedback"], "retrieve": ["pushes.view_pushfeedback"],
                      "review": ["pushes.change_pushfeedback"]}

    def get_queryset(self):
        return selectors.feedback_visible_to(self.request.user)

    @extend_schema(request=s.FeedbackReviewInputSerializer, responses=s.PushFeedbackSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = s.FeedbackReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_review(feedback=self.get_object(), actor=request.user,
                                            **data.validated_data)
        feedback = self.get_queryset().get(pk=feedback.pk)
        return Response(self.get_serializer(feedback).data)


class FeedbackPhotoView(APIView):
    """The photo of a feedback, for court staff of that court only (never a public media URL)."""

    permission_classes = [ActionPermission]
    required_perms = {"get": ["pushes.view_pushfeedback"]}

    @extend_schema(responses={(200, "image/*"): bytes})
    def get(self, request, pk):
        feedback = selectors.feedback_visible_to(request.user).filter(pk=pk).first()
        if feedback is None or not feedback.photo:
            raise Http404
        return safe_file_response(feedback.photo)


SCOPE_PARAMS = [OpenApiParameter("channel", str, enum=Channel.values), OpenApiParameter("recipient", int),
                OpenApiParameter("week_from", str), OpenApiParameter("week_to", str)]


def _scope(request) -> dict:
    params = request.query_params
    scope = {k: params.get(k) or None for k in ("channel", "week_from", "week_to")}
    recipient = params.get("recipient")
    scope["recipient"] = parse_id(recipient)
    if recipient and scope["recipient"] is None:  # not an id: a word, a fraction, wider than any id column
        raise ValidationError({"recipient": [_("推送对象无效。")]})
    return scope


class PushStatsView(APIView):
    """Follow-through per channel and per recipient: cases pushed, concluded after the first push, feedback
    received, effective feedback — with the totals as numerator/denominator (see pushes/metrics.py)."""

    permission_classes = [ActionPermission]
    required_perms = {"get": VIEW_BATCH}

    @extend_schema(parameters=SCOPE_PARAMS, responses={200: dict})
    def get(self, request):
        scope = _scope(request)
        weeks = {"week_from": scope["week_from"], "week_to": scope["week_to"]}
        recipients = dict(selectors.recipients_visible_to(request.user).values_list("pk", "name"))
        return Response({
            "metrics": s.RatioSerializer(metrics.follow_through(request.user, **scope), many=True).data,
            "by_channel": [{**row, "label": str(Channel(row["key"]).label)}
                           for row in metrics.follow_through_table(request.user, by="channel", **weeks)],
            "by_recipient": [{**row, "label": recipients.get(row["key"], "")}
                             for row in metrics.follow_through_table(request.user, by="recipient", **weeks)],
        })


class PushStatsCasesView(APIView):
    """Drill-down: the cases behind a metric's numerator (`part=numerator`, default) or denominator."""

    permission_classes = [ActionPermission]
    required_perms = {"get": VIEW_BATCH}

    @extend_schema(parameters=[OpenApiParameter("metric", str, enum=list(metrics.METRICS), required=True),
                               OpenApiParameter("part", str, enum=["numerator", "denominator"]), *SCOPE_PARAMS],
                   responses=paginated("PaginatedPushStatsCaseList", EnforcementCaseSerializer(many=True)))
    def get(self, request):
        function = metrics.METRIC_FUNCTIONS.get(request.query_params.get("metric", ""))
        if function is None:
            raise ValidationError({"metric": [_("未知的统计指标。")]})
        ratio = function(request.user, **_scope(request))
        cases = ratio.denominator_cases if request.query_params.get("part") == "denominator" else \
            ratio.numerator_cases
        cases = cases.select_related("court", "judge", "source_case", "resumed_from").prefetch_related(
            "applicants", "respondents")
        paginator = Pagination()
        page = paginator.paginate_queryset(cases, request, view=self)
        return paginator.get_paginated_response(
            EnforcementCaseSerializer(page, many=True, context={"request": request}).data)
