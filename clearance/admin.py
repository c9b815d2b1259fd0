from django.contrib import admin

from .models import ClosureReview, ClosureReviewItem, Reinquiry, ResumeTrigger


@admin.register(Reinquiry)
class ReinquiryAdmin(admin.ModelAdmin):
    list_display = ["case", "sequence", "due_on", "status", "done_on", "assets_found", "overdue"]
    list_filter = ["status", "overdue"]
    raw_id_fields = ["case"]


@admin.register(ResumeTrigger)
class ResumeTriggerAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "occurred_on", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["case", "asset", "feedback", "violation", "todo"]


class ItemInline(admin.TabularInline):
    model = ClosureReviewItem
    raw_id_fields = ["case"]
    extra = 0


@admin.register(ClosureReview)
class ClosureReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "period_from", "period_to", "mode", "population", "created_by"]
    inlines = [ItemInline]
