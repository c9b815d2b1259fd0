"""/api/v1/: each app contributes its router."""
from django.urls import include, path

urlpatterns = [
    path("", include("cases.api.urls")),
    path("", include("sanctions.api.urls")),
]
