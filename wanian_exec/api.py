"""API plumbing shared by every app: pagination, error shape, permission helpers, the court a new row belongs to."""
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, permissions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import RuleViolation, StaleVersion
from .filtersets import FilterSet


class FilterBackend(DjangoFilterBackend):
    """django-filter for every API list. The FilterSets it builds from a view's `filterset_fields` share the
    project's base too (wanian_exec.filtersets: ids in the query string are checked as ids)."""

    filterset_base = FilterSet


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """Services raise Django ValidationError (bad fields) or RuleViolation (a rule broken); both answer 400."""
    if isinstance(exc, StaleVersion):  # another user changed the row since it was read: 409, nothing written
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RuleViolation):
        return Response(exc.as_dict(), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
            if "__all__" in data:
                data["non_field_errors"] = data.pop("__all__")
        else:
            data = {"non_field_errors": [str(m) for m in exc.messages]}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


class ActionPermission(permissions.BasePermission):
    """Model permissions per viewset action: `required_perms = {"create": ["cases.add_party"], ...}`.

    Reads need only a login (tenancy then limits the rows); writes need the listed permissions → 403 otherwise.
    """

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        required = getattr(view, "required_perms", {}).get(getattr(view, "action", None) or request.method.lower())
        if required is None:
            return request.method in permissions.SAFE_METHODS or request.user.is_superuser
        return request.user.has_perms(required)


def not_found_if_foreign(obj, user, court_id_attr="court_id"):
    if not user.is_superuser and getattr(obj, court_id_attr) != user.court_id:
        raise Http404


def court_for_write(request, data=None):
    """New rows belong to the user's court; a system admin (no court) names one with `court`. The court model is
    the one the user model's `court` points to (AUTH_USER_MODEL), so this floor names no app."""
    if request.user.court_id:
        return request.user.court
    source = data if data is not None else request.data
    court_id = source.get("court") if hasattr(source, "get") else None
    court_model = get_user_model()._meta.get_field("court").related_model
    try:
        court = court_model.objects.filter(pk=int(court_id)).first() if court_id else None
    except (TypeError, ValueError):  # "abc", [1], …: not an id, so no such court (400, not a 500)
        court = None
    if court is None:
        raise exceptions.ValidationError({"court": [_("系统管理员新建数据时须指定所属法院。")]})
    return court


__all__ = ["ActionPermission", "FilterBackend", "Pagination", "court_for_write", "exception_handler", "exceptions",
           "not_found_if_foreign"]


def paginated(name: str, serializer):
    """The schema of a page of `serializer` rows, for APIViews that paginate by hand with `Pagination`."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(name, {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializer,
    })
