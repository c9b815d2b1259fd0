"""The weekly classification in set-based SQL — never a query per case.

A run is a sequence of steps, one per span of case ids (RUN_CHUNK_CASES). Each step is one transaction:

1. the pool: one pass over the span's eligible cases joined to their respondents (and hardship applicants),
   with everything the rules need, into a temporary table —

       CREATE TEMP TABLE push_pool AS
       SELECT c.court_id, c.id AS case_id, p.id AS party_id, 'respondent' AS party_role,
              c.amount_claimed - c.amount_recovered AS outstanding, c.is_livelihood AS livelihood,
              c.closure_method = 'terminated_current' AS terminated, p.kind, p.grid_id, p.township_id,
              p.employer_id, p.is_public_official, p.is_party_member, p.is_state_organ, p.is_npc_deputy,
              p.is_cppcc_member, p.is_hardship
         FROM cases_enforcementcase c
         JOIN cases_enforcementcase_respondents m ON m.enforcementcase_id = c.id
         JOIN cases_party p ON p.id = m.party_id
        WHERE c.court_id = :court AND c.id >= :lo AND c.id < :hi
          AND (c.status <> 'closed' OR c.closure_method = 'terminated_current')   -- 终本 stays: the stock
          AND c.amount_claimed > c.amount_recovered                              -- something to recover
          AND NOT EXISTS (SELECT 1 FROM cases_enforcementcase x WHERE x.resumed_from_id = c.id)
       UNION ALL SELECT … 'applicant' … FROM … applicants … WHERE … AND p.is_hardship

2. one INSERT … SELECT per channel from the pool, joined to the court's active recipients of that channel and
   to this week's batches, with the reasons built in SQL from the gettext templates —

       INSERT INTO pushes_pushitem (court_id, run_id, batch_id, week, recipient_id, channel, case_id, party_id,
                                    party_role, reasons, amount_outstanding, pushed_on)
       SELECT q.court_id, :run, b.id, :week, r.id, 'grid', q.case_id, q.party_id, q.party_role,
              <reasons>, q.outstanding, :today
         FROM push_pool q
         JOIN pushes_pushrecipient r ON r.court_id = q.court_id AND r.channel = 'grid' AND r.is_active
                                    AND r.grid_id = q.grid_id
         JOIN pushes_pushbatch b ON b.recipient_id = r.id AND b.week = :week
        WHERE q.party_role = 'respondent' AND (q.outstanding <= :limit OR q.livelihood)
       ON CONFLICT DO NOTHING           -- (week, recipient, case, party) is unique: reruns add nothing

The same SELECTs serve the preview (grouped counts and a sample of reasons, nothing written). The rules are
documented, and mirrored in Python, in pushes/rules.py; tests hold the SQL to the Python on random data.
"""
import logging
import re
import time
from dataclasses import dataclass, field

from django.db import connection

from cases.choices import CaseStatus, ClosureMethod, PartyKind
from cases.models import EnforcementCase, Party, Township

from . import rules
from .choices import Body, Channel, PartyRole
from .models import REASON_SEPARATOR, PushBatch, PushItem, PushRecipient

logger = logging.getLogger(__name__)
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
POOL = "push_pool"


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


# --- 1. the pool ------------------------------------------------------------------------------------------

POOL_COLUMNS = ("p.kind, p.grid_id, p.township_id, p.employer_id, p.is_public_official, p.is_party_member,"
                " p.is_state_organ, p.is_npc_deputy, p.is_cppcc_member, p.is_hardship")


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


def pool_select(rule_set, scope: Scope, *, applicants: bool) -> Sql:
    """The span's eligible (case, party) pairs with the facts every channel's rule reads."""

    def part(role: PartyRole, relation: str, extra: str = "") -> Sql:
        return Sql(
            f"SELECT c.court_id, c.id AS case_id, p.id AS party_id, %s AS party_role,"
            f" (c.amount_claimed - c.amount_recovered) AS outstanding, c.is_livelihood AS livelihood,"
            f" (c.closure_method = %s) AS terminated, {POOL_COLUMNS}"
            f" FROM {_t(EnforcementCase)} c JOIN {_m2m(relation)} m ON m.enforcementcase_id = c.id"
            f" JOIN {_t(Party)} p ON p.id = m.party_id",
            [role.value, ClosureMethod.TERMINATED_CURRENT.value],
        ) + _eligible(rule_set, scope) + Sql(extra)

    select = part(PartyRole.RESPONDENT, "respondents")
    if applicants:
        select = select + Sql(" UNION ALL ") + part(PartyRole.APPLICANT, "applicants", " AND p.is_hardship")
    return select


