from .assets import CONTROLLED_STATUSES, Asset, AssetInquiry, AuctionRound
from .contacts import Contact
from .courts import CaseNumberCounter, Court, Grid, SyncSettings, Township
from .jobs import JobRun
from .enforcement import CaseEvent, DeadlineExtension, EnforcementCase, FundEntry, Suspension
from .litigation import LitigationCase, Obligation, Outcome, Preservation, VoluntaryPayment
from .parties import TAG_FIELDS, Party
from .todos import Todo
from .urgings import Urging
from .users import User

__all__ = [
    "Asset", "AssetInquiry", "AuctionRound", "CONTROLLED_STATUSES", "CaseEvent", "Contact", "SyncSettings", "CaseNumberCounter", "Court", "DeadlineExtension", "EnforcementCase",
    "FundEntry", "Grid", "JobRun", "LitigationCase", "Obligation", "Outcome", "Party", "Preservation", "Suspension",
    "TAG_FIELDS", "Todo", "Township", "Urging", "User", "VoluntaryPayment",
]
