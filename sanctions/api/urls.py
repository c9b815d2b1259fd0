from rest_framework.routers import SimpleRouter

from .views import SanctionViewSet

app_name = "sanctions-api"

router = SimpleRouter()
router.register("sanctions", SanctionViewSet, basename="sanction")
urlpatterns = router.urls
