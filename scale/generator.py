"""Province-scale data set, generated in PostgreSQL (INSERT … SELECT FROM generate_series), reproducible from a seed.

One generator for `manage.py seed_scale` and the benchmark scripts in bench/ (dashboard, pushes, the suite).

The shape (defaults; `Profile` holds every share):
- a high court (`赣11`, 上饶市中级人民法院) over K basic courts (the first is 万年县人民法院 赣1129), each with
  2 clerks, 12 enforcement judges, 1 trial judge, 1 leader, 10 townships of 5 grids, 50 employers and 20 frequent
  institutional applicants (banks, micro-lenders);
- N enforcement cases filed evenly over 2021-2024 across the courts: 执 90.3%, 执保 5%, 执异 3%, 执复 1%,
  执他 0.5%, 执监 0.2% and 执恢 (≈2.6%, resuming 终本 cases); 93% of the 执 closed after an exponential number
  of days (mean 90) — completed 45%, 终本 35%, terminated 8%, withdrawn 9%, not enforced 3%; amounts claimed
  log-normal (median ≈ 15,000 yuan); numbers `（2024）赣1129执123号` gap-free per (court, year, type), and the
  counters (cases.CaseNumberCounter) left at the last sequence so the next filing continues the series;
- ~2 parties per case: one respondent (78% people with valid GB 11643 resident IDs, 22% organisations with
  valid GB 32100 credit codes; township, grid, employer and tags), one applicant (8% one of the court's frequent
  institutions), a second respondent in 15% of cases; `party_names` kept as the filing service writes it;
- the timeline (~8 events a case: filing, notice and report order, inquiry, contacts, leads, money in/out,
  restrictions, the 终本 steps, closure), the fund ledger (amount_recovered equal to the receipts), coercive
  measures (consumption restriction on every 终本 case and 35% of the others, dishonest list, summons …), one
  online asset inquiry per respondent, a week of township push items for 15% of open and 终本 cases, litigation
  sources (60% of 执 cases, plus as many never enforced) with outcomes, obligations and preservations.

Every random draw comes from PostgreSQL's random() after `setseed(seed)`, in generate_series order: the same
seed on the same PostgreSQL major version gives the same rows (tests/scale/test_seed_scale.py checks it).
Foreign-key triggers are off while loading (session_replication_role = replica) — the rows are consistent by
construction; secondary indexes are dropped and built once afterwards.
"""
import datetime as dt
import json
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection

from .db import drop_secondary_indexes, insert, rebuild_indexes, reserve_ids, wipe

PASSWORD = "Wannian-2024"  # every generated user's password (as in the demo court)
FIRST_DAY = dt.date(2021, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)

# 上饶市's basic courts first (real codes), then made-up ones for larger provinces
REAL_COURTS = [("赣1129", "万年县人民法院", "万年县"), ("赣1128", "鄱阳县人民法院", "鄱阳县"),
               ("赣1127", "余干县人民法院", "余干县"), ("赣1102", "上饶市信州区人民法院", "信州区"),
               ("赣1103", "上饶市广丰区人民法院", "广丰区"), ("赣1104", "上饶市广信区人民法院", "广信区"),
               ("赣1123", "玉山县人民法院", "玉山县"), ("赣1124", "铅山县人民法院", "铅山县"),
               ("赣1125", "横峰县人民法院", "横峰县"), ("赣1126", "弋阳县人民法院", "弋阳县"),
               ("赣1130", "婺源县人民法院", "婺源县"), ("赣1181", "德兴市人民法院", "德兴市")]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志鹏飞辉林波宇浩凯健俊帆帅旭宁海燕"
             "云峰文斌婷雪琴慧鑫博欣诚晨阳荣春梅兵水根发生福金贵连长小松德明")
ORG_WORDS = list("鑫华恒达盛隆兴昌泰丰源瑞祥顺安宏宇新天信诚永利通嘉富汇联德邦佳和润")
ORG_TRADES = ["建材", "贸易", "建筑工程", "农业开发", "物流", "置业", "电子科技", "餐饮管理", "机械制造", "农资",
              "粮油", "竹木制品", "水产养殖", "装饰工程", "汽车销售", "劳务"]
ORG_PLACES = ["万年", "上饶", "鄱阳", "余干", "南昌", "景德镇", "乐平", "弋阳", "广丰", "玉山"]
FREQUENT = ["中国农业银行股份有限公司{c}支行", "中国工商银行股份有限公司{c}支行", "中国建设银行股份有限公司{c}支行",
            "中国邮政储蓄银行股份有限公司{c}支行", "江西{c}农村商业银行股份有限公司", "{c}融和小额贷款有限公司",
            "江西裕民银行股份有限公司{c}支行", "九江银行股份有限公司{c}支行", "上饶银行股份有限公司{c}支行",
            "中国银行股份有限公司{c}支行", "{c}城市建设投资有限公司", "{c}供电公司", "{c}自来水有限公司",
            "中国人民财产保险股份有限公司{c}支公司", "{c}恒通融资担保有限公司", "赣州银行股份有限公司{c}支行",
            "交通银行股份有限公司{c}支行", "{c}农业信贷担保有限公司", "中国平安财产保险股份有限公司{c}支公司",
            "{c}鑫源典当有限公司"]
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

BULK_TABLES = ["cases_enforcementcase", "cases_party", "cases_enforcementcase_respondents",
               "cases_enforcementcase_applicants", "cases_caseevent", "cases_fundentry", "cases_litigationcase",
               "cases_litigationcase_plaintiffs", "cases_litigationcase_defendants", "cases_outcome",
               "cases_obligation", "cases_preservation", "cases_urging", "cases_assetinquiry", "sanctions_sanction",
               "pushes_pushitem"]


@dataclass
class Profile:
    """The distributions. Shares are of the primary (non-执恢) cases unless said otherwise."""

    closed_share: float = 0.93  # of the cases filed, closed by the end of the period (if the draw lands before it)
    mean_days: int = 90  # mean of the exponential time to closure
    # closure methods of closed 执 cases, cumulative thresholds in this order
    methods: tuple = (("completed", 0.45), ("terminated_current", 0.35), ("terminated", 0.08),
                      ("withdrawn", 0.09), ("not_enforced", 0.03))
    resumed_share: float = 0.026  # 执恢 cases, of all N
    second_respondent: float = 0.15
    frequent_applicant: float = 0.08
    restriction_share: float = 0.35  # consumption restriction on non-终本 执 cases (every 终本 case has one)
    pushed_share: float = 0.15  # of open and 终本 cases, pushed to their township in the push week
    litigation: bool = True  # litigation sources (and as many never enforced), outcomes, preservations, urgings
    events: bool = True
    first_day: dt.date = FIRST_DAY
    last_day: dt.date = LAST_DAY
    push_week: str = "2024-W50"


