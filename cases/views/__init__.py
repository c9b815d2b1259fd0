"""Server-rendered browser UI (Chinese). Views are thin: forms check shape, services decide, selectors scope."""
from .enforcement import (case_close, case_contact, case_detail, case_edit, case_event, case_fast_track, case_fund, case_import,
                          case_inquiry, case_investigation, case_list, case_new, case_resume, case_urging,
                          case_approve_termination)
from .account import password_change
from .assets import (asset_auction, asset_control, asset_deduct, asset_detail, asset_proceeds, asset_release,
                     asset_renew, asset_result, asset_value)
from .fast_track import fast_track_list
from .home import home
from .litigation import (litigation_detail, litigation_list, litigation_new, litigation_outcome, litigation_payment,
                         litigation_preservation, litigation_preservation_answer, litigation_urging)
from .parties import litigation_lookup, party_chip, party_create_inline, party_detail, party_list, party_lookup
from .preservations import (preservation_asset, preservation_detail, preservation_list, preservation_new,
                            preservation_release, preservation_ruling)
from .todos import todo_done, todo_list, todos_done

__all__ = [
    "case_approve_termination", "case_close", "case_detail", "case_event", "case_fund", "case_inquiry", "case_list", "case_new", "case_resume",
    "case_urging", "case_edit", "home", "litigation_detail", "litigation_list", "litigation_new", "litigation_outcome",
    "litigation_payment", "litigation_preservation", "litigation_urging", "party_chip", "party_create_inline",
    "party_detail", "party_list", "party_lookup",
    "litigation_lookup", "case_contact", "case_fast_track", "case_import", "case_investigation",
    "litigation_preservation_answer", "asset_auction", "asset_control", "asset_deduct", "asset_detail",
    "asset_proceeds", "asset_release", "asset_renew", "asset_result", "asset_value", "fast_track_list",
    "preservation_asset", "preservation_detail", "preservation_list", "preservation_new", "preservation_release",
    "preservation_ruling", "todo_done", "todo_list", "todos_done", "password_change",
]
