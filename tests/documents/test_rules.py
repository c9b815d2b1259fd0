"""The pure checks and computations behind issuing (documents/rules.py, documents/legal.py)."""
from decimal import Decimal

import pytest

from documents import rules
from documents.kinds import SPECS
from documents.legal import execution_fee


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
                      "measure": "stop_payment", "ruling_number": None}


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


def test_every_kind_has_a_template_and_a_legal_basis():
    from django.template.loader import get_template

    import datetime as dt

    from documents.legal import basis

    for spec in SPECS.values():
        get_template(spec.template)
        assert basis(spec.kind, issued_on=dt.date(2024, 6, 1))


# --- the legal basis follows the facts (documents.legal) -----------------------------------------------------------

def test_refusing_to_report_property_cites_article_252_and_the_report_provisions():
    import datetime as dt

    from documents import legal

    text = legal.basis("fine_decision", issued_on=dt.date(2024, 5, 1), conduct="report_refusal")
    assert text.startswith("《中华人民共和国民事诉讼法》第二百五十二条")
    assert "《最高人民法院关于民事执行中财产调查若干问题的规定》第九条" in text
    assert "第一百一十四条" not in text


@pytest.mark.parametrize(("conduct", "item"), [
    ("refusal_to_perform", "第一百一十四条第一款第六项"), ("concealing_assets", "第一百一十四条第一款第三项"),
    ("obstructing_officers", "第一百一十四条第一款第五项"), ("restriction_breach", "第一百一十四条第一款第六项"),
])
def test_obstruction_cites_article_114_by_item(conduct, item):
    import datetime as dt

    from documents import legal

    for kind in ("fine_decision", "detention_decision"):
        text = legal.basis(kind, issued_on=dt.date(2024, 5, 1), conduct=conduct)
        assert item in text and "第一百一十八条、第一百一十九条" in text
        assert "第二百五十二条" not in text
    if conduct == "restriction_breach":
        assert "若干规定》第十一条" in text


def test_the_conduct_follows_the_report_order_and_the_report():
    import datetime as dt

    from documents.legal import obstruction_conduct

    served, deadline = dt.date(2024, 3, 3), dt.date(2024, 3, 8)
    assert obstruction_conduct(report_order_served_on=served, reported_on=None, report_deadline=deadline,
                               decided_on=dt.date(2024, 3, 9)) == "report_refusal"
    # the period has not run out, or the debtor reported, or no order was served: a refusal to perform
    assert obstruction_conduct(report_order_served_on=served, reported_on=None, report_deadline=deadline,
                               decided_on=deadline) == "refusal_to_perform"
    assert obstruction_conduct(report_order_served_on=served, reported_on=dt.date(2024, 3, 5),
                               report_deadline=deadline, decided_on=dt.date(2024, 4, 1)) == "refusal_to_perform"
    assert obstruction_conduct(report_order_served_on=None, reported_on=None, report_deadline=None,
                               decided_on=dt.date(2024, 4, 1)) == "refusal_to_perform"


def test_the_referral_cites_the_refusal_interpretation_in_force_on_its_date():
    import datetime as dt

    from documents.legal import basis, refusal_crime_interpretation

    assert "法释〔2015〕16号" in refusal_crime_interpretation(dt.date(2024, 11, 30))
    assert "法释〔2024〕13号" in refusal_crime_interpretation(dt.date(2024, 12, 1))
    assert "最高人民检察院" in refusal_crime_interpretation(dt.date(2025, 1, 1))
    assert basis("criminal_referral_letter", issued_on=dt.date(2024, 12, 1)).startswith("《中华人民共和国刑法》第三百一十三条")


def test_a_panel_is_signed_presiding_judge_first_and_one_judge_alone_as_judge():
    from documents.context import panel_signatures

    assert panel_signatures("", "张法官") == [("审判员", "张法官")]
    assert panel_signatures("李某", "张法官") == [("审判员", "李某")]
    assert panel_signatures("甲某、乙某，丙某", "张法官") == [("审判长", "甲某"), ("审判员", "乙某"), ("审判员", "丙某")]


def test_a_person_is_you_a_unit_you_unit_several_you_all():
    from documents.context import PartyView, you

    person = PartyView("李某", True, "", "", "", "", "", "")
    unit = PartyView("某公司", False, "", "", "", "", "", "王某")
    assert (you([person]), you([unit]), you([person, unit])) == ("你", "你单位", "你们")
