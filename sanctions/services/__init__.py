"""Writes of the sanctions app (keyword-only, atomic, timeline-recorded). Import from here or the submodules."""
from .evidence import evidence_record
from .measures import (EFFECT_EVENTS, detention_record_custody, detention_record_family_notice, dishonest_extend,
                       reconsideration_apply, reconsideration_decide, sanction_approve, sanction_end,
                       sanction_propose, sanction_reject, summons_record_questioning)
from .prosecutions import (prosecution_add_evidence, prosecution_payment, prosecution_police_decision,
                           prosecution_progress, prosecution_send, prosecution_settle)
from .rosters import roster_close, roster_confirm, roster_decide_many, roster_dismiss

__all__ = [
    "EFFECT_EVENTS", "detention_record_custody", "detention_record_family_notice", "dishonest_extend",
    "evidence_record", "prosecution_add_evidence", "prosecution_payment", "prosecution_police_decision",
    "prosecution_progress", "prosecution_send", "prosecution_settle", "reconsideration_apply",
    "reconsideration_decide", "roster_close", "roster_confirm", "roster_decide_many", "roster_dismiss", "sanction_approve", "sanction_end",
    "sanction_propose", "sanction_reject", "summons_record_questioning",
]
