"""Portal links: a short random code per batch, stored with its expiry — /p/<code>/ fits an SMS.

The code is 12 characters of [0-9A-Za-z] from `secrets` (about 71 bits: unguessable, where a recipient's whole
link must fit a text message); it is valid until `portal_expires_at`, PORTAL_TOKEN_MAX_AGE_DAYS after it was
issued. Reissuing a link gives the batch a new code, so the old link stops working at once. An unknown, replaced
or expired code resolves to nothing, and the portal answers 404 — it never says which of these it was.
"""
import datetime as dt
import secrets
import string

from django.utils import timezone

from . import conf
from .models import PushBatch

ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 12


def max_age() -> dt.timedelta:
    return dt.timedelta(days=conf.get("PORTAL_TOKEN_MAX_AGE_DAYS"))


def issue_token(batch: PushBatch | None = None) -> tuple[str, dt.datetime]:
    """A new code and the moment it expires (the caller saves both on the batch)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)), timezone.now() + max_age()


def batch_for_token(token: str) -> PushBatch | None:
    if not token or len(token) > PushBatch._meta.get_field("portal_token").max_length:
        return None
    return (PushBatch.objects.select_related("court", "recipient")
            .filter(portal_token=token, portal_expires_at__gt=timezone.now()).first())
