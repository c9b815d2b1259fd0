"""What seed_demo prints (the court's summary, the article's table as computed, the logins), whether the
demo court is built, and --reset's delete."""
from collections import Counter

from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError, Sum

from cases.choices import CaseStatus, ClosureMethod, EnforcementType, FundDirection, Role
from cases.models import (Asset, AssetInquiry, CaseEvent, CaseNumberCounter, Court, DeadlineExtension,
                          EnforcementCase, FundEntry, Grid, LitigationCase, Obligation, Outcome, Party, Preservation,
                          Suspension, Todo, Township, Urging, User, VoluntaryPayment)
from imports.models import ImportJob
from sanctions.models import Sanction

from . import geography
from .constants import (ADMIN_PASSWORD, ADMIN_USERNAME, ARTICLE, ARTICLE_FROM, ARTICLE_TO, COURT_CODE,
                        COURT_PASSWORD, POYANG_PASSWORD, POYANG_USERNAME, STAFF, wan)


# the article's table: (metric, what the article says, what the leader dashboard must show)
ARTICLE_TABLE = [
    ("new_cases", ARTICLE.new_cases, "1,149"),
    ("concluded", ARTICLE.concluded, "895"),
    ("amount_recovered", ARTICLE.amount_recovered, "5,295.5万"),
    ("preservation_rate", ARTICLE.preservation_rate, "73%"),
    ("first_enforcement_avg_days", ARTICLE.first_enforcement_avg_days, "38.9天"),
    ("enforcement_application_rate", ARTICLE.enforcement_application_rate, "32.68%"),
    ("pushed_cases", ARTICLE.pushed_cases, "74"),
    ("crackdown_recovered", ARTICLE.crackdown_recovered, "626.7万"),
    ("referral_cases", ARTICLE.referrals, "6"),
    ("referral_persons", ARTICLE.referrals, "6"),
]


def article_figures(court: Court) -> dict:
    """The court's 2024 figures, computed by stats.metrics as the leader dashboard computes them."""
    from stats import metrics
    from stats.filters import StatsFilter

    f = StatsFilter(date_from=ARTICLE_FROM, date_to=ARTICLE_TO, courts=(court.pk,))
    return metrics.compute(f, [name for name, _v, _s in ARTICLE_TABLE] + ["pushed_concluded"])


def article_lines(court: Court) -> list[str]:
    from stats.formatting import display_value, part_text

    figures = article_figures(court)
    lines = ["  2024年指标（stats.metrics 计算）："]
    for name, expected, _shown in ARTICLE_TABLE + [("pushed_concluded", None, "")]:
        metric = figures[name]
        text = f"{metric.label} {display_value(metric)}（{part_text(metric)}）"
        if expected is not None and metric.value != expected:
            text += f"  ≠ 文章 {expected}"
        lines.append(f"    {text}")
    return lines


def demo_court() -> Court | None:
    return Court.objects.filter(code=COURT_CODE).first()


def is_seeded() -> bool:
    court = demo_court()
    return bool(court and EnforcementCase.objects.filter(court=court).exists())


def court_summary(court: Court) -> list[str]:
    cases = EnforcementCase.objects.filter(court=court)
    total = cases.count()
    by_type = Counter(cases.values_list("case_type", flat=True))
    by_status = Counter(cases.values_list("status", flat=True))
    by_method = Counter(cases.exclude(closure_method="").values_list("closure_method", flat=True))
    recovered = FundEntry.objects.filter(court=court, direction=FundDirection.IN).aggregate(s=Sum("amount"))["s"]
    paid_out = FundEntry.objects.filter(court=court, direction=FundDirection.OUT).aggregate(s=Sum("amount"))["s"]
    first_closed = cases.filter(case_type=EnforcementType.FIRST, status=CaseStatus.CLOSED)
    days = [(c - f).days for f, c in first_closed.values_list("filed_on", "closed_on")]
    lit = LitigationCase.objects.filter(court=court)
    property_cases = lit.filter(is_property_dispute=True)
    preserved = property_cases.filter(preservations__isnull=False).distinct().count()
    with_obligation = lit.filter(outcome__obligations__isnull=False).distinct()
    enforced = with_obligation.filter(enforcement_cases__case_type=EnforcementType.FIRST).distinct().count()

    def ranked(counter, label):
        return "，".join(f"{label(k)} {n}" for k, n in sorted(counter.items(), key=lambda item: -item[1]))

    lines = [
        f"{court.name}（{court.code}）演示数据",
        f"  执行案件 {total} 件：" + ranked(by_type, str),
        "  状态：" + ranked(by_status, lambda s: CaseStatus(s).label),
        "  结案方式：" + ranked(by_method, lambda m: ClosureMethod(m).label),
        f"  执行到位 {wan(recovered)}万元，已发放 {wan(paid_out)}万元；首执平均用时 "
        f"{(sum(days) / len(days)) if days else 0:.1f} 天（{len(days)} 件）",
        f"  诉讼案件 {lit.count()} 件；涉财产争议 {property_cases.count()} 件，其中申请保全 {preserved} 件"
        f"（{(100 * preserved / property_cases.count()) if property_cases.count() else 0:.0f}%）；"
        f"有给付义务 {with_obligation.count()} 件，申请执行 {enforced} 件"
        f"（{(100 * enforced / with_obligation.count()) if with_obligation.count() else 0:.1f}%）",
        f"  强制措施 {Sanction.objects.filter(court=court).count()} 项，督促记录 {Urging.objects.filter(court=court).count()} 条，"
        f"当事人 {Party.objects.filter(court=court).count()} 人，网格 {Grid.objects.filter(township__court=court).count()} 个",
    ]
    return lines


