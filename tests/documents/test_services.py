"""Issuing documents through documents.services.document_issue: every kind rendered to PDF and read back,
the timeline, the 终本 gate, and every refusal."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from cases import rules as case_rules
from cases.choices import ClosureMethod, EventKind
from cases.models import CaseEvent
from cases.selectors import termination_facts
from cases.services.case_work import case_record_fund
from cases.services.enforcement import case_close, case_resume, enforcement_case_file
from documents.chinese_money import format_yuan, to_capital
from documents.choices import DocumentKind
from documents.models import Document, DocumentCounter
from documents.services import document_draft, document_issue
from tests.factories import PersonFactory
from wanian_exec.errors import RuleViolation

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

# Documents addressed to the sanctioned person alone or to a third party do not repeat the applicant's identity
# number: only what the addressee needs (the applicant is still named).
WITHOUT_APPLICANT_ID = {"detention_decision", "fine_decision", "assistance_notice"}


def _closed_terminated(case, judge, ready_for_termination):
    ready_for_termination(case)
    case_record_fund(case=case, actor=judge, direction="in", amount=Decimal("6000.00"), occurred_on=dt.date(2024, 5, 6))
    return case_close(case=case, actor=judge, method=ClosureMethod.TERMINATED_CURRENT,
                      closed_on=dt.date(2024, 7, 1), reason="经穷尽财产调查措施，未发现被执行人有可供执行的财产。")


@pytest.fixture
def scenario(enforcement_case, li_case, judge, approve, ready_for_termination):
    """For each kind: the case, the service's keyword arguments, and the amounts the PDF must state."""

    def build(kind):
        case, amounts = enforcement_case, [enforcement_case.amount_claimed]
        kwargs = {"issued_on": dt.date(2024, 4, 3)}
        if kind == "consumption_restriction_order":
            kwargs["sanction"] = approve(case, "consumption_restriction")
        elif kind == "dishonest_decision":
            kwargs["sanction"] = approve(case, "dishonest_list", note="被执行人未按报告财产令申报财产",
                                         dishonest_ground="report_breach")
        elif kind == "summons_warrant":
            kwargs["sanction"] = approve(case, "summons", start_on=dt.date(2024, 4, 8))
        elif kind == "detention_decision":
            kwargs["sanction"] = approve(case, "detention", start_on=dt.date(2024, 4, 3), end_on=dt.date(2024, 4, 17),
                                         note="被执行人有履行能力而拒不履行")
        elif kind == "fine_decision":
            kwargs["sanction"] = approve(case, "fine", amount=Decimal("20000.00"), note="被执行人拒不申报财产")
            amounts = [Decimal("20000.00")]
        elif kind == "criminal_referral_letter":
            kwargs["sanction"] = approve(case, "criminal_referral", note="被执行人在限制消费期间多次乘坐飞机出行")
            kwargs["extra"] = {"police_agency": "万年县公安局"}
        elif kind == "assistance_notice":
            case = li_case
            kwargs["extra"] = {"third_party": "万年县某建筑工程有限公司", "amount": Decimal("108000.00"),
                               "asset_description": "李某挂靠于你单位名下承建工程的应付工程款"}
            amounts = [Decimal("108000.00")]
        elif kind == "termination_ruling":
            case = _closed_terminated(case, judge, ready_for_termination)
            kwargs["issued_on"] = dt.date(2024, 7, 1)
            amounts = [case.amount_claimed, Decimal("6000.00"), Decimal("120000.00")]
        elif kind == "resumption_notice":
            old = _closed_terminated(case, judge, ready_for_termination)
            case = case_resume(case=old, actor=judge, filed_on=dt.date(2024, 9, 2))
            kwargs["issued_on"] = dt.date(2024, 9, 3)
            amounts = [Decimal("120000.00")]
        return SimpleNamespace(case=case, kwargs=kwargs, amounts=amounts)

    return build


