"""Telling the applicant the result of a re-inquiry (终本后定期查询结果告知). An adapter chosen by
settings.CLEARANCE_NOTIFIER, like settings.INQUIRY_PROVIDER: the default writes to the log; a court plugs in its
SMS gateway or 移动微法院 messages behind the same interface."""
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("clearance.notify")


@dataclass(frozen=True)
class Notice:
    case_number: str
    applicant_name: str
    applicant_phone: str
    due_on: str
    done_on: str
    assets_found: int
    text: str


class Notifier:
    name = "base"

    def send(self, notice: Notice) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class LogNotifier(Notifier):
    """Writes each notice to the `clearance.notify` log (no SMS gateway configured)."""

    name = "log"

    def send(self, notice: Notice) -> None:
        logger.info("notice to applicant %s (%s) in %s: %s", notice.applicant_name, notice.applicant_phone or "-",
                    notice.case_number, notice.text)


def get_notifier() -> Notifier:
    return import_string(getattr(settings, "CLEARANCE_NOTIFIER", "clearance.notifiers.LogNotifier"))()