@dataclass
class Result:
    courts: list = field(default_factory=list)  # basic court ids, in order
    high_court: int | None = None
    cases: int = 0
    parties: int = 0
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)


def _sql_array(values) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]::text[]"


def _resident_check(t: str) -> str:
    """SQL for the GB 11643 check character of the 17-digit text expression `t`."""
    total = " + ".join(f"substr({t},{i + 1},1)::int * {w}" for i, w in enumerate(ID_WEIGHTS))
    return f"substr('10X98765432', (({total}) % 11) + 1, 1)"


def _credit_check(t: str) -> str:
    total = " + ".join(f"(strpos('{CREDIT_ALPHABET}', substr({t},{i + 1},1)) - 1) * {w}"
                       for i, w in enumerate(CREDIT_WEIGHTS))
    return f"substr('{CREDIT_ALPHABET}', ((31 - ({total}) % 31) % 31) + 1, 1)"


def _org_check(t: str) -> str:
    total = " + ".join(f"substr({t},{i + 1},1)::int * {w}" for i, w in enumerate(ORG_WEIGHTS))
    return f"substr('0123456789X0', 12 - (({total}) % 11), 1)"


def create_functions(cursor) -> None:
    """Session-local SQL helpers (pg_temp): names, valid resident IDs and credit codes from an index."""
    cursor.execute(f"""
        CREATE OR REPLACE FUNCTION pg_temp.person_name(a float8, b float8, c float8) RETURNS text IMMUTABLE LANGUAGE sql AS $$
          SELECT ({_sql_array(SURNAMES)})[1 + floor(a * {len(SURNAMES)})::int]
              || ({_sql_array(GIVEN)})[1 + floor(b * {len(GIVEN)})::int]
              || CASE WHEN c < 0.7 THEN ({_sql_array(GIVEN)})[1 + floor(c / 0.7 * {len(GIVEN)})::int] ELSE '' END
        $$""")
    cursor.execute(f"""
        CREATE OR REPLACE FUNCTION pg_temp.org_name(a float8, b float8, c float8) RETURNS text IMMUTABLE LANGUAGE sql AS $$
          SELECT ({_sql_array(ORG_PLACES)})[1 + floor(a * {len(ORG_PLACES)})::int]
              || ({_sql_array(ORG_WORDS)})[1 + floor(b * {len(ORG_WORDS)})::int]
              || ({_sql_array(ORG_WORDS)})[1 + floor(c * {len(ORG_WORDS)})::int]
              || ({_sql_array(ORG_TRADES)})[1 + floor(((a * 7919 + c * 104729)::numeric % 1) * {len(ORG_TRADES)})::int]
              || '有限公司'
        $$""")
    # idx → birth day (20,000 days from 1950) and a 3-digit sequence: unique for idx < 20,000,000.
    # PL/pgSQL, not SQL: a SQL function with a FROM clause is not inlined and costs ~50–200 µs a call.
    cursor.execute(f"""
        CREATE OR REPLACE FUNCTION pg_temp.resident_id(region text, idx bigint) RETURNS text IMMUTABLE LANGUAGE plpgsql AS $$
        DECLARE t text := region || to_char(DATE '1950-01-01' + (idx % 20000)::int, 'YYYYMMDD')
                          || lpad(((idx / 20000) % 1000)::text, 3, '0');
        BEGIN RETURN t || {_resident_check('t')}; END $$""")
    cursor.execute(f"""
        CREATE OR REPLACE FUNCTION pg_temp.credit_code(region text, idx bigint) RETURNS text IMMUTABLE LANGUAGE plpgsql AS $$
        DECLARE o text := lpad((idx % 100000000)::text, 8, '0'); t text;
        BEGIN t := '91' || region || o || {_org_check('o')}; RETURN t || {_credit_check('t')}; END $$""")


def _step(label, cursor, sql, params=None):
    started = time.perf_counter()
    cursor.execute(sql, params or {})
    print(f"  {label}: {cursor.rowcount:,} rows, {time.perf_counter() - started:.1f}s", flush=True)
    return cursor.rowcount


