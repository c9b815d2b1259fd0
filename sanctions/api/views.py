from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.selectors import restrict_to_user
from wanian_exec.api import ActionPermission

from .. import services
from ..filtersets import SanctionFilter
from ..models import Sanction
from .serializers import ApproveInputSerializer, RejectInputSerializer, SanctionSerializer


class SanctionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    serializer_class = SanctionSerializer
    permission_classes = [ActionPermission]
    required_perms = {"create": ["sanctions.add_sanction"], "approve": ["sanctions.approve_sanction"],
                      "reject": ["sanctions.approve_sanction"]}
    filterset_class = SanctionFilter

    def get_queryset(self):
        return restrict_to_user(Sanction.objects.select_related("case", "party"), self.request.user,
                                court_path="court")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.sanction_propose(actor=self.request.user, **data)

    @extend_schema(request=ApproveInputSerializer, responses=SanctionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        sanction = self.get_object()  # another court's sanction answers 404 whatever the body
        data = ApproveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sanction = services.sanction_approve(sanction=sanction, actor=request.user,
                                             on=data.validated_data.get("approved_on"))
        return Response(SanctionSerializer(sanction, context={"request": request}).data)

    @extend_schema(request=RejectInputSerializer, responses=SanctionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        sanction = self.get_object()
        data = RejectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sanction = services.sanction_reject(sanction=sanction, actor=request.user,
                                            reason=data.validated_data["reason"])
        return Response(SanctionSerializer(sanction, context={"request": request}).data)
