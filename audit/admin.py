from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: an audit trail nobody may edit, not even the system admin."""

    list_display = ["at", "actor_name", "source", "action", "content_type", "object_repr", "case_id"]
    list_filter = ["action", "source", "content_type"]
    search_fields = ["actor_name", "object_repr", "object_id", "=case_id"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
