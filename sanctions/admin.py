from django.contrib import admin

from .models import Sanction


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "kind", "status", "decided_on"]
    list_filter = ["court", "kind", "status"]
    raw_id_fields = ["case", "party"]
