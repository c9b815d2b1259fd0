"""API of 立案与保全同步 (filing + preservation): the court's preservation applications, pre-suit ones recorded
before any suit, their rulings, preserved assets, release and the link to the suit.

Reads need a login; tenancy (cases.selectors.restrict_to_user) makes another court's object a 404. Writes need
the model permission in `required_perms` (403 otherwise). Commands: input serializer → service → output.
"""
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action

from wanian_exec.api import court_for_write

from .. import selectors
from ..filtersets import PreservationFilter
from ..services import litigation, preservation
from . import serializers as s
from .views import CourtScopedViewSet, _command

CHANGE_LITIGATION = ["cases.change_litigationcase"]


class PreservationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CourtScopedViewSet):
    """Preservation applications of the court (诉前 and 诉讼保全), with their 48-hour and 30-day flags.

    `POST /preservations/` records a pre-suit application made before any suit; an application in a suit is
    `POST /litigation-cases/{id}/preservations/`."""

    serializer_class = s.PreservationSerializer
    filterset_class = PreservationFilter
    required_perms = {"create": CHANGE_LITIGATION, "ruling": CHANGE_LITIGATION, "assets": CHANGE_LITIGATION,
                      "release": CHANGE_LITIGATION, "link": CHANGE_LITIGATION}

    def get_queryset(self):
        return selectors.preservations_visible_to(self.request.user).order_by("-applied_on", "-pk")

    @extend_schema(request=s.PreSuitPreservationInputSerializer, responses={201: s.PreservationSerializer})
    def create(self, request):
        court = court_for_write(request)
        return _command(request, s.PreSuitPreservationInputSerializer, litigation.preservation_add,
                        s.PreservationSerializer, case=None, court=court)

    @extend_schema(request=s.RulingInputSerializer, responses={200: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def ruling(self, request, pk=None):
        return _command(request, s.RulingInputSerializer, preservation.preservation_rule, s.PreservationSerializer,
                        status_code=status.HTTP_200_OK, preservation=self.get_object())

    @extend_schema(request=s.PreservedAssetInputSerializer, responses={201: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def assets(self, request, pk=None):
        return _command(request, s.PreservedAssetInputSerializer, preservation.preservation_add_asset,
                        s.AssetSerializer, preservation=self.get_object())

    @extend_schema(request=s.ReleaseInputSerializer, responses={200: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        return _command(request, s.ReleaseInputSerializer, preservation.preservation_release,
                        s.PreservationSerializer, status_code=status.HTTP_200_OK, preservation=self.get_object())

    @extend_schema(request=s.LinkSuitInputSerializer, responses={200: s.PreservationSerializer})
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        return _command(request, s.LinkSuitInputSerializer, preservation.preservation_link_suit,
                        s.PreservationSerializer, status_code=status.HTTP_200_OK, preservation=self.get_object())