def _reference_data(cursor, *, courts: int, seed: int):
    """Courts, users (one hashed password for all), townships, grids, employers, frequent applicants."""
    from django.contrib.auth.models import Group

    from cases.models import Court, Grid, Party, Township, User

    high = Court.objects.create(code="赣11", name="江西省上饶市中级人民法院")
    specs = REAL_COURTS[:courts] + [(f"赣{2000 + n:04d}", f"基层人民法院{n:03d}", f"县{n:03d}")
                                    for n in range(len(REAL_COURTS), courts)]
    basic = Court.objects.bulk_create([Court(code=code, name=name, parent=high) for code, name, _ in specs])
    password = make_password(PASSWORD)
    users, groups = [], {}
    for idx, court in enumerate(basic):
        prefix = f"c{idx:03d}"
        rows = [(f"{prefix}_clerk{n}", f"书记员{idx:03d}-{n}", "clerk") for n in (1, 2)]
        rows += [(f"{prefix}_judge{j:02d}", f"执行法官{idx:03d}-{j:02d}", "enforcement_judge") for j in range(1, 13)]
        rows += [(f"{prefix}_trial1", f"审判法官{idx:03d}", "trial_judge"), (f"{prefix}_leader", f"院长{idx:03d}", "leader")]
        for username, full_name, role in rows:
            user = User(username=username, full_name=full_name, court=court, password=password)
            users.append(user)
            groups.setdefault(role, []).append(user)
    president = User(username="high_leader", full_name="中院院长", court=high, password=password)
    users.append(president)
    groups["leader"].append(president)
    User.objects.bulk_create(users)
    for role, members in groups.items():
        Group.objects.get(name=role).user_set.add(*members)
    # the enforcement judges of each court, numbered 0..11, for the case plan
    cursor.execute("CREATE TEMP TABLE scale_court (idx int PRIMARY KEY, id bigint, code text, county text)")
    cursor.execute("INSERT INTO scale_court SELECT (v->>0)::int, (v->>1)::bigint, v->>2, v->>3 "
                   "FROM jsonb_array_elements(%s::jsonb) v",
                   [json.dumps([[i, c.pk, c.code, specs[i][2]] for i, c in enumerate(basic)])])
    cursor.execute("CREATE TEMP TABLE scale_judge (court_idx int, j int, id bigint, PRIMARY KEY (court_idx, j))")
    cursor.execute("""INSERT INTO scale_judge SELECT c.idx, (row_number() OVER (PARTITION BY c.idx ORDER BY u.id)) - 1,
                      u.id FROM cases_user u JOIN scale_court c ON c.id = u.court_id
                      WHERE u.username LIKE '%%\\_judge%%'""")
    insert(cursor, Township, "created_at, updated_at, court_id, name, code", """
        SELECT now(), now(), c.id, c.county || '第' || t || '乡镇', 'T' || t
        FROM scale_court c, generate_series(0, 9) t ORDER BY c.idx, t""")
    cursor.execute("""CREATE TEMP TABLE scale_township AS SELECT c.idx AS court_idx, substr(t.code, 2)::int AS t,
                      t.id FROM cases_township t JOIN scale_court c ON c.id = t.court_id""")
    insert(cursor, Grid, "created_at, updated_at, township_id, name", """
        SELECT now(), now(), t.id, '第' || k || '网格' FROM scale_township t, generate_series(0, 4) k
        ORDER BY t.court_idx, t.t, k""")
    cursor.execute("""CREATE TEMP TABLE scale_grid AS SELECT t.court_idx, t.t, substr(g.name, 2, 1)::int AS k,
                      g.id, g.township_id FROM cases_grid g JOIN scale_township t ON t.id = g.township_id""")
    cursor.execute("CREATE UNIQUE INDEX ON scale_grid (court_idx, t, k)")
    insert(cursor, Party, """created_at, updated_at, court_id, kind, name, id_number, credit_code, phone, address,
            legal_representative, is_state_organ""", f"""
        SELECT now(), now(), c.id, 'organization', c.county || pg_temp.org_name(random(), random(), random()) || e,
               '', pg_temp.credit_code({_region_sql('c.idx')}, 90000000 + c.idx * 1000 + e),
               '0793-' || (7000000 + c.idx * 100 + e), '江西省上饶市' || c.county, '', e < 3
        FROM scale_court c, generate_series(0, 49) e ORDER BY c.idx, e""")
    cursor.execute("""CREATE TEMP TABLE scale_employer AS SELECT c.idx AS court_idx,
                      (row_number() OVER (PARTITION BY c.idx ORDER BY p.id)) - 1 AS e, p.id
                      FROM cases_party p JOIN scale_court c ON c.id = p.court_id""")
    frequent = _sql_array(FREQUENT)
    insert(cursor, Party, """created_at, updated_at, court_id, kind, name, id_number, credit_code, phone, address,
            legal_representative""", f"""
        SELECT now(), now(), c.id, 'organization', replace(({frequent})[f + 1], '{{c}}', c.county), '',
               pg_temp.credit_code({_region_sql('c.idx')}, 80000000 + c.idx * 1000 + f),
               '0793-' || (6000000 + c.idx * 100 + f), '江西省上饶市' || c.county, pg_temp.person_name(random(), random(), random())
        FROM scale_court c, generate_series(0, {len(FREQUENT) - 1}) f ORDER BY c.idx, f""")
    cursor.execute(f"""CREATE TEMP TABLE scale_frequent AS SELECT c.idx AS court_idx, f.f, p.id, p.name
                      FROM scale_court c CROSS JOIN generate_series(0, {len(FREQUENT) - 1}) f(f)
                      JOIN cases_party p ON p.court_id = c.id AND p.name = replace(({frequent})[f.f + 1], '{{c}}', c.county)""")
    cursor.execute("CREATE UNIQUE INDEX ON scale_frequent (court_idx, f)")
    return high, basic