def logins() -> list[tuple[str, str, str, str, str]]:
    """(username, password, role, name, court) of the demo accounts that exist."""
    rows = []
    wanted = [(ADMIN_USERNAME, ADMIN_PASSWORD), *[(u, COURT_PASSWORD) for u, _n, _r in STAFF],
              (POYANG_USERNAME, POYANG_PASSWORD)]
    users = {u.username: u for u in User.objects.filter(username__in=[w for w, _ in wanted]).select_related("court")
             .prefetch_related("groups")}
    for username, password in wanted:
        user = users.get(username)
        if user is None:
            continue
        roles = [str(Role(g.name).label) for g in user.groups.all() if g.name in Role.values]
        role = "系统管理员（超级用户）" if user.is_superuser else "、".join(sorted(roles))
        rows.append((username, password, role, user.full_name, user.court.name if user.court else "（全部法院）"))
    return rows


# ---------------------------------------------------------------------- reset
def delete_demo_data() -> dict:
    """Remove the demo courts' case data: cases, parties, ledgers, measures, counters (and rows of other apps
    that belong to these courts). Courts, townships, grids and accounts stay; the builder reuses them and
    `--reset` gives the demo accounts their demo passwords back."""
    from django.apps import apps

    courts = list(Court.objects.filter(code__in=[COURT_CODE, geography.POYANG["code"]]))
    if not courts:
        return {}
    deleted = Counter()
    keep = {Court, Township, Grid, User}
    own = [
        Sanction.objects.filter(court__in=courts),
        Todo.objects.filter(court__in=courts),
        Urging.objects.filter(court__in=courts),
        FundEntry.objects.filter(court__in=courts),
        CaseEvent.objects.filter(case__court__in=courts),
        Asset.objects.filter(court__in=courts),
        AssetInquiry.objects.filter(case__court__in=courts),
        Suspension.objects.filter(case__court__in=courts),
        DeadlineExtension.objects.filter(case__court__in=courts),
    ]
    known = keep | {qs.model for qs in own} | {EnforcementCase, LitigationCase, Party, CaseNumberCounter,
                                                Obligation, Outcome, Preservation, VoluntaryPayment}
    # rows of other apps (pushes, jobs …) owned by these courts go first: they may point at cases and parties
    others = []
    for model in apps.get_models():
        if model in known:
            continue
        court_fields = [f.name for f in model._meta.get_fields()
                        if getattr(f, "many_to_one", False) and f.related_model is Court and f.concrete]
        if court_fields:
            others.append(model.objects.filter(**{f"{court_fields[0]}__in": courts}))
    # the files kept with the courts' import jobs go once their rows are gone for good
    files = [job.file for job in ImportJob.objects.filter(court__in=courts).exclude(file="")]
    with transaction.atomic():
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
        # other apps' rows may protect each other: delete in passes until nothing is left or nothing moves; a row
        # protected by a row of its own table (a private prosecution's origin, the referral) would block every pass
        pending = [*others, *own]
        for queryset in pending:
            self_links = {f.name: None for f in queryset.model._meta.concrete_fields
                          if f.many_to_one and f.related_model is queryset.model and f.null}
            if self_links:
                queryset.exclude(**{f"{name}__isnull": True for name in self_links}).update(**self_links)
        while pending:
            blocked = []
            for queryset in pending:
                try:
                    with transaction.atomic():
                        n, _ = queryset.delete()
                    deleted[queryset.model._meta.label] += n
                except (ProtectedError, RestrictedError):
                    blocked.append(queryset)
            if len(blocked) == len(pending):
                raise CommandError("无法删除演示数据：" + "、".join(q.model._meta.label for q in blocked))
            pending = blocked
        EnforcementCase.objects.filter(court__in=courts).update(resumed_from=None)
        Party.objects.filter(court__in=courts).update(employer=None)
        for queryset in [EnforcementCase.objects.filter(court__in=courts),
                         LitigationCase.objects.filter(court__in=courts),
                         Party.objects.filter(court__in=courts),
                         CaseNumberCounter.objects.filter(court__in=courts)]:
            n, _ = queryset.delete()
            deleted[queryset.model._meta.label] += n
    return dict(deleted)
