"""Who may call what, for every route of pushes/api/urls.py: 401 without credentials, 403 without the
permission, 404 for another court's rows. The route table must list every route, so a new one is tested too."""
import pytest

import pushes.api.urls
from pushes import services
from pushes.choices import Channel
from pushes.models import PushBatch, PushItem, PushRuleSet, PushRun
from tests.factories import UserFactory

from .conftest import WEEK
from .test_services import image_file

pytestmark = pytest.mark.django_db

# (url name, method, kind of object the {pk} is, or None)
ROUTES = [
    ("push-recipient-list", "get", None), ("push-recipient-list", "post", None),
    ("push-recipient-detail", "get", "recipient"), ("push-recipient-detail", "put", "recipient"),
    ("push-recipient-detail", "patch", "recipient"),
    ("push-rule-list", "get", None), ("push-rule-list", "post", None), ("push-rule-current", "get", None),
    ("push-rule-detail", "get", "rule"),
    ("push-run-list", "get", None), ("push-run-list", "post", None), ("push-run-preview", "get", None),
    ("push-run-detail", "get", "run"),
    ("push-batch-list", "get", None), ("push-batch-detail", "get", "batch"), ("push-batch-export", "get", "batch"),
    ("push-batch-reissue-link", "post", "batch"),
    ("push-item-list", "get", None),
    ("push-feedback-list", "get", None), ("push-feedback-detail", "get", "feedback"),
    ("push-feedback-review", "post", "feedback"), ("push-feedback-photo", "get", "feedback"),
    ("push-stats", "get", None), ("push-stats-cases", "get", None),
]
PATHS = {
    "push-recipient-list": "push-recipients/", "push-recipient-detail": "push-recipients/{pk}/",
    "push-rule-list": "push-rules/", "push-rule-current": "push-rules/current/", "push-rule-detail": "push-rules/{pk}/",
    "push-run-list": "push-runs/", "push-run-preview": "push-runs/preview/", "push-run-detail": "push-runs/{pk}/",
    "push-batch-list": "push-batches/", "push-batch-detail": "push-batches/{pk}/",
    "push-batch-export": "push-batches/{pk}/export/", "push-batch-reissue-link": "push-batches/{pk}/reissue-link/",
    "push-item-list": "push-items/", "push-feedback-list": "push-feedback/",
    "push-feedback-detail": "push-feedback/{pk}/", "push-feedback-review": "push-feedback/{pk}/review/",
    "push-feedback-photo": "push-feedback/{pk}/photo/", "push-stats": "push-stats/",
    "push-stats-cases": "push-stats/cases/?metric=cases_pushed",
}
BODIES = {"push-run-list": {"week": WEEK}, "push-feedback-review": {"effective": True},
          "push-recipient-detail": {"channel": "discipline", "name": "x"}}


def url(name, pk=None):
    return "/api/v1/" + PATHS[name].format(pk=pk)


def call(client, name, method, pk=None):
    if method == "get":
        return client.get(url(name, pk))
    return getattr(client, method)(url(name, pk), BODIES.get(name, {}), format="json")


@pytest.fixture
def objects(court, recipients, person, file_case, court_admin):
    file_case(person(), amount="30000.00")
    services.push_week_run(court=court, week=WEEK)
    batch = PushBatch.objects.get(channel=Channel.GRID)
    item = PushItem.objects.get(batch=batch)
    feedback = services.feedback_submit(batch=batch, item=item.pk, kind="located", photo=image_file())
    return {"recipient": recipients[Channel.DISCIPLINE].pk, "rule": PushRuleSet.objects.get().pk,
            "run": PushRun.objects.get().pk, "batch": batch.pk, "feedback": feedback.pk}


def test_the_route_table_covers_every_pushes_api_route():
    from django.urls import resolve

    names = {p.name for p in pushes.api.urls.urlpatterns}
    assert names == {name for name, _, _ in ROUTES} == set(PATHS)
    for name in PATHS:
        assert resolve(url(name, 7).split("?")[0]).url_name == name


@pytest.mark.parametrize("name, method, kind", ROUTES)
def test_every_route_answers_401_without_credentials(api, name, method, kind):
    assert call(api, name, method, 1 if kind else None).status_code == 401


@pytest.mark.parametrize("name, method, kind", ROUTES)
def test_every_route_answers_403_to_a_clerk(api, clerk, objects, name, method, kind):
    response = call(api.as_user(clerk), name, method, objects[kind] if kind else None)
    assert response.status_code == 403, response.content


@pytest.mark.parametrize("name, method, kind", [r for r in ROUTES if r[2]])
def test_every_detail_route_answers_404_for_another_courts_row(api, other_court, objects, name, method, kind):
    everything = UserFactory(court=other_court, roles=["court_admin", "enforcement_judge", "leader"])
    response = call(api.as_user(everything), name, method, objects[kind])
    assert response.status_code == 404, response.content


@pytest.mark.parametrize("name", [name for name, method, kind in ROUTES if method == "get" and kind is None
                                  and name not in ("push-rule-current", "push-run-preview", "push-stats")])
def test_lists_show_another_court_nothing(api, other_court, objects, name):
    everything = UserFactory(court=other_court, roles=["court_admin", "enforcement_judge", "leader"])
    body = api.as_user(everything).get(url(name)).json()
    assert body["count"] == 0, body
