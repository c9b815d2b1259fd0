from django.urls import path

from . import views

urlpatterns = [
    path("stats/kpis/", views.KpiView.as_view(), name="stats-api-kpis"),
    path("stats/metrics/", views.MetricCatalogueView.as_view(), name="stats-api-metrics"),
    path("stats/metrics/<str:name>/cases/", views.MetricCasesView.as_view(), name="stats-api-metric-cases"),
]
