"""The 终本清仓 pages, mounted at /clearance/ (wanian_exec/urls.py)."""
from django.urls import path

from . import views

app_name = "clearance"

urlpatterns = [
    path("", views.library, name="library"),
    path("cases/<int:pk>/", views.case_page, name="case"),
    path("cases/<int:pk>/resume/", views.case_resume, name="resume"),
    path("cases/<int:pk>/requests/", views.case_request, name="request"),
    path("cases/<int:pk>/reinquiry/", views.case_reinquire, name="reinquire"),
    path("sweep/", views.sweep_run, name="sweep"),
    path("triggers/<int:pk>/dismiss/", views.trigger_dismiss, name="dismiss"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("review-items/<int:pk>/mark/", views.review_mark, name="mark"),
    path("board/", views.board, name="board"),
    path("board/<str:name>/cases/", views.board_cases, name="board-cases"),
]
