"""Server-rendered browser UI (Chinese). Views are thin: forms check shape, services decide, selectors scope."""
from .enforcement import (case_close, case_detail, case_event, case_fund, case_inquiry, case_list, case_new,
                          case_resume, case_urging)
from .home import home
from .litigation import (litigation_detail, litigation_list, litigation_new, litigation_outcome, litigation_payment,
                         litigation_preservation, litigation_urging)
from .parties import party_chip, party_create_inline, party_list, party_lookup

__all__ = [
    "case_close", "case_detail", "case_event", "case_fund", "case_inquiry", "case_list", "case_new", "case_resume",
    "case_urging", "home", "litigation_detail", "litigation_list", "litigation_new", "litigation_outcome",
    "litigation_payment", "litigation_preservation", "litigation_urging", "party_chip", "party_create_inline",
    "party_list", "party_lookup",
]
