"""Admin of the three axes: for system administrators inspecting data. Judges and leaders work in the UI, where
the services check the law; the admin shows most state read-only for the same reason."""
from django.contrib import admin

from .models import (AbilityEvidence, BoundPerson, Prosecution, ProsecutionEvidence, Reconsideration, RosterEntry,
                     Sanction, TravelImport, Violation)


class BoundPersonInline(admin.TabularInline):
    model = BoundPerson
    extra = 0
    readonly_fields = ["role", "name", "id_number", "party"]


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "kind", "status", "decided_on", "approved_on", "in_force_from", "ended_on"]
    list_filter = ["court", "kind", "status"]
    search_fields = ["case__number", "party__name"]
    raw_id_fields = ["case", "party", "proposed_by"]
    readonly_fields = ["status", "approved_by", "approved_on", "in_force_from", "ended_on", "end_reason",
                       "rejection_reason", "questioning_started_at", "questioning_ended_at", "detained_at",
                       "family_notified_at", "family_notice_note"]
    inlines = [BoundPersonInline]


@admin.register(Reconsideration)
class ReconsiderationAdmin(admin.ModelAdmin):
    list_display = ["sanction", "applied_on", "decided_on", "outcome"]
    raw_id_fields = ["sanction", "recorded_by"]


@admin.register(RosterEntry)
class RosterEntryAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "kind", "status", "entered_on", "left_on"]
    list_filter = ["court", "kind", "status"]
    search_fields = ["case__number", "party__name"]
    raw_id_fields = ["case", "party", "decided_by"]
    readonly_fields = ["reasons", "reason_keys", "handled_keys", "entered_on", "spell", "left_on", "left_reason"]


@admin.register(AbilityEvidence)
class AbilityEvidenceAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "kind", "occurred_on", "amount", "description"]
    list_filter = ["court", "kind"]
    raw_id_fields = ["case", "party", "recorded_by"]


@admin.register(TravelImport)
class TravelImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "court", "rows", "violations", "seconds", "created_at"]
    list_filter = ["court"]
    readonly_fields = ["filename", "uploaded_by", "rows", "violations", "seconds"]


@admin.register(Violation)
class ViolationAdmin(admin.ModelAdmin):
    list_display = ["party", "case", "kind", "travelled_on", "sanction"]
    list_filter = ["court", "kind"]
    raw_id_fields = ["travel_record", "sanction", "bound_person", "case", "party"]


class ProsecutionEvidenceInline(admin.TabularInline):
    model = ProsecutionEvidence
    extra = 0
    raw_id_fields = ["violation", "ability_evidence"]


@admin.register(Prosecution)
class ProsecutionAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "track", "sent_on", "police_decision", "settled_on", "performed_on"]
    list_filter = ["court", "track", "police_decision"]
    raw_id_fields = ["sanction", "case", "party", "origin", "updated_by"]
    inlines = [ProsecutionEvidenceInline]
