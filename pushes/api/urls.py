from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("push-recipients", views.PushRecipientViewSet, basename="push-recipient")
router.register("push-rules", views.PushRuleSetViewSet, basename="push-rule")
router.register("push-runs", views.PushRunViewSet, basename="push-run")
router.register("push-batches", views.PushBatchViewSet, basename="push-batch")
router.register("push-items", views.PushItemViewSet, basename="push-item")
router.register("push-feedback", views.PushFeedbackViewSet, basename="push-feedback")

urlpatterns = [
    path("push-feedback/<int:pk>/photo/", views.FeedbackPhotoView.as_view(), name="push-feedback-photo"),
    path("push-stats/", views.PushStatsView.as_view(), name="push-stats"),
    path("push-stats/cases/", views.PushStatsCasesView.as_view(), name="push-stats-cases"),
    *router.urls,
]
