"""`manage.py seed_demo`: build the demo Wannian County court (万年县人民法院, 赣1129) and print the logins.

    manage.py seed_demo                 # build once; if the demo court already has cases, say so and change nothing
    manage.py seed_demo --once          # the same, quietly (used by `make run` every time): just the logins
    manage.py seed_demo --reset         # delete the demo courts' case data and build again
    manage.py seed_demo --cases 60      # a small court (tests); --seed N for another deterministic variant
    manage.py seed_demo --write-inquiry-fixture   # regenerate cases/fixtures/inquiry_simulator.json

Every case is filed and worked through the real services (cases.services, sanctions.services) inside one
transaction: a failure leaves nothing half-written.
"""
import logging
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import builder, simulator

# logger → the level below which its lines are left out of seed_demo's output (-v 2 shows them)
QUIET_LOGGERS = {"celery.app.trace": logging.WARNING, "clearance.notify": logging.WARNING,
                 "pushes.delivery": logging.WARNING, "pushes.services": logging.WARNING,
                 "imports.tasks": logging.WARNING, "kombu.connection": logging.ERROR}  # the in-process broker has no host: said once per run


class Command(BaseCommand):
    help = ("Build the demo Wannian County court (赣1129): 1,149 enforcement cases of 2024 whose computed figures "
            "are the news report's (5,295.5万, 73%, 38.9 days, 32.68% …), and print the logins.")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=builder.DEFAULT_CASES,
                            help="number of enforcement cases to file in 2024 (default %(default)s, the article's court; "
                                 "another number keeps its proportions, not its exact figures; at least 30)")
        parser.add_argument("--seed", type=int, default=builder.DEFAULT_SEED,
                            help="random seed; the same seed builds the same court (default %(default)s)")
        parser.add_argument("--reset", action="store_true",
                            help="delete the demo courts' cases, parties and ledgers first, "
                                 "and reset the demo passwords")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000",
                            help="where the printed links point (make run passes http://$HOST)")
        parser.add_argument("--once", action="store_true",
                            help="if the demo court is already built, only print the logins")
        parser.add_argument("--write-inquiry-fixture", action="store_true",
                            help="regenerate the inquiry simulator's fixture file and exit")

    def handle(self, *args, cases, seed, reset, once, write_inquiry_fixture, base_url, **options):
        self.base_url = base_url.rstrip("/")
        if write_inquiry_fixture:
            path = Path(settings.INQUIRY_SIMULATOR_FIXTURE)
            n = simulator.write_fixture(path)
            self.stdout.write(f"已写入 {path}：{n} 个被查询人")
            return
        if cases < 30:
            raise CommandError("--cases 至少为 30，才能覆盖每一种结案方式。")
        if builder.is_seeded() and not reset:
            if not once:
                court = builder.demo_court()
                self.stdout.write(self.style.WARNING(
                    f"{court.name}（{court.code}）已有演示数据，未做任何改动。使用 --reset 删除后重建。"))
            self._print_logins()
            return
        started = time.monotonic()
        if reset:
            deleted = builder.delete_demo_data()
            if deleted:
                self.stdout.write(f"已删除原演示数据：{sum(deleted.values())} 行")
        verbose = options.get("verbosity", 1) >= 1
        log = (lambda message: self.stdout.write(f"  {message}")) if verbose else None
        self.stdout.write(f"生成演示法院：{builder.COURT_NAME}（{builder.COURT_CODE}），执行案件 {cases} 件，随机种子 {seed}")
        with _quiet(QUIET_LOGGERS if options.get("verbosity", 1) < 2 else {}):
            demo = builder.DemoBuilder(seed=seed, cases=cases, log=log, reset_accounts=reset).build()
        elapsed = time.monotonic() - started
        for line in demo.summary_lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"完成，用时 {elapsed:.1f} 秒。"))
        self._print_logins()

    def _print_logins(self):
        rows = builder.logins()
        if not rows:
            return
        headers = ("用户名", "密码", "角色", "姓名", "法院")
        widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
        self.stdout.write("")
        self.stdout.write(f"演示账号（登录 {self.base_url}/ ）：")
        for row in [headers, *rows]:
            self.stdout.write(("  " + "  ".join(_pad(str(cell), w) for cell, w in zip(row, widths))).rstrip())
        # the dashboard opens on the current year; the demo's cases lie in the report's year
        self.stdout.write(f"新闻报道中的{builder.ARTICLE_FROM.year}年数字：以 leader 登录，打开 {self.base_url}/stats/"
                          f"?date_from={builder.ARTICLE_FROM}&date_to={builder.ARTICLE_TO}（看板默认显示本年度）")


@contextmanager
def _quiet(levels: dict):
    """The tasks the build's commit runs in-process (the applicants told of the day's re-inquiries, this week's lists
    sent) log a line each: hundreds of lines. Shown with -v 2; the build's own lines say what was done."""
    loggers = [logging.getLogger(name) for name in levels]
    saved = [logger.level for logger in loggers]
    for logger, level in zip(loggers, levels.values()):
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, level in zip(loggers, saved):
            logger.setLevel(level)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
