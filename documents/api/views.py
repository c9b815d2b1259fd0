"""API of the documents app: list and read a court's documents, issue one (input → service → output), get its PDF."""
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.selectors import enforcement_cases_visible_to
from wanian_exec.api import ActionPermission

from .. import selectors, services
from .serializers import DocumentIssueSerializer, DocumentSerializer

HANDLE = ["cases.handle_enforcementcase"]


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """`/api/v1/documents/?case=&kind=`; also mounted as `/api/v1/enforcement-cases/{case_pk}/documents/`."""

    serializer_class = DocumentSerializer
    permission_classes = [ActionPermission]
    required_perms = {"create": HANDLE, "pdf": None}
    filterset_fields = ["case", "kind", "party"]

    def _url_case(self):
        """The case named in a nested URL, through the tenancy selector (another court's → 404)."""
        case_pk = self.kwargs.get("case_pk")
        if case_pk is None:
            return None
        return get_object_or_404(enforcement_cases_visible_to(self.request.user), pk=case_pk)

    def get_queryset(self):
        queryset = selectors.documents_visible_to(self.request.user).order_by("-issued_on", "-pk")
        case = self._url_case()
        return queryset.filter(case=case) if case is not None else queryset

    @extend_schema(request=DocumentIssueSerializer, responses={201: DocumentSerializer})
    def create(self, request, *args, **kwargs):
        case = self._url_case()
        data = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        if case is not None:
            data["case"] = case.pk
        given = DocumentIssueSerializer(data=data, context={"request": request})
        given.is_valid(raise_exception=True)
        document = services.document_issue(actor=request.user, **given.service_kwargs())
        return Response(DocumentSerializer(document, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY},
                   parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)])
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None, **kwargs):
        document = self.get_object()
        return FileResponse(document.pdf.open("rb"), as_attachment=True, filename=document.download_name,
                            content_type="application/pdf")
