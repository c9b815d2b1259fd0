"""`enforcement_cases`: a court's enforcement cases from its earlier system (the national enforcement flow system's
export), with their parties, closure and the measures already taken — the stock the 终本清仓 campaign clears.

The columns and the row checks live here; the write pass (what a row creates or updates) in .writer.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from cases.choices import ClosureMethod, EnforcementType, PartyKind, Role
from cases.identity import (credit_code_check_char, credit_code_errors, org_code_check_char, resident_id_check_char,
                            resident_id_errors)
from cases.models import EnforcementCase, Party, User
from cases.models.parties import NoControlCharacters
from cases.services.common import court_today

from ...registry import CellError, Column, ImportKind, Row, RowError, choice_parser, parse_date, parse_money, \
    parse_positive_money, parse_text, register

SEPARATOR = "、"
# Case types this kind imports: enforcement implementation cases (首次执行, 恢复执行).
IMPORTED_TYPES = (EnforcementType.FIRST, EnforcementType.RESUMED)
NUMBER = re.compile(r"^（(?P<year>[0-9]{4})）(?P<court>.+?)(?P<type>执恢|执保|执异|执复|执监|执协|执他|执)"
                    r"(?P<sequence>[1-9][0-9]{0,8})号$")
NAME_MAX = Party._meta.get_field("name").max_length
SOURCE_MAX = EnforcementCase._meta.get_field("source_document").max_length
# The measure and step dates of the file: (column key, header).
FACT_COLUMNS = (
    ("notice_served_on", _("执行通知书送达日期")),
    ("report_order_served_on", _("报告财产令送达日期")),
    ("consumption_restricted_on", _("限制消费令日期")),
    ("dishonest_listed_on", _("纳入失信日期")),
    ("last_online_inquiry_on", _("最近网络查控日期")),
    ("applicant_heard_on", _("听取申请人意见日期")),
)


def _example_resident_id() -> str:
    first17 = "36112919850714001"
    return first17 + resident_id_check_char(first17)


def _example_credit_code() -> str:
    org = "MA35Q8XK" + org_code_check_char("MA35Q8XK")
    first17 = f"91361129{org}"
    return first17 + credit_code_check_char(first17)


@dataclass(frozen=True)
class Identity:
    kind: str  # PartyKind
    number: str  # upper-case resident ID or credit code


def identify(value: str) -> Identity:
    """A resident ID (GB 11643) → a person; a unified social credit code (GB 32100) → an organisation. CellError with
    the standard's own message (check digit, length …) otherwise."""
    number = value.strip().upper()
    if not resident_id_errors(number):
        return Identity(PartyKind.PERSON, number)
    if not credit_code_errors(number):
        return Identity(PartyKind.ORGANIZATION, number)
    looks_like_id = len(number) == 18 and number.isascii() and number[:17].isdigit()
    reasons = resident_id_errors(number) if looks_like_id else credit_code_errors(number)
    if len(number) != 18:
        reasons = [gettext_noop("应为18位的居民身份证号码或统一社会信用代码。")]
    raise CellError(gettext_noop("证件号码“%(value)s”有误：%(reason)s"), value=value, reason=reasons[0])


def parse_names(text: str) -> list[str]:
    return [name.strip() for name in text.split(SEPARATOR)]


def parse_identities(text: str) -> list[Identity]:
    identities = []
    for part in text.split(SEPARATOR):
        if not part.strip():
            raise CellError(gettext_noop("证件号码之间有空项，请用“、”分隔每个证件号码。"))
        identities.append(identify(part))
    return identities


def parse_number(text: str) -> str:
    return text  # kept exactly; its form and court are checked against the court in validate


CLOSURE_LABELS = [(label, code) for code, label in ClosureMethod.choices]


@dataclass
class Context:
    """What both passes read: maps, not model instances (a court's ten years of cases fit in memory this way)."""

    job: object
    court: object
    today: object
    judges: dict  # username or unique full name → user id; a full name shared by two judges → None
    numbers: dict  # case number → id of the court's enforcement cases (and, in the write pass, those just created)
    parties: dict  # upper-case ID number or credit code → party id (None: to be created by this dry run)
    seen: dict = field(default_factory=dict)  # validation: case number → first row
    max_sequence: Counter = field(default_factory=Counter)  # (year, type) → highest imported sequence
    resumed: list = field(default_factory=list)  # (执恢 case number, its 执行依据) to link to the original
    summary: Counter = field(default_factory=Counter)
    texts: dict = field(default_factory=dict)  # the notes written on every row, translated once (.writer.text)


