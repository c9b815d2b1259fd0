"""`manage.py check --deploy` is clean with the production settings, and those settings fit an intranet behind a
TLS-terminating proxy."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="wanian_exec.settings.production", DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
               DJANGO_ALLOWED_HOSTS="zhixing.court.example",
               DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/wanian",
               REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0", **extra)
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env.pop("DJANGO_SECRET_KEY")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_session_and_csrf_settings_for_an_intranet_behind_https():
    script = ("from django.conf import settings as s; import json; print(json.dumps({k: str(getattr(s, k)) for k in "
              "['SECURE_PROXY_SSL_HEADER','SECURE_SSL_REDIRECT','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE',"
              "'SESSION_COOKIE_HTTPONLY','CSRF_COOKIE_HTTPONLY','SESSION_COOKIE_AGE','SESSION_EXPIRE_AT_BROWSER_CLOSE',"
              "'SECURE_HSTS_SECONDS','SECURE_CONTENT_TYPE_NOSNIFF','X_FRAME_OPTIONS','DEBUG','SESSION_COOKIE_SAMESITE',"
              "'AXES_FAILURE_LIMIT','TRUSTED_PROXIES']}))")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {script}"], cwd=ROOT,
                            env=_production_env(), capture_output=True, text=True, timeout=120)
    import json

    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    for key in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
                "CSRF_COOKIE_HTTPONLY", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SECURE_CONTENT_TYPE_NOSNIFF"):
        assert values[key] == "True", key
    assert values["DEBUG"] == "False" and values["X_FRAME_OPTIONS"] == "DENY"
    assert 8 * 3600 <= int(values["SESSION_COOKIE_AGE"]) <= 10 * 3600  # one working day
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["TRUSTED_PROXIES"] == "[]"  # X-Forwarded-For believed only from proxies the deployment names


@pytest.mark.django_db
def test_the_https_proxy_header_makes_requests_secure(client, settings):
    # given the production proxy settings
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    # a plain-HTTP request is redirected to HTTPS; one the proxy marks https is served with HSTS
    assert client.get("/login/").status_code == 301
    response = client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