def _case_plan(cursor, *, primary: int, courts: int, profile: Profile, case_base: int, party_base: int):
    """Every primary case's fate drawn once into a temporary table; ids are computed (case_base + g - 1,
    parties party_base + 3(g - 1) + 0/1/2), so later inserts need no joins to find each other."""
    methods = []
    cumulative = 0.0
    for name, share in profile.methods:
        cumulative += share
        methods.append(f"WHEN r.m < {cumulative:.6f} THEN '{name}'")
    span = (profile.last_day - profile.first_day).days + 1
    _step("case plan", cursor, f"""
        CREATE TEMP TABLE scale_case AS
        SELECT g, %(case_base)s + g - 1 AS case_id, c.idx AS court_idx, c.id AS court_id, c.code AS court_code,
               c.county, j.id AS judge_id, t.case_type, f0.filed, c0.closed,
               CASE WHEN c0.closed IS NULL THEN ''
                    WHEN t.case_type = '执' THEN CASE {' '.join(methods)} ELSE 'completed' END
                    WHEN r.m < 0.75 OR t.case_type = '执保' THEN 'completed' ELSE 'rejected' END AS method,
               CASE WHEN c0.closed IS NOT NULL THEN 'closed' WHEN r.s < 0.05 THEN 'suspended'
                    WHEN f0.filed > DATE %(last)s - 20 THEN 'filed' ELSE 'in_progress' END AS status,
               r.x < 0.05 AS non_litigation,
               round(least(greatest(exp(9.6 + 1.5 * sqrt(-2 * ln(1 - r.a)) * cos(2 * pi() * r.b)), 500), 500000000)
                     ::numeric, 2) AS claimed,
               r.l < 0.12 AS livelihood,
               r.p AS p, r.q < 0.85 AS paid_out, r.u AS u,
               t.case_type = '执' AND r.src < 0.6 AS sourced,
               r.k < 0.78 AS resp_person, r.k2 < %(second)s AS second_resp,
               CASE WHEN r.fa < %(frequent)s THEN floor(r.fa / %(frequent)s * 20)::int END AS frequent,
               r.ap < 0.55 AS app_person,
               floor(r.tw * 10)::int AS township, CASE WHEN r.gr < 0.7 THEN floor(r.gr / 0.7 * 5)::int END AS grid,
               CASE WHEN r.em < 0.1 THEN floor(r.em * 500)::int END AS employer,
               r.tg AS tag, r.cr AS cr, r.dl AS dl, r.o AS other, r.ld < 0.2 AS lead, r.ct < 0.5 AS contacted,
               r.pu AS pushed, floor(r.sd * 60)::int AS sanction_after, r.n1, r.n2, r.n3, r.n4, r.n5, r.n6
        FROM generate_series(1, %(primary)s) g
        JOIN scale_court c ON c.idx = mod(g, %(courts)s)
        JOIN scale_judge j ON j.court_idx = c.idx AND j.j = mod(g / %(courts)s, 12),
        LATERAL (SELECT random() AS f, random() AS e, random() AS o_, random() AS t, random() AS m, random() AS s,
                        random() AS x, random() AS a, random() AS b, random() AS l, random() AS p, random() AS q,
                        random() AS u, random() AS src, random() AS k, random() AS k2, random() AS fa,
                        random() AS ap, random() AS tw, random() AS gr, random() AS em, random() AS tg,
                        random() AS cr, random() AS dl, random() AS o, random() AS ld, random() AS ct,
                        random() AS pu, random() AS sd, random() AS n1, random() AS n2, random() AS n3,
                        random() AS n4, random() AS n5, random() AS n6, g AS keep) r,
        LATERAL (SELECT CASE WHEN r.t < 0.05 THEN '执保' WHEN r.t < 0.08 THEN '执异' WHEN r.t < 0.09 THEN '执复'
                             WHEN r.t < 0.095 THEN '执他' WHEN r.t < 0.097 THEN '执监' ELSE '执' END AS case_type) t,
        LATERAL (SELECT DATE %(first)s + floor(r.f * {span})::int AS filed) f0,
        LATERAL (SELECT CASE WHEN r.o_ < %(closed)s
                              AND f0.filed + floor(-ln(1 - r.e) * %(mean)s)::int <= DATE %(last)s
                             THEN f0.filed + floor(-ln(1 - r.e) * %(mean)s)::int END AS closed) c0""",
          {"case_base": case_base, "primary": primary, "courts": courts, "second": profile.second_respondent,
           "frequent": profile.frequent_applicant, "closed": profile.closed_share, "mean": profile.mean_days,
           "first": profile.first_day.isoformat(), "last": profile.last_day.isoformat()})
    # money and measures, decided here so nothing is updated later
    cursor.execute("""
        ALTER TABLE scale_case ADD COLUMN received numeric, ADD COLUMN received_on date, ADD COLUMN year int,
            ADD COLUMN sequence int, ADD COLUMN resp_id bigint, ADD COLUMN app_id bigint, ADD COLUMN resp2_id bigint,
            ADD COLUMN sanction_on date, ADD COLUMN restricted boolean, ADD COLUMN listed boolean,
            ADD COLUMN measure text""")
    _step("case plan: money, numbers, measures", cursor, """
        UPDATE scale_case s SET
            received = CASE WHEN s.method = 'completed' AND s.case_type IN ('执', '执恢') THEN s.claimed
                            WHEN s.case_type <> '执' THEN 0
                            WHEN s.method = 'terminated_current' AND s.p < 0.10 THEN round(s.claimed * 0.2, 2)
                            WHEN s.method = 'terminated' AND s.p < 0.30 THEN round(s.claimed * 0.3, 2)
                            WHEN s.method = '' AND s.p < 0.25 THEN round(s.claimed * 0.3, 2) ELSE 0 END,
            received_on = s.filed + floor(s.u * (coalesce(s.closed, DATE %(last)s) - s.filed + 1))::int,
            year = extract(year FROM s.filed)::int, sequence = n.seq,
            resp_id = %(party_base)s + 3 * (s.g - 1),
            app_id = %(party_base)s + 3 * (s.g - 1) + 1,
            resp2_id = CASE WHEN s.second_resp THEN %(party_base)s + 3 * (s.g - 1) + 2 END,
            sanction_on = least(s.filed + 10 + s.sanction_after, coalesce(s.closed, DATE %(last)s)),
            restricted = s.case_type = '执' AND (s.method = 'terminated_current' OR s.cr < %(restriction)s),
            listed = s.case_type = '执' AND ((s.method = 'terminated_current' AND s.dl < 0.6) OR s.dl < 0.08),
            measure = CASE WHEN s.case_type <> '执' THEN NULL WHEN s.other < 0.010 THEN 'summons'
                           WHEN s.other < 0.020 THEN 'detention' WHEN s.other < 0.025 THEN 'fine'
                           WHEN s.other < 0.028 THEN 'criminal_referral'
                           WHEN s.other < 0.029 THEN 'private_prosecution' END
        FROM (SELECT g, row_number() OVER (PARTITION BY court_id, extract(year FROM filed), case_type
                                           ORDER BY filed, g) AS seq FROM scale_case) n
        WHERE n.g = s.g""", {"last": profile.last_day.isoformat(), "party_base": party_base,
                             "restriction": profile.restriction_share})
    cursor.execute("""UPDATE scale_case s SET app_id = f.id FROM scale_frequent f
                      WHERE s.frequent IS NOT NULL AND f.court_idx = s.court_idx AND f.f = s.frequent""")
    cursor.execute("CREATE UNIQUE INDEX ON scale_case (g)")
    cursor.execute("ANALYZE scale_case")


def _region_sql(court_idx: str) -> str:
    """A court's address code: a real Jiangxi county-level GB/T 2260 code (resident IDs are checked against the list,
    cases.identity.is_division_code), the same for every party of the court."""
    return f"({_sql_array(scale_regions())})[1 + mod({court_idx}, {len(scale_regions())})]"


def scale_regions() -> list[str]:
    from cases.identity import division_codes

    return [code for code in sorted(division_codes()) if code.startswith("36") and not code.endswith("00")][:100]


