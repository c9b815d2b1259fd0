"""The pure checks and computations behind issuing (documents/rules.py, documents/legal.py)."""
from decimal import Decimal

import pytest

from documents import rules
from documents.kinds import SPECS
from documents.legal import execution_fee
from documents.numbering import SERIES, format_document_number
from cases.choices import EnforcementType, LitigationType


@pytest.mark.parametrize(("amount", "fee"), [
    ("5000", "50.00"), ("10000", "50.00"), ("126000", "1790.00"), ("500000", "7400.00"), ("1000000", "12400.00"),
    ("5000000", "52400.00"), ("8000000", "67400.00"), ("20000000", "87400.00"),
])
def test_execution_fee_by_the_bands_of_the_fee_rules(amount, fee):
    assert execution_fee(Decimal(amount)) == Decimal(fee)


def test_inputs_are_typed_and_defaulted():
    values, errors = rules.clean_inputs(SPECS["assistance_notice"], {
        "third_party": " 万年县某建筑公司 ", "asset_description": "工程款", "amount": "108,000"})
    assert errors == {}
    assert values == {"third_party": "万年县某建筑公司", "asset_description": "工程款", "amount": Decimal("108000.00"),
                      "measure": "stop_payment"}


def test_every_input_error_is_reported_at_once_in_chinese():
    _, errors = rules.clean_inputs(SPECS["assistance_notice"], {"amount": "-5", "measure": "seize", "ground": "x"})
    assert set(errors) == {"third_party", "asset_description", "amount", "measure", "ground"}
    assert errors["third_party"] == ["请填写协助执行单位。"]
    assert "不需要此项" in errors["ground"][0]


@pytest.mark.parametrize("raw", ["0", "1.001", "abc", "1e20"])
def test_bad_amounts_are_refused(raw):
    _, errors = rules.clean_inputs(SPECS["assistance_notice"], {"third_party": "x", "asset_description": "y",
                                                                "amount": raw})
    assert "amount" in errors


def test_int_inputs_keep_their_range():
    _, errors = rules.clean_inputs(SPECS["report_order"], {"deadline_days": "31"})
    assert errors == {"deadline_days": ["报告期限（日）应在1至30之间。"]}
    values, _ = rules.clean_inputs(SPECS["report_order"], {})
    assert values == {"deadline_days": 5}


def test_sanction_must_be_approved_of_the_right_kind_in_the_same_case():
    spec = SPECS["fine_decision"]
    assert rules.sanction_errors(spec, sanction_kind="fine", sanction_status="approved", same_case=True) == []
    assert rules.sanction_errors(spec, sanction_kind=None, sanction_status=None, same_case=False) == [
        "请选择已批准的罚款措施。"]
    errors = rules.sanction_errors(spec, sanction_kind="detention", sanction_status="proposed", same_case=False)
    assert errors == ["该强制措施不属于本案。", "罚款决定书应依据“罚款”措施制作，所选措施为“司法拘留”。",
                      "该强制措施尚未经院长批准生效（当前状态：待审批），不能制作罚款决定书。"]
    assert rules.sanction_errors(SPECS["execution_notice"], sanction_kind="fine", sanction_status="approved",
                                 same_case=True) == ["执行通知书不依据强制措施制作。"]


def test_assistance_may_not_exceed_what_is_owed():
    assert rules.assistance_amount_errors(Decimal("109620"), outstanding=Decimal("108000"), fee=Decimal("1620")) == []
    assert rules.assistance_amount_errors(Decimal("109620.01"), outstanding=Decimal("108000"), fee=Decimal("1620"))


def test_document_series_are_distinct_and_never_a_case_type():
    assert len(set(SERIES.values())) == len(SERIES) == len(SPECS)
    assert not set(SERIES.values()) & (set(EnforcementType.values) | set(LitigationType.values))
    assert format_document_number(court_code="赣1129", year=2024, kind="execution_notice", sequence=5) == \
        "（2024）赣1129执通5号"


def test_every_kind_has_a_template_and_a_legal_basis():
    from django.template.loader import get_template

    from documents.legal import BASIS

    for spec in SPECS.values():
        get_template(spec.template)
        assert BASIS[spec.kind]
