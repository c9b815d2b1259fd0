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
   to this week's batches, with the codes of the reasons that hold (one per line) —

       INSERT INTO pushes_pushitem (court_id, run_id, batch_id, week, recipient_id, channel, case_id, party_id,
                                    party_role, reasons, reason_codes, amount_outstanding, pushed_on)
       SELECT q.court_id, :run, r.batch_id, :week, r.id, 'grid', q.case_id, q.party_id, q.party_role, '',
              rtrim((CASE WHEN q.outstanding <= :limit THEN 'small_amount\n' ELSE '' END) || …, '\n'),
              q.outstanding, :today
         FROM push_pool q
         JOIN (SELECT r.id, r.court_id, r.grid_id, …, b.id AS batch_id          -- the court's recipients of the
                 FROM pushes_pushrecipient r                                   -- channel with their batch:
                 JOIN pushes_pushbatch b ON b.recipient_id = r.id AND b.week = :week   -- tens of rows, hashed once
                WHERE r.court_id = :court AND r.channel = 'grid' AND r.is_active) r
           ON r.court_id = q.court_id AND r.grid_id = q.grid_id
        WHERE q.party_role = 'respondent' AND ((q.outstanding <= :limit) OR (q.livelihood))
       ON CONFLICT DO NOTHING           -- (week, recipient, case, party) is unique: reruns add nothing

The conditions, the codes and the channels' matching are not written here: they are derived from the one table of
the rules, pushes.rules.CHANNEL_RULES, which rules.channel_reason_codes evaluates in Python. The same SELECTs
serve the preview (grouped counts and a sample, nothing written). The words of a reason are rendered from its code
on display (rules.render_reasons).
"""
import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from cases.choices import CaseStatus, ClosureMethod
from cases.models import EnforcementCase, Party

from . import rules
from .choices import Channel, PartyRole
from .models import REASON_SEPARATOR, PushBatch, PushItem, PushRecipient

logger = logging.getLogger(__name__)
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


def codes_sql(pieces: list[tuple[Sql, str]]) -> Sql:
    """The codes of the reasons whose condition holds, one per line (REASON_SEPARATOR), in the table's order."""
    text, params = [], []
    for condition, code in pieces:
        text.append(f"(CASE WHEN {condition.text} THEN %s ELSE '' END)")
        params += condition.params + [code + REASON_SEPARATOR]
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


# the recipient's column a channel matches on (rules.ChannelRule.match), as SQL on the recipient `r`
RECIPIENT_COLUMNS = {"grid_id": "r.grid_id", "township_id": "r.township_id", "organization_id": "r.organization_id"}


def condition_sql(condition, rule_set) -> Sql | None:
    """One condition of rules.CHANNEL_RULES over the pool `q` and the recipient `r`; None when a switch of the rule
    set turns the reason off (the reason is then left out of the SQL altogether)."""
    if isinstance(condition, rules.Fact):
        return Sql(f"q.{condition.name}")
    if isinstance(condition, rules.Setting):
        return Sql("1 = 1") if getattr(rule_set, condition.name) else None
    if isinstance(condition, rules.AtMost):
        return Sql(f"q.{condition.fact} <= CAST(%s AS NUMERIC)", [getattr(rule_set, condition.limit)])
    if isinstance(condition, rules.PartyKindIs):
        return Sql("q.kind = %s", [condition.kind])
    if isinstance(condition, rules.BodyIn):
        return Sql(f"r.body IN ({', '.join(['%s'] * len(condition.bodies))})", [str(b) for b in condition.bodies])
    raise TypeError(condition)


def reason_sql(reason: rules.Reason, rule_set) -> Sql | None:
    """All of a reason's conditions as one SQL condition (TRUE for none); None when the rule set turns it off."""
    parts = [condition_sql(c, rule_set) for c in reason.when]
    if any(p is None for p in parts):
        return None
    parts = [p for p in parts if p.text != "1 = 1"] or [Sql("1 = 1")]
    return Sql("(" + " AND ".join(p.text for p in parts) + ")", [x for p in parts for x in p.params])


def _channel_parts(channel: str, rule_set) -> tuple[str, Sql, Sql, list[tuple[Sql, str]]]:
    """(party role, recipient join, condition, (condition, code) pieces) of one channel over the pool `q`, derived
    from rules.CHANNEL_RULES — the SQL of rules.channel_reason_codes."""
    rule = rules.CHANNEL_RULES[channel]
    join = Sql("")
    if rule.match is not None:
        party_fact, recipient_field = rule.match
        join = Sql(f" AND {RECIPIENT_COLUMNS[recipient_field]} = q.{party_fact}")
    pieces = [(sql, reason.code) for reason in rule.reasons if (sql := reason_sql(reason, rule_set)) is not None]
    if not pieces:
        return rule.role, join, Sql("1 = 0"), []
    return rule.role, join, _any(pieces), pieces


def _any(pieces: list[tuple[Sql, str]]) -> Sql:
    return Sql("(" + " OR ".join(c.text for c, _r in pieces) + ")", [p for c, _r in pieces for p in c.params])


