"""Settings shared by every environment; values come from the environment (12-factor).

DATABASE_URL unset → a SQLite file beside the project; REDIS_URL unset → Celery runs tasks in-process.
"""
import datetime as dt
import ipaddress
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "csp",
    "cases",
    "sanctions",
    "pushes",
    "documents",
    "stats",
    "outbox",
    "audit",
    "clearance",  # 终本清仓: re-inquiry schedule, resume triggers, closure review, campaign board
    "imports",  # a court going live: its caseload and reference data from spreadsheets
    "axes",
    "scale",  # seed_scale: province-scale data for benchmarks (no models)
    "backups",  # manage.py backup / restore: the database and the uploaded files together (no models)
    "demo",  # seed_demo: the demo Wannian court, built through every app's services (no models)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wanian_exec.middleware.CourtLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wanian_exec.middleware.PrivateResponsesMiddleware",
    "audit.middleware.AuditActorMiddleware",
    "wanian_exec.middleware.UploadedFileHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # last, as django-axes requires: turns a locked-out login into the lockout answer
    "axes.middleware.AxesMiddleware",
]

# --- Content-Security-Policy (django-csp) ----------------------------------------------------------------------
# Scripts only from our own files: no inline <script>, no on…= attributes, no eval (htmx and Chart.js are vendored
# under static/, the API docs use the sidecar's files and the split Swagger view). Inline styles stay allowed: the
# print pages and a few layout attributes use them, as Swagger UI and Redoc do, and a style cannot run code.
# The document preview is a same-origin frame. /api/redoc/ adds blob: workers (wanian_exec/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

ROOT_URLCONF = "wanian_exec.urls"
WSGI_APPLICATION = "wanian_exec.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cases.context_processors.navigation",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take SQLite's write lock at BEGIN, so concurrent case-number
    # allocation serialises instead of failing with "database is locked" on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 30})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    # A PostgreSQL restart (failover, upgrade) kills the persistent connections; health checks make the next
    # request open a new one instead of failing (tests/faults/test_postgres_restart.py).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DJANGO_CONN_HEALTH_CHECKS", default=True)
# A read replica (streaming standby) for dashboards, statistics and exports: wanian_exec/db_routers.py decides
# which reads go there; writes and reads after a write stay on the primary. Unset → everything uses default.
# A standby that lags past DATABASE_REPLICA_MAX_LAG_SECONDS, or does not answer within
# DATABASE_REPLICA_CONNECT_TIMEOUT, is left alone (reads go to the primary, the page says so) for
# DATABASE_REPLICA_RETRY_AFTER seconds; a statement on it runs at most DATABASE_REPLICA_STATEMENT_TIMEOUT
# seconds (docs/deployment.md, "Read replica").
READ_REPLICA = None
DATABASE_REPLICA_MAX_LAG_SECONDS = env.int("DATABASE_REPLICA_MAX_LAG_SECONDS", default=30)
DATABASE_REPLICA_CONNECT_TIMEOUT = env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=3)  # libpq: at least 2
DATABASE_REPLICA_STATEMENT_TIMEOUT = env.int("DATABASE_REPLICA_STATEMENT_TIMEOUT", default=60)
DATABASE_REPLICA_RETRY_AFTER = env.int("DATABASE_REPLICA_RETRY_AFTER", default=30)
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    # the statistics' aggregates trip PostgreSQL's JIT, which costs more than it saves (stats/aggregation.py)
    DATABASES["replica"].setdefault("OPTIONS", {}).update({
        "options": f"-c jit=off -c statement_timeout={DATABASE_REPLICA_STATEMENT_TIMEOUT}s",
        "connect_timeout": DATABASE_REPLICA_CONNECT_TIMEOUT})
    READ_REPLICA = "replica"
DATABASE_ROUTERS = ["wanian_exec.db_routers.ReplicaRouter"]
if READ_REPLICA:  # statistics requests read from the replica (wanian_exec/db_routers.py)
    MIDDLEWARE.append("wanian_exec.db_routers.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cases.User"
# Run wherever a password is set (the change-password page, the admin, user creation through the API) with the
# user, so a password close to their user name or name is refused.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ["username", "full_name", "email", "phone"]}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "wanian_exec.auth_backends.LoginThrottleBackend",  # django-axes: throttling and lockout, checked first
    "wanian_exec.auth_backends.CourtStaffBackend",  # ModelBackend, the user's court and access read at once
]
# What CourtStaffBackend calls to read a user's permissions and roles in one query (the roles are the cases app's).
ACCESS_LOADER = "cases.access.load_access"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- login throttling and lockout (django-axes; wanian_exec/auth_backends.py) ------------------------------
# 5 failures for one user name from one address lock that pair out for 15 minutes; a success resets the count.
# A court admin unlocks early in the admin (访问尝试) or with `manage.py axes_reset_username <name>`.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wanian_exec.auth_backends.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The client's address (wanian_exec.auth_backends.client_ip): the socket's, or — only for a request from one of
# our reverse proxies — the right-most X-Forwarded-For hop that is not one of them.
AXES_CLIENT_IP_CALLABLE = "wanian_exec.auth_backends.client_ip"
# The reverse proxies' addresses or networks (comma-separated, e.g. "10.0.0.2,10.0.1.0/28"); none by default, so
# X-Forwarded-For is ignored unless the deployment names the proxy that sets it (docs/deployment.md).
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:  # a typo fails at start-up, not on the first login
    ipaddress.ip_network(_proxy, strict=False)

