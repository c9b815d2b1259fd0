"""Quality review of 终本 closures: all or a reproducible random sample of a period's closures, each marked
compliant or not with a reason; the compliance rate with its numerator and denominator."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import EnforcementCase
from clearance.models import ClosureReviewItem
from clearance.services.review import draw_sample, review_create, review_mark, review_summary
from wanian_exec.errors import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date
BASE = "/api/v1/clearance/"


@pytest.fixture
def closures(make_stock_case, make_case, judge):
    """Four 终本 closures in 2023 H2 (one gate-checked, three recorded directly), one in 2024."""
    gated = make_stock_case(name="甲", closed_on=D(2023, 8, 31))
    rows = [gated]
    for i, closed in enumerate([D(2023, 9, 5), D(2023, 10, 9), D(2023, 12, 29), D(2024, 1, 3)]):
        case = make_case(filed_on=D(2023, 3, 1), amount_claimed=Decimal("9000.00"))
        EnforcementCase.objects.filter(pk=case.pk).update(status="closed", closure_method="terminated_current",
                                                          closed_on=closed)
        rows.append(case)
    return rows


def test_the_sample_is_reproducible_from_its_seed_and_without_repeats():
    population = list(range(1, 101))
    first = draw_sample(population, 10, seed=42)
    assert first == draw_sample(list(reversed(population)), 10, seed=42)  # the order given does not matter
    assert len(set(first)) == 10 and set(first) <= set(population)
    assert draw_sample(population, 10, seed=43) != first
    assert draw_sample(population[:3], 10, seed=1) == [1, 2, 3]  # a sample larger than the population: all


def test_review_of_all_closures_in_a_period_with_the_system_check(closures, leader):
    review = review_create(court=leader.court, actor=leader, title="", period_from=D(2023, 7, 1),
                           period_to=D(2023, 12, 31), mode="all")
    items = {i.case_id: i for i in ClosureReviewItem.objects.filter(review=review)}
    assert set(items) == {c.pk for c in closures[:4]} and review.population == 4
    assert items[closures[0].pk].system_unmet == []  # closed through the gate
    assert "notice_not_served" in items[closures[1].pk].system_unmet  # closed with nothing done


def test_a_random_sample_of_the_chosen_size(closures, leader):
    review = review_create(court=leader.court, actor=leader, title="抽查", period_from=D(2023, 7, 1),
                           period_to=D(2023, 12, 31), mode="sample", sample_size=2, seed=7)
    chosen = set(review.items.values_list("case_id", flat=True))
    assert len(chosen) == 2 and chosen <= {c.pk for c in closures[:4]}
    assert chosen == set(draw_sample([c.pk for c in closures[:4]], 2, seed=7))
    assert (review.population, review.sample_size, review.seed) == (4, 2, 7)


def test_sampling_refusals(closures, leader):
    with pytest.raises(ValidationError):
        review_create(court=leader.court, actor=leader, title="", period_from=D(2023, 7, 1), period_to=D(2023, 12, 31),
                      mode="sample", sample_size=0)
    with pytest.raises(RuleViolation):
        review_create(court=leader.court, actor=leader, title="", period_from=D(2020, 1, 1), period_to=D(2020, 12, 31),
                      mode="all")


def test_marking_and_the_compliance_rate(closures, leader):
    review = review_create(court=leader.court, actor=leader, title="", period_from=D(2023, 7, 1),
                           period_to=D(2023, 12, 31), mode="all")
    items = list(review.items.order_by("pk"))
    with pytest.raises(ValidationError):
        review_mark(item=items[1], actor=leader, verdict="non_compliant")  # no reason
    review_mark(item=items[0], actor=leader, verdict="compliant")
    review_mark(item=items[1], actor=leader, verdict="non_compliant", unmet=["notice_not_served"])
    review_mark(item=items[2], actor=leader, verdict="compliant")
    items[1].refresh_from_db()
    assert items[1].reason == "未向每一被执行人发出执行通知书"  # the checked condition stands as the reason
    summary = review_summary(review)
    assert (summary["total"], summary["compliant"], summary["non_compliant"], summary["pending"]) == (4, 2, 1, 1)
    assert summary["compliance_rate"] == Decimal("0.6667")


def test_review_api_permissions_and_tenancy(api, closures, leader, judge, other_leader):
    body = {"period_from": "2023-07-01", "period_to": "2023-12-31", "mode": "sample", "sample_size": 3, "seed": 11}
    assert api.as_user(judge).post(BASE + "reviews/", body, format="json").status_code == 403
    created = api.as_user(leader).post(BASE + "reviews/", body, format="json")
    assert created.status_code == 201, created.content
    review_id = created.json()["id"]
    items = api.as_user(leader).get(BASE + f"reviews/{review_id}/items/").json()
    assert items["count"] == 3
    item_id = items["results"][0]["id"]
    assert api.as_user(judge).post(BASE + f"review-items/{item_id}/mark/", {"verdict": "compliant"},
                                   format="json").status_code == 403
    marked = api.as_user(leader).post(BASE + f"review-items/{item_id}/mark/",
                                      {"verdict": "non_compliant", "reason": "未听取申请人意见"}, format="json")
    assert marked.status_code == 200 and marked.json()["verdict"] == "non_compliant"
    summary = api.as_user(leader).get(BASE + f"reviews/{review_id}/").json()["summary"]
    assert (summary["reviewed"], summary["compliance_rate"]) == (1, "0.0000")
    # another court's leader: not found, not listed
    foreign = api.as_user(other_leader)
    assert foreign.get(BASE + f"reviews/{review_id}/").status_code == 404
    assert foreign.get(BASE + f"reviews/{review_id}/items/").status_code == 404
    assert foreign.post(BASE + f"review-items/{item_id}/mark/", {"verdict": "compliant"},
                        format="json").status_code == 404
    assert foreign.get(BASE + "reviews/").json()["count"] == 0
