"""Each court's settings of the four synchronizations (reminder windows, fast-track rules)."""
from django.db import transaction

from ..models import SyncSettings
from ..selectors import sync_settings_for

FIELDS = ("instalment_reminder_days", "lapse_reminder_days", "fast_track_enabled", "fast_track_max_respondents",
          "fast_track_max_amount", "fast_track_requires_assets")


@transaction.atomic
def sync_settings_update(*, court_id: int, actor, **values) -> SyncSettings:
    row = SyncSettings.objects.select_for_update().filter(court_id=court_id).first() or sync_settings_for(court_id)
    for name, value in values.items():
        if name not in FIELDS:
            raise TypeError(f"unknown setting {name}")
        setattr(row, name, value)
    row.full_clean(exclude=["court"])
    row.save()
    return row
