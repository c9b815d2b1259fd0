"""Admin of the pushes: recipients and rule versions editable; runs, batches, feedback and deliveries to look at.
Rule sets are never edited in place: saving one in the admin publishes a new version through the service."""
from django.contrib import admin

from . import services
from .models import PushBatch, PushDelivery, PushFeedback, PushRecipient, PushRuleSet, PushRun


@admin.register(PushRecipient)
class PushRecipientAdmin(admin.ModelAdmin):
    list_display = ["name", "channel", "court", "township", "grid", "organization", "contact", "phone", "is_active"]
    list_filter = ["court", "channel", "is_active"]
    search_fields = ["name", "contact", "phone"]
    raw_id_fields = ["organization", "grid", "township"]


@admin.register(PushRuleSet)
class PushRuleSetAdmin(admin.ModelAdmin):
    list_display = ["court", "version", "small_amount_limit", "grid_includes_livelihood",
                    "include_terminated_current", "created_by", "created_at"]
    list_filter = ["court"]
    readonly_fields = ["version", "created_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False  # a change is a new version

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in services.RULE_FIELDS}
        published = services.rule_set_publish(court=obj.court, actor=request.user, **fields)
        obj.pk, obj.version = published.pk, published.version


@admin.register(PushRun)
class PushRunAdmin(admin.ModelAdmin):
    list_display = ["week", "court", "status", "rule_set", "batch_count", "item_count", "steps_done", "steps_total",
                    "attempts", "finished_at"]
    list_filter = ["court", "status"]
    readonly_fields = [f.name for f in PushRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a run's items stay: they are what the week pushed


class PushDeliveryInline(admin.TabularInline):
    model = PushDelivery
    extra = 0
    readonly_fields = ["method", "address", "status", "attempts", "last_error", "sent_at", "log"]
    can_delete = False


@admin.register(PushBatch)
class PushBatchAdmin(admin.ModelAdmin):
    list_display = ["week", "court", "channel", "recipient", "item_count", "portal_expires_at"]
    list_filter = ["court", "channel", "week"]
    readonly_fields = ["run", "week", "recipient", "channel", "item_count", "portal_expires_at", "court"]
    exclude = ["portal_token"]
    inlines = [PushDeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PushFeedback)
class PushFeedbackAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "batch", "effective", "created_at", "reviewed_by"]
    list_filter = ["court", "kind", "effective"]
    raw_id_fields = ["item", "batch", "case", "todo", "reviewed_by"]
    readonly_fields = ["created_at"]


@admin.register(PushDelivery)
class PushDeliveryAdmin(admin.ModelAdmin):
    list_display = ["batch", "method", "address", "status", "attempts", "sent_at"]
    list_filter = ["method", "status"]
    readonly_fields = ["batch", "method", "address", "attempts", "last_error", "sent_at", "log"]
