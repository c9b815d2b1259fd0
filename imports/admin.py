from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "court", "kind", "original_name", "dry_run", "status", "progress", "created_by", "created_at"]
    list_filter = ["kind", "status", "dry_run"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False
