"""Each kind of document as a court's review reads it: rendered to PDF and read back with pdftotext — its number,
its parties, the legal basis its facts call for, the remedy it states and who signs it."""
import datetime as dt
from decimal import Decimal

import subprocess

import pytest

from cases.choices import ClosureMethod, EventKind
from cases.identity import birth_date_from_resident_id
from cases.services.case_work import case_record_event
from cases.services.enforcement import case_close, case_resume
from documents.chinese_dates import arabic_date
from documents.services import document_issue

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

CPL = "《中华人民共和国民事诉讼法》"
ON = dt.date(2024, 4, 3)


def issue(case, kind, judge, **kwargs):
    kwargs.setdefault("issued_on", ON)
    document = document_issue(case=case, kind=kind, actor=judge, **kwargs)
    return document, pdf_text(document)


def layout_text(document) -> str:
    """The PDF's text in the order of its lines on the page (pdftotext -layout), whitespace removed: where the
    signatures, the date and the clerk stand relative to each other."""
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", document.pdf.path, "-"], capture_output=True,
                            check=True)
    return "".join(result.stdout.decode("utf-8").split())


def person_block(party) -> str:
    """被执行人：李某，男，1990年1月1日出生，汉族 — sex and birth date read from the resident ID, the ethnicity
    as stored."""
    birth = birth_date_from_resident_id(party.id_number)
    sex = "男" if int(party.id_number[16]) % 2 else "女"
    return f"{party.name}，{sex}，{arabic_date(birth)}出生" + (f"，{party.ethnicity}" if party.ethnicity else "")


def no_slips(text):
    assert "你（单位）" not in text
    assert "。。" not in text


def signed_by_president(text, leader):
    assert f"院长{leader.display_name}" in text


@pytest.fixture
def company_case(make_case, company):
    return make_case(respondents=[company])


def test_execution_notice_carries_the_case_number_and_addresses_a_person_as_you(enforcement_case, judge):
    respondent = enforcement_case.respondents.get()
    respondent.ethnicity = "汉族"
    respondent.save(update_fields=["ethnicity"])
    document, text = issue(enforcement_case, "execution_notice", judge)
    assert document.number == enforcement_case.number
    assert f"{enforcement_case.court.name}执行通知书{enforcement_case.number}" in text
    assert f"被执行人：{person_block(respondent)}，公民身份号码{respondent.id_number}" in text
    assert "出生，汉族，" in text
    assert "责令你自收到本通知之日起立即履行" in text
    assert f"{CPL}第二百五十一条、第二百六十四条" in text
    no_slips(text)


def test_execution_notice_addresses_a_unit_as_you_unit(company_case, company, judge):
    document, text = issue(company_case, "execution_notice", judge)
    assert document.number == company_case.number
    assert "责令你单位自收到本通知之日起立即履行" in text
    assert f"被执行人：{company.name}，统一社会信用代码{company.credit_code}，住所地{company.address}。" \
           f"法定代表人：{company.legal_representative}。" in text
    no_slips(text)


def test_report_order_warns_a_person_of_fines_on_them_and_a_unit_of_fines_on_its_officers(enforcement_case,
                                                                                          company_case, judge):
    _document, text = issue(enforcement_case, "report_order", judge)
    assert enforcement_case.number in text
    assert "责令你在收到本令后五日内" in text
    assert "本院将根据情节轻重对你予以罚款、拘留" in text
    assert f"{CPL}第二百五十二条、《最高人民法院关于民事执行中财产调查若干问题的规定》" in text
    no_slips(text)
    _document, text = issue(company_case, "report_order", judge)
    assert "对你单位或者你单位的主要负责人、直接责任人员予以罚款、拘留" in text
    no_slips(text)


def test_consumption_restriction_order_is_signed_by_the_president_who_approved_it(company_case, judge, leader,
                                                                                   approve):
    sanction = approve(company_case, "consumption_restriction")
    document, text = issue(company_case, "consumption_restriction_order", judge, sanction=sanction)
    assert document.number == company_case.number
    signed_by_president(text, leader)
    assert "限制你单位不得实施以下高消费" in text
    assert f"{CPL}第二百六十六条、《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第一条、第三条" in text
    no_slips(text)


