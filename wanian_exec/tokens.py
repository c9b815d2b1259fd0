"""API tokens (DRF authtoken): one per user, with a lifetime, revoked at logout and by a password change.

- A token lives API_TOKEN_TTL_HOURS (default 12: a working day and the evening's batch jobs) from the last
  password login (`POST /api/v1/auth/token/`). The lifetime is fixed, not sliding: using the token does not extend
  it, so a token copied off a machine stops working on its own; a client that runs longer logs in again, which
  renews the user's token in place (same key — the user's other clients keep working).
- An expired token answers 401 with the reason (`token_expired`) and is deleted.
- `POST /api/v1/auth/logout/` deletes the caller's token; setting a new password deletes the user's token
  (cases/signals.py), and Django's session hash already ends their other browser sessions.
"""
import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS)


def token_expires(token: Token) -> dt.datetime:
    return token.created + token_lifetime()


def token_issue(user) -> Token:
    """The user's token after a password login: their live token renewed for a full lifetime, or a new one — an
    expired key never comes back to life."""
    token = Token.objects.filter(user=user).first()
    if token is not None and timezone.now() < token_expires(token):
        token.created = timezone.now()
        token.save(update_fields=["created"])
        return token
    if token is not None:
        token.delete()
    return Token.objects.create(user=user)


def tokens_revoke(user) -> int:
    return Token.objects.filter(user=user).delete()[0]


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = _("登录凭证已过期，请重新登录。")
    default_code = "token_expired"


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's `Authorization: Token <key>`, refusing a token older than its lifetime."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if timezone.now() >= token_expires(token):
            token.delete()
            raise TokenExpired()
        return user, token
