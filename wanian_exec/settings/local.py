"""Developer machine: `make run`. Debug on unless told otherwise; SQLite and in-process tasks by default."""
from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