def build_pool(rule_set, scope: Scope, *, applicants: bool = True) -> int:
    """Fill the step's pool table (temporary, private to this connection); returns its rows."""
    select = pool_select(rule_set, scope, applicants=applicants)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {POOL}")
        cursor.execute(f"CREATE TEMPORARY TABLE {POOL} AS {select.text}", select.params)
        if _vendor() == "postgresql":
            cursor.execute(f"ANALYZE {POOL}")  # temporary tables are never auto-analyzed
        cursor.execute(f"SELECT count(*) FROM {POOL}")
        return cursor.fetchone()[0]


def drop_pool() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {POOL}")


# --- 2. the channels --------------------------------------------------------------------------------------


def _channel_parts(channel: str, rule_set) -> tuple[PartyRole, Sql, Sql, list[tuple[Sql, Sql]]]:
    """(party role, recipient join, condition, reason pieces) of one channel over the pool `q` — the SQL of
    rules.channel_reasons."""
    true = Sql("1 = 1")
    if channel == Channel.GRID:
        small = Sql("q.outstanding <= CAST(%s AS NUMERIC)", [rule_set.small_amount_limit])
        pieces = [(small, template_sql(rules.REASON_SMALL_AMOUNT, amount=amount_text("q.outstanding")))]
        condition = small
        if rule_set.grid_includes_livelihood:
            pieces.append((Sql("q.livelihood"), template_sql(rules.REASON_LIVELIHOOD)))
            condition = Sql(f"({small.text} OR q.livelihood)", small.params)
        return PartyRole.RESPONDENT, Sql(" AND r.grid_id = q.grid_id"), condition, pieces
    if channel == Channel.TOWNSHIP:
        join = Sql(f" AND r.township_id = q.township_id JOIN {_t(Township)} t ON t.id = r.township_id")
        return PartyRole.RESPONDENT, join, true, [(true, template_sql(rules.REASON_TOWNSHIP, township=Sql("t.name")))]
    if channel == Channel.EMPLOYER:
        join = Sql(f" AND r.organization_id = q.employer_id JOIN {_t(Party)} e ON e.id = r.organization_id")
        return PartyRole.RESPONDENT, join, true, [(true, template_sql(rules.REASON_EMPLOYER, employer=Sql("e.name")))]
    if channel == Channel.DISCIPLINE:
        pieces = [(Sql("q.is_public_official"), template_sql(rules.REASON_PUBLIC_OFFICIAL))]
        if rule_set.discipline_includes_party_members:
            pieces.append((Sql("q.is_party_member"), template_sql(rules.REASON_PARTY_MEMBER)))
        if rule_set.discipline_includes_state_organs:
            pieces.append((Sql("(q.kind = %s AND q.is_state_organ)", [PartyKind.ORGANIZATION.value]),
                           template_sql(rules.REASON_STATE_ORGAN)))
        return PartyRole.RESPONDENT, Sql(""), _any(pieces), pieces
    if channel == Channel.NPC_CPPCC:
        level = Sql("%s", [rule_set.deputy_level])
        npc = Sql("(q.is_npc_deputy AND r.body IN (%s, %s))", [Body.BOTH.value, Body.NPC.value])
        cppcc = Sql("(q.is_cppcc_member AND r.body IN (%s, %s))", [Body.BOTH.value, Body.CPPCC.value])
        pieces = [(npc, template_sql(rules.REASON_NPC_DEPUTY, level=level)),
                  (cppcc, template_sql(rules.REASON_CPPCC_MEMBER, level=level))]
        return PartyRole.RESPONDENT, Sql(""), _any(pieces), pieces
    if channel == Channel.CIVIL_AFFAIRS:
        pieces = [(Sql("q.is_hardship"), template_sql(rules.REASON_HARDSHIP))]
        return PartyRole.APPLICANT, Sql(""), _any(pieces), pieces
    raise ValueError(channel)


def _any(pieces: list[tuple[Sql, Sql]]) -> Sql:
    return Sql("(" + " OR ".join(c.text for c, _r in pieces) + ")", [p for c, _r in pieces for p in c.params])


