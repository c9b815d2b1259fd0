from django.contrib import admin

from .models import Document, DocumentCounter


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are issued through documents.services.document_issue, never typed in here."""

    list_display = ["number", "kind", "case", "party", "issued_on", "issued_by"]
    list_filter = ["court", "kind", "issued_on"]
    search_fields = ["number", "case__number", "party__name"]
    raw_id_fields = ["case", "party", "sanction"]
    exclude = ["html"]
    readonly_fields = ["court", "case", "kind", "series", "sequence", "number", "title", "issued_on", "party",
                       "sanction", "inputs", "pdf", "pdf_sha256", "issued_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ["case", "series", "last"]
    list_filter = ["series"]
    raw_id_fields = ["case"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
