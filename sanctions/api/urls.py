from rest_framework.routers import SimpleRouter

from . import views

app_name = "sanctions-api"

router = SimpleRouter()
router.register("sanctions", views.SanctionViewSet, basename="sanction")
router.register("reconsiderations", views.ReconsiderationViewSet, basename="reconsideration")
router.register("rosters", views.RosterViewSet, basename="roster")
router.register("violations", views.ViolationViewSet, basename="violation")
router.register("travel-records", views.TravelRecordViewSet, basename="travel-record")
router.register("travel-imports", views.TravelImportViewSet, basename="travel-import")
router.register("ability-evidence", views.AbilityEvidenceViewSet, basename="ability-evidence")
router.register("prosecutions", views.ProsecutionViewSet, basename="prosecution")
urlpatterns = router.urls
