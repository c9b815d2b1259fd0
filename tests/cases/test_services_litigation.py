"""Litigation (source) cases through the services: preservation, outcome with a payment plan, payments, urging."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import Obligation, Outcome, Preservation, Urging, VoluntaryPayment
from cases.services.case_work import urging_record
from cases.services.common import court_today
from cases.services.litigation import outcome_record, payment_record, preservation_add

pytestmark = pytest.mark.django_db



def tomorrow():
    return court_today() + dt.timedelta(days=1)


@pytest.fixture
def lit_case(make_litigation_case):
    return make_litigation_case(filed_on=dt.date(2024, 1, 10))


def plan(*items):
    return [{"due_on": due, "amount": Decimal(amount)} for due, amount in items]


# --- outcome and payment plan -------------------------------------------------------------------------------


def test_a_mediation_records_its_instalments(lit_case, trial_judge):
    outcome = outcome_record(case=lit_case, actor=trial_judge, kind="mediation", effective_on=dt.date(2024, 3, 1),
                             obligations=plan((dt.date(2024, 5, 1), "60000.00"), (dt.date(2024, 8, 1), "66000.00")))
    assert outcome.kind == "mediation"
    assert list(outcome.obligations.values_list("due_on", "amount")) == [
        (dt.date(2024, 5, 1), Decimal("60000.00")), (dt.date(2024, 8, 1), Decimal("66000.00"))]


def test_a_corrected_outcome_replaces_the_old_plan(lit_case, trial_judge):
    outcome_record(case=lit_case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 3, 1),
                   obligations=plan((dt.date(2024, 4, 1), "1.00")))
    outcome_record(case=lit_case, actor=trial_judge, kind="mediation", effective_on=dt.date(2024, 3, 2),
                   obligations=plan((dt.date(2024, 5, 1), "2.00"), (dt.date(2024, 6, 1), "3.00")))
    assert Outcome.objects.get().kind == "mediation"
    assert Obligation.objects.count() == 2


def test_an_outcome_refuses_dates_out_of_order(lit_case, trial_judge):
    with pytest.raises(ValidationError) as excinfo:
        outcome_record(case=lit_case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 1, 9),
                       obligations=plan((dt.date(2024, 1, 8), "1.00")))
    assert set(excinfo.value.message_dict) == {"effective_on", "obligations"}


def test_an_instalment_due_before_the_outcome_is_effective_is_refused(lit_case, trial_judge):
    with pytest.raises(ValidationError) as excinfo:
        outcome_record(case=lit_case, actor=trial_judge, kind="mediation", effective_on=dt.date(2024, 3, 1),
                       obligations=plan((dt.date(2024, 4, 1), "1.00"), (dt.date(2024, 2, 28), "1.00")))
    assert excinfo.value.message_dict == {"obligations": ["第2期履行期限不能早于生效日期。"]}
    assert not Outcome.objects.exists()


def test_an_outcome_cannot_take_effect_in_the_future(lit_case, trial_judge):
    with pytest.raises(ValidationError) as excinfo:
        outcome_record(case=lit_case, actor=trial_judge, kind="judgment", effective_on=tomorrow(),
                       obligations=plan((tomorrow(), "1.00")))
    assert "effective_on" in excinfo.value.message_dict


def test_judgment_needs_a_plan_and_withdrawal_has_none(lit_case, trial_judge):
    with pytest.raises(ValidationError) as excinfo:
        outcome_record(case=lit_case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 3, 1),
                       obligations=[])
    assert "obligations" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        outcome_record(case=lit_case, actor=trial_judge, kind="withdrawn", effective_on=dt.date(2024, 3, 1),
                       obligations=plan((dt.date(2024, 4, 1), "1.00")))
    assert "obligations" in excinfo.value.message_dict
    withdrawn = outcome_record(case=lit_case, actor=trial_judge, kind="withdrawn", effective_on=dt.date(2024, 3, 1),
                               obligations=[])
    assert withdrawn.obligations.count() == 0


def test_an_outcome_refuses_an_unknown_kind(lit_case, trial_judge):
    with pytest.raises(ValidationError) as excinfo:
        outcome_record(case=lit_case, actor=trial_judge, kind="settled_by_duel", effective_on=dt.date(2024, 3, 1),
                       obligations=[])
    assert "kind" in excinfo.value.message_dict


def test_an_outcome_with_one_bad_instalment_writes_nothing_and_keeps_the_old_outcome(lit_case, trial_judge):
    # given an outcome already on record
    outcome_record(case=lit_case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 3, 1),
                   obligations=plan((dt.date(2024, 4, 1), "126000.00")))
    # when a correction has a good first instalment and a negative second one
    with pytest.raises(ValidationError):
        outcome_record(case=lit_case, actor=trial_judge, kind="mediation", effective_on=dt.date(2024, 3, 5),
                       obligations=plan((dt.date(2024, 5, 1), "60000.00"), (dt.date(2024, 6, 1), "-1.00")))
    # then neither the new outcome nor its first instalment was written, and the old one survived
    outcome = Outcome.objects.get()
    assert (outcome.kind, outcome.effective_on) == ("judgment", dt.date(2024, 3, 1))
    assert list(Obligation.objects.values_list("amount", flat=True)) == [Decimal("126000.00")]


def test_an_outcome_with_a_zero_instalment_is_refused(lit_case, trial_judge):
    with pytest.raises(ValidationError):
        outcome_record(case=lit_case, actor=trial_judge, kind="judgment", effective_on=dt.date(2024, 3, 1),
                       obligations=plan((dt.date(2024, 4, 1), "0.00")))
    assert not Outcome.objects.exists()


# --- preservation ---------------------------------------------------------------------------------------------


def test_a_pre_suit_preservation_may_precede_filing(lit_case, clerk):
    preservation = preservation_add(case=lit_case, actor=clerk, kind="pre_litigation", applied_on=dt.date(2024, 1, 5),
                                    amount=Decimal("126000.00"), ruled_on=dt.date(2024, 1, 6))
    assert preservation.pk and preservation.amount == Decimal("126000.00")


@pytest.mark.parametrize("fields, bad", [
    ({"amount": Decimal("0")}, "amount"),
    ({"amount": Decimal("-10")}, "amount"),
    ({"kind": "sometime"}, "kind"),
    ({"ruled_on": dt.date(2024, 1, 1)}, "ruled_on"),
])
def test_preservation_refuses_bad_input(lit_case, clerk, fields, bad):
    data = {"kind": "litigation", "applied_on": dt.date(2024, 1, 15), "amount": Decimal("100.00"), **fields}
    with pytest.raises(ValidationError) as excinfo:
        preservation_add(case=lit_case, actor=clerk, **data)
    assert bad in excinfo.value.message_dict
    assert not Preservation.objects.exists()


def test_preservation_cannot_be_applied_for_in_the_future(lit_case, clerk):
    with pytest.raises(ValidationError) as excinfo:
        preservation_add(case=lit_case, actor=clerk, kind="litigation", applied_on=tomorrow(), amount=Decimal("1"))
    assert "applied_on" in excinfo.value.message_dict


# --- voluntary payments and urging ----------------------------------------------------------------------------


def test_a_voluntary_payment_is_recorded(lit_case, clerk):
    payment = payment_record(case=lit_case, actor=clerk, paid_on=dt.date(2024, 4, 24), amount=Decimal("126000.00"))
    assert (payment.amount, payment.recorded_by) == (Decimal("126000.00"), clerk)


@pytest.mark.parametrize("paid_on, amount, bad", [
    (dt.date(2024, 1, 9), "1.00", "paid_on"),
    (None, "0.00", "amount"),
    (None, "-3.00", "amount"),
])
def test_a_voluntary_payment_refuses_bad_input(lit_case, clerk, paid_on, amount, bad):
    with pytest.raises(ValidationError) as excinfo:
        payment_record(case=lit_case, actor=clerk, paid_on=paid_on or dt.date(2024, 4, 1), amount=Decimal(amount))
    assert bad in excinfo.value.message_dict
    assert not VoluntaryPayment.objects.exists()


def test_a_payment_cannot_be_dated_in_the_future(lit_case, clerk):
    with pytest.raises(ValidationError) as excinfo:
        payment_record(case=lit_case, actor=clerk, paid_on=tomorrow(), amount=Decimal("1.00"))
    assert "paid_on" in excinfo.value.message_dict


def test_urging_before_enforcement_reaches_a_defendant(lit_case, trial_judge, respondent, applicant):
    urging = urging_record(actor=trial_judge, party=respondent, channel="phone", occurred_on=dt.date(2024, 4, 24),
                           outcome="承诺一周内付清", litigation_case=lit_case)
    assert urging.litigation_case == lit_case and urging.enforcement_case is None
    with pytest.raises(ValidationError) as excinfo:
        urging_record(actor=trial_judge, party=applicant, channel="phone", occurred_on=dt.date(2024, 4, 24),
                      litigation_case=lit_case)
    assert "party" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        urging_record(actor=trial_judge, party=respondent, channel="phone", occurred_on=dt.date(2024, 1, 1),
                      litigation_case=lit_case)
    assert "occurred_on" in excinfo.value.message_dict
    assert Urging.objects.count() == 1
