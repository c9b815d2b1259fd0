"""The weekly classification in set-based SQL: one INSERT … SELECT per channel and span of case ids.

Never a query per case: a province's 1,000,000 open cases classify in well under a minute on PostgreSQL
(bench/pushes_weekly_run.py). The same SELECT serves the preview (grouped counts, a sample of reasons) and the
run (inserted with ON CONFLICT DO NOTHING on the (week, recipient, case, party) constraint, so a rerun or a
resumed run adds only what is missing). The rules themselves are documented, and mirrored in Python,
in pushes/rules.py; reasons are built in SQL from the same gettext templates.

Shape of one channel's statement (grid shown; the others differ in the joins and the condition):

    INSERT INTO pushes_pushitem (court_id, run_id, batch_id, week, recipient_id, channel, case_id, party_id,
                                 party_role, reasons, amount_outstanding, pushed_on)
    SELECT c.court_id, :run, b.id, :week, r.id, 'grid', c.id, p.id, 'respondent', <reasons>, <outstanding>, :today
      FROM cases_enforcementcase c
      JOIN cases_enforcementcase_respondents m ON m.enforcementcase_id = c.id
      JOIN cases_party p ON p.id = m.party_id
      JOIN pushes_pushrecipient r ON r.court_id = c.court_id AND r.channel = 'grid' AND r.is_active
                                 AND r.grid_id = p.grid_id
      JOIN pushes_pushbatch b ON b.recipient_id = r.id AND b.week = :week
     WHERE c.court_id = :court AND c.id >= :lo AND c.id < :hi
       AND (c.status <> 'closed' OR c.closure_method = 'terminated_current')
       AND c.amount_claimed > c.amount_recovered
       AND NOT EXISTS (SELECT 1 FROM cases_enforcementcase x WHERE x.resumed_from_id = c.id)
       AND (c.amount_claimed - c.amount_recovered <= :limit OR c.is_livelihood)
    ON CONFLICT DO NOTHING
"""
import re
from dataclasses import dataclass, field

from django.db import connection

from cases.choices import CaseStatus, ClosureMethod, PartyKind
from cases.models import EnforcementCase, Party, Township

from . import rules
from .choices import Body, Channel, PartyRole
from .models import REASON_SEPARATOR, PushBatch, PushItem, PushRecipient

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass
class Sql:
    """A fragment of SQL with its parameters, in order (placeholders are %s for every backend)."""

    text: str
    params: list = field(default_factory=list)

    def __add__(self, other: "Sql") -> "Sql":
        return Sql(self.text + other.text, self.params + other.params)


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _m2m(name: str) -> str:
    return connection.ops.quote_name(EnforcementCase._meta.get_field(name).remote_field.through._meta.db_table)


def _vendor() -> str:
    return connection.vendor


OUTSTANDING = "(c.amount_claimed - c.amount_recovered)"


def amount_text(expr: str) -> Sql:
    """SQL for rules.format_amount: "3.2万元" from 1万 up, "800.00元" below; rounded half up like Python."""
    if _vendor() == "postgresql":
        wan, yuan = f"(round({expr} / 10000.0, 1))::text", f"(round({expr}, 2))::text"
    else:  # SQLite; '%%' because Django turns '%%' into '%' once the parameters are in
        wan, yuan = f"printf('%%.1f', round({expr} / 10000.0, 1))", f"printf('%%.2f', round({expr}, 2))"
    return Sql(f"(CASE WHEN {expr} >= 10000 THEN {wan} || %s ELSE {yuan} || %s END)",
               [str(rules.UNIT_WAN), str(rules.UNIT_YUAN)])


def template_sql(message, **values: Sql) -> Sql:
    """A gettext template such as "被执行人住所地在%(township)s" as SQL: literal parts as parameters,
    placeholders as the SQL expressions given."""
    parts, params, last = [], [], 0
    text = str(message)
    for match in PLACEHOLDER.finditer(text):
        if match.start() > last:
            parts.append("%s")
            params.append(text[last:match.start()])
        value = values[match.group(1)]
        parts.append(value.text)
        params.extend(value.params)
        last = match.end()
    if last < len(text):
        parts.append("%s")
        params.append(text[last:])
    return Sql("(" + " || ".join(parts or ["''"]) + ")", params)