def _parties(cursor, *, profile: Profile) -> int:
    from cases.models import Party

    columns = """id, created_at, updated_at, court_id, kind, name, id_number, credit_code, phone, address,
                 township_id, grid_id, employer_id, legal_representative, is_public_official, is_party_member,
                 is_npc_deputy, is_cppcc_member, is_hardship, is_state_organ"""
    region = _region_sql("s.court_idx")
    # respondents: slot 0 (and slot 2 for a second respondent, a person living in the same township)
    rows = insert(cursor, Party, columns, f"""
        SELECT s.resp_id + d.slot, now(), now(), s.court_id,
               CASE WHEN s.resp_person OR d.slot = 2 THEN 'person' ELSE 'organization' END,
               CASE WHEN d.slot = 2 THEN pg_temp.person_name(s.n2, s.n3, s.n1)
                    WHEN s.resp_person THEN pg_temp.person_name(s.n1, s.n2, s.n3)
                    ELSE pg_temp.org_name(s.n1, s.n2, s.n3) END,
               CASE WHEN s.resp_person OR d.slot = 2 THEN pg_temp.resident_id({region}, s.resp_id + d.slot) ELSE '' END,
               CASE WHEN s.resp_person OR d.slot = 2 THEN '' ELSE pg_temp.credit_code({region}, s.resp_id + d.slot) END,
               '1' || (3 + mod(s.g, 6)) || lpad(mod(s.g::bigint * 7919 + d.slot, 1000000000)::text, 9, '0'),
               '江西省上饶市' || s.county || '第' || s.township || '乡镇' || (1 + floor(s.n4 * 300)::int) || '号',
               t.id, gr.id, CASE WHEN s.resp_person AND d.slot = 0 THEN e.id END,
               CASE WHEN s.resp_person OR d.slot = 2 THEN '' ELSE pg_temp.person_name(s.n3, s.n1, s.n2) END,
               s.tag < 0.01, s.tag >= 0.01 AND s.tag < 0.06, s.tag >= 0.06 AND s.tag < 0.062,
               s.tag >= 0.062 AND s.tag < 0.064, false, NOT s.resp_person AND s.tag >= 0.97
        FROM scale_case s
        JOIN LATERAL (VALUES (0), (2)) d(slot) ON d.slot = 0 OR s.second_resp
        JOIN scale_township t ON t.court_idx = s.court_idx AND t.t = s.township
        LEFT JOIN scale_grid gr ON gr.court_idx = s.court_idx AND gr.t = s.township AND gr.k = s.grid AND d.slot = 0
        LEFT JOIN scale_employer e ON e.court_idx = s.court_idx AND e.e = s.employer""", label="respondents")
    rows += insert(cursor, Party, columns, f"""
        SELECT s.resp_id + 1, now(), now(), s.court_id, CASE WHEN s.app_person THEN 'person' ELSE 'organization' END,
               CASE WHEN s.app_person THEN pg_temp.person_name(s.n5, s.n6, s.n4)
                    ELSE pg_temp.org_name(s.n5, s.n6, s.n4) END,
               CASE WHEN s.app_person THEN pg_temp.resident_id({region}, s.resp_id + 1) ELSE '' END,
               CASE WHEN s.app_person THEN '' ELSE pg_temp.credit_code({region}, s.resp_id + 1) END,
               '1' || (3 + mod(s.g, 5)) || lpad(mod(s.g::bigint * 104729, 1000000000)::text, 9, '0'),
               '江西省上饶市' || s.county, NULL::bigint, NULL::bigint, NULL::bigint,
               CASE WHEN s.app_person THEN '' ELSE pg_temp.person_name(s.n6, s.n5, s.n4) END,
               false, false, false, false, s.app_person AND s.n1 < 0.03, false
        FROM scale_case s WHERE s.frequent IS NULL""", label="applicants")
    return rows


def _cases(cursor, *, profile: Profile):
    from cases.models import EnforcementCase

    return insert(cursor, EnforcementCase, """id, created_at, updated_at, court_id, year, sequence, number, filed_on,
            case_type, source_document, is_non_litigation, party_names, amount_claimed, amount_recovered,
            amount_paid_out, judge_id, is_livelihood, status, deadline_on, suspended_days, closed_on,
            closure_method, closure_reason, version""", """
        SELECT s.case_id, now(), now(), s.court_id, s.year, s.sequence,
               '（' || s.year || '）' || s.court_code || s.case_type || s.sequence || '号', s.filed, s.case_type,
               CASE WHEN s.sourced THEN '' ELSE '（' || (s.year - 1) || '）赣' || (1100 + mod(s.court_idx, 100))
                    || '民初' || s.g || '号民事判决书' END, s.non_litigation,
               left(a.name || ' ' || r.name || coalesce(' ' || r2.name, ''), 512), s.claimed, s.received,
               CASE WHEN s.paid_out THEN s.received ELSE 0 END, s.judge_id, s.livelihood, s.status,
               s.filed + CASE WHEN s.non_litigation THEN interval '3 months' ELSE interval '6 months' END,
               0, s.closed, s.method,
               CASE s.method WHEN 'terminated_current' THEN '经网络查控及实地调查，未发现可供执行财产' ELSE '' END, 1
        FROM scale_case s JOIN cases_party r ON r.id = s.resp_id JOIN cases_party a ON a.id = s.app_id
        LEFT JOIN cases_party r2 ON r2.id = s.resp2_id
        ORDER BY s.g""", label="enforcement cases")


def _resumptions(cursor, *, count: int, case_base: int, primary: int, profile: Profile) -> int:
    """执恢: `count` 终本 cases resumed 30–400 days after closure, with the same parties."""
    from cases.models import EnforcementCase

    _step("resumption plan", cursor, """
        CREATE TEMP TABLE scale_resumed AS
        SELECT row_number() OVER (ORDER BY o.g) AS k, o.*, d.filed AS new_filed, d.closed AS new_closed,
               CASE WHEN d.closed IS NULL THEN '' WHEN d.m < 0.6 THEN 'completed' WHEN d.m < 0.85
                    THEN 'terminated_current' ELSE 'terminated' END AS new_method
        FROM (SELECT * FROM scale_case WHERE method = 'terminated_current' AND closed <= DATE %(last)s - 30
              ORDER BY random() LIMIT %(count)s) o,
        LATERAL (SELECT least(o.closed + 30 + floor(random() * 370)::int, DATE %(last)s) AS filed, random() AS e,
                        random() AS m, o.g AS keep) f,
        LATERAL (SELECT f.filed, f.m, CASE WHEN f.filed + floor(-ln(1 - f.e) * 60)::int <= DATE %(last)s
                                           THEN f.filed + floor(-ln(1 - f.e) * 60)::int END AS closed) d""",
          {"count": count, "last": profile.last_day.isoformat()})
    return insert(cursor, EnforcementCase, """id, created_at, updated_at, court_id, year, sequence, number, filed_on,
            case_type, source_document, is_non_litigation, party_names, amount_claimed, amount_recovered,
            amount_paid_out, judge_id, is_livelihood, status, deadline_on, suspended_days, closed_on,
            closure_method, closure_reason, version, resumed_from_id""", """
        SELECT %(base)s + %(primary)s + x.k - 1, now(), now(), x.court_id, x.y, x.seq,
               '（' || x.y || '）' || x.court_code || '执恢' || x.seq || '号', x.new_filed, '执恢',
               '（' || x.year || '）' || x.court_code || '执' || x.sequence || '号', false, e.party_names,
               greatest(x.claimed - x.received, 1), 0, 0, x.judge_id, x.livelihood,
               CASE WHEN x.new_closed IS NULL THEN 'in_progress' ELSE 'closed' END, x.new_filed + interval '6 months',
               0, x.new_closed, x.new_method, '', 1, x.case_id
        FROM (SELECT r.*, extract(year FROM r.new_filed)::int AS y,
                     row_number() OVER (PARTITION BY r.court_id, extract(year FROM r.new_filed) ORDER BY r.new_filed, r.g)
                     AS seq FROM scale_resumed r) x
        JOIN cases_enforcementcase e ON e.id = x.case_id ORDER BY x.k""",
                  {"base": case_base, "primary": primary}, label="resumptions (执恢)")


