#!/usr/bin/env bash
# The whole suite on SQLite and on PostgreSQL at the same time, one pass per core, each writing
# to its own log (var/test-logs/), shown in full when both have ended. Fails if either fails.
# The passes share nothing: SQLite's test database is in memory, PostgreSQL's is its own, and
# tests that need a port or a folder take a free one.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${TEST_POSTGRES_URL:?set TEST_POSTGRES_URL=postgres://user:pass@host/db}"
logs=var/test-logs
mkdir -p "$logs"
started=$(date +%s)
env -u DATABASE_URL .venv/bin/pytest "$@" >"$logs/sqlite.log" 2>&1 &
sqlite=$!
DATABASE_URL="$TEST_POSTGRES_URL" .venv/bin/pytest "$@" >"$logs/postgres.log" 2>&1 &
postgres=$!
# A line a minute, so a long run is seen to be moving.
(
    while kill -0 "$sqlite" 2>/dev/null || kill -0 "$postgres" 2>/dev/null; do
        sleep 60
        progress() { grep -o '\[ *[0-9]*%\]' "$1" 2>/dev/null | tail -1; }
        echo "after $(($(date +%s) - started)) s: SQLite $(progress "$logs/sqlite.log")," \
            "PostgreSQL $(progress "$logs/postgres.log")"
    done
) &
ticker=$!
wait "$sqlite"
sqlite_status=$?
wait "$postgres"
postgres_status=$?
kill "$ticker" 2>/dev/null
wait "$ticker" 2>/dev/null
echo "=== The suite on SQLite (exit $sqlite_status) ==="
cat "$logs/sqlite.log"
echo "=== The suite on PostgreSQL (exit $postgres_status) ==="
cat "$logs/postgres.log"
echo "Both passes took $(($(date +%s) - started)) s."
[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
