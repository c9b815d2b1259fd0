"""Browser UI of the pushes, mounted at /pushes/ (wanian_exec/urls.py)."""
from django.urls import path

from . import views

app_name = "pushes"

urlpatterns = [
    path("", views.run_page, name="run"),
    path("batches/", views.batch_list, name="batch-list"),
    path("batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batches/<int:pk>/export/", views.batch_export, name="batch-export"),
    path("batches/<int:pk>/print/", views.batch_print, name="batch-print"),
    path("batches/<int:pk>/reissue/", views.batch_reissue, name="batch-reissue"),
    path("feedback/", views.feedback_list, name="feedback-list"),
    path("feedback/<int:pk>/review/", views.feedback_review, name="feedback-review"),
    path("feedback/<int:pk>/photo/", views.feedback_photo, name="feedback-photo"),
    path("recipients/", views.recipient_list, name="recipient-list"),
    path("recipients/new/", views.recipient_edit, name="recipient-new"),
    path("recipients/<int:pk>/", views.recipient_edit, name="recipient-edit"),
    path("rules/", views.rules_page, name="rules"),
    path("stats/", views.stats_page, name="stats"),
    path("stats/cases/", views.stats_cases, name="stats-cases"),
    path("cases/<int:pk>/", views.case_pushes, name="case-pushes"),
]
