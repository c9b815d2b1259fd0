from rest_framework.routers import SimpleRouter

from .views import SanctionViewSet

router = SimpleRouter()
router.register("sanctions", SanctionViewSet, basename="sanction")
urlpatterns = router.urls
