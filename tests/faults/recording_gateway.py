"""An SMS gateway for the fault drills: each accepted message is appended to a file (DRILL_SMS_LOG), after a
round trip of DRILL_SMS_LATENCY seconds — the time in which a killed worker dies mid-delivery. Set by the drill as
the worker's PUSHES_SMS_ADAPTER; the file is what "the gateway received", outside every database transaction."""
import json
import os
import time

from pushes.delivery import SmsAdapter


class RecordingSmsAdapter(SmsAdapter):
    def send(self, *, phone: str, text: str) -> None:
        time.sleep(float(os.environ.get("DRILL_SMS_LATENCY", "0")))
        with open(os.environ["DRILL_SMS_LOG"], "a", encoding="utf-8") as log:
            log.write(json.dumps({"phone": phone, "text": text, "pid": os.getpid()}, ensure_ascii=False) + "\n")
            log.flush()
            os.fsync(log.fileno())


def received(path) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]
