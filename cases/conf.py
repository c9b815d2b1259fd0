"""Defaults of the four synchronizations' per-court settings (cases.models.SyncSettings).

A deployment may change the defaults for courts that have no settings row yet with `FOUR_SYNC = {...}` in its
Django settings; each court then edits its own row in the admin or through `PUT /api/v1/sync-settings/`.
"""
from decimal import Decimal

from django.conf import settings

DEFAULTS = {
    "instalment_reminder_days": 7,  # 执前督促: remind the trial judge 7 days before an instalment falls due
    "lapse_reminder_days": 30,  # remind a renewal 30 days before a freeze/seizure lapses
    "fast_track_enabled": True,
    "fast_track_max_respondents": 1,
    "fast_track_max_amount": Decimal("50000.00"),
    "fast_track_requires_assets": True,
}


def four_sync_default(name: str):
    value = getattr(settings, "FOUR_SYNC", {}).get(name, DEFAULTS[name])
    return Decimal(str(value)) if isinstance(DEFAULTS[name], Decimal) else value
