"""`manage.py seed_scale --cases 1000000 [--seed N] [--courts K]`: a province-scale data set in PostgreSQL.

Empties the data apps of the database first (courts and users included) — run it on a database of its own,
e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/wanian_scale. The shape is described in scale/generator.py.
"""
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from scale.generator import PASSWORD, Profile, generate


class Command(BaseCommand):
    help = "生成省级规模测试数据（PostgreSQL）：N 件执行案件及其当事人、节点、台账、强制措施、推送"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000, help="enforcement cases (执恢 included)")
        parser.add_argument("--courts", type=int, default=100, help="basic courts under the high court (a province: ~100)")
        parser.add_argument("--seed", type=int, default=453, help="same seed, same data")
        parser.add_argument("--no-litigation", action="store_true", help="skip litigation sources and outcomes")
        parser.add_argument("--no-events", action="store_true", help="skip the case timelines")
        parser.add_argument("--wipe", action="store_true",
                            help="the database already holds cases: empty it (every court, user and case) first")

    def handle(self, *args, cases, courts, seed, no_litigation, no_events, wipe, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale needs PostgreSQL: DATABASE_URL=postgres://…/wanian_scale")
        if cases < 1 or courts < 1:
            raise CommandError("--cases and --courts must be positive")
        from cases.models import Court

        if Court.objects.exists() and not wipe:
            raise CommandError(f"database {connection.settings_dict['NAME']} already holds data; "
                               "add --wipe to empty it (everything) and generate anew")
        profile = Profile(litigation=not no_litigation, events=not no_events)
        result = generate(cases=cases, courts=courts, seed=seed, profile=profile)
        self.stdout.write(self.style.SUCCESS(
            f"generated in {result.seconds:.1f}s: " + ", ".join(f"{t} {n:,}" for t, n in result.counts.items())))
        self.stdout.write(f"users: c000_clerk1, c000_judge01 … c000_judge12, c000_leader (court 0, 赣1129), "
                          f"cNNN_… for the others, high_leader (中院); password {PASSWORD}")
