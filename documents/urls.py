"""Browser UI of the documents app, mounted at "/" (wanian_exec/urls.py) under the namespace `documents`.

Link from the case detail page with `{% url 'documents:case-documents' case.pk %}` (list and issue buttons) or
`{% url 'documents:issue' case.pk %}?kind=execution_notice` (one kind's form).
"""
from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("cases/<int:case_pk>/documents/", views.document_list, name="case-documents"),
    path("cases/<int:case_pk>/documents/new/", views.document_issue, name="issue"),
    path("documents/<int:pk>/", views.document_detail, name="detail"),
    path("documents/<int:pk>/preview/", views.document_preview, name="preview"),
    path("documents/<int:pk>/pdf/", views.document_pdf, name="pdf"),
]
