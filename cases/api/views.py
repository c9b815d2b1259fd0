"""API of the cases app: thin viewsets over selectors (reads) and services (writes)."""
from django.contrib.auth import logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from wanian_exec import tokens
from wanian_exec.api import ActionPermission, court_for_write

from .. import selectors
from ..filtersets import AssetFilter, EnforcementCaseFilter, GridFilter, LitigationCaseFilter, PartyFilter
from ..models import Asset, Grid, Township, User
from ..services import case_work, enforcement, litigation, parties, todos, users
from . import serializers as s


class CourtScopedViewSet(viewsets.GenericViewSet):
    permission_classes = [ActionPermission]
    required_perms: dict = {}


class CourtViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CourtScopedViewSet):
    serializer_class = s.CourtSerializer

    def get_queryset(self):
        return selectors.courts_visible_to(self.request.user)


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CourtScopedViewSet):
    serializer_class = s.UserSerializer
    required_perms = {"list": ["cases.view_user"], "retrieve": ["cases.view_user"], "create": ["cases.add_user"]}

    def get_queryset(self):
        return selectors.restrict_to_user(
            User.objects.select_related("court").prefetch_related("groups"), self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if not self.request.user.is_superuser:
            data.setdefault("court", self.request.user.court)
        serializer.instance = users.user_create(actor=self.request.user, **data)


class MeView(APIView):
    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        return Response(s.MeSerializer(request.user).data)


class TownshipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      mixins.UpdateModelMixin, CourtScopedViewSet):
    serializer_class = s.TownshipSerializer
    required_perms = {"create": ["cases.add_township"], "update": ["cases.change_township"],
                      "partial_update": ["cases.change_township"]}
    filterset_fields = ["code"]

    def get_queryset(self):
        return selectors.restrict_to_user(Township.objects.all(), self.request.user)

    def perform_create(self, serializer):
        court = court_for_write(self.request)
        self._check_unique(court, serializer.validated_data)
        serializer.save(court=court)

    def perform_update(self, serializer):
        self._check_unique(serializer.instance.court, serializer.validated_data, exclude_pk=serializer.instance.pk)
        serializer.save()

    @staticmethod
    def _check_unique(court, data, exclude_pk=None):
        """Code and name are unique per court (model constraints); answer 400 on the field, not a 500."""
        others = Township.objects.filter(court=court).exclude(pk=exclude_pk)
        errors = {}
        if "code" in data and others.filter(code=data["code"]).exists():
            errors["code"] = [_("本院已有该乡镇代码。")]
        if "name" in data and others.filter(name=data["name"]).exists():
            errors["name"] = [_("本院已有该乡镇名称。")]
        if errors:
            raise ValidationError(errors)


class GridViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CourtScopedViewSet):
    serializer_class = s.GridSerializer
    required_perms = {"create": ["cases.add_grid"]}
    filterset_class = GridFilter

    def get_queryset(self):
        return selectors.restrict_to_user(Grid.objects.select_related("township"), self.request.user)


class PartyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                   mixins.UpdateModelMixin, CourtScopedViewSet):
    serializer_class = s.PartySerializer
    filterset_class = PartyFilter
    required_perms = {"create": ["cases.add_party"], "update": ["cases.change_party"],
                      "partial_update": ["cases.change_party"]}

    def get_queryset(self):
        return selectors.parties_visible_to(self.request.user)

    def get_serializer_context(self):
        # lists show identity numbers masked; a single party's record shows them whole, and only to the roles that
        # register and correct parties (clerks, judges: cases.change_party) — leaders and court admins see them masked
        whole = self.action != "list" and self.request.user.has_perm("cases.change_party")
        return {**super().get_serializer_context(), "mask_identity": not whole}

    def perform_create(self, serializer):
        serializer.instance = parties.party_create(court=court_for_write(self.request), actor=self.request.user,
                                                   **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = parties.party_update(party=serializer.instance, actor=self.request.user,
                                                   **serializer.validated_data)


def _command(request, input_serializer, service, output_serializer, *, status_code=status.HTTP_201_CREATED, **kw):
    """input serializer → service → output serializer: the shape of every command endpoint."""
    data = input_serializer(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    result = service(actor=request.user, **kw, **data.validated_data)
    many = isinstance(result, list)
    return Response(output_serializer(result, many=many, context={"request": request}).data, status=status_code)


class LitigationCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            CourtScopedViewSet):
    serializer_class = s.LitigationCaseSerializer
    filterset_class = LitigationCaseFilter
    required_perms = {"create": ["cases.add_litigationcase"], "preservations": ["cases.change_litigationcase"],
                      "outcome": ["cases.change_litigationcase"], "payments": ["cases.change_litigationcase"],
                      "urgings": ["cases.add_urging"]}

    def get_queryset(self):
        return selectors.litigation_cases_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = litigation.litigation_case_file(
            court=court_for_write(self.request), actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=s.PreservationSerializer, responses={201: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def preservations(self, request, pk=None):
        return _command(request, s.PreservationSerializer, litigation.preservation_add, s.PreservationSerializer,
                        case=self.get_object())

    @extend_schema(request=s.OutcomeInputSerializer, responses={201: s.OutcomeSerializer})
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        return _command(request, s.OutcomeInputSerializer, litigation.outcome_record, s.OutcomeSerializer,
                        case=self.get_object())

    @extend_schema(request=s.PaymentSerializer, responses={201: s.PaymentSerializer})
    @action(detail=True, methods=["post"])
    def payments(self, request, pk=None):
        return _command(request, s.PaymentSerializer, litigation.payment_record, s.PaymentSerializer,
                        case=self.get_object())

    @extend_schema(request=s.UrgingInputSerializer, responses={201: s.UrgingSerializer})
    @action(detail=True, methods=["post"])
    def urgings(self, request, pk=None):
        return _command(request, s.UrgingInputSerializer, case_work.urging_record, s.UrgingSerializer,
                        litigation_case=self.get_object())


class EnforcementCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                             CourtScopedViewSet):
    serializer_class = s.EnforcementCaseSerializer
    filterset_class = EnforcementCaseFilter
    handle = ["cases.handle_enforcementcase"]
    required_perms = {"create": ["cases.add_enforcementcase"], "events": handle, "inquiries": handle,
                      "funds": handle, "close": handle, "resume": handle, "urgings": ["cases.add_urging"],
                      "partial_update": handle, "timeline": None, "termination_check": None,
                      "termination_review_approval": ["cases.approve_termination"]}

    def get_queryset(self):
        if self.action in ("list", "retrieve"):  # reads that only serialize: what the serializer shows
            return selectors.enforcement_case_api_rows_visible_to(self.request.user)
        return selectors.enforcement_cases_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = enforcement.enforcement_case_file(
            court=court_for_write(self.request), actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=s.CaseUpdateInputSerializer, responses={200: s.EnforcementCaseSerializer})
    def partial_update(self, request, pk=None):
        """Correct a case's particulars. `version` (from the last read) is required: when another user changed the
        case since, the answer is 409 with code `stale_version` and nothing is written."""
        return _command(request, s.CaseUpdateInputSerializer, enforcement.case_update, s.EnforcementCaseSerializer,
                        status_code=status.HTTP_200_OK, case=self.get_object())

    @extend_schema(responses=s.CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request, pk=None):
        """Everything done in the case, oldest first: the whole of it in one array (the contract), not a page."""
        events = selectors.case_timeline(self.get_object())
        return Response(s.CaseEventSerializer(events, many=True).data)

    @extend_schema(request=s.EventInputSerializer, responses={201: s.CaseEventSerializer})
    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        return _command(request, s.EventInputSerializer, case_work.case_record_event, s.CaseEventSerializer,
                        case=self.get_object())

    @extend_schema(request=s.InquiryInputSerializer, responses={201: s.AssetInquirySerializer(many=True)})
    @action(detail=True, methods=["post"])
    def inquiries(self, request, pk=None):
        return _command(request, s.InquiryInputSerializer, case_work.case_request_inquiry, s.AssetInquirySerializer,
                        case=self.get_object())

    @extend_schema(request=s.FundInputSerializer, responses={201: s.FundEntrySerializer})
    @action(detail=True, methods=["post"])
    def funds(self, request, pk=None):
        return _command(request, s.FundInputSerializer, case_work.case_record_fund, s.FundEntrySerializer,
                        case=self.get_object())

    @extend_schema(request=s.UrgingInputSerializer, responses={201: s.UrgingSerializer})
    @action(detail=True, methods=["post"])
    def urgings(self, request, pk=None):
        return _command(request, s.UrgingInputSerializer, case_work.urging_record, s.UrgingSerializer,
                        enforcement_case=self.get_object())

    @extend_schema(request=s.CloseInputSerializer, responses={200: s.EnforcementCaseSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return _command(request, s.CloseInputSerializer, enforcement.case_close, s.EnforcementCaseSerializer,
                        status_code=status.HTTP_200_OK, case=self.get_object())

    @extend_schema(request=s.TerminationReviewApprovalInputSerializer, responses={200: s.EnforcementCaseSerializer})
    @action(detail=True, methods=["post"], url_path="termination-review-approval")
    def termination_review_approval(self, request, pk=None):
        """The president approves the collegial panel's review in favour of 终本 (the 终本 second key)."""
        return _command(request, s.TerminationReviewApprovalInputSerializer, enforcement.termination_review_approve,
                        s.EnforcementCaseSerializer, status_code=status.HTTP_200_OK, case=self.get_object())

    @extend_schema(request=s.ResumeInputSerializer, responses={201: s.EnforcementCaseSerializer})
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return _command(request, s.ResumeInputSerializer, enforcement.case_resume, s.EnforcementCaseSerializer,
                        case=self.get_object())

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"], url_path="termination-check")
    def termination_check(self, request, pk=None):
        """The 终本 gate as of a date (`?on=YYYY-MM-DD`, default today): every unmet precondition."""
        from .. import rules
        from ..services.common import court_today
        import datetime as dt

        try:
            on = dt.date.fromisoformat(request.query_params.get("on", "")) if request.query_params.get("on") \
                else court_today()
        except ValueError:
            raise ValidationError({"on": [_("日期格式应为YYYY-MM-DD。")]})
        unmet = rules.termination_unmet(selectors.termination_facts(self.get_object(), closing_on=on))
        return Response({"on": on.isoformat(), "unmet": unmet,
                         "unmet_display": [str(rules.TERMINATION_CONDITIONS[c]) for c in unmet]})


class AssetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CourtScopedViewSet):
    serializer_class = s.AssetSerializer
    filterset_class = AssetFilter

    def get_queryset(self):
        return selectors.restrict_to_user(Asset.objects.select_related("party"), self.request.user)


class TodoViewSet(mixins.ListModelMixin, CourtScopedViewSet):
    """The current user's open to-do items; `?kind=instalment_due` and so on narrow the list."""

    serializer_class = s.TodoSerializer
    required_perms = {"done": []}
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.open_todos_for(self.request.user)

    @extend_schema(request=None, responses={200: s.TodoSerializer})
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        todo = todos.todo_mark_done(todo=self.get_object(), actor=request.user)
        return Response(s.TodoSerializer(todo).data)


class TokenView(ObtainAuthToken):
    """`POST {"username", "password"}` → `{"token", "expires"}` (wanian_exec/tokens.py: lifetime, renewal)."""

    def get_serializer_context(self):
        # authenticate with Django's request: django-axes marks a lockout on the request it is given, and
        # AxesMiddleware reads the mark from Django's — so the failure that locks answers 429 here as in the browser
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(request=AuthTokenSerializer, responses=s.TokenSerializer)
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = tokens.token_issue(serializer.validated_data["user"])
        return Response(s.TokenSerializer({"token": token.key, "expires": tokens.token_expires(token)}).data)


class LogoutView(APIView):
    """`POST` → 204: the caller's token is revoked (every client of the user holding it must log in again), and a
    browser session calling it is ended too."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        tokens.tokens_revoke(request.user)
        if request.session.get("_auth_user_id"):
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