def reasons_sql(pieces: list[tuple[Sql, Sql]]) -> Sql:
    """Each (condition, text) that holds adds one line; the trailing separator is trimmed."""
    text, params = [], []
    for condition, reason in pieces:
        text.append(f"(CASE WHEN {condition.text} THEN {reason.text} || %s ELSE '' END)")
        params += condition.params + reason.params + [REASON_SEPARATOR]
    return Sql(f"rtrim({' || '.join(text)}, %s)", params + [REASON_SEPARATOR])


@dataclass(frozen=True)
class Scope:
    court_id: int
    week: str
    lo: int  # case ids from lo (inclusive) …
    hi: int  # … to hi (exclusive)


def _eligible(rule_set, scope: Scope) -> Sql:
    statuses = "c.status <> %s"
    params: list = [CaseStatus.CLOSED.value]
    if rule_set.include_terminated_current:
        statuses = f"({statuses} OR c.closure_method = %s)"
        params.append(ClosureMethod.TERMINATED_CURRENT.value)
    return Sql(
        f" WHERE c.court_id = %s AND c.id >= %s AND c.id < %s AND {statuses}"
        f" AND c.amount_claimed > c.amount_recovered"
        f" AND NOT EXISTS (SELECT 1 FROM {_t(EnforcementCase)} x WHERE x.resumed_from_id = c.id)",
        [scope.court_id, scope.lo, scope.hi, *params],
    )


def _channel_parts(channel: str, rule_set) -> tuple[str, Sql, Sql, list[tuple[Sql, Sql]]]:
    """(party role, extra joins, condition, reason pieces) of one channel — the SQL of rules.channel_reasons."""
    true = Sql("1 = 1")
    joins, condition = Sql(""), true
    if channel == Channel.GRID:
        small = Sql(f"{OUTSTANDING} <= CAST(%s AS NUMERIC)", [rule_set.small_amount_limit])
        pieces = [(small, template_sql(rules.REASON_SMALL_AMOUNT, amount=amount_text(OUTSTANDING)))]
        if rule_set.grid_includes_livelihood:
            livelihood = Sql("c.is_livelihood")
            pieces.append((livelihood, template_sql(rules.REASON_LIVELIHOOD)))
            condition = Sql(f"({small.text} OR c.is_livelihood)", small.params)
        else:
            condition = small
        return PartyRole.RESPONDENT, Sql(" AND r.grid_id = p.grid_id"), condition, pieces
    if channel == Channel.TOWNSHIP:
        joins = Sql(f" JOIN {_t(Township)} t ON t.id = r.township_id")
        return (PartyRole.RESPONDENT, Sql(" AND r.township_id = p.township_id") + joins, true,
                [(true, template_sql(rules.REASON_TOWNSHIP, township=Sql("t.name")))])
    if channel == Channel.EMPLOYER:
        joins = Sql(f" JOIN {_t(Party)} e ON e.id = r.organization_id")
        return (PartyRole.RESPONDENT, Sql(" AND r.organization_id = p.employer_id") + joins, true,
                [(true, template_sql(rules.REASON_EMPLOYER, employer=Sql("e.name")))])
    if channel == Channel.DISCIPLINE:
        pieces = [(Sql("p.is_public_official"), template_sql(rules.REASON_PUBLIC_OFFICIAL))]
        if rule_set.discipline_includes_party_members:
            pieces.append((Sql("p.is_party_member"), template_sql(rules.REASON_PARTY_MEMBER)))
        if rule_set.discipline_includes_state_organs:
            pieces.append((Sql("(p.kind = %s AND p.is_state_organ)", [PartyKind.ORGANIZATION.value]),
                           template_sql(rules.REASON_STATE_ORGAN)))
        return PartyRole.RESPONDENT, Sql(""), _any(pieces), pieces
    if channel == Channel.NPC_CPPCC:
        level = Sql("%s", [rule_set.deputy_level])
        npc = Sql("(p.is_npc_deputy AND r.body IN (%s, %s))", [Body.BOTH.value, Body.NPC.value])
        cppcc = Sql("(p.is_cppcc_member AND r.body IN (%s, %s))", [Body.BOTH.value, Body.CPPCC.value])
        pieces = [(npc, template_sql(rules.REASON_NPC_DEPUTY, level=level)),
                  (cppcc, template_sql(rules.REASON_CPPCC_MEMBER, level=level))]
        return PartyRole.RESPONDENT, Sql(""), _any(pieces), pieces
    if channel == Channel.CIVIL_AFFAIRS:
        pieces = [(Sql("p.is_hardship"), template_sql(rules.REASON_HARDSHIP))]
        return PartyRole.APPLICANT, Sql(""), _any(pieces), pieces
    raise ValueError(channel)


