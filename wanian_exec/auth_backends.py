"""Authentication backends.

Login throttling and lockout (django-axes): 5 failed logins for one user name from one address lock that pair
out for 15 minutes (settings AXES_*); the user sees a Chinese message (English on request), the API gets JSON.
Court staff (`CourtStaffBackend`): Django's model backend, reading less per request.
"""
import functools
import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before the password backends. Without a request (manage.py shell, the test client's login())
    there is no client to throttle, so the check is skipped instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        # DRF's token login passes its Request wrapper; axes marks the lockout on the Django request, where
        # AxesMiddleware looks for it (so the API answers 429 with the message, not a bare 400)
        django_request = getattr(request, "_request", request)
        try:
            return super().authenticate(django_request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            django_request.axes_locked_out = True
            raise


class CourtStaffBackend(ModelBackend):
    """Django's ModelBackend (passwords, `is_active`, model permissions), with what every page reads loaded in two
    queries instead of five: the session's user with their court (the top bar, every court scope), and the user's
    permissions and roles in one UNION (settings.ACCESS_LOADER: the app that owns the roles reads them)."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("court").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        if user_obj.is_active and not user_obj.is_anonymous and obj is None:
            _access_loader()(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)


@functools.cache
def _access_loader():
    """settings.ACCESS_LOADER: fills a user's permission caches and roles (ModelBackend's caches, `user.roles`)."""
    return import_string(settings.ACCESS_LOADER)


def cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    return int(cooloff.total_seconds() // 60) if cooloff else 0


def lockout_response(request, original_response=None, credentials=None):
    message = _("登录失败次数过多，账号已被暂时锁定，请%(minutes)s分钟后再试，或联系法院管理员解锁。") % {
        "minutes": cooloff_minutes()}
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=status)
    return render(request, "registration/locked_out.html", {"message": message}, status=status)


def client_ip(request) -> str:
    """The client's address, for login throttling and anything else that keys on it.

    X-Forwarded-For is believed only when the socket's peer (REMOTE_ADDR) is one of our reverse proxies
    (settings.TRUSTED_PROXIES, from DJANGO_TRUSTED_PROXIES; empty by default). Then the header is read from the
    right — each trusted proxy appended the address it saw — and the first address that is not one of our proxies
    is the client; anything to its left was written by the client and is never used. A request reaching a web node
    directly is known by its socket address only, whatever headers it sends."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted_proxy(hop):
            return hop if _parse_ip(hop) is not None else remote
    return hops[0] if hops else remote  # every hop one of ours: the left-most is where the request began


def _parse_ip(value: str):
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


@functools.lru_cache(maxsize=8)
def _trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted_proxy(address: str) -> bool:
    ip = _parse_ip(address)
    if ip is None:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))
