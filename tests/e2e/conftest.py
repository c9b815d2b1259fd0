"""Browser tests' data; Chromium, the viewport and screenshots are set up in tests/conftest.py."""
import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def court_workload(court, judge, clerk, applicant):
    """A small believable caseload, so the pages show what a working court sees."""
    from cases.choices import EventKind
    from cases.services.case_work import case_record_event, case_record_fund
    from cases.services.common import court_today
    from cases.services.enforcement import case_close, enforcement_case_file
    from cases.services.todos import todo_create_once
    from tests.factories import OrganizationFactory, PersonFactory

    today = court_today()
    rows = [
        ("李建国", "借款合同纠纷", 200, Decimal("86000.00"), "in_progress"),
        ("万年县恒昌建材有限公司", "买卖合同纠纷", 172, Decimal("312500.00"), "in_progress"),
        ("陈小芳", "劳务合同纠纷", 120, Decimal("12800.00"), "filed"),
        ("周德明", "民间借贷纠纷", 90, Decimal("50000.00"), "in_progress"),
        ("吴海波", "机动车交通事故责任纠纷", 60, Decimal("43210.50"), "closed"),
        ("江西赣东农业开发有限公司", "承揽合同纠纷", 20, Decimal("158000.00"), "filed"),
    ]
    cases = []
    for name, cause, days_ago, amount, state in rows:
        factory = OrganizationFactory if "公司" in name else PersonFactory
        respondent = factory(court=court, name=name, address="江西省万年县陈营镇")
        case = enforcement_case_file(
            court=court, actor=clerk, applicants=[applicant], respondents=[respondent], amount_claimed=amount,
            filed_on=today - dt.timedelta(days=days_ago), judge=judge, is_livelihood="劳务" in cause,
            source_document=f"（{today.year - 1}）赣1129民初{100 + days_ago}号民事判决书（{cause}）")
        if state in ("in_progress", "closed"):
            case_record_event(case=case, actor=judge, kind=EventKind.NOTICE_SERVED,
                              occurred_on=case.filed_on + dt.timedelta(days=2))
        if state == "closed":
            case_record_fund(case=case, actor=judge, direction="in", amount=amount,
                             occurred_on=case.filed_on + dt.timedelta(days=30))
            case_close(case=case, actor=judge, method="completed", closed_on=case.filed_on + dt.timedelta(days=31))
        cases.append(case)
    todo_create_once(court=court, dedupe_key="e2e-deadline", assignee=judge, kind="deadline_near",
                     enforcement_case=cases[1], due_on=cases[1].deadline_on,
                     title=f"{cases[1].number} 执行期限将于{cases[1].deadline_on}届满")
    todo_create_once(court=court, dedupe_key="e2e-notice", assignee=judge, kind="node_overdue",
                     enforcement_case=cases[2], due_on=cases[2].filed_on + dt.timedelta(days=3),
                     title=f"{cases[2].number} 立案已逾3日，尚未送达执行通知书")
    return cases
