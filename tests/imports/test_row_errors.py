"""One bad row fails the whole file: every bad row listed (row, column, Chinese message), nothing written."""
import pytest

from cases.models import CaseEvent, EnforcementCase, FundEntry, Party
from sanctions.models import Sanction
from tests.factories import make_credit_code, make_resident_id
from tests.imports.conftest import csv_file

pytestmark = pytest.mark.django_db


def bad_check_digit(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def errors_of(job):
    return [(e["row"], e["column"], e["message"] % e["params"] if e["params"] else e["message"]) for e in job.errors]


def assert_nothing_written():
    assert not EnforcementCase.objects.exists()
    assert not Party.objects.filter(name__startswith="债务人").exists()
    assert not CaseEvent.objects.exists() and not FundEntry.objects.exists() and not Sanction.objects.exists()


@pytest.mark.parametrize("overrides, column, fragment", [
    ({"respondent_ids": bad_check_digit(make_resident_id())}, "被执行人证件号码", "身份证号码校验位错误"),
    ({"respondent_ids": bad_check_digit(make_credit_code())}, "被执行人证件号码", "统一社会信用代码校验位错误"),
    ({"applicant_ids": "12345"}, "申请执行人证件号码", "应为18位"),
    ({"judge": "不存在的法官"}, "承办人", "不是本院的执行法官"),
    ({"judge": "trial"}, "承办人", "不是本院的执行法官"),  # a trial judge of the court is not an enforcement judge
    ({"method": "终结本次执行程序", "closed_on": "2020-02-01"}, "结案日期", "结案日期不能早于立案日期"),
    ({"method": "调解结案", "closed_on": "2020-06-01"}, "结案方式", "不是可选值"),
    ({"method": "执行完毕"}, "结案日期", "须填写结案日期"),
    ({"closed_on": "2020-06-01"}, "结案方式", "须填写结案方式"),
    ({"claimed": "五万元"}, "申请执行标的", "不是有效金额"),
    ({"claimed": "1.234"}, "申请执行标的", "不是有效金额"),
    ({"claimed": "0"}, "申请执行标的", "金额必须大于0"),
    ({"recovered": "abc"}, "执行到位金额", "不是有效金额"),
    ({"number": "（2020）赣1128执1号"}, "案号", "不是本院（赣1129）的案号"),
    ({"number": "(2020)赣1129执1号"}, "案号", "格式不正确"),
    ({"number": "（2020）赣1129执第1号"}, "案号", "格式不正确"),
    ({"number": "（２０２０）赣1129执1号"}, "案号", "格式不正确"),  # full-width digits are not the number's form
    ({"number": "（2020）赣1129执异1号"}, "案号", "应为执或执恢"),
    ({"respondents": "甲、乙"}, "被执行人证件号码", "被执行人有2个，证件号码有1个"),
    ({"filed_on": "2020-13-01"}, "立案日期", "不是有效日期"),
    ({"filed_on": "2099-01-01"}, "立案日期", "晚于今天"),
    ({"source": ""}, "执行依据", "不能为空"),
    ({"notice": "2020-02-01"}, "执行通知书送达日期", "不能早于立案日期"),
    ({"method": "终结本次执行程序", "closed_on": "2020-09-01", "recovered": "50000"}, "结案方式",
     "不能以终结本次执行程序结案"),
])
def test_a_bad_row_fails_the_file_naming_row_column_and_reason(rows, run_import, judge, trial_judge, overrides,
                                                               column, fragment):
    # given a file of three cases whose second is wrong
    upload = csv_file([rows.case(1), rows.case(2, **overrides), rows.case(3)])
    # when it is imported
    job = run_import(upload)
    # then the whole file fails, the bad row named, nothing written
    assert job.status == "failed"
    assert job.counts == {"created": 0, "updated": 0, "unchanged": 0, "rejected": 1}
    found = errors_of(job)
    assert any(row == 3 and col == column and fragment in message for row, col, message in found), found
    assert_nothing_written()


def test_every_bad_row_is_listed(rows, run_import, judge):
    upload = csv_file([rows.case(1, judge="nobody"), rows.case(2), rows.case(3, claimed="x", judge="nobody2")])
    job = run_import(upload)
    assert job.status == "failed" and job.counts["rejected"] == 2 and job.errors_total == 3
    assert sorted((e["row"], e["column"]) for e in job.errors) == [(2, "承办人"), (4, "承办人"), (4, "申请执行标的")]
    assert_nothing_written()


def test_a_case_number_twice_in_the_file_is_an_error(rows, run_import, judge):
    job = run_import(csv_file([rows.case(1), rows.case(1)]))
    assert job.status == "failed"
    assert errors_of(job) == [(3, "案号", "案号与第2行重复。")]


def test_the_same_party_on_both_sides_is_an_error(rows, run_import, judge):
    job = run_import(csv_file([rows.case(1, respondent_ids=rows.applicant_id)]))
    assert job.status == "failed" and "出现多次" in errors_of(job)[0][2]


def test_a_missing_required_column_refuses_the_file(rows, run_import, judge):
    from tests.imports.conftest import HEADERS, KEYS

    headers = [h for h in HEADERS if h != "承办人"]
    keys = [k for k in KEYS if k != "judge"]
    job = run_import(csv_file([rows.case(1)], headers=headers, keys=keys))
    assert job.status == "failed" and "承办人" in job.errors[0]["message"]
    assert_nothing_written()


def test_a_file_without_rows_fails(run_import, judge):
    job = run_import(csv_file([]))
    assert job.status == "failed" and job.errors[0]["message"] == "文件中没有数据行。"


def test_a_judge_named_by_full_name_or_user_name_is_found(rows, run_import, judge, judge_wang):
    job = run_import(csv_file([rows.case(1, judge="张法官"), rows.case(2, judge="wangfg")]))
    assert job.status == "done", job.errors
    assert dict(EnforcementCase.objects.values_list("number", "judge__username")) == {
        "（2020）赣1129执1号": "judge", "（2020）赣1129执2号": "wangfg"}


def test_two_judges_with_one_name_must_be_named_by_user_name(court, rows, run_import, judge):
    from tests.factories import UserFactory

    UserFactory(court=court, username="zhang2", full_name="张法官", roles=["enforcement_judge"])
    job = run_import(csv_file([rows.case(1, judge="张法官")]))
    assert job.status == "failed" and "用户名" in errors_of(job)[0][2]


def test_errors_stored_are_capped_with_the_total_counted(rows, run_import, judge, monkeypatch):
    from imports.services import runner

    monkeypatch.setattr(runner, "MAX_STORED_ERRORS", 2)
    job = run_import(csv_file([rows.case(i, judge="x") for i in range(1, 6)]))
    assert job.status == "failed" and len(job.errors) == 2 and job.errors_total == 5 and job.counts["rejected"] == 5
