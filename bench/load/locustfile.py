"""Load scenario: clerks and judges of the seed_scale courts working at once (run by bench/load/run.py).

- Clerk (browser, session login through the real login form): case list filtered and paged, search by a
  party's name and by case number, a case's page.
- Judge (browser, session): their open cases, a case's page, records an event and a fund receipt through the
  case page's real forms (CSRF token from the page, as a browser posts them).
- ApiJudge (another court system, token auth): the same through /api/v1/.

Users, case ids and names come from LOAD_POOL (/tmp/wanian_load_pool.json), written by run.py from the database; every user's
password is seed_scale's (Wannian-2024). Each user logs in once and thinks LOAD_THINK seconds (default 3–8)
between requests.
"""
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

POOL = json.loads(Path(os.environ.get("LOAD_POOL", "/tmp/wanian_load_pool.json")).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_next = {role: itertools.count() for role in ("clerk", "judge", "api")}
NOTE = "负载测试"  # run.py removes what the load test wrote by this note
# seconds a user thinks between two requests (run.py --think): reading a page, typing into a form
THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "3,8").split(","))


# The steady state: every request after all users have been spawned, logins and token requests excluded (each
# user logs in once; ~0.5 s of PBKDF2 that a clerk pays once a day). Written to LOAD_SUMMARY for run.py.
LOGINS = {"login page", "login", "api token"}
_work = {"measuring": False, "times": [], "failures": 0}


@events.spawning_complete.add_listener
def _start_measuring(user_count, **kwargs):
    _work.update(measuring=True, times=[], failures=0)


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    if _work["measuring"] and name not in LOGINS:
        _work["times"].append(response_time)
        _work["failures"] += exception is not None


@events.test_stop.add_listener
def _write_summary(**kwargs):
    times = sorted(_work["times"])
    if not times:
        return

    def pct(share):
        return round(times[min(len(times) - 1, int(share * len(times)))], 1)

    summary = {"count": len(times), "failures": _work["failures"], "p50": pct(0.5), "p95": pct(0.95),
               "p99": pct(0.99), "max": round(times[-1], 1)}
    Path(os.environ.get("LOAD_SUMMARY", "/tmp/wanian_load_work.json")).write_text(json.dumps(summary))


def pick_user(role):
    names = POOL["users"][role]
    return names[next(_next[role]) % len(names)]


class Browser(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = "clerk"

    def on_start(self):
        self.username = pick_user(self.role)
        self.court = POOL["user_court"][self.username]
        self.cases = POOL["courts"][self.court]
        self._send_secure_cookies_over_http()
        page = self.client.get("/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        with self.client.post("/login/", {"username": self.username, "password": POOL["password"],
                                          "csrfmiddlewaretoken": token}, name="login",
                              headers={"Referer": self.host + "/login/"}, catch_response=True,
                              allow_redirects=False) as response:
            if response.status_code != 302:
                response.failure(f"login refused for {self.username}: {response.status_code}")

    def _send_secure_cookies_over_http(self):
        """Production cookies are Secure (TLS ends at the reverse proxy); this plain-HTTP loopback client sends
        them anyway, as the browser does to the proxy: each cookie the server sets is stored as not Secure."""
        request = self.client.request

        def unsecured(*args, **kwargs):
            response = request(*args, **kwargs)
            for cookie in self.client.cookies:
                cookie.secure = False
            return response

        self.client.request = unsecured

    def post_form(self, url, data, name):
        page = self.client.get(url.rsplit("/", 2)[0] + "/", name="case detail (UI)")
        token = CSRF.search(page.text)
        if not token:
            raise RuntimeError(f"no CSRF token on {url}'s case page")
        data = {**data, "csrfmiddlewaretoken": token.group(1)}
        with self.client.post(url, data, name=name, headers={"Referer": self.host + url},
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"{name}: {response.status_code} {response.text[:200]}")


class Clerk(Browser):
    weight = 2
    role = "clerk"

    @task(3)
    def case_list(self):
        status = random.choice(["in_progress", "filed", "suspended", ""])
        self.client.get("/cases/", params={"status": status, "page": random.randint(1, 5)},
                        name="case list filtered+paged (UI)")

    @task(2)
    def search_name(self):
        self.client.get("/cases/", params={"q": random.choice(self.cases["names"])}, name="search by party (UI)")

    @task(1)
    def search_number(self):
        self.client.get("/cases/", params={"q": random.choice(self.cases["numbers"])}, name="search by number (UI)")

    @task(2)
    def detail(self):
        self.client.get(f"/cases/{random.choice(self.cases['open'])}/", name="case detail (UI)")


class Judge(Browser):
    weight = 2
    role = "judge"

    @task(2)
    def my_cases(self):
        self.client.get("/cases/", params={"status": "in_progress", "page": random.randint(1, 3)},
                        name="case list filtered+paged (UI)")

    @task(1)
    def search_name(self):
        self.client.get("/cases/", params={"q": random.choice(self.cases["names"])}, name="search by party (UI)")

    @task(2)
    def detail(self):
        self.client.get(f"/cases/{random.choice(self.cases['open'])}/", name="case detail (UI)")

    @task(1)
    def record_event(self):
        case = random.choice(self.cases["open"])
        self.post_form(f"/cases/{case}/events/", {"kind": "field_investigation", "occurred_on": POOL["today"],
                                                   "note": NOTE}, name="record event (form)")

    @task(1)
    def record_receipt(self):
        case = random.choice(self.cases["open"])
        self.post_form(f"/cases/{case}/funds/", {"direction": "in", "amount": f"{random.randint(100, 5000)}.00",
                                                  "occurred_on": POOL["today"], "note": NOTE},
                       name="record fund receipt (form)")


class ApiJudge(HttpUser):
    weight = 1
    wait_time = between(*THINK)

    def on_start(self):
        username = pick_user("api")
        self.cases = POOL["courts"][POOL["user_court"][username]]
        response = self.client.post("/api/v1/auth/token/", json={"username": username,
                                                                  "password": POOL["password"]}, name="api token")
        self.client.headers["Authorization"] = f"Token {response.json()['token']}"

    @task(2)
    def case_list(self):
        self.client.get("/api/v1/enforcement-cases/", params={"status": "in_progress", "page": random.randint(1, 5)},
                        name="case list filtered+paged (API)")

    @task(2)
    def search(self):
        q = random.choice(self.cases["names"] + self.cases["numbers"])
        self.client.get("/api/v1/enforcement-cases/", params={"q": q}, name="search (API)")

    @task(2)
    def detail(self):
        self.client.get(f"/api/v1/enforcement-cases/{random.choice(self.cases['open'])}/", name="case detail (API)")

    @task(1)
    def record_event(self):
        case = random.choice(self.cases["open"])
        self.client.post(f"/api/v1/enforcement-cases/{case}/events/",
                         json={"kind": "field_investigation", "occurred_on": POOL["today"], "note": NOTE},
                         name="record event (API)")

    @task(1)
    def record_receipt(self):
        case = random.choice(self.cases["open"])
        self.client.post(f"/api/v1/enforcement-cases/{case}/funds/",
                         json={"direction": "in", "amount": f"{random.randint(100, 5000)}.00",
                               "occurred_on": POOL["today"], "note": NOTE}, name="record fund receipt (API)")