def channel_select(channel: str, rule_set, scope: Scope, *, run_id: int | None = None, today=None) -> Sql:
    """SELECT of one channel's items from the pool. With `run_id`, PushItem's columns in ITEM_COLUMNS order
    (joined to this week's batches); without, what the preview needs."""
    role, recipient_join, condition, pieces = _channel_parts(channel, rule_set)
    terminated = reason_sql(rules.TERMINATED_CURRENT, rule_set)
    if pieces and terminated is not None:
        pieces = [*pieces, (terminated, rules.TERMINATED_CURRENT.code)]
    codes = codes_sql(pieces) if pieces else Sql("''")
    # `r`: the court's active recipients of the channel — with their batch of the week when writing — as one small
    # derived table (tens of rows) that PostgreSQL hashes once, instead of looking a batch up per pool row
    recipients = Sql(f"SELECT r.id, r.court_id, r.grid_id, r.township_id, r.organization_id, r.body")
    if run_id is not None:
        select = Sql("SELECT q.court_id, %s, r.batch_id, %s, r.id, %s, q.case_id, q.party_id, q.party_role, %s, ",
                     [run_id, scope.week, channel, ""]) + codes + Sql(", q.outstanding, %s", [today])
        recipients = recipients + Sql(f", b.id AS batch_id FROM {_t(PushRecipient)} r"
                                      f" JOIN {_t(PushBatch)} b ON b.recipient_id = r.id AND b.week = %s",
                                      [scope.week])
    else:
        select = Sql("SELECT r.id AS recipient_id, q.case_id AS case_id, q.party_id AS party_id,"
                     " q.outstanding AS outstanding, ") + codes + Sql(" AS reason_codes")
        recipients = recipients + Sql(f" FROM {_t(PushRecipient)} r")
    recipients = recipients + Sql(" WHERE r.court_id = %s AND r.channel = %s AND r.is_active",
                                  [scope.court_id, channel])
    body = (Sql(f" FROM {POOL} q JOIN (") + recipients + Sql(") r ON r.court_id = q.court_id") + recipient_join
            + Sql(" WHERE q.party_role = %s AND ", [str(role)]) + condition)
    return select + body


ITEM_COLUMNS = ("court_id", "run_id", "batch_id", "week", "recipient_id", "channel", "case_id", "party_id",
                "party_role", "reasons", "reason_codes", "amount_outstanding", "pushed_on")


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
    estimates a handful of rows and joins the whole pool once per batch instead of hashing it once.

    Only a table that has grown by more than a tenth (in pages) since its last ANALYZE — the planner scales its row
    counts by the current size itself, so what it lacks is a table it has never seen filled. A province's weekly
    job runs this once per court: ANALYZE every time cost ~0.1 s a court (100 courts: 11 s of a 116 s run)."""
    if _vendor() != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (PushBatch, PushRecipient):
            cursor.execute("SELECT relpages, reltuples, pg_relation_size(oid) / current_setting('block_size')::int"
                           " FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
            analyzed_pages, analyzed_rows, pages = cursor.fetchone()
            if analyzed_rows < 0 or pages > analyzed_pages * 1.1:  # -1: never analyzed
                cursor.execute(f"ANALYZE {_t(model)}")


# The cases a step may push, whatever the rule set: open or 终本, with money outstanding (each rule set's pool is a
# subset: classify._eligible). PostgreSQL has the partial index push_pool_case_idx (migration 0005) on exactly this
# condition, by (court, id): the steps' boundaries and the pool read a court's candidates from it alone.
CANDIDATES = (f"(c.status <> '{CaseStatus.CLOSED.value}' OR c.closure_method = '{ClosureMethod.TERMINATED_CURRENT.value}')"
              " AND c.amount_claimed > c.amount_recovered")


def court_spans(court_id: int, chunk: int) -> list[tuple[int, int]]:
    """The run's steps for one court: spans of case ids [lo, hi) holding at most `chunk` of the court's candidate
    cases each — bounded by the court's own cases, not by the ids of the whole province's table (a court's ids are
    scattered over all of them: spans of ids made a court of 10,000 cases four steps of 2,500 in a 1 M table).
    One read of the court's entries of the partial index; no cases, no steps."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, n FROM (SELECT c.id, row_number() OVER (ORDER BY c.id) AS n, count(*) OVER () AS total"
            f" FROM {_t(EnforcementCase)} c WHERE c.court_id = %s AND {CANDIDATES}) s"
            f" WHERE (n - 1) %% %s = 0 OR n = total ORDER BY id", [court_id, chunk])
        rows = cursor.fetchall()
    if not rows:
        return []
    starts = [case_id for case_id, n in rows if (n - 1) % chunk == 0]
    last = rows[-1][0]
    return [(lo, hi) for lo, hi in zip(starts, [*starts[1:], last + 1])]


def case_id_range(court_id: int) -> tuple[int, int] | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {_t(EnforcementCase)} WHERE court_id = %s", [court_id])
        low, high = cursor.fetchone()
    return None if low is None else (low, high)


def preview(channels: list[str], rule_set, scope: Scope, *, sample: int = 5) -> dict[str, dict]:
    """{channel: {"counts": {recipient id: (items, distinct cases)}, "samples": [...]}} without writing items: the
    same SELECTs as the run. A sample has its reasons' codes (the caller renders them, rules.render_reasons).
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
                cursor.execute(f"SELECT recipient_id, case_id, party_id, outstanding, reason_codes FROM ({select.text}) s"
                               f" ORDER BY case_id, party_id LIMIT %s", [*select.params, sample])
                samples = [{"recipient_id": r, "case_id": c, "party_id": p, "outstanding": Decimal(str(owed)),
                            "reason_codes": [x for x in (codes or "").split(REASON_SEPARATOR) if x]}
                           for r, c, p, owed, codes in cursor.fetchall()]
                result[channel] = {"counts": counts, "samples": samples}
    finally:
        drop_pool()
    return result
