"""Errors raised by services and turned into HTTP 400 by the API and into form errors by views.

- `django.core.exceptions.ValidationError` with a dict: bad fields → `{"field": ["message", ...]}`.
- `RuleViolation`: a statutory or workflow rule was broken → `{"detail", "code", ...extra}`.
"""


class RuleViolation(Exception):
    def __init__(self, detail, code: str, **extra):
        super().__init__(str(detail))
        self.detail = detail
        self.code = code
        self.extra = extra

    def as_dict(self) -> dict:
        return {"detail": str(self.detail), "code": self.code, **self.extra}
