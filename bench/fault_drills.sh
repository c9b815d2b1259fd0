#!/bin/sh
# The fault drills, in one command: Redis down and Redis killed, PostgreSQL's connections cut, a worker killed in
# the middle of the weekly run and in the middle of delivering it, two clerks on one case, the queues.
#
#   bench/fault_drills.sh          # prints each drill's DRILL line, the timings and the summary (bench/README.md)
#
# Needs PostgreSQL and Redis. A drill that kills Redis starts its own redis-server on a free port in a temporary
# directory; the PostgreSQL drill cuts only the test database's connections (pg_terminate_backend): the shared
# servers keep running. Override the defaults with DATABASE_URL / TEST_REDIS_URL; the full log is in $LOG.
cd "$(dirname "$0")/.." || exit 1
PY=${PY:-.venv/bin/python}
[ -x "$PY" ] || PY=python
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/wanian_drills}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/13}"
LOG=${LOG:-/tmp/wanian_fault_drills.log}
echo "fault drills: $(date -u '+%Y-%m-%d %H:%M UTC'), $DATABASE_URL, workers on $TEST_REDIS_URL"
"$PY" -m pytest tests/faults tests/pushes/test_worker.py -p no:randomly -p no:cacheprovider -q -s -rfEs \
    --durations=12 "$@" >"$LOG" 2>&1
status=$?
grep -E "^DRILL|^[0-9.]+s (call|setup)|^(FAILED|ERROR|SKIPPED)|(passed|failed|error)(,| in )" "$LOG"
exit $status
