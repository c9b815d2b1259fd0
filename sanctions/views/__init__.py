"""Server-rendered pages of the three axes (Chinese). Thin: forms check shape, services decide, selectors scope —
another court's entry, measure, violation or referral answers 404."""
from .measures import (approval_queue, reconsideration_decide, sanction_action, sanction_detail, sanction_list,
                       sanction_new)
from .prosecutions import prosecution_action, prosecution_detail, prosecution_list, referral_letter
from .rosters import (police_handover, roster_action, roster_bulk, roster_entry, roster_export, roster_index,
                      roster_list)
from .travel import travel_import_page, travel_template_download, violation_detail, violation_list

__all__ = [
    "approval_queue", "police_handover", "prosecution_action", "prosecution_detail", "prosecution_list",
    "reconsideration_decide", "referral_letter", "roster_action", "roster_bulk", "roster_entry", "roster_export",
    "roster_index", "roster_list", "sanction_action", "sanction_detail", "sanction_list", "sanction_new",
    "travel_import_page", "travel_template_download", "violation_detail", "violation_list",
]
