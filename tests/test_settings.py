"""Configuration comes from the environment; production refuses to start without a secret key."""
import os
import subprocess
import sys

import pytest

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _import_settings(module: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, "-c", f"import django; from django.conf import settings; import {module} as s; "
                               "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.TIME_ZONE, "
                               "s.LANGUAGE_CODE, s.DEBUG)"],
        cwd=BASE, env={**clean, **env}, capture_output=True, text=True, timeout=60,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _import_settings("wanian_exec.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


SERVICES = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x", "REDIS_URL": "redis://127.0.0.1:6379/0"}


def test_production_settings_start_with_a_secret_key_and_debug_off():
    result = _import_settings("wanian_exec.settings.production", DJANGO_SECRET_KEY="x" * 50, **SERVICES)
    assert result.returncode == 0, result.stderr
    db_engine, always_eager, *_rest, debug = result.stdout.split()
    assert (db_engine, always_eager, debug) == ("django.db.backends.postgresql", "False", "False")


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
@pytest.mark.parametrize("empty", [False, True])
def test_production_refuses_to_fall_back_to_sqlite_or_eager_tasks(missing, empty):
    # given production settings with a secret key and one of the two services not configured (absent or blank)
    env = {**SERVICES, "DJANGO_SECRET_KEY": "x" * 50}
    if empty:
        env[missing] = " "
    else:
        env.pop(missing)
    # when they are imported, then the start stops with both languages' message naming the variable
    result = _import_settings("wanian_exec.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production" in result.stderr
    assert f"生产环境必须设置 {missing}" in result.stderr
    # while development keeps its fallbacks
    assert _import_settings("wanian_exec.settings.local").returncode == 0


@pytest.mark.parametrize("env, engine, eager", [
    ({}, "django.db.backends.sqlite3", "True"),
    ({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x", "REDIS_URL": "redis://127.0.0.1:6379/0"},
     "django.db.backends.postgresql", "False"),
])
def test_database_and_broker_follow_the_environment(env, engine, eager):
    result = _import_settings("wanian_exec.settings.local", **env)
    assert result.returncode == 0, result.stderr
    db_engine, always_eager, tz, lang, _debug = result.stdout.split()
    assert (db_engine, always_eager, tz, lang) == (engine, eager, "Asia/Shanghai", "zh-hans")