@pytest.mark.parametrize("kind", DocumentKind.values)
def test_every_kind_renders_a_pdf_stating_case_number_parties_ids_and_amounts(kind, scenario, judge, media_root):
    # given a case ready for this kind of document
    given = scenario(kind)
    case = given.case
    # when the judge issues it
    document = document_issue(case=case, kind=kind, actor=judge, **given.kwargs)
    # then the PDF is stored on the case, under MEDIA_ROOT, per court and year
    assert document.pdf.path.startswith(str(media_root / "documents" / str(case.court_id) / "2024"))
    assert document.case_id == case.pk and document.court_id == case.court_id
    with document.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # and its text, read back with pdftotext, states the case, the parties and the amounts
    text = pdf_text(document)
    assert case.court.name in text
    assert document.number in text
    assert case.number in text
    if kind == "resumption_notice":
        assert case.resumed_from.number in text
    for party in [*case.applicants.all(), *case.respondents.all()]:
        assert party.name in text
    for party in case.respondents.all():
        assert party.identity_number in text
    if kind not in WITHOUT_APPLICANT_ID:
        for party in case.applicants.all():
            assert party.identity_number in text
    for amount in given.amounts:
        assert format_yuan(amount) in text, amount
        assert to_capital(amount) in text, amount
    # and the date under it is in Chinese
    assert {"2024-04-03": "二〇二四年四月三日", "2024-07-01": "二〇二四年七月一日",
            "2024-09-03": "二〇二四年九月三日"}[document.issued_on.isoformat()] in text


