"""The case list's rows, rendered in Python (cases.templatetags.case_ui.case_rows): what each cell shows, escaped."""
import datetime as dt
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from cases.templatetags.case_ui import case_rows

TODAY = dt.date(2024, 6, 1)


def row(**fields):
    case = dict(pk=7, number="（2024）赣1129执7号", is_livelihood=False, fast_track=False, applicant_names=["甲公司"],
                respondent_names=["乙", "丙"], amount_claimed=Decimal("126000"), amount_recovered=Decimal("0"),
                judge_id=3, judge=SimpleNamespace(display_name="王法官"), filed_on=dt.date(2024, 3, 1),
                deadline_on=dt.date(2024, 9, 1), closed_on=None, status="in_progress", closure_method="")
    case.update(fields)
    return SimpleNamespace(**case)


def cells(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.DOTALL)]


def test_a_row_shows_number_parties_money_judge_dates_deadline_and_status():
    html = case_rows([row()], TODAY)
    assert html.count("<tr>") == 1
    assert cells(html) == [
        '<a class="case-link" href="/cases/7/">（2024）赣1129执7号</a>', "甲公司", "乙、丙", "126,000.00", "0.00",
        "王法官", "2024-03-01", "2024-09-01 <small>剩92天</small>",
        '<span class="badge badge-in_progress">执行中</span>']
    assert 'class="num"' in html and "text-strong" not in html


def test_flags_recovered_money_a_missing_judge_and_no_parties():
    html = case_rows([row(is_livelihood=True, fast_track=True, amount_recovered=Decimal("500.5"), judge_id=None,
                          judge=None, applicant_names=[], respondent_names=[])], TODAY)
    first, applicants, respondents, _claimed, recovered, judge, *_ = cells(html)
    assert '<span class="flag" title="涉民生案件">民生</span>' in first
    assert '<span class="flag flag-fast" title="快速通道">快</span>' in first
    assert (applicants, respondents, recovered, judge) == ("—", "—", "500.50", "—")
    assert '<td class="num text-strong">500.50</td>' in html


@pytest.mark.parametrize("fields, state, shown", [
    (dict(deadline_on=dt.date(2024, 5, 20)), "overdue", "2024-05-20 <small>已超期12天</small>"),
    (dict(deadline_on=dt.date(2024, 6, 10)), "near", "2024-06-10 <small>剩9天</small>"),
    (dict(status="suspended"), "suspended", "2024-09-01 <small>中止期间不计</small>"),
    (dict(status="closed", closure_method="terminated_current", closed_on=dt.date(2024, 5, 2)), "closed",
     '<span class="muted">2024-05-02 结案</span>'),
])
def test_the_deadline_cell(fields, state, shown):
    html = case_rows([row(**fields)], TODAY)
    assert f'class="nowrap deadline deadline-{state}">' in html
    assert cells(html)[7] == shown


def test_names_and_numbers_are_escaped():
    html = case_rows([row(number='<b>"x"</b>', applicant_names=["<script>alert(1)</script>"],
                          judge=SimpleNamespace(display_name="O'Neil & Co"))], TODAY)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in html and "O&#x27;Neil &amp; Co" in html


def test_rows_in_english():
    with translation.override("en"):
        html = case_rows([row(status="closed", closure_method="completed", closed_on=dt.date(2024, 5, 2),
                              is_livelihood=True)], TODAY)
    assert "Closed 2024-05-02" in html
    assert "结案" not in html and "民生" not in html


def test_counts_read_with_thousands_separators_in_every_language():
    from django.utils import translation

    from cases.templatetags.case_ui import count

    for language in ("zh-hans", "en"):  # Django's zh-hans number format groups nothing: 31898
        with translation.override(language):
            assert (count(31898), count(0), count(None)) == ("31,898", "0", "—")


def test_wan_rounds_half_up_on_pages_and_dashboards_alike():
    from cases.templatetags.case_ui import wan
    from stats import formatting

    assert (wan(12500), wan("52955000"), wan(None)) == ("1.3万", "5,295.5万", "—")  # 1.25万: half up, not to even
    assert formatting.wan is wan