# --- i18n: Chinese first, English through Django's catalogues --------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# manage.py backup writes its backup directories here unless told --output-dir (keep copies off this machine too).
BACKUP_ROOT = env.path("DJANGO_BACKUP_ROOT", default=BASE_DIR / "var" / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- REST API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first so an anonymous API call answers 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "wanian_exec.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "wanian_exec.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["wanian_exec.api.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wanian_exec.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "DATE_FORMAT": "%Y-%m-%d",
}
# An API token lives this many hours from the password login that issued it (wanian_exec/tokens.py).
API_TOKEN_TTL_HOURS = env.float("API_TOKEN_TTL_HOURS", default=12)
SPECTACULAR_SETTINGS = {
    "TITLE": "wanian-exec API",
    "DESCRIPTION": "万年“453”执行机制案件管理系统公共接口 / Court enforcement case management API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # the schema describes every endpoint and field: for logged-in users only (401 otherwise; the docs pages send
    # a browser to the login page, wanian_exec/urls.py)
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PartyKindEnum": "cases.choices.PartyKind",
        "OutcomeKindEnum": "cases.choices.OutcomeKind",
        "LitigationCaseCaseTypeEnum": "cases.choices.LitigationType",  # also on the metric drill-down rows
        "PreservationKindEnum": "cases.choices.PreservationKind",
        "SanctionKindEnum": "sanctions.choices.SanctionKind",
        "UrgingChannelEnum": "cases.choices.UrgingChannel",
        "InquiryChannelEnum": "cases.choices.InquiryChannel",
        "InquiryScopeEnum": "cases.choices.InquiryScope",
        "ClosureMethodEnum": "cases.choices.ClosureMethod",
        "TodoKindEnum": "cases.choices.TodoKind",
        "CaseStatusEnum": "cases.choices.CaseStatus",
        "FundDirectionEnum": "cases.choices.FundDirection",
        "ContactDirectionEnum": "cases.choices.ContactDirection",
        "PreservationResponseEnum": "cases.choices.PreservationResponse",
        "EventKindEnum": "cases.choices.EventKind",
        "PushChannelEnum": "pushes.choices.Channel",
        "FeedbackKindEnum": "pushes.choices.FeedbackKind",
        "DocumentKindEnum": "documents.choices.DocumentKind",
        "BreachEnum": "sanctions.choices.Breach",
        "DishonestGroundEnum": "sanctions.choices.DishonestGround",
        "TravelModeEnum": "sanctions.choices.TravelMode",
        "ReviewModeEnum": "clearance.choices.ReviewMode",
        "ImportJobStatusEnum": "imports.models.ImportJob.Status",
    },
}

# --- Celery --------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL  # no broker configured → run tasks in-process
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Queues split by work (wanian_exec/celery.py): pushes, sanctions, default.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = ("wanian_exec.celery.route_task",)
# The outbox relay publishes with retry=False and no reconnect loop: a broker that is down fails the publish in
# well under a second (the row stays pending for the sweep) instead of holding the clerk's request for seconds.
# A worker that dies mid-task leaves its message unacknowledged (acks_late); Redis gives it to another worker after
# the visibility timeout. It must exceed the longest task (CELERY_TASK_TIME_LIMIT) and the longest retry countdown
# (30 minutes, pushes.tasks.deliver), or a task still running or waiting would be handed out twice: kombu's 1 hour.
# Workers look for such messages every 10 s and scan each time (kombu 5.7 scans only every 10th look by default,
# which would put up to 100 s more on top of the visibility timeout; the scan is one ZRANGE on a small index).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "max_retries": 0,
                                   "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
                                   "unacked_restore_interval": 10, "unacked_restore_throttle": 1}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Every task reaches the broker through the outbox (outbox/services.py); the sweep republishes what a broker
# outage left pending.
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {"task": "outbox.tasks.relay_pending", "schedule": 30.0, "options": {"expires": 25}},
}

# --- sessions: in the database (default) or in Redis, so any web node serves any user -------------------
# DJANGO_SESSION_STORE = db | redis | cached_db (Redis in front of the database); SESSION_REDIS_URL defaults to
# REDIS_URL with database 2 kept for sessions by the deployment (docs/deployment.md).
SESSION_STORE = env("DJANGO_SESSION_STORE", default="db")
if SESSION_STORE in ("redis", "cached_db"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "sessions": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": env("SESSION_REDIS_URL", default=REDIS_URL or "redis://127.0.0.1:6379/2"),
                     "KEY_PREFIX": "wanian-session"},
    }
    SESSION_CACHE_ALIAS = "sessions"
    SESSION_ENGINE = ("django.contrib.sessions.backends.cache" if SESSION_STORE == "redis"
                      else "django.contrib.sessions.backends.cached_db")
elif SESSION_STORE != "db":
    raise ValueError("DJANGO_SESSION_STORE must be db, redis or cached_db")

# --- domain configuration --------------------------------------------------------------------------
# The leader dashboard's figures are kept this many seconds per filter (stats/snapshots.py; the
# `dashboard_snapshots` job refreshes them every 5 minutes); 0 computes every view.
STATS_SNAPSHOT_MAX_AGE = env.int("STATS_SNAPSHOT_MAX_AGE", default=600)
# Fixture file read by the simulated asset-inquiry provider (see cases/inquiry_providers.py).
INQUIRY_PROVIDER = env("INQUIRY_PROVIDER", default="cases.inquiry_providers.SimulatedProvider")
# Tells applicants the results of 终本 re-inquiries (clearance/notifiers.py); default: the log.
CLEARANCE_NOTIFIER = env("CLEARANCE_NOTIFIER", default="clearance.notifiers.LogNotifier")
INQUIRY_SIMULATOR_FIXTURE = env.path(
    "INQUIRY_SIMULATOR_FIXTURE", default=BASE_DIR / "cases" / "fixtures" / "inquiry_simulator.json"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
