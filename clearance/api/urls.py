"""/api/v1/clearance/ (wanian_exec/api_urls.py)."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("clearance/library", views.LibraryViewSet, basename="clearance-library")
router.register("clearance/triggers", views.TriggerViewSet, basename="clearance-trigger")
router.register("clearance/reinquiries", views.ReinquiryViewSet, basename="clearance-reinquiry")
router.register("clearance/reviews", views.ReviewViewSet, basename="clearance-review")
router.register("clearance/review-items", views.ReviewItemViewSet, basename="clearance-review-item")

urlpatterns = [
    path("clearance/board/", views.BoardView.as_view(), name="clearance-api-board"),
    path("clearance/board/<str:name>/cases/", views.BoardCasesView.as_view(), name="clearance-api-board-cases"),
    *router.urls,
]
