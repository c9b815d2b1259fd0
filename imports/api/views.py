"""`/api/v1/imports/`: a court admin uploads a file into their own court (202; the import runs in the background),
follows its progress and row errors, and downloads each kind's template. Tenancy: another court's job → 404."""
from django.http import Http404, HttpResponse
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cases.selectors import restrict_to_user
from wanian_exec.api import ActionPermission

from ..models import ImportJob
from ..registry import KINDS, chinese, get_kind
from ..services.runner import import_job_create
from ..template import XLSX, template_workbook
from . import serializers as s

VIEW = ["imports.view_importjob"]


class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ActionPermission]
    required_perms = {"list": VIEW, "retrieve": VIEW, "template": VIEW, "create": ["imports.add_importjob"]}
    serializer_class = s.ImportJobSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return restrict_to_user(ImportJob.objects.select_related("created_by"), self.request.user, court_path="court")

    def get_serializer_class(self):
        return s.ImportJobListSerializer if self.action == "list" else s.ImportJobSerializer

    @extend_schema(request={"multipart/form-data": s.ImportJobInputSerializer},
                   responses={202: s.ImportJobSerializer})
    def create(self, request):
        """Upload a file to import into the user's own court. The import runs in the background: follow it at
        `GET /api/v1/imports/{id}/`. One bad row fails the whole file and writes nothing; `dry_run` checks and
        counts without writing."""
        data = s.ImportJobInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if request.user.court_id is None:
            raise ValidationError({"non_field_errors": [_("导入只能导入本人所属法院；系统管理员请以法院管理员身份导入。")]})
        job = import_job_create(court=request.user.court, actor=request.user, kind=data.validated_data["kind"],
                                upload=data.validated_data["file"], dry_run=data.validated_data["dry_run"])
        job = self.get_queryset().get(pk=job.pk)
        return Response(s.ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=sorted(KINDS))],
                   responses={(200, XLSX): bytes, 404: OpenApiResponse(description="unknown kind")})
    @action(detail=False, methods=["get"], url_path=r"templates/(?P<kind>[a-z_]+)")
    def template(self, request, kind=None):
        """The kind's .xlsx template: Chinese headers, an example row, lists for the choice columns."""
        found = get_kind(kind)
        if found is None:
            raise Http404
        response = HttpResponse(template_workbook(found), content_type=XLSX)
        name = f"{chinese(found.label)}导入模板.xlsx"
        response["Content-Disposition"] = f"attachment; filename=\"{found.name}.xlsx\"; " \
                                          f"filename*=UTF-8''{escape_uri_path(name)}"
        response["X-Content-Type-Options"] = "nosniff"
        return response

