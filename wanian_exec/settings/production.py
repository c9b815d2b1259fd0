"""Production: behind a TLS-terminating reverse proxy on a court intranet.

Refuses to start without DJANGO_SECRET_KEY (never the development key), DATABASE_URL (never the SQLite file beside
the project) or REDIS_URL (never tasks run in the web process): base.py's development fallbacks stop here.
"""
import os

from django.core.exceptions import ImproperlyConfigured

# Checked before base.py reads the environment: a missing value is refused here, never replaced by base.py's
# development fallback (nor left to base.py's error for a blank DATABASE_URL).
_secret_key = os.environ.get("DJANGO_SECRET_KEY", "")
if not _secret_key or _secret_key.startswith("dev-only"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production / 生产环境必须设置 DJANGO_SECRET_KEY")
REQUIRED = {  # name: what it is, in English and in Chinese
    "DATABASE_URL": ("the PostgreSQL database, e.g. postgres://user:password@db:5432/wanian", "PostgreSQL 数据库地址"),
    "REDIS_URL": ("the Celery broker, e.g. redis://redis:6379/0", "任务队列 Redis 地址"),
}
for _name, (_english, _chinese) in REQUIRED.items():
    if not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(f"{_name} must be set in production ({_english}) / "
                                   f"生产环境必须设置 {_name}（{_chinese}）")

from .base import *  # noqa: E402,F401,F403
from .base import env  # noqa: E402

SECRET_KEY = _secret_key
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 9 * 60 * 60  # one working day (8:00–17:00 with the lunch break), then log in again
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # a shared office PC: closing the browser ends the session
SESSION_COOKIE_NAME = "wanian_sessionid"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "wanian_csrftoken"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