def _links(cursor, *, case_base: int, primary: int):
    _step("case respondents", cursor, """
        INSERT INTO cases_enforcementcase_respondents (enforcementcase_id, party_id)
        SELECT case_id, resp_id FROM scale_case
        UNION ALL SELECT case_id, resp2_id FROM scale_case WHERE resp2_id IS NOT NULL
        UNION ALL SELECT %(base)s + %(primary)s + k - 1, resp_id FROM scale_resumed
        UNION ALL SELECT %(base)s + %(primary)s + k - 1, resp2_id FROM scale_resumed WHERE resp2_id IS NOT NULL""",
          {"base": case_base, "primary": primary})
    _step("case applicants", cursor, """
        INSERT INTO cases_enforcementcase_applicants (enforcementcase_id, party_id)
        SELECT case_id, app_id FROM scale_case
        UNION ALL SELECT %(base)s + %(primary)s + k - 1, app_id FROM scale_resumed""",
          {"base": case_base, "primary": primary})


def _events(cursor, *, case_base: int, primary: int, profile: Profile):
    from cases.models import CaseEvent

    last = profile.last_day.isoformat()
    insert(cursor, CaseEvent, "case_id, kind, occurred_on, party_id, amount, note, urgent, actor_id, created_at", f"""
        SELECT s.case_id, v.kind, v.day, v.party, v.amount, v.note, false, s.judge_id, now()
        FROM scale_case s,
        LATERAL (VALUES
            ('filed', s.filed, NULL::bigint, NULL::numeric, '立案', true),
            ('notice_served', s.filed + 1 + floor(s.n1 * 3)::int, NULL, NULL, '', s.case_type IN ('执', '执保')),
            ('report_order_served', s.filed + 1 + floor(s.n1 * 3)::int, NULL, NULL, '', s.case_type = '执'),
            ('inquiry', s.filed + 2, s.resp_id, NULL, '网络查控：存款、车辆、不动产、证券', s.case_type IN ('执', '执保')),
            ('contact', s.filed + 5 + floor(s.n2 * 20)::int, s.resp_id, NULL, '电话联系被执行人，告知履行义务',
             s.contacted),
            ('lead_received', s.filed + 15, NULL, NULL, '申请人提供财产线索', s.lead),
            ('lead_checked', s.filed + 15 + floor(s.n3 * 6)::int, NULL, NULL, '线索核查完毕', s.lead),
            ('fund_in', s.received_on, NULL, s.received, '', s.received > 0),
            ('fund_out', least(s.received_on + 20, DATE '{last}'), NULL, s.received, '', s.received > 0 AND s.paid_out),
            ('consumption_restricted', s.sanction_on, s.resp_id, NULL, '', s.restricted),
            ('dishonest_listed', s.sanction_on, s.resp_id, NULL, '', s.listed),
            ('field_investigation', s.closed - 20, NULL, NULL, '实地调查未发现财产', s.method = 'terminated_current'),
            ('applicant_heard', s.closed - 5, NULL, NULL, '申请人同意终结本次执行程序', s.method = 'terminated_current'),
            ('closed', s.closed, NULL, NULL, '', s.closed IS NOT NULL)
        ) v(kind, day, party, amount, note, keep)
        WHERE v.keep AND v.day >= s.filed AND v.day <= coalesce(s.closed, DATE '{last}')""", label="case events")
    insert(cursor, CaseEvent, "case_id, kind, occurred_on, party_id, amount, note, urgent, actor_id, created_at", """
        SELECT %(base)s + %(primary)s + r.k - 1, v.kind, v.day, NULL::bigint, NULL::numeric, v.note, false,
               r.judge_id, now()
        FROM scale_resumed r,
        LATERAL (VALUES ('filed', r.new_filed, '恢复执行立案', true), ('closed', r.new_closed, '', r.new_closed IS NOT NULL))
            v(kind, day, note, keep)
        WHERE v.keep
        UNION ALL
        SELECT r.case_id, 'resumed', r.new_filed, NULL, NULL, '发现可供执行财产，恢复执行', false, r.judge_id, now()
        FROM scale_resumed r""", {"base": case_base, "primary": primary}, label="resumption events")


def _funds(cursor, *, profile: Profile):
    from cases.models import FundEntry

    insert(cursor, FundEntry, "created_at, updated_at, court_id, case_id, direction, amount, occurred_on, note, "
           "recorded_by_id", f"""
        SELECT now(), now(), s.court_id, s.case_id, x.direction, s.received, x.day, x.note, s.judge_id
        FROM scale_case s,
        LATERAL (VALUES ('in', s.received_on, '执行款到账'),
                        ('out', least(s.received_on + 20, DATE '{profile.last_day.isoformat()}'), '发放申请执行人')) x(direction, day, note)
        WHERE s.received > 0 AND (x.direction = 'in' OR s.paid_out)""", label="fund entries")


def _sanctions(cursor, *, profile: Profile):
    from sanctions.models import Sanction

    insert(cursor, Sanction, """created_at, updated_at, court_id, case_id, party_id, kind, status, decided_on,
            approved_on, in_force_from, served_on, note, rejection_reason, proposed_by_id""", """
        SELECT now(), now(), s.court_id, s.case_id, s.resp_id, k.kind, 'approved', s.sanction_on - 1, s.sanction_on,
               s.sanction_on, s.sanction_on, '被执行人未按执行通知履行义务', '', s.judge_id
        FROM scale_case s,
        LATERAL (VALUES ('consumption_restriction', s.restricted), ('dishonest_list', s.listed),
                        (s.measure, s.measure IS NOT NULL)) k(kind, keep)
        WHERE k.keep""", label="coercive measures")


def _inquiries(cursor, *, profile: Profile):
    from cases.models import AssetInquiry

    insert(cursor, AssetInquiry, """created_at, updated_at, case_id, party_id, channel, scopes, requested_on, status,
            completed_on, provider, requested_by_id""", f"""
        SELECT now(), now(), s.case_id, p.party, 'online',
               '["deposit", "vehicle", "real_estate", "securities", "online_payment"]'::jsonb, s.filed + 2,
               'completed', s.filed + 3, '总对总网络查控', s.judge_id
        FROM scale_case s, LATERAL (VALUES (s.resp_id), (s.resp2_id)) p(party)
        WHERE p.party IS NOT NULL AND s.case_type IN ('执', '执保') AND s.filed + 3 <= DATE '{profile.last_day}'
          AND (s.closed IS NULL OR s.closed >= s.filed + 3)
        UNION ALL
        SELECT now(), now(), s.case_id, s.resp_id, 'online', '["deposit", "real_estate"]'::jsonb, s.closed + 180,
               'completed', s.closed + 181, '总对总网络查控', s.judge_id
        FROM scale_case s WHERE s.method = 'terminated_current' AND s.closed + 181 <= DATE '{profile.last_day}'""",
           label="asset inquiries")


