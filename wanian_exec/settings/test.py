"""Test run: fast hashing, in-memory email; DATABASE_URL still chooses SQLite or PostgreSQL."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in-process in tests; tests marked celery_worker switch to a real worker on Redis themselves.
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Every dashboard view computes its figures; tests/stats/test_snapshots.py turns snapshots on.
STATS_SNAPSHOT_MAX_AGE = 0
# A stand-in read replica on PostgreSQL for tests/scale/test_replica_router.py: a second database on the same
# server (no replication — a row written to the primary is missing there, which is how the test tells them
# apart). Created only for tests that ask for it; the router stays off (READ_REPLICA None) unless a test turns it on.
READ_REPLICA = None
MIDDLEWARE = [m for m in MIDDLEWARE if m != "wanian_exec.db_routers.ReplicaReadsMiddleware"]  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"],  # noqa: F405
                            "TEST": {"NAME": f"test_{DATABASES['default']['NAME']}_replica"}}  # noqa: F405
