from .measures import BoundPerson, Reconsideration, Sanction
from .prosecutions import Prosecution, ProsecutionEvidence
from .rosters import AbilityEvidence, RosterEntry
from .travel import TravelImport, TravelRecord, Violation

__all__ = [
    "AbilityEvidence", "BoundPerson", "Prosecution", "ProsecutionEvidence", "Reconsideration", "RosterEntry",
    "Sanction", "TravelImport", "TravelRecord", "Violation",
]