def _pushes(cursor, *, profile: Profile):
    """One week of township pushes: rule set, run, a batch per township recipient, items for a share of the
    open and 终本 cases (respondent's township)."""
    from pushes.models import PushBatch, PushItem, PushRecipient, PushRuleSet, PushRun

    week = profile.push_week
    monday = dt.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    insert(cursor, PushRecipient, """created_at, updated_at, court_id, channel, name, township_id, grid_id,
            organization_id, body, contact, phone, email, is_active""", """
        SELECT now(), now(), c.id, 'township', t.name || '人民政府', t.id, NULL::bigint, NULL::bigint, '', '综治办',
               '', '', true
        FROM scale_court c JOIN cases_township t ON t.court_id = c.id
        UNION ALL
        SELECT now(), now(), c.id, 'grid', '网格员（' || t.name || g.name || '）', g.township_id, g.id, NULL, '', '',
               '', '', true
        FROM scale_court c JOIN cases_township t ON t.court_id = c.id JOIN cases_grid g ON g.township_id = t.id
        UNION ALL
        SELECT now(), now(), c.id, 'employer', p.name, NULL, NULL, p.id, '', '', '', '', true
        FROM scale_court c JOIN scale_employer e ON e.court_idx = c.idx AND e.e < 20 JOIN cases_party p ON p.id = e.id
        UNION ALL
        SELECT now(), now(), c.id, v.channel, c.county || v.name, NULL, NULL, NULL, v.body, '', '', '', true
        FROM scale_court c, (VALUES ('discipline', '纪委监委', ''), ('npc_cppcc', '人大常委会', 'npc'),
                                    ('npc_cppcc', '政协', 'cppcc'), ('civil_affairs', '民政局', '')) v(channel, name, body)
        """, label="push recipients")
    insert(cursor, PushRuleSet, """created_at, updated_at, court_id, version, small_amount_limit,
            grid_includes_livelihood, discipline_includes_party_members, discipline_includes_state_organs,
            include_terminated_current, deputy_level, channels, note""", """
        SELECT now(), now(), c.id, 1, 50000, true, true, true, true, '县', '[]'::jsonb, '规模测试' FROM scale_court c""")
    insert(cursor, PushRun, """created_at, updated_at, court_id, week, rule_set_id, status, trigger, steps_total,
            steps_done, attempts, batch_count, item_count""", """
        SELECT now(), now(), r.court_id, %(week)s, r.id, 'completed', 'seed', 1, 1, 1, 0, 0 FROM pushes_pushruleset r""",
           {"week": week})
    insert(cursor, PushBatch, """created_at, updated_at, court_id, run_id, week, recipient_id, channel, item_count,
            portal_token""", """
        SELECT now(), now(), r.court_id, r.id, r.week, p.id, 'township', 0, ''
        FROM pushes_pushrun r JOIN pushes_pushrecipient p ON p.court_id = r.court_id AND p.channel = 'township'""")
    insert(cursor, PushItem, """court_id, run_id, batch_id, week, recipient_id, channel, case_id, party_id,
            party_role, reason_codes, amount_outstanding, pushed_on""", """
        SELECT s.court_id, b.run_id, b.id, %(week)s, b.recipient_id, 'township', s.case_id, s.resp_id, 'respondent',
               'township', greatest(s.claimed - s.received, 0), DATE %(monday)s
        FROM scale_case s
        JOIN scale_township t ON t.court_idx = s.court_idx AND t.t = s.township
        JOIN pushes_pushrecipient p ON p.township_id = t.id AND p.channel = 'township'
        JOIN pushes_pushbatch b ON b.recipient_id = p.id
        WHERE (s.closed IS NULL OR s.method = 'terminated_current') AND s.pushed < %(share)s""",
           {"week": week, "monday": monday.isoformat(), "share": profile.pushed_share}, label="push items")
    cursor.execute("""UPDATE pushes_pushbatch b SET item_count = n FROM (SELECT batch_id, count(*) n
                      FROM pushes_pushitem GROUP BY batch_id) x WHERE x.batch_id = b.id""")
    cursor.execute("""UPDATE pushes_pushrun r SET batch_count = b.batches, item_count = b.items
                      FROM (SELECT run_id, count(*) batches, sum(item_count) items FROM pushes_pushbatch
                            GROUP BY run_id) b WHERE b.run_id = r.id""")


