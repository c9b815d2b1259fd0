"""API of each court's settings of the four synchronizations (cases.models.SyncSettings: reminder windows,
fast-track rules)."""
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from wanian_exec.api import ActionPermission, court_for_write

from .. import selectors
from . import serializers as s


class SyncSettingsView(APIView):
    """The court's settings of the four synchronizations (reminder windows, fast-track rules).

    `GET` for every user of the court; `PUT` for a court admin (`cases.change_syncsettings`)."""

    permission_classes = [ActionPermission]
    required_perms = {"get": [], "put": ["cases.change_syncsettings"]}

    def _court_id(self, request):
        if request.user.court_id:
            return request.user.court_id
        court = court_for_write(request, request.query_params if request.method == "GET" else None)
        return court.pk

    @extend_schema(responses=s.SyncSettingsSerializer)
    def get(self, request):
        return Response(s.SyncSettingsSerializer(selectors.sync_settings_for(self._court_id(request))).data)

    @extend_schema(request=s.SyncSettingsSerializer, responses=s.SyncSettingsSerializer)
    def put(self, request):
        from ..services.sync_settings import sync_settings_update

        data = s.SyncSettingsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = sync_settings_update(court_id=self._court_id(request), actor=request.user, **data.validated_data)
        return Response(s.SyncSettingsSerializer(row).data)
