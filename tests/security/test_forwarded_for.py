"""The client's address behind the reverse proxy: X-Forwarded-For is believed only from the proxies the deployment
names (DJANGO_TRUSTED_PROXIES), so a client cannot escape the login lockout by forging a new address per try —
not in the browser, not at the API's token login, not when it reaches a web node directly."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from wanian_exec.auth_backends import client_ip

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Wannian-2024"
PROXY = "10.0.0.2"  # nginx
BALANCER = "10.0.0.1"  # a load balancer in front of nginx
TRIES = 12


@pytest.fixture
def user(court):
    user = UserFactory(court=court, username="clerk9", roles=["clerk"])
    user.set_password(PASSWORD)
    user.save()
    return user


def _forged(n: int) -> str:
    return f"198.51.100.{n + 1}"


def _browser_login(client, password, **meta):
    return client.post(reverse("login"), {"username": "clerk9", "password": password}, **meta)


def _token_login(api, password, **meta):
    return api.post("/api/v1/auth/token/", {"username": "clerk9", "password": password}, format="json", **meta)


@pytest.mark.parametrize("login", [_browser_login, _token_login], ids=["browser", "api-token"])
def test_a_forged_address_per_try_does_not_escape_the_lockout_through_the_proxy(login, client, api, user, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    who = api if login is _token_login else client
    # an attacker at 203.0.113.7 puts a new address in X-Forwarded-For each try; nginx appends the real one
    answers = [login(who, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{_forged(n)}, 203.0.113.7").status_code
               for n in range(TRIES)]
    assert answers[settings.AXES_FAILURE_LIMIT - 1:] == [429] * (TRIES - settings.AXES_FAILURE_LIMIT + 1)
    # and the right password, forged address or not, does not get in
    assert login(who, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{_forged(99)}, 203.0.113.7").status_code \
        == 429


@pytest.mark.parametrize("login", [_browser_login, _token_login], ids=["browser", "api-token"])
def test_a_client_reaching_a_web_node_directly_is_known_by_its_socket_address(login, client, api, user, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    who = api if login is _token_login else client
    answers = [login(who, "wrong", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=_forged(n)).status_code
               for n in range(TRIES)]
    assert 429 in answers and answers[-1] == 429


def test_behind_two_proxies_the_client_is_the_right_most_untrusted_hop_and_others_are_not_locked(
        client, user, settings):
    settings.TRUSTED_PROXIES = [BALANCER, PROXY]
    for n in range(settings.AXES_FAILURE_LIMIT):
        _browser_login(client, "wrong", REMOTE_ADDR=PROXY,
                       HTTP_X_FORWARDED_FOR=f"{_forged(n)}, 203.0.113.7, {BALANCER}")
    assert _browser_login(client, PASSWORD, REMOTE_ADDR=PROXY,
                          HTTP_X_FORWARDED_FOR=f"203.0.113.7, {BALANCER}").status_code == 429
    # a colleague behind the same proxies, from their own PC, still logs in
    assert _browser_login(client, PASSWORD, REMOTE_ADDR=PROXY,
                          HTTP_X_FORWARDED_FOR=f"203.0.113.8, {BALANCER}").status_code == 302


@pytest.mark.parametrize("remote, forwarded, proxies, expected", [
    ("203.0.113.7", "198.51.100.1", [], "203.0.113.7"),  # no proxy configured: the header is ignored
    ("203.0.113.7", "198.51.100.1", [PROXY], "203.0.113.7"),  # not from our proxy: ignored
    (PROXY, "198.51.100.1, 203.0.113.7", [PROXY], "203.0.113.7"),  # nginx appended the client
    (PROXY, "203.0.113.7", ["10.0.0.0/29"], "203.0.113.7"),  # proxies given as a network
    (PROXY, f"203.0.113.7, {BALANCER}", [PROXY, BALANCER], "203.0.113.7"),
    (PROXY, "", [PROXY], PROXY),  # the proxy itself (a health check)
    (PROXY, "not-an-address", [PROXY], PROXY),  # garbage where the proxy's hop should be: the socket's
    ("2001:db8::7", "198.51.100.1", ["2001:db8::1"], "2001:db8::7"),
])
def test_client_ip(remote, forwarded, proxies, expected, settings):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def _production(code: str, **extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="wanian_exec.settings.production", DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
               DJANGO_ALLOWED_HOSTS="zhixing.court.example",
               DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/wanian",
               REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0", **extra)
    return subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_settings_ignore_a_forged_header_unless_the_proxy_is_named():
    code = ("from django.test import RequestFactory; from wanian_exec.auth_backends import client_ip; "
            "r = RequestFactory().get('/', REMOTE_ADDR='10.0.0.2', HTTP_X_FORWARDED_FOR='198.51.100.1, 203.0.113.7');"
            "print(client_ip(r))")
    assert _production(code).stdout.strip().splitlines()[-1] == "10.0.0.2"
    assert _production(code, DJANGO_TRUSTED_PROXIES="10.0.0.2").stdout.strip().splitlines()[-1] == "203.0.113.7"


def test_a_malformed_proxy_setting_stops_the_start():
    result = _production("pass", DJANGO_TRUSTED_PROXIES="10.0.0.300")
    assert result.returncode != 0 and "10.0.0.300" in result.stderr
