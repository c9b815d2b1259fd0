"""Every list page's filters say 全部 for "no filter" — Django's own yes/no select said 未知 ("unknown") and its
empty choice "---------" (the 终本 library, the push batches) — one dressing for all
(cases.views.common.dress_filters)."""
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
