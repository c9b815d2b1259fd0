"""`POST /api/v1/jobs/{name}/run/`: run a scheduled job now (court admin: their court; system admin: all)."""
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from wanian_exec.api import ActionPermission

from ..jobs import JOBS, run_job_now


class JobRunView(APIView):
    permission_classes = [ActionPermission]
    required_perms = {"post": ["cases.run_jobs"]}

    @extend_schema(request=None, responses={200: dict},
                   parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, enum=sorted(JOBS))])
    def post(self, request, name):
        job = JOBS.get(name)
        if job is None:
            raise Http404
        court_id = None if request.user.is_superuser else request.user.court_id
        run = run_job_now(name, court_id=court_id, trigger="manual")
        return Response({"job": name, "label": job.label, "run": run.pk, "summary": run.summary})
