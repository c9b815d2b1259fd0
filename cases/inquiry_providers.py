"""Asset-inquiry providers (网络查控). The court's real 总对总/点对点 gateway plugs in behind the same interface.

The default `SimulatedProvider` answers from a JSON fixture (settings.INQUIRY_SIMULATOR_FIXTURE) keyed by
resident ID, credit code or name:

    {"361129198507140011": [{"kind": "deposit", "institution": "中国农业银行万年支行",
                              "description": "活期账户 6228****1234", "value": "23500.00"}]}

and finds nothing for a party the file does not name.
"""
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class FoundAsset:
    kind: str
    description: str
    institution: str = ""
    value: Decimal | None = None


class InquiryProvider:
    name = "base"

    def query(self, *, party, scopes: list[str]) -> list[FoundAsset]:  # pragma: no cover - interface
        raise NotImplementedError


class SimulatedProvider(InquiryProvider):
    name = "simulator"

    def __init__(self, fixture_path: str | Path | None = None):
        self.fixture_path = Path(fixture_path or settings.INQUIRY_SIMULATOR_FIXTURE)

    def query(self, *, party, scopes):
        records = _load_fixture(str(self.fixture_path))
        entries = records.get(party.identity_number) or records.get(party.name) or []
        return [
            FoundAsset(kind=e["kind"], description=e.get("description", ""), institution=e.get("institution", ""),
                       value=Decimal(e["value"]) if e.get("value") not in (None, "") else None)
            for e in entries
            if e["kind"] in scopes
        ]


@lru_cache(maxsize=4)
def _load_fixture(path: str) -> dict:
    file = Path(path)
    if not file.exists():
        return {}
    return json.loads(file.read_text(encoding="utf-8"))


def get_provider() -> InquiryProvider:
    return import_string(settings.INQUIRY_PROVIDER)()
