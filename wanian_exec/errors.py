"""Errors raised by services and turned into HTTP 400 by the API and into form errors by views.

- `django.core.exceptions.ValidationError` with a dict: bad fields → `{"field": ["message", ...]}`.
- `RuleViolation`: a statutory or workflow rule was broken → `{"detail", "code", ...extra}`.
- `StaleVersion` (a RuleViolation): the row changed since the user read it (optimistic lock) → HTTP 409.
"""


class RuleViolation(Exception):
    def __init__(self, detail, code: str, **extra):
        super().__init__(str(detail))
        self.detail = detail
        self.code = code
        self.extra = extra

    def as_dict(self) -> dict:
        return {"detail": str(self.detail), "code": self.code, **self.extra}


class StaleVersion(RuleViolation):
    """Optimistic lock: the user edited a version of the row that another user has since changed.

    Nothing is written; the user reloads, sees the other change, and decides again (no lost update)."""

    def __init__(self, detail, *, current: int, submitted: int):
        super().__init__(detail, code="stale_version", current_version=current, submitted_version=submitted)