def test_dishonest_decision_states_its_ground_once_and_is_signed_by_the_president(enforcement_case, judge, leader,
                                                                                  approve):
    sanction = approve(enforcement_case, "dishonest_list", dishonest_ground="report_breach", note="违反财产报告制度")
    document, text = issue(enforcement_case, "dishonest_decision", judge, sanction=sanction)
    assert document.number == enforcement_case.number  # the case's first decision
    assert "违反财产报告制度：违反财产报告制度" not in text
    assert text.count("违反财产报告制度") == 1
    assert "违反财产报告制度，属于《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（四）项规定的情形" in text
    assert person_block(enforcement_case.respondents.get()) in text
    assert "可以向本院申请纠正" in text
    signed_by_president(text, leader)
    no_slips(text)


def test_dishonest_decision_with_facts_states_them_then_the_ground(enforcement_case, judge, approve):
    sanction = approve(enforcement_case, "dishonest_list", dishonest_ground="report_breach",
                       note="被执行人收到报告财产令后逾期未报告财产。")
    _document, text = issue(enforcement_case, "dishonest_decision", judge, sanction=sanction)
    assert "经查，被执行人收到报告财产令后逾期未报告财产。被执行人" in text
    assert "第一条第（四）项规定的“违反财产报告制度”的情形" in text
    no_slips(text)


def test_summons_warrant_names_the_approving_president(enforcement_case, judge, leader, approve):
    sanction = approve(enforcement_case, "summons", start_on=dt.date(2024, 4, 8))
    document, text = issue(enforcement_case, "summons_warrant", judge, sanction=sanction)
    assert document.number == enforcement_case.number
    assert f"经本院院长{leader.display_name}批准" in text
    signed_by_president(text, leader)
    assert "院长（签章）" not in text


def test_fine_for_refusing_to_report_cites_article_252_and_the_property_report_provisions(enforcement_case, judge,
                                                                                          leader, approve):
    # given a report order served on 3 March whose five days ran out without a report
    document_issue(case=enforcement_case, kind="report_order", actor=judge, issued_on=dt.date(2024, 3, 3))
    sanction = approve(enforcement_case, "fine", amount=Decimal("20000.00"), note="被执行人拒不申报财产。")
    document, text = issue(enforcement_case, "fine_decision", judge, sanction=sanction)
    assert document.inputs["conduct"] == "report_refusal"
    assert document.number == enforcement_case.number
    assert f"{CPL}第二百五十二条、第一百一十八条、第一百一十九条，《最高人民法院关于民事执行中财产调查若干问题的规定》" \
           "第九条" in text
    assert "第一百一十四条第一款第六项" not in text
    assert "查明：被执行人拒不申报财产。本院认为" in text
    assert f"经本院院长{leader.display_name}批准" in text
    assert "三日内，口头或者书面向" in text and "申请复议一次" in text
    signed_by_president(text, leader)
    no_slips(text)


def test_fine_for_obstructing_officers_cites_article_114_item_5(enforcement_case, judge, approve):
    sanction = approve(enforcement_case, "fine", amount=Decimal("5000.00"), note="在查封现场阻拦执行人员")
    _document, text = issue(enforcement_case, "fine_decision", judge, sanction=sanction,
                            extra={"conduct": "obstructing_officers"})
    assert f"{CPL}第一百一十四条第一款第五项、第一百一十八条、第一百一十九条" in text
    assert "以暴力、威胁或者其他方法阻碍司法工作人员执行职务的行为" in text


def test_detention_without_a_report_order_is_for_refusing_to_perform_114_1_6(enforcement_case, judge, leader,
                                                                             approve):
    sanction = approve(enforcement_case, "detention", start_on=dt.date(2024, 4, 3), end_on=dt.date(2024, 4, 17),
                       note="被执行人有履行能力而拒不履行。")
    document, text = issue(enforcement_case, "detention_decision", judge, sanction=sanction)
    assert document.inputs["conduct"] == "refusal_to_perform"
    assert f"{CPL}第一百一十四条第一款第六项、第一百一十八条、第一百一十九条" in text
    assert f"被拘留人：{person_block(enforcement_case.respondents.get())}" in text
    assert "司法拘留十五日" in text
    assert "申请复议一次" in text
    signed_by_president(text, leader)
    no_slips(text)


def test_assistance_notice_carries_out_its_ruling_and_addresses_the_unit(li_case, judge):
    document, text = issue(li_case, "assistance_notice", judge, extra={
        "third_party": "万年县某建筑工程有限公司", "amount": Decimal("108000.00"),
        "asset_description": "李某挂靠于你单位名下承建工程的应付工程款。"})
    assert document.number == li_case.number
    assert f"本院已作出{li_case.number}执行裁定，停止支付被执行人李某的上述款项" in text
    assert f"{CPL}第二百五十三条、第二百五十四条" in text
    assert "请你单位协助执行下列事项" in text
    no_slips(text)