def test_notices_and_orders_carry_their_case_number(enforcement_case, li_case, judge):
    first = document_issue(case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
    second = document_issue(case=li_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
    order = document_issue(case=li_case, kind="report_order", actor=judge, issued_on=dt.date(2024, 3, 2))
    assert (first.number, second.number, order.number) == (enforcement_case.number, li_case.number, li_case.number)
    assert (first.series, first.sequence) == ("", 0)


def test_a_document_issued_in_a_later_year_still_carries_the_case_number(make_case, judge):
    case = make_case(filed_on=dt.date(2024, 12, 30))
    december = document_issue(case=case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 12, 31))
    january = document_issue(case=case, kind="report_order", actor=judge, issued_on=dt.date(2025, 1, 2))
    assert december.number == january.number == case.number
    assert case.number.startswith("（2024）")


def test_notice_and_report_order_record_their_events_and_clear_those_two_termination_conditions(
        enforcement_case, judge):
    # given a new case: the 终本 gate reports both documents missing
    def unmet():
        return case_rules.termination_unmet(termination_facts(enforcement_case, closing_on=dt.date(2024, 7, 1)))

    assert {"notice_not_served", "report_order_missing"} <= set(unmet())
    # when the notice and the report order are issued
    notice = document_issue(case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
    order = document_issue(case=enforcement_case, kind="report_order", actor=judge, issued_on=dt.date(2024, 3, 2))
    # then the timeline has them, served on the issue date, naming the document
    events = {e.kind: e for e in CaseEvent.objects.filter(case=enforcement_case)}
    assert events[EventKind.NOTICE_SERVED].occurred_on == dt.date(2024, 3, 2)
    assert events[EventKind.REPORT_ORDER_SERVED].occurred_on == dt.date(2024, 3, 2)
    assert notice.number in events[EventKind.NOTICE_SERVED].note
    assert order.number in events[EventKind.REPORT_ORDER_SERVED].note
    assert (notice.event_id, order.event_id) == (events[EventKind.NOTICE_SERVED].pk,
                                                 events[EventKind.REPORT_ORDER_SERVED].pk)
    # and the case is under way, and the gate no longer reports them
    enforcement_case.refresh_from_db()
    assert enforcement_case.status == "in_progress"
    assert not {"notice_not_served", "report_order_missing"} & set(unmet())


def test_notice_to_one_respondent_records_the_event_for_that_party(make_case, judge, court, applicant, respondent):
    second = PersonFactory(court=court, name="姚某妻")
    case = make_case(respondents=[respondent, second])
    document = document_issue(case=case, kind="execution_notice", actor=judge, party=second,
                              issued_on=dt.date(2024, 3, 2))
    assert document.event.party == second
    text = pdf_text(document)
    assert "姚某妻：" in text


def test_other_kinds_record_a_note_naming_the_document(enforcement_case, judge, approve):
    sanction = approve(enforcement_case, "fine", amount=Decimal("20000.00"))
    document = document_issue(case=enforcement_case, kind="fine_decision", actor=judge, sanction=sanction,
                              issued_on=dt.date(2024, 4, 3))
    assert document.event.kind == EventKind.NOTE
    assert document.event.note == f"制作并送达《罚款决定书》（姚某），文书编号{document.number}"
    assert document.event.party == sanction.party


def test_the_stored_html_is_the_text_of_the_pdf(enforcement_case, judge):
    document = document_issue(case=enforcement_case, kind="execution_notice", actor=judge,
                              issued_on=dt.date(2024, 3, 2))
    assert document.number in document.html
    assert "壹拾贰万陆仟元整" in document.html
    assert 'local("NotoSerifCJKsc-Regular")' in document.html
    assert "http" not in document.html.lower()  # nothing remote: no fonts, styles or images from a URL
    assert len(document.pdf_sha256) == 64


def test_uses_the_serif_cjk_font_embedded_in_the_pdf(enforcement_case, judge):
    import subprocess

    document = document_issue(case=enforcement_case, kind="execution_notice", actor=judge,
                              issued_on=dt.date(2024, 3, 2))
    fonts = subprocess.run(["pdffonts", document.pdf.path], capture_output=True, text=True, check=True).stdout
    assert "CourtSerif" in fonts  # the @font-face of the template, i.e. Noto Serif CJK SC found by local()
    assert "DejaVu" not in fonts  # no glyph fell back to a non-CJK face


# --- refusals ------------------------------------------------------------------------------------------------


def _refused(exc_type, **kwargs):
    before = (Document.objects.count(), CaseEvent.objects.count(), list(DocumentCounter.objects.values("last")))
    with pytest.raises(exc_type) as info:
        document_issue(**kwargs)
    # nothing was written: no document, no event, no number used up
    assert (Document.objects.count(), CaseEvent.objects.count(),
            list(DocumentCounter.objects.values("last"))) == before
    return info.value


@pytest.mark.parametrize(("kind", "measure", "fields"), [
    ("fine_decision", "fine", {"amount": Decimal("20000.00")}),
    ("detention_decision", "detention", {"start_on": dt.date(2024, 4, 3), "end_on": dt.date(2024, 4, 17)}),
    ("consumption_restriction_order", "consumption_restriction", {}),
    ("dishonest_decision", "dishonest_list", {}),
])
def test_a_decision_on_a_measure_not_yet_approved_is_refused(kind, measure, fields, enforcement_case, judge, propose):
    sanction = propose(enforcement_case, measure, **fields)
    error = _refused(ValidationError, case=enforcement_case, kind=kind, actor=judge, sanction=sanction,
                     issued_on=dt.date(2024, 4, 3))
    assert any("尚未经院长批准" in m for m in error.message_dict["sanction"])


def test_a_rejected_measure_is_refused(enforcement_case, judge, leader, propose):
    from sanctions.services import sanction_reject

    sanction = sanction_reject(sanction=propose(enforcement_case, "fine", amount=Decimal("500.00")), actor=leader,
                               reason="证据不足")
    error = _refused(ValidationError, case=enforcement_case, kind="fine_decision", actor=judge, sanction=sanction,
                     issued_on=dt.date(2024, 4, 3))
    assert "当前状态：未批准" in error.message_dict["sanction"][0]


def test_a_decision_needs_its_measure(enforcement_case, judge):
    error = _refused(ValidationError, case=enforcement_case, kind="detention_decision", actor=judge,
                     issued_on=dt.date(2024, 4, 3))
    assert error.message_dict["sanction"] == ["请选择已批准的司法拘留措施。"]


def test_a_measure_of_another_kind_or_case_is_refused(enforcement_case, li_case, judge, approve):
    detention = approve(enforcement_case, "detention", start_on=dt.date(2024, 4, 3), end_on=dt.date(2024, 4, 5))
    error = _refused(ValidationError, case=enforcement_case, kind="fine_decision", actor=judge, sanction=detention,
                     issued_on=dt.date(2024, 4, 3))
    assert "应依据“罚款”措施制作" in error.message_dict["sanction"][0]
    fine = approve(li_case, "fine", amount=Decimal("1000.00"))
    error = _refused(ValidationError, case=enforcement_case, kind="fine_decision", actor=judge, sanction=fine,
                     issued_on=dt.date(2024, 4, 3))
    assert error.message_dict["sanction"] == ["该强制措施不属于本案。"]


def test_one_decision_per_measure(enforcement_case, judge, approve):
    sanction = approve(enforcement_case, "fine", amount=Decimal("20000.00"))
    first = document_issue(case=enforcement_case, kind="fine_decision", actor=judge, sanction=sanction,
                           issued_on=dt.date(2024, 4, 3))
    error = _refused(ValidationError, case=enforcement_case, kind="fine_decision", actor=judge, sanction=sanction,
                     issued_on=dt.date(2024, 4, 3))
    assert first.number in error.message_dict["sanction"][0]


def test_the_decision_may_not_predate_the_approval(enforcement_case, judge, approve):
    sanction = approve(enforcement_case, "fine", amount=Decimal("20000.00"), approved_on=dt.date(2024, 4, 10))
    error = _refused(ValidationError, case=enforcement_case, kind="fine_decision", actor=judge, sanction=sanction,
                     issued_on=dt.date(2024, 4, 3))
    assert "不能早于强制措施批准日期" in error.message_dict["issued_on"][0]


def test_dates_before_filing_or_in_the_future_are_refused(enforcement_case, judge):
    error = _refused(ValidationError, case=enforcement_case, kind="execution_notice", actor=judge,
                     issued_on=dt.date(2024, 2, 1))
    assert error.message_dict["issued_on"] == ["落款日期不能早于立案日期。"]
    error = _refused(ValidationError, case=enforcement_case, kind="execution_notice", actor=judge,
                     issued_on=dt.date.today() + dt.timedelta(days=2))
    assert error.message_dict["issued_on"] == ["日期不能晚于今天。"]


def test_the_party_must_be_a_respondent_of_the_case(enforcement_case, judge, applicant):
    error = _refused(ValidationError, case=enforcement_case, kind="execution_notice", actor=judge, party=applicant,
                     issued_on=dt.date(2024, 3, 2))
    assert error.message_dict["party"] == ["该当事人不是本案被执行人。"]


def test_assistance_with_several_respondents_needs_the_debtor_named(make_case, judge, court, respondent):
    case = make_case(respondents=[respondent, PersonFactory(court=court)])
    error = _refused(ValidationError, case=case, kind="assistance_notice", actor=judge, issued_on=dt.date(2024, 3, 2),
                     extra={"third_party": "某公司", "asset_description": "工程款", "amount": "1000"})
    assert "请选择协助执行通知书针对的被执行人" in error.message_dict["party"][0]


def test_assistance_may_not_exceed_what_is_owed(li_case, judge):
    error = _refused(ValidationError, case=li_case, kind="assistance_notice", actor=judge,
                     issued_on=dt.date(2024, 3, 2),
                     extra={"third_party": "某公司", "asset_description": "工程款", "amount": "200000"})
    assert "不得超出被执行人应当履行义务的范围" in error.message_dict["amount"][0]


def test_whole_case_documents_take_no_party_and_inputs_of_other_kinds_are_refused(enforcement_case, judge,
                                                                                respondent):
    error = _refused(ValidationError, case=enforcement_case, kind="execution_notice", actor=judge,
                     issued_on=dt.date(2024, 3, 2), extra={"police_agency": "万年县公安局"})
    assert error.message_dict == {"police_agency": ["执行通知书不需要此项。"]}


def test_unknown_kind_is_refused(enforcement_case, judge):
    error = _refused(ValidationError, case=enforcement_case, kind="court_summons", actor=judge)
    assert error.message_dict == {"kind": ["未知的文书种类。"]}


def test_termination_ruling_needs_the_preconditions(enforcement_case, judge):
    error = _refused(RuleViolation, case=enforcement_case, kind="termination_ruling", actor=judge,
                     issued_on=dt.date(2024, 4, 3))
    assert error.code == "preconditions_unmet"
    assert error.extra["unmet"][:2] == ["notice_not_served", "report_order_missing"]


def test_termination_ruling_on_an_open_case_whose_preconditions_hold(enforcement_case, judge,
                                                                      ready_for_termination):
    ready_for_termination(enforcement_case)
    document = document_issue(case=enforcement_case, kind="termination_ruling", actor=judge,
                              issued_on=dt.date(2024, 7, 1), extra={"reason": "申请执行人同意终结本次执行程序。"})
    text = pdf_text(document)
    assert "终结本次执行程序。" in text
    assert "通过网络执行查控系统查询了被执行人名下的银行存款、车辆、不动产、证券等财产" in text
    assert "申请执行人同意终结本次执行程序。" in text


def test_documents_refused_in_a_case_closed_otherwise_than_by_termination(enforcement_case, judge):
    case_close(case=enforcement_case, actor=judge, method=ClosureMethod.COMPLETED, closed_on=dt.date(2024, 5, 1))
    error = _refused(RuleViolation, case=enforcement_case, kind="execution_notice", actor=judge,
                     issued_on=dt.date(2024, 5, 2))
    assert error.code == "case_closed"
    error = _refused(RuleViolation, case=enforcement_case, kind="termination_ruling", actor=judge,
                     issued_on=dt.date(2024, 5, 2))
    assert error.code == "case_closed"


def test_resumption_notice_only_in_a_resumed_case(enforcement_case, judge):
    error = _refused(RuleViolation, case=enforcement_case, kind="resumption_notice", actor=judge,
                     issued_on=dt.date(2024, 4, 3))
    assert error.code == "not_resumed_case"


def test_a_failure_while_rendering_rolls_everything_back(enforcement_case, judge, monkeypatch, media_root):
    import documents.services

    def broken(html):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(documents.services, "render_pdf", broken)
    _refused(RuntimeError, case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
    enforcement_case.refresh_from_db()
    assert enforcement_case.status == "filed"
    assert not (media_root / "documents").exists()
    monkeypatch.undo()
    # the next issue goes through
    assert document_issue(case=enforcement_case, kind="execution_notice", actor=judge,
                          issued_on=dt.date(2024, 3, 2)).number == enforcement_case.number


def test_a_failure_saving_the_row_removes_the_file_written(enforcement_case, judge, monkeypatch, media_root):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document, "save", broken_save)
    _refused(RuntimeError, case=enforcement_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_draft_renders_without_writing_anything(enforcement_case, judge):
    html = _refused_nothing(lambda: document_draft(case=enforcement_case, kind="execution_notice",
                                                   issued_on=dt.date(2024, 3, 2)))
    assert "草稿" in html and "壹拾贰万陆仟元整" in html


def _refused_nothing(call):
    before = (Document.objects.count(), CaseEvent.objects.count(), DocumentCounter.objects.count())
    result = call()
    assert (Document.objects.count(), CaseEvent.objects.count(), DocumentCounter.objects.count()) == before
    return result


def test_an_organisation_is_described_by_its_credit_code_and_representative(li_case, judge, company):
    document = document_issue(case=li_case, kind="execution_notice", actor=judge, issued_on=dt.date(2024, 3, 2))
    text = pdf_text(document)
    assert f"江西某建材有限公司，统一社会信用代码{company.credit_code}，住所地江西省万年县陈营镇工业园" in text
    assert "法定代表人：王某" in text
    assert "李某，男，1985年7月14日出生" in text or "李某，女，1985年7月14日出生" in text


def test_dishonest_decision_for_refusal_has_no_fixed_term_and_for_other_grounds_two_years(make_case, judge, approve):
    refusing = make_case()
    sanction = approve(refusing, "dishonest_list", dishonest_ground="able_but_refusing")
    document = document_issue(case=refusing, kind="dishonest_decision", actor=judge, sanction=sanction,
                              issued_on=dt.date(2024, 4, 3))
    text = pdf_text(document)
    assert "第一条第（一）项" in text and "期限为" not in text
    breach = make_case()
    sanction = approve(breach, "dishonest_list", dishonest_ground="restriction_breach", extension_years=1)
    document = document_issue(case=breach, kind="dishonest_decision", actor=judge, sanction=sanction,
                              issued_on=dt.date(2024, 4, 3))
    text = pdf_text(document)
    assert "第一条第（五）项" in text and "期限为三年" in text


def test_consumption_restriction_of_a_company_binds_its_legal_representative(court, judge, applicant, approve):
    from tests.factories import OrganizationFactory

    company = OrganizationFactory(court=court, name="万年县某米业有限公司", legal_representative="姚某某")
    case = enforcement_case_file(court=court, actor=judge, applicants=[applicant], respondents=[company],
                                 amount_claimed=Decimal("126000.00"), filed_on=dt.date(2024, 3, 1),
                                 source_document="（2024）赣1129民初88号民事调解书")
    sanction = approve(case, "consumption_restriction")
    document = document_issue(case=case, kind="consumption_restriction_order", actor=judge, sanction=sanction,
                              issued_on=dt.date(2024, 4, 3))
    text = pdf_text(document)
    assert "万年县某米业有限公司（法定代表人姚某某）：" in text
    assert "你单位的法定代表人姚某某、主要负责人、影响债务履行的直接责任人员、实际控制人亦不得实施前述行为" in text
    assert company.credit_code in text


def test_detention_decision_states_the_days_the_period_and_the_court_of_review(enforcement_case, judge, approve,
                                                                            court):
    from tests.factories import CourtFactory

    court.parent = CourtFactory(code="赣11", name="江西省上饶市中级人民法院")
    court.save()
    sanction = approve(enforcement_case, "detention", start_on=dt.date(2024, 4, 3), end_on=dt.date(2024, 4, 17))
    document = document_issue(case=enforcement_case, kind="detention_decision", actor=judge, sanction=sanction,
                              issued_on=dt.date(2024, 4, 3))
    text = pdf_text(document)
    assert "司法拘留十五日（自2024年4月3日起至2024年4月17日止）" in text
    assert "收到决定书之日起三日内，口头或者书面向江西省上饶市中级人民法院申请复议一次" in text