def _litigation(cursor, *, profile: Profile):
    """Sources of 60% of the 执 cases (filed 120 days before, same parties, same judge's court) and as many suits
    never enforced; 80% property disputes, 30% of those preserved; outcomes and one obligation each."""
    from cases.models import LitigationCase, Obligation, Outcome, Preservation, Urging

    cursor.execute("SELECT count(*) FROM scale_case WHERE sourced")
    base = reserve_ids(cursor, LitigationCase, 2 * cursor.fetchone()[0])
    _step("litigation plan", cursor, """
        CREATE TEMP TABLE scale_lit AS
        SELECT x.*, %(base)s + row_number() OVER (ORDER BY x.g, x.src) - 1 AS id,
               extract(year FROM x.filed)::int AS year,
               row_number() OVER (PARTITION BY x.court_id, extract(year FROM x.filed) ORDER BY x.filed, x.g, x.src)
               AS seq
        FROM (SELECT s.g, true AS src, s.court_id, s.court_code, s.court_idx, s.filed - 120 AS filed, s.claimed,
                     s.resp_id, s.app_id, s.case_id, random() AS r1, random() AS r2, random() AS r3
              FROM scale_case s WHERE s.sourced
              UNION ALL
              SELECT s.g, false, s.court_id, s.court_code, s.court_idx, s.filed - 100, s.claimed, NULL, NULL, NULL,
                     random(), random(), random()
              FROM scale_case s WHERE s.sourced) x""", {"base": base})
    insert(cursor, LitigationCase, """id, created_at, updated_at, court_id, year, sequence, number, filed_on,
            case_type, cause, claim_amount, is_property_dispute, preservation_guided, preservation_response,
            trial_judge_id""", """
        SELECT l.id, now(), now(), l.court_id, l.year, l.seq, '（' || l.year || '）' || l.court_code || '民初' || l.seq || '号',
               l.filed, '民初', CASE WHEN l.r1 < 0.35 THEN '民间借贷纠纷' WHEN l.r1 < 0.6 THEN '买卖合同纠纷'
                                    WHEN l.r1 < 0.75 THEN '金融借款合同纠纷' WHEN l.r1 < 0.85 THEN '劳务合同纠纷'
                                    ELSE '建设工程施工合同纠纷' END,
               l.claimed, l.r2 < 0.8, l.r2 < 0.7, CASE WHEN l.r2 < 0.8 AND l.r3 < 0.3 THEN 'applied' ELSE '' END, u.id
        FROM scale_lit l JOIN cases_user u ON u.court_id = l.court_id AND u.username LIKE '%%\\_trial1'""",
           label="litigation cases")
    cursor.execute("UPDATE cases_enforcementcase e SET source_case_id = l.id FROM scale_lit l "
                   "WHERE l.src AND e.id = l.case_id")
    cursor.execute("""INSERT INTO cases_litigationcase_plaintiffs (litigationcase_id, party_id)
                      SELECT id, app_id FROM scale_lit WHERE src""")
    cursor.execute("""INSERT INTO cases_litigationcase_defendants (litigationcase_id, party_id)
                      SELECT id, resp_id FROM scale_lit WHERE src""")
    insert(cursor, Preservation, "created_at, updated_at, case_id, court_id, kind, applied_on, amount, ruled_on", """
        SELECT now(), now(), l.id, l.court_id, 'litigation', l.filed + 3, l.claimed, l.filed + 5
        FROM scale_lit l WHERE l.r2 < 0.8 AND l.r3 < 0.3""", label="preservations")
    insert(cursor, Outcome, "created_at, updated_at, case_id, court_id, kind, effective_on", """
        SELECT now(), now(), l.id, l.court_id, CASE WHEN l.r3 < 0.45 THEN 'judgment' ELSE 'mediation' END, l.filed + 60
        FROM scale_lit l WHERE l.src OR l.r3 < 0.9""", label="outcomes")
    insert(cursor, Obligation, "created_at, updated_at, outcome_id, due_on, amount", """
        SELECT now(), now(), o.id, o.effective_on + 10, l.claim_amount
        FROM cases_outcome o JOIN cases_litigationcase l ON l.id = o.case_id""", label="obligations")
    insert(cursor, Urging, """created_at, updated_at, court_id, litigation_case_id, party_id, channel, occurred_on,
            outcome""", """
        SELECT now(), now(), l.court_id, l.id, l.resp_id, 'phone', l.filed + 65, '被告承诺按期履行'
        FROM scale_lit l WHERE l.src AND l.r3 >= 0.9 AND l.r3 < 0.95""", label="urgings")


def _count(cursor, table: str) -> int:
    cursor.execute(f"SELECT count(*) FROM {table}")
    return cursor.fetchone()[0]


def _counters(cursor):
    """cases.CaseNumberCounter at the last sequence of every (court, year, type): the next filing continues."""
    _step("case number counters", cursor, """
        INSERT INTO cases_casenumbercounter (court_id, year, case_type, last)
        SELECT court_id, year, case_type, max(sequence) FROM cases_enforcementcase GROUP BY 1, 2, 3
        UNION ALL
        SELECT court_id, year, case_type, max(sequence) FROM cases_litigationcase GROUP BY 1, 2, 3""")


TEMP_TABLES = ["scale_court", "scale_judge", "scale_township", "scale_grid", "scale_employer", "scale_frequent",
               "scale_case", "scale_resumed", "scale_lit"]


def _drop_temp_tables(cursor):
    for name in TEMP_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")


def generate(*, cases: int, courts: int, seed: int = 453, profile: Profile | None = None,
             do_wipe: bool = True, analyze: bool = True) -> Result:
    """Generate the data set into the default database (PostgreSQL). Empties the data apps first.

    `analyze=False` skips the final VACUUM ANALYZE (which cannot run inside a transaction, e.g. in a test)."""
    from cases.models import EnforcementCase, Party

    if connection.vendor != "postgresql":
        raise SystemExit("seed_scale needs PostgreSQL (DATABASE_URL=postgres://…)")
    profile = profile or Profile()
    started = time.perf_counter()
    result = Result()
    with connection.cursor() as cursor:
        _drop_temp_tables(cursor)
        if do_wipe:
            wipe(cursor)
        cursor.execute("SELECT setseed(%s)", [((seed * 0.6180339887498949) % 1) * 2 - 1])
        create_functions(cursor)
        print(f"generating {cases:,} cases over {courts} courts (seed {seed}) …", flush=True)
        saved = drop_secondary_indexes(cursor, BULK_TABLES)
        cursor.execute("SET session_replication_role = replica")
        try:
            high, basic = _reference_data(cursor, courts=courts, seed=seed)
            resumed = int(round(cases * profile.resumed_share))
            primary = cases - resumed
            case_base = reserve_ids(cursor, EnforcementCase, cases)
            party_base = reserve_ids(cursor, Party, 3 * primary)
            _case_plan(cursor, primary=primary, courts=courts, profile=profile, case_base=case_base,
                       party_base=party_base)
            result.parties = _parties(cursor, profile=profile)
            result.cases = _cases(cursor, profile=profile)
            if resumed:
                result.cases += _resumptions(cursor, count=resumed, case_base=case_base, primary=primary,
                                             profile=profile)
            else:
                cursor.execute("CREATE TEMP TABLE scale_resumed AS SELECT 0::bigint AS k, s.*, NULL::date AS new_filed,"
                               " NULL::date AS new_closed, ''::text AS new_method FROM scale_case s WHERE false")
            # resumptions drew fewer than asked when there are few 终本 cases: give the unused ids back
            cursor.execute("SELECT setval(pg_get_serial_sequence('cases_enforcementcase', 'id'),"
                           " (SELECT max(id) FROM cases_enforcementcase))")
            _links(cursor, case_base=case_base, primary=primary)
            if profile.events:
                _events(cursor, case_base=case_base, primary=primary, profile=profile)
            _funds(cursor, profile=profile)
            _sanctions(cursor, profile=profile)
            _inquiries(cursor, profile=profile)
            _pushes(cursor, profile=profile)
            if profile.litigation:
                _litigation(cursor, profile=profile)
            _counters(cursor)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
            rebuild_indexes(cursor, saved)  # even after a failure: the database keeps its indexes
        if analyze:
            started_vacuum = time.perf_counter()
            cursor.execute("VACUUM ANALYZE")
            print(f"  VACUUM ANALYZE: {time.perf_counter() - started_vacuum:.1f}s", flush=True)
        for table in ["cases_enforcementcase", "cases_party", "cases_caseevent", "cases_fundentry",
                      "sanctions_sanction", "pushes_pushitem", "cases_litigationcase", "cases_assetinquiry"]:
            result.counts[table] = _count(cursor, table)
        _drop_temp_tables(cursor)
    result.high_court = high.pk
    result.courts = [c.pk for c in basic]
    result.seconds = time.perf_counter() - started
    return result
