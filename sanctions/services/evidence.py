"""Evidence of ability to perform (有履行能力): income, spending, transfers — it feeds the detention/criminal roster."""
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cases.choices import EventKind
from cases.services.common import check_not_future, raise_if
from cases.services.enforcement import lock_case
from cases.services.timeline import record_event

from ..choices import EvidenceKind
from ..models import AbilityEvidence
from ..tasks import enqueue_roster_refresh


@transaction.atomic
def evidence_record(*, case, party, actor, kind: str, occurred_on: dt.date, description: str,
                    amount: Decimal | None = None, source: str = "") -> AbilityEvidence:
    case = lock_case(case)
    errors: dict = {}
    if kind not in EvidenceKind.values:
        errors.setdefault("kind", []).append(_("未知的证据类型。"))
    if not case.respondents.filter(pk=party.pk).exists():
        errors.setdefault("party", []).append(_("只能登记本案被执行人的履行能力证据。"))
    if not (description or "").strip():
        errors.setdefault("description", []).append(_("请填写证据内容。"))
    if amount is not None and amount <= 0:
        errors.setdefault("amount", []).append(_("金额必须大于0。"))
    check_not_future(occurred_on, "occurred_on", errors)
    raise_if(errors)
    evidence = AbilityEvidence.objects.create(court=case.court, case=case, party=party, kind=kind,
                                              occurred_on=occurred_on, amount=amount, description=description.strip(),
                                              source=source.strip(), recorded_by=actor)
    record_event(case=case, kind=EventKind.ABILITY_EVIDENCE, occurred_on=occurred_on, actor=actor, party=party,
                 amount=amount,
                 note=_("履行能力证据（%(kind)s）：%(d)s") % {"kind": evidence.get_kind_display(), "d": description})
    enqueue_roster_refresh(case.pk)
    return evidence
