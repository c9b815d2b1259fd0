"""Portal links: a signed, expiring token per batch (django.core.signing with its own salt).

The token carries the batch id and the batch's nonce; it is valid for PORTAL_TOKEN_MAX_AGE_DAYS after it was
issued. A tampered, expired or foreign token (another salt, another key, a replaced nonce) resolves to nothing,
and the portal answers 404 — it never says which of these it was.
"""
import datetime as dt

from django.core import signing
from django.utils import timezone

from . import conf
from .models import PushBatch

SALT = "pushes.portal"


def max_age() -> dt.timedelta:
    return dt.timedelta(days=conf.get("PORTAL_TOKEN_MAX_AGE_DAYS"))


def issue_token(batch: PushBatch) -> tuple[str, dt.datetime]:
    """A new token for the batch and the moment it expires (the caller saves both on the batch)."""
    token = signing.dumps({"b": batch.pk, "n": batch.token_nonce}, salt=SALT, compress=False)
    return token, timezone.now() + max_age()


def batch_for_token(token: str) -> PushBatch | None:
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except (signing.BadSignature, signing.SignatureExpired, ValueError, TypeError):
        return None
    if not isinstance(payload, dict):
        return None
    batch = (PushBatch.objects.select_related("court", "recipient")
             .filter(pk=payload.get("b"), token_nonce=payload.get("n")).first())
    return batch