def _any(pieces: list[tuple[Sql, Sql]]) -> Sql:
    return Sql("(" + " OR ".join(c.text for c, _r in pieces) + ")", [p for c, _r in pieces for p in c.params])


def candidates(channel: str, rule_set, scope: Scope, *, run_id: int | None = None, today=None) -> Sql:
    """SELECT of one channel's items in a span of cases. With `run_id`, the columns of PushItem in the order of
    ITEM_COLUMNS (joined to this week's batches); without, what the preview needs."""
    role, recipient_join, condition, pieces = _channel_parts(channel, rule_set)
    if rule_set.include_terminated_current:
        pieces = [*pieces, (Sql("c.closure_method = %s", [ClosureMethod.TERMINATED_CURRENT.value]),
                            template_sql(rules.REASON_TERMINATED_CURRENT))]
    reasons = reasons_sql(pieces)
    m2m = _m2m("applicants" if role == PartyRole.APPLICANT else "respondents")
    if run_id is not None:
        select = Sql("SELECT c.court_id, %s, b.id, %s, r.id, %s, c.id, p.id, %s, ",
                     [run_id, scope.week, channel, role.value]) + reasons + Sql(f", {OUTSTANDING}, %s", [today])
        batch_join = Sql(f" JOIN {_t(PushBatch)} b ON b.recipient_id = r.id AND b.week = %s", [scope.week])
    else:
        select = Sql("SELECT r.id AS recipient_id, c.id AS case_id, p.id AS party_id, ") + reasons + Sql(
            " AS reasons")
        batch_join = Sql("")
    body = Sql(
        f" FROM {_t(EnforcementCase)} c"
        f" JOIN {m2m} m ON m.enforcementcase_id = c.id"
        f" JOIN {_t(Party)} p ON p.id = m.party_id"
        f" JOIN {_t(PushRecipient)} r ON r.court_id = c.court_id AND r.channel = %s AND r.is_active",
        [channel],
    ) + recipient_join + batch_join + _eligible(rule_set, scope) + Sql(" AND ") + condition
    return select + body


ITEM_COLUMNS = ("court_id", "run_id", "batch_id", "week", "recipient_id", "channel", "case_id", "party_id",
                "party_role", "reasons", "amount_outstanding", "pushed_on")


def insert_items(channel: str, rule_set, scope: Scope, *, run_id: int, today) -> int:
    """Write one channel's items for a span of cases; existing (week, recipient, case, party) rows are kept.
    Returns the number of rows inserted."""
    select = candidates(channel, rule_set, scope, run_id=run_id, today=today)
    columns = ", ".join(connection.ops.quote_name(c) for c in ITEM_COLUMNS)
    if _vendor() == "postgresql":
        sql = f"INSERT INTO {_t(PushItem)} ({columns}) {select.text} ON CONFLICT DO NOTHING"
    else:
        sql = f"INSERT OR IGNORE INTO {_t(PushItem)} ({columns}) {select.text}"
    with connection.cursor() as cursor:
        cursor.execute(sql, select.params)
        return max(cursor.rowcount, 0)


def case_id_range(court_id: int) -> tuple[int, int] | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {_t(EnforcementCase)} WHERE court_id = %s", [court_id])
        low, high = cursor.fetchone()
    return None if low is None else (low, high)


def preview_counts(channel: str, rule_set, scope: Scope) -> dict[int, tuple[int, int]]:
    """{recipient id: (items, distinct cases)} of one channel, without writing anything."""
    select = candidates(channel, rule_set, scope)
    sql = (f"SELECT recipient_id, count(*), count(DISTINCT case_id) FROM ({select.text}) q GROUP BY recipient_id")
    with connection.cursor() as cursor:
        cursor.execute(sql, select.params)
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def preview_sample(channel: str, rule_set, scope: Scope, *, limit: int = 5) -> list[dict]:
    """A few of one channel's candidates with their reasons, for the preview page."""
    select = candidates(channel, rule_set, scope)
    sql = f"SELECT recipient_id, case_id, party_id, reasons FROM ({select.text}) q ORDER BY case_id, party_id LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*select.params, limit])
        return [{"recipient_id": r, "case_id": c, "party_id": p,
                 "reasons": [x for x in (reasons or "").split(REASON_SEPARATOR) if x]}
                for r, c, p, reasons in cursor.fetchall()]
