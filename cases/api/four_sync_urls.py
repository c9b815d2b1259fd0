"""/api/v1/ routes of the four synchronizations (四同步), beside cases.api.urls: preservations, instalment plans and
urgings, assets and auctions, an enforcement case's online and offline work, the fast track, the court's settings.

A router of their own (SimpleRouter: no second API root), included from wanian_exec/api_urls.py. Every route here
is listed with its 401/403/404 expectations in tests/cases/test_sync_api_access.py.
"""
from django.urls import path
from rest_framework.routers import SimpleRouter

from .assets import AssetSyncViewSet, AuctionRoundViewSet
from .case_work import ContactViewSet, EnforcementSyncViewSet
from .fast_track import FastTrackViewSet
from .preservations import PreservationViewSet
from .sync_settings import SyncSettingsView
from .urgings import LitigationSyncViewSet, UrgingViewSet

router = SimpleRouter()
router.register("preservations", PreservationViewSet, basename="preservation")
router.register("litigation-cases", LitigationSyncViewSet, basename="litigation-case-sync")
router.register("urgings", UrgingViewSet, basename="urging")
router.register("enforcement-cases", EnforcementSyncViewSet, basename="enforcement-case-sync")
router.register("assets", AssetSyncViewSet, basename="asset-sync")
router.register("auction-rounds", AuctionRoundViewSet, basename="auction-round")
router.register("contacts", ContactViewSet, basename="contact")
router.register("fast-track", FastTrackViewSet, basename="fast-track")

urlpatterns = [
    path("sync-settings/", SyncSettingsView.as_view(), name="sync-settings"),
    *router.urls,
]
