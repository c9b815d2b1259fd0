"""Every list page's chrome: the filters say 全部 for "no filter" (Django's own yes/no select said 未知, "unknown",
and its empty choice "---------" in the 终本 library and the push batches) through one dressing for all
(wanian_exec.pages.dress_filters); and the total reads 1,000 as the dashboards write counts."""
import re

import pytest
from django.urls import reverse, reverse_lazy

pytestmark = pytest.mark.django_db

LISTS = ["case-list", "party-list", "clearance:library", "pushes:batch-list",
         "sanctions:prosecutions", "sanctions:list", "sanctions:violations"]


@pytest.mark.parametrize("name", LISTS)
def test_no_filter_reads_all(client, leader, name):
    client.force_login(leader)
    response = client.get(reverse(name))
    assert response.status_code == 200
    options = re.findall(r"<option[^>]*>([^<]*)</option>", response.content.decode())
    assert options and "未知" not in options and "---------" not in options, options
    assert "全部" in options


@pytest.mark.parametrize("english, total", [(False, "共 1,000 人"), (True, "1,000 persons in total")])
def test_a_list_total_has_thousands_separators(client, clerk, court, english, total):
    from django.conf import settings

    from cases.models import Party

    Party.objects.bulk_create([Party(court=court, kind="organization", name=f"单位{i:04d}") for i in range(1000)])
    client.force_login(clerk)
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert total in client.get(reverse("party-list")).content.decode()


@pytest.mark.parametrize("url", [reverse_lazy("case-list"), reverse_lazy("clearance:library"),
                                 reverse_lazy("sanctions:roster", args=["summons"])])
def test_the_judge_filter_offers_enforcement_judges_only(client, leader, judge, clerk, trial_judge, court_admin,
                                                         other_judge, url):
    client.force_login(leader)
    page = client.get(url).content.decode()
    select = re.search(r'<select name="judge"[^>]*>(.*?)</select>', page, re.S).group(1)
    offered = set(re.findall(r'<option value="(\d+)"', select))
    assert offered == {str(judge.pk)}


def test_the_api_judge_filter_refuses_a_user_who_is_not_an_enforcement_judge(api, judge, clerk):
    client = api.as_user(judge)
    assert client.get("/api/v1/enforcement-cases/", {"judge": judge.pk}).status_code == 200
    assert client.get("/api/v1/enforcement-cases/", {"judge": clerk.pk}).status_code == 400