class EnforcementCases(ImportKind):
    name = "enforcement_cases"
    label = _("执行案件")
    batch_size = 1000
    columns = (
        Column("number", _("案号"), required=True, parse=parse_number, example="（2019）赣1129执123号"),
        Column("filed_on", _("立案日期"), required=True, parse=parse_date, example="2019-03-01"),
        Column("source_document", _("执行依据"), required=True, parse=parse_text,
               example="（2018）赣1129民初88号民事判决书"),
        Column("amount_claimed", _("申请执行标的"), required=True, parse=parse_positive_money, example="126000.00"),
        Column("judge", _("承办人"), required=True, parse=parse_text, example="张法官",
               help=_("本院执行法官的用户名或姓名")),
        Column("applicants", _("申请执行人"), required=True, parse=parse_names, example="汪某"),
        Column("applicant_ids", _("申请执行人证件号码"), required=True, parse=parse_identities,
               example=_example_resident_id(), text=True),
        Column("respondents", _("被执行人"), required=True, parse=parse_names, example="万年县某建材有限公司"),
        Column("respondent_ids", _("被执行人证件号码"), required=True, parse=parse_identities,
               example=_example_credit_code(), text=True),
        Column("amount_recovered", _("执行到位金额"), parse=parse_money, example="0"),
        Column("closure_method", _("结案方式"), parse=choice_parser(CLOSURE_LABELS),
               choices=[label for label, _code in CLOSURE_LABELS], example=ClosureMethod.TERMINATED_CURRENT.label),
        Column("closed_on", _("结案日期"), parse=parse_date, example="2019-09-20"),
        *(Column(key, header, parse=parse_date, example="2019-03-05" if key != "last_online_inquiry_on"
                 else "2019-08-30") for key, header in FACT_COLUMNS),
    )

    def prepare(self, job) -> Context:
        court = job.court
        group = Group.objects.filter(name=Role.ENFORCEMENT_JUDGE)
        judges: dict = {}
        names = Counter()
        rows = list(User.objects.filter(court=court, is_active=True).filter(
            Q(groups__in=group)).distinct().values_list("pk", "username", "full_name"))
        for _pk, _username, full_name in rows:
            if full_name:
                names[full_name] += 1
        for pk, username, full_name in rows:
            if full_name:
                judges[full_name] = pk if names[full_name] == 1 else None
        for pk, username, _full_name in rows:
            judges[username] = pk  # a user name is unique: it wins over someone else's full name
        numbers = dict(EnforcementCase.objects.filter(court=court).values_list("number", "pk").iterator(chunk_size=5000))
        parties: dict = {}
        for pk, id_number, credit_code in Party.objects.filter(court=court).values_list(
                "pk", "id_number", "credit_code").iterator(chunk_size=5000):
            for number in (id_number, credit_code):
                if number:
                    parties[number.upper()] = pk
        return Context(job=job, court=court, today=court_today(), judges=judges, numbers=numbers, parties=parties)

    # --- validation ---------------------------------------------------------------------------------------------

    def validate(self, row: Row, context: Context) -> list[RowError]:
        v, failed, n = row.values, row.failed, row.number
        errors: list[RowError] = []

        def error(key, message, **params):
            errors.append(RowError(n, key, message, params))

        if v["number"] is not None:
            self._check_number(v["number"], context, error)
            first = context.seen.setdefault(v["number"], n)
            if first != n:
                error("number", gettext_noop("案号与第%(row)d行重复。"), row=first)
        if v["judge"] is not None:
            judge = context.judges.get(v["judge"], 0)
            if judge is None:
                error("judge", gettext_noop("本院有多名执行法官叫“%(value)s”，请填写其用户名。"), value=v["judge"])
            elif judge == 0:
                error("judge", gettext_noop("“%(value)s”不是本院的执行法官（按用户名或姓名查找）。"), value=v["judge"])
        if v["source_document"] is not None and len(v["source_document"]) > SOURCE_MAX:
            error("source_document", gettext_noop("执行依据不能超过%(max)d个字。"), max=SOURCE_MAX)
        self._check_parties(v, failed, error)
        self._check_dates(v, failed, error)
        method, recovered, claimed = v["closure_method"], v["amount_recovered"], v["amount_claimed"]
        if method == ClosureMethod.TERMINATED_CURRENT and recovered is not None and claimed is not None \
                and recovered >= claimed:
            error("closure_method", gettext_noop("执行到位金额已达申请执行标的，不能以终结本次执行程序结案。"))
        return errors

    def _check_number(self, number: str, context: Context, error) -> None:
        match = NUMBER.match(number)
        if not match or not 1950 <= int(match["year"]) <= context.today.year:
            error("number", gettext_noop("案号“%(value)s”格式不正确，应如（2024）%(code)s执123号。"), value=number,
                  code=context.court.code)
        elif match["court"] != context.court.code:
            error("number", gettext_noop("案号“%(value)s”不是本院（%(code)s）的案号。"), value=number,
                  code=context.court.code)
        elif match["type"] not in IMPORTED_TYPES:
            error("number", gettext_noop("案号“%(value)s”的类型代字“%(type)s”不能导入为执行案件（应为执或执恢）。"),
                  value=number, type=match["type"])

    def _check_parties(self, v: dict, failed: set, error) -> None:
        numbers = []
        for names_key, ids_key in (("applicants", "applicant_ids"), ("respondents", "respondent_ids")):
            names, ids = v[names_key], v[ids_key]
            if names is not None:
                for name in names:
                    if not name:
                        error(names_key, gettext_noop("名称之间有空项，请用“、”分隔每个当事人。"))
                    elif len(name) > NAME_MAX:
                        error(names_key, gettext_noop("“%(value)s”超过%(max)d个字。"), value=name[:20], max=NAME_MAX)
                    elif NoControlCharacters.pattern.search(name):
                        error(names_key, gettext_noop("“%(value)s”含有控制字符。"), value=name[:20])
            if names is not None and ids is not None:
                if len(names) != len(ids):
                    error(ids_key, gettext_noop("%(side)s有%(names)d个，证件号码有%(ids)d个，应按顺序一一对应。"),
                          side=self.column(names_key).chinese_header, names=len(names), ids=len(ids))
                numbers.extend(identity.number for identity in ids)
        repeated = sorted({number for number in numbers if numbers.count(number) > 1})
        for number in repeated:
            error("respondent_ids", gettext_noop("证件号码“%(value)s”在本行出现多次（同一当事人不能重复列出，也不能既是申请执行人又是被执行人）。"),
                  value=number)

    def _check_dates(self, v: dict, failed: set, error) -> None:
        filed_on, method, closed_on = v["filed_on"], v["closure_method"], v["closed_on"]
        if method is not None and closed_on is None and "closed_on" not in failed:
            error("closed_on", gettext_noop("填写了结案方式的，须填写结案日期。"))
        if closed_on is not None and method is None and "closure_method" not in failed:
            error("closure_method", gettext_noop("填写了结案日期的，须填写结案方式。"))
        if filed_on is None:
            return
        if closed_on is not None and closed_on < filed_on:
            error("closed_on", gettext_noop("结案日期不能早于立案日期。"))
        for key, _header in FACT_COLUMNS:
            header = self.column(key).chinese_header
            if v[key] is not None and v[key] < filed_on:
                error(key, gettext_noop("%(column)s不能早于立案日期。"), column=header)

    # --- write pass ---------------------------------------------------------------------------------------------

    def apply(self, rows: list[Row], context: Context, *, write: bool) -> Counter:
        from .writer import apply_batch

        return apply_batch(self, rows, context, write=write)

    def finish(self, context: Context, *, write: bool) -> dict:
        from .writer import finish

        return finish(context, write=write)


def number_parts(number: str) -> tuple[int, str, int]:
    match = NUMBER.match(number)
    return int(match["year"]), match["type"], int(match["sequence"])


ENFORCEMENT_CASES = register(EnforcementCases())
