from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import DocumentViewSet

router = SimpleRouter()
router.register("documents", DocumentViewSet, basename="document")

case_documents = DocumentViewSet.as_view({"get": "list", "post": "create"})

urlpatterns = [
    *router.urls,
    path("enforcement-cases/<int:case_pk>/documents/", case_documents, name="enforcement-case-documents"),
]
