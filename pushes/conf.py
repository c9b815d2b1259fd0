"""Settings of the pushes app, each with a default; a deployment overrides them in Django settings (or the
environment, for the two knobs the crash-resume test and the benchmark turn)."""
import os

from django.conf import settings

# The portal link is valid for 30 days after it is issued (the issue: "default 30 days").
PORTAL_TOKEN_MAX_AGE_DAYS = 30
# Where recipients reach the portal from outside; used in emails and SMS (no request to build it from).
PORTAL_BASE_URL = "http://127.0.0.1:8000"
# Photos attached to feedback: JPEG or PNG, at most 5 MB.
PHOTO_MAX_BYTES = 5 * 1024 * 1024
# Delivery: attempts before a delivery is marked failed; SMS adapter (the default writes to the log).
DELIVERY_MAX_ATTEMPTS = 5
SMS_ADAPTER = "pushes.delivery.LogSmsAdapter"
# Cases per step of the weekly run (a span of case ids holding at most this many of the court's open and 终本
# cases with money outstanding): each step is one transaction, so a killed worker loses at most one step and the
# rerun skips nothing it needs (ON CONFLICT DO NOTHING makes redoing harmless).
RUN_CHUNK_CASES = 250_000
# Seconds to pause between steps; 0 in production. Tests set it to kill a worker in the middle of a run.
RUN_STEP_PAUSE = 0.0


def get(name: str):
    """PUSHES_<NAME> from Django settings, else from the environment, else the default above."""
    default = globals()[name]
    value = getattr(settings, f"PUSHES_{name}", None)
    if value is None:
        value = os.environ.get(f"PUSHES_{name}")
        if value is None:
            return default
    return type(default)(value)
