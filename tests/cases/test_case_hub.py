"""The case page is the hub: from /cases/<id>/ a judge reaches the case's documents, proposes a measure with the
case and debtor chosen, sees its pushes and its 终本 page; each unmet 终本 condition links to the action that meets
it (the event card opens with that event chosen; a measure opens the sanctions form filled in)."""
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_of(client, user, case, **params):
    client.force_login(user)
    response = client.get(reverse("case-detail", args=[case.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_page_links_to_documents_measures_pushes_and_the_debtors_cases(client, judge, enforcement_case,
                                                                                respondent):
    hub = page_of(client, judge, enforcement_case).split('data-testid="case-hub"')[1].split("</nav>")[0]
    assert reverse("documents:case-documents", args=[enforcement_case.pk]) in hub
    assert f"{reverse('sanctions:new')}?case={enforcement_case.pk}&amp;party={respondent.pk}" in hub
    assert reverse("pushes:case-pushes", args=[enforcement_case.pk]) in hub
    assert reverse("party-detail", args=[respondent.pk]) in hub
    assert "clearance" not in hub  # not a 终本 case


def test_each_unmet_condition_links_to_its_action(client, judge, enforcement_case, respondent):
    html = page_of(client, judge, enforcement_case)
    links = dict(re.findall(r'data-unmet="(\w+)"><a href="([^"]+)"', html))
    page = reverse("case-detail", args=[enforcement_case.pk])
    assert links["notice_not_served"] == f"{page}?card=event&amp;kind=notice_served#action-event"
    assert links["inquiry_not_exhausted"] == f"{page}?card=inquiry#action-inquiry"
    assert links["consumption_restriction_missing"] == (
        f"{reverse('sanctions:new')}?case={enforcement_case.pk}&amp;party={respondent.pk}&amp;kind=consumption_restriction")


def test_waiting_three_months_has_nothing_to_click(client, judge, make_case):
    from cases.services.common import court_today

    html = page_of(client, judge, make_case(filed_on=court_today()))
    assert 'data-unmet="under_three_months">' in html and 'data-unmet="under_three_months"><a' not in html


def test_a_checklist_link_opens_the_event_card_with_the_event_chosen(client, judge, enforcement_case):
    html = page_of(client, judge, enforcement_case, card="event", kind="applicant_heard")
    card = html.split('id="action-event"')[1].split("</details>")[0]
    assert re.search(r'<option value="applicant_heard" selected>', card)


def test_the_measure_form_opens_with_the_case_debtor_and_measure_chosen(client, judge, enforcement_case, respondent):
    client.force_login(judge)
    form = client.get(reverse("sanctions:new"), {"case": enforcement_case.pk, "party": respondent.pk,
                                                  "kind": "consumption_restriction"}).context["form"]
    assert form.initial["kind"] == "consumption_restriction" and form.initial["case_number"] == enforcement_case.number
    assert str(form.initial["party"]) == str(respondent.pk)