@pytest.mark.parametrize(("issued_on", "cited", "not_cited"), [
    (dt.date(2024, 11, 30), "法释〔2015〕16号", "法释〔2024〕13号"),
    (dt.date(2024, 12, 1), "法释〔2024〕13号", "法释〔2015〕16号"),
])
def test_referral_letter_cites_the_interpretation_in_force_and_encloses_the_account(enforcement_case, judge, approve,
                                                                                   issued_on, cited, not_cited):
    sanction = approve(enforcement_case, "criminal_referral", note="被执行人在限制消费期间多次乘坐飞机出行。")
    document, text = issue(enforcement_case, "criminal_referral_letter", judge, sanction=sanction,
                           issued_on=issued_on, extra={"police_agency": "万年县公安局"})
    assert document.number == enforcement_case.number
    assert f"《中华人民共和国刑法》第三百一十三条、" in text
    assert cited in text and not_cited not in text
    assert "2.执行情况说明" in text
    no_slips(text)


def _terminated(case, judge, ready_for_termination):
    ready_for_termination(case)
    return case_close(case=case, actor=judge, method=ClosureMethod.TERMINATED_CURRENT, closed_on=dt.date(2024, 7, 1),
                      reason="经穷尽财产调查措施，未发现被执行人有可供执行的财产。")


def test_termination_ruling_is_signed_by_the_judge_then_dated_certified_and_signed_by_the_clerk(
        enforcement_case, judge, ready_for_termination):
    case = _terminated(enforcement_case, judge, ready_for_termination)
    document, text = issue(case, "termination_ruling", judge, issued_on=dt.date(2024, 7, 1),
                           extra={"clerk": "周书记员"})
    assert document.number == case.number  # the case's first ruling
    assert "执终" not in text
    assert "执行异议" in text and "第二百三十六条" in text
    lines = layout_text(document)
    positions = [lines.index(s) for s in (f"审判员{judge.display_name}", "二〇二四年七月一日", "本件与原本核对无异",
                                         "书记员周书记员")]
    assert positions == sorted(positions)
    assert "审判长" not in text
    no_slips(text)


def test_termination_ruling_of_a_panel_lists_the_presiding_judge_first(enforcement_case, judge,
                                                                      ready_for_termination):
    case = _terminated(enforcement_case, judge, ready_for_termination)
    document, _text = issue(case, "termination_ruling", judge, issued_on=dt.date(2024, 7, 1),
                            extra={"panel": "张某、李某、王某", "clerk": "周某"})
    lines = layout_text(document)
    positions = [lines.index(s) for s in ("审判长张某", "审判员李某", "审判员王某", "二〇二四年七月一日",
                                         "本件与原本核对无异", "书记员周某")]
    assert positions == sorted(positions)


def test_resumption_notice_carries_the_zhihui_number(enforcement_case, judge, ready_for_termination):
    old = _terminated(enforcement_case, judge, ready_for_termination)
    resumed = case_resume(case=old, actor=judge, filed_on=dt.date(2024, 9, 2))
    document, text = issue(resumed, "resumption_notice", judge, issued_on=dt.date(2024, 9, 3))
    assert "执恢" in resumed.number and document.number == resumed.number
    assert f"恢复执行通知书{resumed.number}" in text
    assert old.number in text
    no_slips(text)


def test_a_report_after_the_order_makes_a_fine_one_for_refusing_to_perform(enforcement_case, judge, approve):
    document_issue(case=enforcement_case, kind="report_order", actor=judge, issued_on=dt.date(2024, 3, 3))
    case_record_event(case=enforcement_case, actor=judge, kind=EventKind.PROPERTY_REPORTED,
                      party=enforcement_case.respondents.get(), occurred_on=dt.date(2024, 3, 6), note="申报无财产")
    sanction = approve(enforcement_case, "fine", amount=Decimal("1000.00"))
    document, text = issue(enforcement_case, "fine_decision", judge, sanction=sanction)
    assert document.inputs["conduct"] == "refusal_to_perform"
    assert "第一百一十四条第一款第六项" in text


def test_a_ruling_issued_by_a_clerk_is_signed_by_that_clerk(enforcement_case, judge, court, ready_for_termination):
    from tests.factories import UserFactory

    clerk = UserFactory(court=court, username="zhou", full_name="周敏", roles=["enforcement_judge", "clerk"])
    case = _terminated(enforcement_case, judge, ready_for_termination)
    document, _text = issue(case, "termination_ruling", clerk, issued_on=dt.date(2024, 7, 1))
    assert document.inputs["clerk"] == "周敏"
    assert "书记员周敏" in layout_text(document)
