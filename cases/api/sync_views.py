"""API of the four synchronizations (四同步, issue 3): thin viewsets over selectors (reads) and services (writes).

Reads need a login; tenancy (cases.selectors.restrict_to_user) makes another court's object a 404. Writes need
the model permission in `required_perms` (403 otherwise). Commands: input serializer → service → output.
"""
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from wanian_exec.api import ActionPermission, court_for_write
from wanian_exec.filtersets import FilterSet

from .. import selectors
from ..choices import CaseStatus, EnforcementType, InstalmentStatus
from ..models import AuctionRound, Contact, EnforcementCase, LitigationCase, Preservation, Urging
from ..services import assets as asset_services
from ..services import case_work, fast_track, inquiry_import, litigation, preservation
from ..services.common import court_today
from . import serializers as s
from . import sync_serializers as ss
from .views import _command

CHANGE_LITIGATION = ["cases.change_litigationcase"]
HANDLE = ["cases.handle_enforcementcase"]


class SyncViewSet(viewsets.GenericViewSet):
    permission_classes = [ActionPermission]
    required_perms: dict = {}


# --- 1. filing + preservation ------------------------------------------------------------------------------


class PreservationFilter(FilterSet):
    case = filters.NumberFilter(field_name="case")
    kind = filters.CharFilter(field_name="kind")
    pending_suit = filters.BooleanFilter(field_name="case", lookup_expr="isnull",
                                         label=gettext_lazy("诉前保全尚未起诉"))

    class Meta:
        model = Preservation
        fields = ["case", "kind", "pending_suit"]


class PreservationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SyncViewSet):
    """Preservation applications of the court (诉前 and 诉讼保全), with their 48-hour and 30-day flags.

    `POST /preservations/` records a pre-suit application made before any suit; an application in a suit is
    `POST /litigation-cases/{id}/preservations/`."""

    serializer_class = s.PreservationSerializer
    filterset_class = PreservationFilter
    required_perms = {"create": CHANGE_LITIGATION, "ruling": CHANGE_LITIGATION, "assets": CHANGE_LITIGATION,
                      "release": CHANGE_LITIGATION, "link": CHANGE_LITIGATION}

    def get_queryset(self):
        return selectors.preservations_visible_to(self.request.user).order_by("-applied_on", "-pk")

    @extend_schema(request=ss.PreSuitPreservationInputSerializer, responses={201: s.PreservationSerializer})
    def create(self, request):
        court = court_for_write(request)
        return _command(request, ss.PreSuitPreservationInputSerializer, litigation.preservation_add,
                        s.PreservationSerializer, case=None, court=court)

    @extend_schema(request=ss.RulingInputSerializer, responses={200: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def ruling(self, request, pk=None):
        return _command(request, ss.RulingInputSerializer, preservation.preservation_rule, s.PreservationSerializer,
                        status_code=status.HTTP_200_OK, preservation=self.get_object())

    @extend_schema(request=ss.PreservedAssetInputSerializer, responses={201: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def assets(self, request, pk=None):
        return _command(request, ss.PreservedAssetInputSerializer, preservation.preservation_add_asset,
                        s.AssetSerializer, preservation=self.get_object())

    @extend_schema(request=ss.ReleaseInputSerializer, responses={200: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        return _command(request, ss.ReleaseInputSerializer, preservation.preservation_release,
                        s.PreservationSerializer, status_code=status.HTTP_200_OK, preservation=self.get_object())

    @extend_schema(request=ss.LinkSuitInputSerializer, responses={200: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        return _command(request, ss.LinkSuitInputSerializer, preservation.preservation_link_suit,
                        s.PreservationSerializer, status_code=status.HTTP_200_OK, preservation=self.get_object())


# --- 2. mediation + execution ------------------------------------------------------------------------------


def plan_data(case: LitigationCase, *, today) -> dict:
    states = selectors.instalment_states(case, today=today)
    outcome = case.outcome if states else None
    return {
        "case": case.pk, "case_number": case.number, "outcome_kind": outcome.kind if outcome else "",
        "total": sum((st.amount for _o, st in states), start=0),
        "paid": sum((st.paid for _o, st in states), start=0),
        "defaulted": any(st.status == InstalmentStatus.DEFAULTED for _o, st in states),
        "enforcement_cases": list(case.enforcement_cases.values_list("pk", flat=True)),
        "apply_url": f"{reverse('case-new')}?source_case={case.pk}",
        "instalments": [{"id": o.pk, "number": n, "due_on": st.due_on, "amount": st.amount, "paid": st.paid,
                         "outstanding": st.outstanding, "settled_on": st.settled_on, "days_late": st.days_late,
                         "status": st.status, "status_display": str(InstalmentStatus(st.status).label)}
                        for n, (o, st) in enumerate(states, start=1)],
    }


class LitigationSyncViewSet(SyncViewSet):
    """Per-instalment performance of a litigation case, and the answer to the preservation prompt."""

    required_perms = {"plan": None, "preservation_answer": CHANGE_LITIGATION}

    def get_queryset(self):
        return selectors.litigation_cases_with_performance(self.request.user)

    @extend_schema(responses=ss.PlanSerializer)
    @action(detail=True, methods=["get"])
    def plan(self, request, pk=None):
        """Each instalment: paid on time / paid late / defaulted / pending, payments allocated in due order."""
        return Response(ss.PlanSerializer(plan_data(self.get_object(), today=court_today())).data)

    @extend_schema(request=ss.PreservationAnswerInputSerializer, responses={200: s.LitigationCaseSerializer})
    @action(detail=True, methods=["post"], url_path="preservation-answer")
    def preservation_answer(self, request, pk=None):
        """立案与保全同步: whether the rights holder was guided, and whether they apply (the rate's parts)."""
        return _command(request, ss.PreservationAnswerInputSerializer, litigation.litigation_preservation_answer,
                        s.LitigationCaseSerializer, status_code=status.HTTP_200_OK, case=self.get_object())


class UrgingFilter(FilterSet):
    litigation_case = filters.NumberFilter()
    enforcement_case = filters.NumberFilter()
    party = filters.NumberFilter()
    channel = filters.CharFilter()

    class Meta:
        model = Urging
        fields = ["litigation_case", "enforcement_case", "party", "channel"]


class UrgingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SyncViewSet):
    """Urging records (督促履行) of the court, before and during enforcement."""

    serializer_class = s.UrgingSerializer
    filterset_class = UrgingFilter

    def get_queryset(self):
        return selectors.urgings_visible_to(self.request.user).order_by("-occurred_on", "-pk")


# --- 4. online + offline -----------------------------------------------------------------------------------


class EnforcementSyncViewSet(SyncViewSet):
    """Inquiry result files, field investigations, the contact log, node limits and the fast track of a case."""

    required_perms = {"inquiry_imports": HANDLE, "field_investigations": HANDLE, "contacts": HANDLE,
                      "fast_track": HANDLE, "nodes": None}
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.enforcement_cases_visible_to(self.request.user)

    @extend_schema(request={"multipart/form-data": ss.InquiryImportInputSerializer},
                   responses={201: s.AssetInquirySerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="inquiry-imports")
    def inquiry_imports(self, request, pk=None):
        """Import a result file, all or nothing; a bad row → 400 `{"code": "import_rejected", "rows": [...]}`."""
        case = self.get_object()
        data = ss.InquiryImportInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["parties"] = list(values.get("parties") or []) or None
        result = inquiry_import.inquiry_import(case=case, actor=request.user, **values)
        return Response(s.AssetInquirySerializer(result, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ss.FieldInvestigationInputSerializer, responses={201: s.AssetInquirySerializer})
    @action(detail=True, methods=["post"], url_path="field-investigations")
    def field_investigations(self, request, pk=None):
        return _command(request, ss.FieldInvestigationInputSerializer, inquiry_import.field_investigation_record,
                        s.AssetInquirySerializer, case=self.get_object())

    @extend_schema(request=ss.ContactSerializer, responses={201: ss.ContactSerializer})
    @action(detail=True, methods=["post"])
    def contacts(self, request, pk=None):
        """线上联系: a mobile micro-court message, call, SMS or video talk with a party (also on the timeline)."""
        return _command(request, ss.ContactSerializer, case_work.contact_record, ss.ContactSerializer,
                        case=self.get_object())

    @extend_schema(request=ss.FastTrackInputSerializer, responses={200: s.EnforcementCaseSerializer})
    @action(detail=True, methods=["post"], url_path="fast-track")
    def fast_track(self, request, pk=None):
        """“人工”: put the case into the fast track, or take it out (with a reason)."""
        return _command(request, ss.FastTrackInputSerializer, fast_track.fast_track_set, s.EnforcementCaseSerializer,
                        status_code=status.HTTP_200_OK, case=self.get_object())

    @extend_schema(responses=ss.NodesSerializer)
    @action(detail=True, methods=["get"])
    def nodes(self, request, pk=None):
        """Node limits (notice and report order in 3 days, leads in 7 / 3) and payouts (30 days), with state."""
        case, today = self.get_object(), court_today()
        payouts = [vars(r) for r in selectors.payout_states_for(case, today=today)]
        return Response(ss.NodesSerializer({"case": case.pk, "on": today,
                                            "nodes": selectors.node_limits(case, today=today),
                                            "payouts": payouts}).data)


class AssetSyncViewSet(SyncViewSet):
    """The asset lifecycle: freeze/seize → renew → value → auction rounds → result → proceeds / deduct → release.

    An enforcement case's asset needs `handle_enforcementcase`; a preserved asset still outside one (renew,
    release) needs `change_litigationcase`."""

    required_perms = {name: [] for name in ("control", "renew", "valuation", "auction_rounds", "proceeds", "deduct",
                                            "release")}

    def get_queryset(self):
        return selectors.assets_visible_to(self.request.user)

    def _asset(self):
        asset = self.get_object()  # another court's asset: 404 before any permission is checked
        needed = HANDLE if asset.case_id else CHANGE_LITIGATION
        if not self.request.user.has_perms(needed):
            raise ApiPermissionDenied(_("您没有办理此事项的权限。"))
        return asset

    def _run(self, request, input_class, service, output_class=s.AssetSerializer, code=status.HTTP_200_OK):
        return _command(request, input_class, service, output_class, status_code=code, asset=self._asset())

    @extend_schema(request=ss.ControlInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def control(self, request, pk=None):
        """查封/扣押/冻结; the lapse date follows the kind (1/2/3 years)."""
        return self._run(request, ss.ControlInputSerializer, asset_services.asset_control)

    @extend_schema(request=ss.RenewInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        return self._run(request, ss.RenewInputSerializer, asset_services.asset_renew)

    @extend_schema(request=ss.ValuationInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def valuation(self, request, pk=None):
        return self._run(request, ss.ValuationInputSerializer, asset_services.asset_value)

    @extend_schema(request=ss.AuctionRoundSerializer, responses={201: ss.AuctionRoundSerializer})
    @action(detail=True, methods=["post"], url_path="auction-rounds")
    def auction_rounds(self, request, pk=None):
        """Announce a round: 15/30 days' notice (7/15 for a re-auction), ≥ 70% of valuation, ≤ 20% cut."""
        return self._run(request, ss.AuctionRoundSerializer, asset_services.auction_round_create,
                         ss.AuctionRoundSerializer, status.HTTP_201_CREATED)

    @extend_schema(request=ss.ProceedsInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def proceeds(self, request, pk=None):
        return self._run(request, ss.ProceedsInputSerializer, asset_services.asset_record_proceeds)

    @extend_schema(request=ss.DeductInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def deduct(self, request, pk=None):
        return self._run(request, ss.DeductInputSerializer, asset_services.asset_deduct)

    @extend_schema(request=ss.AssetReleaseInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        return self._run(request, ss.AssetReleaseInputSerializer, asset_services.asset_release)


class AuctionRoundFilter(FilterSet):
    asset = filters.NumberFilter()
    case = filters.NumberFilter(field_name="asset__case")
    result = filters.CharFilter()

    class Meta:
        model = AuctionRound
        fields = ["asset", "case", "result"]


class AuctionRoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SyncViewSet):
    serializer_class = ss.AuctionRoundSerializer
    filterset_class = AuctionRoundFilter
    required_perms = {"result": HANDLE}

    def get_queryset(self):
        return selectors.auction_rounds_visible_to(self.request.user).order_by("-announced_on", "-pk")

    @extend_schema(request=ss.AuctionResultInputSerializer, responses={200: ss.AuctionRoundSerializer})
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        """成交 / 流拍 / 撤回; with `proceeds_on` a sale's price goes into the fund ledger at once."""
        return _command(request, ss.AuctionResultInputSerializer, asset_services.auction_round_result,
                        ss.AuctionRoundSerializer, status_code=status.HTTP_200_OK, auction=self.get_object())


class ContactFilter(FilterSet):
    case = filters.NumberFilter()
    party = filters.NumberFilter()
    channel = filters.CharFilter()

    class Meta:
        model = Contact
        fields = ["case", "party", "channel"]


class ContactViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SyncViewSet):
    serializer_class = ss.ContactSerializer
    filterset_class = ContactFilter

    def get_queryset(self):
        return selectors.contacts_visible_to(self.request.user).order_by("-occurred_on", "-pk")


class FastTrackFilter(FilterSet):
    status = filters.ChoiceFilter(choices=CaseStatus.choices)
    filed_on_after = filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    filed_on_before = filters.DateFilter(field_name="filed_on", lookup_expr="lte")

    class Meta:
        model = EnforcementCase
        fields = ["status"]


class FastTrackViewSet(mixins.ListModelMixin, SyncViewSet):
    """The fast-track queue (“人工+智能”快速通道): open cases first, then the most recently routed."""

    serializer_class = s.EnforcementCaseSerializer
    filterset_class = FastTrackFilter

    def get_queryset(self):
        return selectors.fast_track_cases(self.request.user).order_by("status", "-fast_tracked_on", "-pk")

    @extend_schema(responses=ss.FastTrackSummarySerializer)
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """The queue's own average days (closed_on − filed_on over its closed cases), beside the court's 执 cases."""
        queue = self.filter_queryset(self.get_queryset())
        own = selectors.average_days(queue)
        court = selectors.average_days(self.filter_queryset(
            selectors.enforcement_cases_visible_to(request.user).filter(case_type=EnforcementType.FIRST)))
        return Response(ss.FastTrackSummarySerializer({
            "cases": queue.count(), "open_cases": queue.exclude(status=CaseStatus.CLOSED).count(),
            "closed_cases": own["closed_cases"], "total_days": own["total_days"], "average_days": own["average_days"],
            "court_closed_cases": court["closed_cases"], "court_average_days": court["average_days"],
        }).data)


class SyncSettingsView(APIView):
    """The court's settings of the four synchronizations (reminder windows, fast-track rules).

    `GET` for every user of the court; `PUT` for a court admin (`cases.change_syncsettings`)."""

    permission_classes = [ActionPermission]
    required_perms = {"get": [], "put": ["cases.change_syncsettings"]}

    def _court_id(self, request):
        if request.user.court_id:
            return request.user.court_id
        court = court_for_write(request, request.query_params if request.method == "GET" else None)
        return court.pk

    @extend_schema(responses=ss.SyncSettingsSerializer)
    def get(self, request):
        return Response(ss.SyncSettingsSerializer(selectors.sync_settings_for(self._court_id(request))).data)

    @extend_schema(request=ss.SyncSettingsSerializer, responses=ss.SyncSettingsSerializer)
    def put(self, request):
        from ..services.sync_settings import sync_settings_update

        data = ss.SyncSettingsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = sync_settings_update(court_id=self._court_id(request), actor=request.user, **data.validated_data)
        return Response(ss.SyncSettingsSerializer(row).data)
