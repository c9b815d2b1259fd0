"""API of an enforcement case's online and offline work (线上与线下同步): inquiry result files, field
investigations, the contact log with parties, node limits and payouts, putting the case in or out of the fast track.

Reads need a login; tenancy makes another court's object a 404. Writes need `cases.handle_enforcementcase`.
"""
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from .. import selectors
from ..filtersets import ContactFilter
from ..services import case_work, fast_track, inquiry_import
from ..services.common import court_today
from . import serializers as s
from .views import CourtScopedViewSet, _command

HANDLE = ["cases.handle_enforcementcase"]


class EnforcementSyncViewSet(CourtScopedViewSet):
    """Inquiry result files, field investigations, the contact log, node limits and the fast track of a case."""

    required_perms = {"inquiry_imports": HANDLE, "field_investigations": HANDLE, "contacts": HANDLE,
                      "fast_track": HANDLE, "nodes": None}
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.enforcement_cases_visible_to(self.request.user)

    @extend_schema(request={"multipart/form-data": s.InquiryImportInputSerializer},
                   responses={201: s.AssetInquirySerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="inquiry-imports")
    def inquiry_imports(self, request, pk=None):
        """Import a result file, all or nothing; a bad row → 400 `{"code": "import_rejected", "rows": [...]}`."""
        case = self.get_object()
        data = s.InquiryImportInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["parties"] = list(values.get("parties") or []) or None
        result = inquiry_import.inquiry_import(case=case, actor=request.user, **values)
        return Response(s.AssetInquirySerializer(result, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.FieldInvestigationInputSerializer, responses={201: s.AssetInquirySerializer})
    @action(detail=True, methods=["post"], url_path="field-investigations")
    def field_investigations(self, request, pk=None):
        return _command(request, s.FieldInvestigationInputSerializer, inquiry_import.field_investigation_record,
                        s.AssetInquirySerializer, case=self.get_object())

    @extend_schema(request=s.ContactSerializer, responses={201: s.ContactSerializer})
    @action(detail=True, methods=["post"])
    def contacts(self, request, pk=None):
        """线上联系: a mobile micro-court message, call, SMS or video talk with a party (also on the timeline)."""
        return _command(request, s.ContactSerializer, case_work.contact_record, s.ContactSerializer,
                        case=self.get_object())

    @extend_schema(request=s.FastTrackInputSerializer, responses={200: s.EnforcementCaseSerializer})
    @action(detail=True, methods=["post"], url_path="fast-track")
    def fast_track(self, request, pk=None):
        """“人工”: put the case into the fast track, or take it out (with a reason)."""
        return _command(request, s.FastTrackInputSerializer, fast_track.fast_track_set, s.EnforcementCaseSerializer,
                        status_code=status.HTTP_200_OK, case=self.get_object())

    @extend_schema(responses=s.NodesSerializer)
    @action(detail=True, methods=["get"])
    def nodes(self, request, pk=None):
        """Node limits (notice and report order in 3 days, leads in 7 / 3) and payouts (30 days), with state."""
        case, today = self.get_object(), court_today()
        payouts = [vars(r) for r in selectors.payout_states_for(case, today=today)]
        return Response(s.NodesSerializer({"case": case.pk, "on": today,
                                            "nodes": selectors.node_limits(case, today=today),
                                            "payouts": payouts}).data)


class ContactViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CourtScopedViewSet):
    serializer_class = s.ContactSerializer
    filterset_class = ContactFilter

    def get_queryset(self):
        return selectors.contacts_visible_to(self.request.user).order_by("-occurred_on", "-pk")
