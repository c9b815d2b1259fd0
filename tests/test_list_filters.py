"""Every list page's chrome: the filters say 全部 for "no filter" (Django's own yes/no select said 未知, "unknown",
and its empty choice "---------" in the 终本 library and the push batches) through one dressing for all
(cases.views.common.dress_filters); and the total reads 1,000 as the dashboards write counts."""
import re

import pytest
from django.urls import reverse

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
