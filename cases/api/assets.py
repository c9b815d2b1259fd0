"""API of an asset's lifecycle (线上与线下同步: online control and judicial auction): freeze/seize → renew → value →
auction rounds → result → proceeds / deduct → release.

Reads need a login; tenancy makes another court's object a 404. Writes need the permission the asset's stage asks.
"""
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied

from .. import selectors
from ..filtersets import AuctionRoundFilter
from ..services import assets as asset_services
from . import serializers as s
from .views import CourtScopedViewSet, _command

CHANGE_LITIGATION = ["cases.change_litigationcase"]
HANDLE = ["cases.handle_enforcementcase"]


class AssetSyncViewSet(CourtScopedViewSet):
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

    @extend_schema(request=s.ControlInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def control(self, request, pk=None):
        """查封/扣押/冻结; the lapse date follows the kind (1/2/3 years)."""
        return self._run(request, s.ControlInputSerializer, asset_services.asset_control)

    @extend_schema(request=s.RenewInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        return self._run(request, s.RenewInputSerializer, asset_services.asset_renew)

    @extend_schema(request=s.ValuationInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def valuation(self, request, pk=None):
        return self._run(request, s.ValuationInputSerializer, asset_services.asset_value)

    @extend_schema(request=s.AuctionRoundSerializer, responses={201: s.AuctionRoundSerializer})
    @action(detail=True, methods=["post"], url_path="auction-rounds")
    def auction_rounds(self, request, pk=None):
        """Announce a round: 15/30 days' notice (7/15 for a re-auction), ≥ 70% of valuation, ≤ 20% cut."""
        return self._run(request, s.AuctionRoundSerializer, asset_services.auction_round_create,
                         s.AuctionRoundSerializer, status.HTTP_201_CREATED)

    @extend_schema(request=s.ProceedsInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def proceeds(self, request, pk=None):
        return self._run(request, s.ProceedsInputSerializer, asset_services.asset_record_proceeds)

    @extend_schema(request=s.DeductInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def deduct(self, request, pk=None):
        return self._run(request, s.DeductInputSerializer, asset_services.asset_deduct)

    @extend_schema(request=s.AssetReleaseInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        return self._run(request, s.AssetReleaseInputSerializer, asset_services.asset_release)


class AuctionRoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CourtScopedViewSet):
    serializer_class = s.AuctionRoundSerializer
    filterset_class = AuctionRoundFilter
    required_perms = {"result": HANDLE}

    def get_queryset(self):
        return selectors.auction_rounds_visible_to(self.request.user).order_by("-announced_on", "-pk")

    @extend_schema(request=s.AuctionResultInputSerializer, responses={200: s.AuctionRoundSerializer})
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        """成交 / 流拍 / 撤回; with `proceeds_on` a sale's price goes into the fund ledger at once."""
        return _command(request, s.AuctionResultInputSerializer, asset_services.auction_round_result,
                        s.AuctionRoundSerializer, status_code=status.HTTP_200_OK, auction=self.get_object())
