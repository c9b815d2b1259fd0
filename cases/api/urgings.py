"""API of 调解与执行同步 and 强制与督促同步 (mediation + execution, coercion + urging): a litigation case's
instalment plan as performed (and its answer to the preservation prompt, asked of the same case), and the court's
urging records.

Reads need a login; tenancy makes another court's object a 404. Writes need the permission in `required_perms`.
"""
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors
from ..choices import InstalmentStatus
from ..filtersets import UrgingFilter
from ..models import LitigationCase
from ..services import litigation
from ..services.common import court_today
from . import serializers as s
from .views import CourtScopedViewSet, _command

CHANGE_LITIGATION = ["cases.change_litigationcase"]


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


class LitigationSyncViewSet(CourtScopedViewSet):
    """Per-instalment performance of a litigation case, and the answer to the preservation prompt."""

    required_perms = {"plan": None, "preservation_answer": CHANGE_LITIGATION}

    def get_queryset(self):
        return selectors.litigation_cases_with_performance(self.request.user)

    @extend_schema(responses=s.PlanSerializer)
    @action(detail=True, methods=["get"])
    def plan(self, request, pk=None):
        """Each instalment: paid on time / paid late / defaulted / pending, payments allocated in due order."""
        return Response(s.PlanSerializer(plan_data(self.get_object(), today=court_today())).data)

    @extend_schema(request=s.PreservationAnswerInputSerializer, responses={200: s.LitigationCaseSerializer})
    @action(detail=True, methods=["post"], url_path="preservation-answer")
    def preservation_answer(self, request, pk=None):
        """立案与保全同步: whether the rights holder was guided, and whether they apply (the rate's parts)."""
        return _command(request, s.PreservationAnswerInputSerializer, litigation.litigation_preservation_answer,
                        s.LitigationCaseSerializer, status_code=status.HTTP_200_OK, case=self.get_object())


class UrgingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CourtScopedViewSet):
    """Urging records (督促履行) of the court, before and during enforcement."""

    serializer_class = s.UrgingSerializer
    filterset_class = UrgingFilter

    def get_queryset(self):
        return selectors.urgings_visible_to(self.request.user).order_by("-occurred_on", "-pk")
