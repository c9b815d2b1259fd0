from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:pk>/audit/", views.case_audit, name="case-audit"),
]
