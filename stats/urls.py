"""Dashboards, mounted at /stats/ (wanian_exec/urls.py)."""
from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.leader_dashboard, name="leader"),
    path("export/summary.xlsx", views.summary_export, name="summary-export"),
    path("export/judges.xlsx", views.judges_export, name="judges-export"),
    path("export/monthly.xlsx", views.trend_export, name="trend-export"),
    path("metrics/<str:name>/cases/", views.metric_cases, name="cases"),
    path("me/", views.judge_dashboard, name="judge"),
    path("me/<str:which>.xlsx", views.judge_export, name="judge-export"),
]