def channel_select(channel: str, rule_set, scope: Scope, *, run_id: int | None = None, today=None) -> Sql:
    """SELECT of one channel's items from the pool. With `run_id`, PushItem's columns in ITEM_COLUMNS order
    (joined to this week's batches); without, what the preview needs."""
    role, recipient_join, condition, pieces = _channel_parts(channel, rule_set)
    if rule_set.include_terminated_current:
        pieces = [*pieces, (Sql("q.terminated"), template_sql(rules.REASON_TERMINATED_CURRENT))]
    reasons = reasons_sql(pieces)
    if run_id is not None:
        select = Sql("SELECT q.court_id, %s, b.id, %s, r.id, %s, q.case_id, q.party_id, q.party_role, ",
                     [run_id, scope.week, channel]) + reasons + Sql(", q.outstanding, %s", [today])
        batch_join = Sql(f" JOIN {_t(PushBatch)} b ON b.recipient_id = r.id AND b.week = %s", [scope.week])
    else:
        select = Sql("SELECT r.id AS recipient_id, q.case_id AS case_id, q.party_id AS party_id, ") + reasons + Sql(
            " AS reasons")
        batch_join = Sql("")
    body = Sql(
        f" FROM {POOL} q JOIN {_t(PushRecipient)} r ON r.court_id = q.court_id AND r.channel = %s AND r.is_active",
        [channel],
    ) + recipient_join + batch_join + Sql(" WHERE q.party_role = %s AND ", [role.value]) + condition
    return select + body


ITEM_COLUMNS = ("court_id", "run_id", "batch_id", "week", "recipient_id", "channel", "case_id", "party_id",
                "party_role", "reasons", "amount_outstanding", "pushed_on")


def insert_items(channel: str, rule_set, scope: Scope, *, run_id: int, today) -> int:
    """Write one channel's items from the pool; existing (week, recipient, case, party) rows are kept.
    Returns the number of rows inserted."""
    select = channel_select(channel, rule_set, scope, run_id=run_id, today=today)
    columns = ", ".join(connection.ops.quote_name(c) for c in ITEM_COLUMNS)
    if _vendor() == "postgresql":
        sql = f"INSERT INTO {_t(PushItem)} ({columns}) {select.text} ON CONFLICT DO NOTHING"
    else:
        sql = f"INSERT OR IGNORE INTO {_t(PushItem)} ({columns}) {select.text}"
    with connection.cursor() as cursor:
        cursor.execute(sql, select.params)
        return max(cursor.rowcount, 0)


def run_step(channels: list[str], rule_set, scope: Scope, *, run_id: int, today) -> int:
    """One step of a run (the caller holds the transaction): the pool, then every channel's items."""
    started = time.monotonic()
    pool = build_pool(rule_set, scope, applicants=Channel.CIVIL_AFFAIRS in channels)
    timings = [f"pool {pool} {time.monotonic() - started:.2f}s"]
    inserted = 0
    try:
        for channel in channels:
            started = time.monotonic()
            count = insert_items(channel, rule_set, scope, run_id=run_id, today=today)
            timings.append(f"{channel} {count} {time.monotonic() - started:.2f}s")
            inserted += count
    finally:
        drop_pool()
    logger.debug("step %s–%s: %s", scope.lo, scope.hi - 1, ", ".join(timings))
    return inserted


def relax_step_commit() -> None:
    """Inside a step's transaction on PostgreSQL: commit without waiting for the WAL flush.

    A step lost to a server crash is only a step the next run redoes (ON CONFLICT DO NOTHING); a step is never
    half-applied. On a disk with slow fsync this saves tens of milliseconds on each of a province's steps.
    The run's last transaction (completion, deliveries) commits normally.
    """
    if _vendor() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def refresh_statistics() -> None:
    """After a run has created the week's batches: let PostgreSQL's planner see them (and the recipients), or it
    estimates a handful of rows and joins the whole pool once per batch instead of hashing it once."""
    if _vendor() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_t(PushBatch)}, {_t(PushRecipient)}")


def case_id_range(court_id: int) -> tuple[int, int] | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {_t(EnforcementCase)} WHERE court_id = %s", [court_id])
        low, high = cursor.fetchone()
    return None if low is None else (low, high)


def preview(channels: list[str], rule_set, scope: Scope, *, sample: int = 5) -> dict[str, dict]:
    """{channel: {"counts": {recipient id: (items, distinct cases)}, "samples": [...]}} without writing items.
    Call inside a transaction: the pool is a temporary table, dropped before it ends."""
    result = {}
    build_pool(rule_set, scope, applicants=Channel.CIVIL_AFFAIRS in channels)
    try:
        with connection.cursor() as cursor:
            for channel in channels:
                select = channel_select(channel, rule_set, scope)
                cursor.execute(f"SELECT recipient_id, count(*), count(DISTINCT case_id) FROM ({select.text}) s"
                               f" GROUP BY recipient_id", select.params)
                counts = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
                cursor.execute(f"SELECT recipient_id, case_id, party_id, reasons FROM ({select.text}) s"
                               f" ORDER BY case_id, party_id LIMIT %s", [*select.params, sample])
                samples = [{"recipient_id": r, "case_id": c, "party_id": p,
                            "reasons": [x for x in (text or "").split(REASON_SEPARATOR) if x]}
                           for r, c, p, text in cursor.fetchall()]
                result[channel] = {"counts": counts, "samples": samples}
    finally:
        drop_pool()
    return result
