"""Who is writing: a context variable set by the middleware for each request and by tasks and commands.

The middleware stores the request, not the user: DRF authenticates a token inside the view and then sets
`request.user` on the underlying Django request, so reading it at save time finds API users too.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Actor:
    user: object = None
    request: object = None
    source: str = "system"

    def resolve(self):
        user = self.user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None and not getattr(user, "is_authenticated", False):
            user = None
        return user


_current: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)


def current() -> Actor | None:
    return _current.get()


@contextmanager
def acting(*, user=None, request=None, source: str = "system"):
    """Attribute the writes inside the block to `user` (or to the request's user, resolved at save time)."""
    token = _current.set(Actor(user=user, request=request, source=source))
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def suppressed():
    """Writes inside the block are not audited (bulk loaders of synthetic data, e.g. seed_scale)."""
    token = _current.set(Actor(source="suppressed"))
    try:
        yield
    finally:
        _current.reset(token)
