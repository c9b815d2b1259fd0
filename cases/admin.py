from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_scale import CourtBoundedAdmin

from .models import (Asset, AuctionRound, CaseEvent, Contact, Court, EnforcementCase, FundEntry, Grid,
                     LitigationCase, Party, Preservation, SyncSettings, Todo, Township, User)


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


class GridInline(admin.TabularInline):
    model = Grid
    extra = 0


@admin.register(Township)
class TownshipAdmin(CourtBoundedAdmin):
    list_display = ["code", "name", "court"]
    list_filter = ["court"]
    search_fields = ["name", "code"]
    inlines = [GridInline]


@admin.register(Grid)
class GridAdmin(CourtBoundedAdmin):
    list_display = ["name", "township"]
    list_filter = ["township__court", "township"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(CourtBoundedAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "court", "is_active", "is_superuser"]
    list_filter = ["court", "groups", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("法院"), {"fields": ("court", "full_name", "phone")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("法院"), {"fields": ("court", "full_name", "phone")}),)


@admin.register(Party)
class PartyAdmin(CourtBoundedAdmin):
    list_display = ["name", "kind", "court", "township"]
    list_filter = ["court", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["employer"]

    # a court's parties by name (index court, name); the whole province's newest first (the primary key)
    def get_ordering(self, request):
        return ["-pk"] if request.user.is_superuser else ["name", "pk"]

    def get_sortable_by(self, request):
        return [] if request.user.is_superuser else ["name"]


@admin.register(LitigationCase)
class LitigationCaseAdmin(CourtBoundedAdmin):
    list_display = ["number", "cause", "filed_on", "court"]
    list_filter = ["court"]
    search_fields = ["number"]
    raw_id_fields = ["plaintiffs", "defendants", "trial_judge"]
    readonly_fields = ["number"]


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    readonly_fields = ["kind", "occurred_on", "party", "amount", "note", "actor", "created_at"]
    can_delete = False


@admin.register(EnforcementCase)
class EnforcementCaseAdmin(CourtBoundedAdmin):
    """Read-mostly: changes go through the services (status, closure, funds) so the timeline stays whole."""

    list_display = ["number", "status", "closure_method", "filed_on", "closed_on", "judge", "court"]
    list_filter = ["court", "status", "closure_method", "case_type"]
    search_fields = ["number", "party_names"]
    raw_id_fields = ["applicants", "respondents", "source_case", "judge"]
    readonly_fields = ["number", "status", "deadline_on", "amount_recovered", "closed_on", "closure_method",
                       "resumed_from"]
    inlines = [EventInline]
    sortable_by = ["number", "filed_on"]  # the indexed orderings (number; court or not, filing date)


@admin.register(FundEntry)
class FundEntryAdmin(CourtBoundedAdmin):
    court_path = "court"
    list_display = ["case", "direction", "amount", "occurred_on"]
    raw_id_fields = ["case"]
    sortable_by = []


@admin.register(Todo)
class TodoAdmin(CourtBoundedAdmin):
    sortable_by = []


@admin.register(SyncSettings)
class SyncSettingsAdmin(CourtBoundedAdmin):
    """四同步 per court: the reminder windows and the fast-track rules (defaults in cases/conf.py)."""

    list_display = ["court", "instalment_reminder_days", "lapse_reminder_days", "fast_track_enabled",
                    "fast_track_max_respondents", "fast_track_max_amount", "fast_track_requires_assets"]


@admin.register(Preservation)
class PreservationAdmin(CourtBoundedAdmin):
    list_display = ["kind", "case", "court", "applied_on", "ruled_on", "rejected", "released_on"]
    list_filter = ["kind", "court"]
    raw_id_fields = ["case", "applicant", "respondent", "recorded_by"]


class AuctionRoundInline(admin.TabularInline):
    model = AuctionRound
    extra = 0
    readonly_fields = ["round_no", "announced_on", "auction_on", "starting_price", "result", "result_on", "sale_price"]
    can_delete = False


@admin.register(Asset)
class AssetAdmin(CourtBoundedAdmin):
    """Read-mostly: the lifecycle goes through cases.services.assets so the timeline and ledger stay whole."""

    list_display = ["description", "kind", "status", "case", "court", "lapses_on"]
    list_filter = ["court", "kind", "status"]
    search_fields = ["description"]
    raw_id_fields = ["case", "preservation", "party", "inquiry"]
    inlines = [AuctionRoundInline]


@admin.register(Contact)
class ContactAdmin(CourtBoundedAdmin):
    list_display = ["case", "party", "channel", "direction", "occurred_on"]
    list_filter = ["channel"]
    raw_id_fields = ["case", "party", "actor"]
admin.site.site_header = _("万年法院执行案件管理系统")
admin.site.site_title = _("执行案件管理")
