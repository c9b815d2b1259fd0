from csp.constants import SELF
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from .views import favicon

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # the docs: a browser without a session is sent to the login page and back, instead of a 401 in JSON;
    # the split view serves Swagger UI's start-up script as a file of its own (no inline script under the CSP)
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"),
    # Redoc renders in a web worker started from a blob: URL
    path("api/redoc/", login_required(csp_update({"worker-src": [SELF, "blob:"]})(
        SpectacularRedocView.as_view(url_name="schema"))), name="api-redoc"),
    path("api/v1/", include("wanian_exec.api_urls")),
    path("pushes/", include("pushes.urls")),
    path("sanctions/", include("sanctions.urls")),  # 三板斧: rosters, measures, travel, referrals
    path("stats/", include("stats.urls")),
    path("clearance/", include("clearance.urls")),  # 终本清仓
    path("imports/", include("imports.urls")),  # a court going live: its caseload, staff and map
    path("p/", include("pushes.portal_urls")),  # the recipient portal: short links for SMS
    path("", include("cases.urls")),
    path("", include("documents.urls")),
    path("", include("audit.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
