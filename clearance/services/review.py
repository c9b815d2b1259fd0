"""Quality review of 终本 closures (终本案件质量评查): a leader picks every 终本 closure of a period, or a random
sample of a chosen size, and marks each compliant or not against the 终本 precondition checklist
(cases.rules.TERMINATION_CONDITIONS), with a reason. The system's own check of the checklist on the closure date
(cases.rules.termination_unmet) is stored beside each case as a guide, not as the verdict."""
import datetime as dt
import random
import secrets

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import rules
from cases.choices import ClosureMethod
from cases.models import EnforcementCase
from cases.selectors import termination_facts
from cases.services.common import ensure_not_self_approval, raise_if
from wanian_exec.errors import RuleViolation

from ..choices import ReviewMode, Verdict
from ..models import ClosureReview, ClosureReviewItem

MAX_SAMPLE = 2000  # a review is read by people: a sample larger than this is refused


def closures_in(court_id: int, period_from: dt.date, period_to: dt.date):
    return EnforcementCase.objects.filter(court_id=court_id, closure_method=ClosureMethod.TERMINATED_CURRENT,
                                          closed_on__gte=period_from, closed_on__lte=period_to)


def draw_sample(population: list[int], size: int, seed: int) -> list[int]:
    """A reproducible simple random sample without replacement: the same population, size and seed give the
    same cases (the seed is stored with the review, so the draw can be checked afterwards)."""
    return sorted(random.Random(seed).sample(sorted(population), min(size, len(population))))


@transaction.atomic
def review_create(*, court, actor, title: str = "", period_from: dt.date, period_to: dt.date, mode: str,
                  sample_size: int | None = None, seed: int | None = None) -> ClosureReview:
    errors: dict = {}
    if mode not in ReviewMode.values:
        errors["mode"] = [_("请选择评查方式。")]
    if period_from and period_to and period_from > period_to:
        errors["period_to"] = [_("截止日期不能早于起始日期。")]
    if mode == ReviewMode.SAMPLE and not (sample_size and 1 <= sample_size <= MAX_SAMPLE):
        errors["sample_size"] = [_("抽查件数应为1至%(n)d件。") % {"n": MAX_SAMPLE}]
    raise_if(errors)
    population = list(closures_in(court.pk, period_from, period_to).order_by("pk").values_list("pk", flat=True))
    if not population:
        raise RuleViolation(_("该期间没有终本结案的案件。"), code="nothing_to_review")
    if mode == ReviewMode.ALL and len(population) > MAX_SAMPLE:
        raise RuleViolation(_("该期间终本结案%(n)d件，超过全部评查上限，请改用随机抽查。") % {"n": len(population)},
                            code="population_too_large")
    seed = seed if seed is not None else secrets.randbits(48)
    chosen = population if mode == ReviewMode.ALL else draw_sample(population, sample_size, seed)
    review = ClosureReview.objects.create(
        court=court, title=(title or "").strip() or _("终本案件质量评查 %(a)s 至 %(b)s") % {
            "a": period_from.isoformat(), "b": period_to.isoformat()},
        period_from=period_from, period_to=period_to, mode=mode,
        sample_size=sample_size if mode == ReviewMode.SAMPLE else None, seed=seed, population=len(population),
        created_by=actor)
    items = []
    cases = EnforcementCase.objects.filter(pk__in=chosen).prefetch_related("respondents").order_by("pk")
    for case in cases.iterator(chunk_size=200):
        unmet = rules.termination_unmet(termination_facts(case, closing_on=case.closed_on))
        items.append(ClosureReviewItem(review=review, case=case, system_unmet=unmet))
    ClosureReviewItem.objects.bulk_create(items, batch_size=500)
    return review


@transaction.atomic
def review_mark(*, item: ClosureReviewItem, actor, verdict: str, unmet: list[str] | None = None,
                reason: str = "") -> ClosureReviewItem:
    """Mark one case compliant or not. Non-compliant needs the unmet conditions or a written reason (both kept)."""
    item = ClosureReviewItem.objects.select_for_update().select_related("case").get(pk=item.pk)
    # the closure under review is its judge's own: they do not grade it (cases.rules.is_self_approval)
    ensure_not_self_approval(proposer_ids=[item.case.judge_id], actor=actor)
    unmet = list(dict.fromkeys(unmet or []))
    reason = (reason or "").strip()
    errors: dict = {}
    if verdict not in (Verdict.COMPLIANT, Verdict.NON_COMPLIANT):
        errors["verdict"] = [_("请选择合规或不合规。")]
    bad = [code for code in unmet if code not in rules.TERMINATION_CONDITIONS]
    if bad:
        errors["unmet"] = [_("未知的终本条件：%(c)s") % {"c": "、".join(bad)}]
    if verdict == Verdict.NON_COMPLIANT and not reason:
        if unmet and not bad:
            reason = "；".join(str(rules.TERMINATION_CONDITIONS[c]) for c in unmet)
        else:
            errors["reason"] = [_("认定不合规须写明理由或勾选不符合的条件。")]
    if verdict == Verdict.COMPLIANT and unmet:
        errors["unmet"] = [_("认定合规时不应勾选不符合的条件。")]
    raise_if(errors)
    item.verdict, item.unmet, item.reason = verdict, unmet, reason
    item.reviewed_by, item.reviewed_at = actor, timezone.now()
    item.save(update_fields=["verdict", "unmet", "reason", "reviewed_by", "reviewed_at", "updated_at"])
    return item


def review_summary(review: ClosureReview) -> dict:
    """终本合规率 = compliant / reviewed (numerator and denominator both given: courts use different ones)."""
    counts = review.items.aggregate(
        total=Count("pk"), compliant=Count("pk", filter=Q(verdict=Verdict.COMPLIANT)),
        non_compliant=Count("pk", filter=Q(verdict=Verdict.NON_COMPLIANT)))
    reviewed = counts["compliant"] + counts["non_compliant"]
    rate = None
    if reviewed:
        from decimal import ROUND_HALF_UP, Decimal

        rate = (Decimal(counts["compliant"]) / Decimal(reviewed)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return {**counts, "reviewed": reviewed, "pending": counts["total"] - reviewed, "compliance_rate": rate}
