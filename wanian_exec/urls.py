from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from .views import favicon

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
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
