"""/api/v1/: each app contributes its router."""
from django.urls import include, path

from cases.api.jobs import JobRunView

urlpatterns = [
    path("jobs/<str:name>/run/", JobRunView.as_view(), name="job-run"),
    path("", include("cases.api.urls")),
    path("", include("cases.api.four_sync_urls")),  # 四同步
    path("", include("sanctions.api.urls")),
    path("", include("pushes.api.urls")),
    path("", include("documents.api.urls")),
    path("", include("stats.api.urls")),
    path("", include("clearance.api.urls")),  # 终本清仓
    path("", include("imports.api.urls")),  # a court going live
]
