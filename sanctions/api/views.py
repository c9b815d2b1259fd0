"""API of the sanctions app: thin viewsets over selectors (reads, tenancy) and services (writes).

Reads need a login (tenancy then limits the rows: another court's object answers 404); writes need the model
permission named in `required_perms` (403 otherwise). Commands go input serializer → service → output serializer.
"""
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from wanian_exec.api import ActionPermission, court_for_write

from .. import selectors, services
from ..choices import RosterKind
from ..exports import XLSX, roster_filename, roster_workbook
from ..filtersets import (AbilityEvidenceFilter, ProsecutionFilter, RosterEntryFilter, SanctionFilter,
                          TravelRecordFilter, ViolationFilter)
from ..travel import already_imported_message, travel_import_submit
from . import serializers as s

APPROVE = ["sanctions.approve_sanction"]
HANDLE = ["sanctions.change_sanction"]


def _command(request, input_class, service, output_class, *, status_code=status.HTTP_200_OK, **kwargs):
    data = input_class(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    result = service(actor=request.user, **kwargs, **data.validated_data)
    return Response(output_class(result, context={"request": request}).data, status=status_code)


class SanctionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """Coercive measures: `POST` proposes (a judge); `approve`/`reject` (a leader) decide; nothing takes effect
    unapproved. Statutory limits answer 400 on the field; the coercion-needs-urging rule answers
    `{"code": "urging_required"}`."""

    serializer_class = s.SanctionSerializer
    permission_classes = [ActionPermission]
    required_perms = {"create": ["sanctions.add_sanction"], "approve": APPROVE, "reject": APPROVE, "extend": APPROVE,
                      "end": HANDLE, "questioning": HANDLE, "custody": HANDLE, "family_notice": HANDLE,
                      "reconsider": ["sanctions.add_reconsideration"]}
    filterset_class = SanctionFilter

    def get_queryset(self):
        return selectors.sanctions_visible_to(self.request.user).prefetch_related("bound_persons")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["bound_persons"] = [dict(p) for p in data.get("bound_persons", [])]
        serializer.instance = services.sanction_propose(actor=self.request.user, **data)

    def _run(self, request, input_class, service, **extra):
        sanction = self.get_object()  # another court's sanction answers 404 whatever the body
        return _command(request, input_class, service, s.SanctionSerializer, sanction=sanction, **extra)

    @extend_schema(request=s.ApproveInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        sanction = self.get_object()
        data = s.ApproveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sanction = services.sanction_approve(sanction=sanction, actor=request.user,
                                             on=data.validated_data.get("approved_on"))
        return Response(s.SanctionSerializer(sanction, context={"request": request}).data)

    @extend_schema(request=s.RejectInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._run(request, s.RejectInputSerializer, services.sanction_reject)

    @extend_schema(request=s.EndInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        return self._run(request, s.EndInputSerializer, services.sanction_end)

    @extend_schema(request=s.QuestioningInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def questioning(self, request, pk=None):
        """拘传: record the questioning (≤ 8 hours; ≤ 24 where detention may follow)."""
        return self._run(request, s.QuestioningInputSerializer, services.summons_record_questioning)

    @extend_schema(request=s.CustodyInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def custody(self, request, pk=None):
        """拘留: the detainee handed to custody; the family must be told within 24 hours."""
        return self._run(request, s.CustodyInputSerializer, services.detention_record_custody)

    @extend_schema(request=s.FamilyNoticeInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"], url_path="family-notice")
    def family_notice(self, request, pk=None):
        return self._run(request, s.FamilyNoticeInputSerializer, services.detention_record_family_notice)

    @extend_schema(request=s.ExtendInputSerializer, responses=s.SanctionSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """失信: extend the 2-year term by 1–3 years (a leader)."""
        return self._run(request, s.ExtendInputSerializer, services.dishonest_extend)

    @extend_schema(request=s.ReconsiderationApplySerializer, responses={201: s.ReconsiderationSerializer})
    @action(detail=True, methods=["post"])
    def reconsider(self, request, pk=None):
        """复议: applied for within 3 days of the decision; the measure is not suspended."""
        return _command(request, s.ReconsiderationApplySerializer, services.reconsideration_apply,
                        s.ReconsiderationSerializer, status_code=status.HTTP_201_CREATED, sanction=self.get_object())


class ReconsiderationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ReconsiderationSerializer
    permission_classes = [ActionPermission]
    required_perms = {"decide": ["sanctions.change_reconsideration"]}
    filterset_fields = ["sanction", "outcome"]

    def get_queryset(self):
        return selectors.reconsiderations_visible_to(self.request.user)

    @extend_schema(request=s.ReconsiderationDecideSerializer, responses=s.ReconsiderationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return _command(request, s.ReconsiderationDecideSerializer, services.reconsideration_decide,
                        s.ReconsiderationSerializer, reconsideration=self.get_object())


class RosterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """`GET /rosters/?kind=police_search|summons|detention_criminal`: the entries on the roster now (pending and
    confirmed; `status=` for others, `status=all` for every entry), each with its reasons in Chinese."""

    serializer_class = s.RosterEntrySerializer
    permission_classes = [ActionPermission]
    change = ["sanctions.change_rosterentry"]
    required_perms = {"confirm": change, "dismiss": change, "close": change, "export": None}
    filterset_class = RosterEntryFilter

    def get_queryset(self):
        return selectors.roster_entries_visible_to(self.request.user).order_by("kind", "status", "-entered_on", "pk")

    @extend_schema(request=s.RosterDecisionSerializer, responses=s.RosterEntrySerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return _command(request, s.RosterDecisionSerializer, services.roster_confirm, s.RosterEntrySerializer,
                        entry=self.get_object())

    @extend_schema(request=s.RosterDismissSerializer, responses=s.RosterEntrySerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return _command(request, s.RosterDismissSerializer, services.roster_dismiss, s.RosterEntrySerializer,
                        entry=self.get_object())

    @extend_schema(request=s.RosterDecisionSerializer, responses=s.RosterEntrySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return _command(request, s.RosterDecisionSerializer, services.roster_close, s.RosterEntrySerializer,
                        entry=self.get_object())

    @extend_schema(responses={(200, XLSX): bytes},
                   parameters=[OpenApiParameter("kind", str, enum=RosterKind.values, required=True)])
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The roster (same filters as the list) as an .xlsx file."""
        kind = request.query_params.get("kind")
        if kind not in RosterKind.values:
            raise ValidationError({"kind": [_("请选择名册：%(kinds)s。") % {"kinds": "、".join(RosterKind.values)}]})
        entries = self.filter_queryset(self.get_queryset())
        response = HttpResponse(roster_workbook(kind, entries, court=request.user.court), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, roster_filename(kind))
        return response


class ViolationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Travel in breach of a restriction in force: the record and the order breached (the evidence)."""

    serializer_class = s.ViolationSerializer
    permission_classes = [ActionPermission]
    filterset_class = ViolationFilter

    def get_queryset(self):
        return selectors.violations_visible_to(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "mask_identity": self.action == "list"}


IMPORT_RESULT = inline_serializer("TravelImportResult", {
    "imported": serializers.IntegerField(), "violations": serializers.IntegerField(),
    "rejected": serializers.ListField(child=serializers.DictField()), "rejected_count": serializers.IntegerField(),
    "repeated": serializers.IntegerField(help_text="valid rows whose journey was already recorded or repeated"),
    "batch": serializers.IntegerField(allow_null=True), "seconds": serializers.FloatField()})


class TravelRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.TravelRecordSerializer
    permission_classes = [ActionPermission]
    required_perms = {"import_file": ["sanctions.add_travelrecord"]}
    filterset_class = TravelRecordFilter

    def get_queryset(self):
        return selectors.travel_records_visible_to(self.request.user).order_by("-batch_id", "row")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "mask_identity": self.action == "list"}

    @extend_schema(request={"multipart/form-data": s.TravelImportInputSerializer},
                   responses={201: IMPORT_RESULT,
                              202: OpenApiResponse(s.TravelImportSerializer, description=(
                                  "a big file, stored and imported by a job: the import with its status and "
                                  "progress; follow it at /api/v1/travel-imports/{batch}/")),
                              400: OpenApiResponse(OpenApiTypes.OBJECT, description=(
                                  "rows rejected (the shape of 201, with detail and code) or a field error")),
                              409: OpenApiResponse(OpenApiTypes.OBJECT, description=(
                                  "the court has imported this very file before: nothing written; detail, "
                                  "code already_imported, batch (the earlier import) and imported_at"))})
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_file(self, request):
        """CSV (UTF-8) or .xlsx with header `id_number,name,mode,travelled_on,route,seat_class`. All or nothing:
        one bad row → nothing imported, 400 with every bad row listed (`row` is the file's row, header = 1).
        A journey already recorded (or repeated in the file) is recorded once (`repeated` counts the rows skipped);
        the same file again → 409 naming the earlier import. A big file is imported by a job: 202 with the import
        (`batch`, `status`, `progress`), then GET /api/v1/travel-imports/{batch}/ until `status` is done or failed."""
        data = s.TravelImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        result = travel_import_submit(court=court_for_write(request), actor=request.user, upload=upload,
                                      filename=upload.name)
        if result.already is not None:
            return Response({"detail": already_imported_message(result.already), "code": "already_imported",
                             "batch": result.already.pk, "imported_at": result.already.created_at,
                             "imported": 0, "rejected": [], "violations": 0}, status=status.HTTP_409_CONFLICT)
        if result.queued:
            body = s.TravelImportSerializer(result.batch, context=self.get_serializer_context()).data
            return Response({**body, "batch": result.batch.pk}, status=status.HTTP_202_ACCEPTED)
        body = {"imported": result.imported, "rejected": result.rejected, "rejected_count": result.rejected_count,
                "repeated": result.repeated, "violations": result.violations,
                "batch": result.batch.pk if result.batch else None, "seconds": round(result.seconds, 2)}
        if not result.ok:
            n = result.rejected_count  # the import page's own words (templates/sanctions/travel_import.html)
            body.update(detail=ngettext("%(n)s行有误，整个文件未导入", "%(n)s行有误，整个文件未导入", n) % {"n": n},
                        code="rows_rejected")
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_201_CREATED)


class TravelImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The court's travel imports: a big file's job — its status, the rows read so far, and why it was refused."""

    serializer_class = s.TravelImportSerializer
    permission_classes = [ActionPermission]

    def get_queryset(self):
        return selectors.travel_imports_visible_to(self.request.user)


class AbilityEvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                             viewsets.GenericViewSet):
    serializer_class = s.AbilityEvidenceSerializer
    permission_classes = [ActionPermission]
    required_perms = {"create": ["sanctions.add_abilityevidence"]}
    filterset_class = AbilityEvidenceFilter

    def get_queryset(self):
        return selectors.evidence_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.evidence_record(actor=self.request.user, **serializer.validated_data)


class ProsecutionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The referral tracker: criminal referrals and private prosecutions, their deadlines and outcomes."""

    serializer_class = s.ProsecutionSerializer
    permission_classes = [ActionPermission]
    change = ["sanctions.change_prosecution"]
    required_perms = {"send": change, "police_decision": change, "progress": change, "settle": change,
                      "payment": change, "evidence": change}
    filterset_class = ProsecutionFilter

    def get_queryset(self):
        return selectors.prosecutions_visible_to(self.request.user).prefetch_related("evidence")

    def _run(self, request, input_class, service):
        return _command(request, input_class, service, s.ProsecutionSerializer, prosecution=self.get_object())

    @extend_schema(request=s.SendInputSerializer, responses=s.ProsecutionSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._run(request, s.SendInputSerializer, services.prosecution_send)

    @extend_schema(request=s.PoliceDecisionInputSerializer, responses=s.ProsecutionSerializer)
    @action(detail=True, methods=["post"], url_path="police-decision")
    def police_decision(self, request, pk=None):
        return self._run(request, s.PoliceDecisionInputSerializer, services.prosecution_police_decision)

    @extend_schema(request=s.ProgressInputSerializer, responses=s.ProsecutionSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self._run(request, s.ProgressInputSerializer, services.prosecution_progress)

    @extend_schema(request=s.SettleInputSerializer, responses=s.ProsecutionSerializer)
    @action(detail=True, methods=["post"])
    def settle(self, request, pk=None):
        return self._run(request, s.SettleInputSerializer, services.prosecution_settle)

    @extend_schema(request=s.PaymentInputSerializer, responses={201: s.ProsecutionSerializer})
    @action(detail=True, methods=["post"])
    def payment(self, request, pk=None):
        prosecution = self.get_object()
        data = s.PaymentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.prosecution_payment(prosecution=prosecution, actor=request.user, **data.validated_data)
        prosecution.refresh_from_db()
        return Response(s.ProsecutionSerializer(prosecution).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EvidenceLineInputSerializer, responses={201: s.ProsecutionSerializer})
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        prosecution = self.get_object()
        data = s.EvidenceLineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.prosecution_add_evidence(prosecution=prosecution, actor=request.user, **data.validated_data)
        return Response(s.ProsecutionSerializer(self.get_object()).data, status=status.HTTP_201_CREATED)
