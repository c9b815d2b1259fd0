"""/api/v1/ routes of the four synchronizations (四同步, issue 3), beside cases.api.urls.

A router of their own (SimpleRouter: no second API root), included from wanian_exec/api_urls.py. Every route here
is listed with its 401/403/404 expectations in tests/cases/test_sync_api_access.py.
"""
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import sync_views as v

router = SimpleRouter()
router.register("preservations", v.PreservationViewSet, basename="preservation")
router.register("litigation-cases", v.LitigationSyncViewSet, basename="litigation-case-sync")
router.register("urgings", v.UrgingViewSet, basename="urging")
router.register("enforcement-cases", v.EnforcementSyncViewSet, basename="enforcement-case-sync")
router.register("assets", v.AssetSyncViewSet, basename="asset-sync")
router.register("auction-rounds", v.AuctionRoundViewSet, basename="auction-round")
router.register("contacts", v.ContactViewSet, basename="contact")
router.register("fast-track", v.FastTrackViewSet, basename="fast-track")

urlpatterns = [
    path("sync-settings/", v.SyncSettingsView.as_view(), name="sync-settings"),
    *router.urls,
]
