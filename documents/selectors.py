"""Reads of the documents app. Tenancy comes from cases.selectors.restrict_to_user, as everywhere."""
from django.db.models import QuerySet

from cases.selectors import restrict_to_user
from sanctions.choices import SanctionStatus
from sanctions.models import Sanction

from .kinds import SPECS
from .models import Document


def documents_visible_to(user) -> QuerySet:
    """Documents of the user's court (all for a system admin), with what a list row shows, without the large text."""
    return restrict_to_user(
        Document.objects.select_related("case", "party", "issued_by").defer("html"), user, court_path="court")


def case_documents(case) -> QuerySet:
    """A case's documents, newest first (the case has already come through the tenancy selector)."""
    return case.documents.select_related("party", "issued_by").defer("html").order_by("-issued_on", "-pk")


def approved_sanctions_for(case, kind: str) -> QuerySet:
    """The approved measures of the case a document of `kind` can rest on (empty for kinds that need none)."""
    spec = SPECS[kind]
    if spec.sanction_kind is None:
        return Sanction.objects.none()
    return case.sanctions.filter(kind=spec.sanction_kind, status=SanctionStatus.APPROVED).select_related(
        "party").order_by("-approved_on", "-pk")
