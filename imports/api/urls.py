"""/api/v1/imports/ (wanian_exec/api_urls.py)."""
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("imports", views.ImportJobViewSet, basename="import-job")

urlpatterns = router.urls
