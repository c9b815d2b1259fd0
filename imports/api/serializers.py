"""Serializers of the imports API."""
from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import ImportJob
from ..registry import KINDS, render_error
from ..services.runner import IMPORT_LIMITS

EXTENSIONS = {".csv", ".xlsx"}


class ImportJobInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[])
    file = serializers.FileField(help_text=_("Excel（.xlsx）或CSV（UTF-8，含或不含BOM；GBK），首行为列名"))
    dry_run = serializers.BooleanField(default=False, help_text=_("只检查并报告，不写入"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(name, kind.label) for name, kind in sorted(KINDS.items())]

    def validate_file(self, upload):
        if PurePosixPath(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise serializers.ValidationError(_("仅支持CSV或Excel（.xlsx）文件。"))
        if upload.size is not None and upload.size > IMPORT_LIMITS.max_bytes:
            raise serializers.ValidationError(_("文件不能超过%(mb)sMB。") % {
                "mb": IMPORT_LIMITS.max_bytes // (1024 * 1024)})
        if not upload.size:
            raise serializers.ValidationError(_("文件是空的。"))
        return upload


class CountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=_("文件中的行号（列名为第1行）；0 表示整个文件"))
    column = serializers.CharField(help_text=_("列名；空表示整行或整个文件"))
    message = serializers.CharField()

    def to_representation(self, error):
        return {"row": error.get("row") or 0, "column": error.get("column") or "", "message": render_error(error)}


class ImportJobListSerializer(serializers.ModelSerializer):
    kind_display = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    counts = CountsSerializer(read_only=True)
    created_by_name = serializers.CharField(source="created_by.display_name", read_only=True)

    class Meta:
        model = ImportJob
        fields = ["id", "kind", "kind_display", "status", "status_display", "dry_run", "progress", "counts",
                  "errors_total", "original_name", "sha256", "created_by", "created_by_name", "created_at",
                  "started_at", "finished_at"]
        read_only_fields = fields

    def get_kind_display(self, job) -> str:
        kind = KINDS.get(job.kind)
        return str(kind.label) if kind else job.kind


class ImportJobSerializer(ImportJobListSerializer):
    errors = RowErrorSerializer(many=True, read_only=True)
    summary = serializers.JSONField(read_only=True)

    class Meta(ImportJobListSerializer.Meta):
        fields = [*ImportJobListSerializer.Meta.fields, "errors", "summary"]
        read_only_fields = fields
