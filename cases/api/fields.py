"""Serializer fields that respect tenancy: a related id from another court is "not found" (400 on the field)."""
from rest_framework import serializers

from ..selectors import restrict_to_user


class CourtScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return restrict_to_user(queryset, request.user if request else None)
