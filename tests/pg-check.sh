#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The PostgreSQL source against a real server (issue 16): starts a throwaway
# PostgreSQL 15, loads the test datasets and a simulated one with load-db, and
# checks that `summary` on the database equals `summary` on the folder (every
# cell within 1e-9 relative, under several filters), also with posts, tracking
# and payouts hash-partitioned by influencer_id (as Citus distributes them);
# then that each failure gives a clear message naming what is wrong; then
# test-pg (cancel, progress, the session). Skips (77) only when the PostgreSQL
# binaries are absent: build-aux/dev.sh installs them.
#   pg-check.sh INFLUENCER_REPORT TEST_PG SOURCE_ROOT
set -u

report=$1
test_pg=$2
root=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg-server.sh"

if ! pg_bindir >/dev/null; then
  echo "SKIP: no PostgreSQL server binaries (initdb, pg_ctl); install postgresql-15 (build-aux/dev.sh does)"
  exit 77
fi

work=$(mktemp -d /tmp/hk-pg-check-XXXXXX)
chmod 755 "$work"
cleanup() {
  pg_server_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

pg_server_start "$work/server" || { echo "FAIL: could not start PostgreSQL"; exit 1; }
echo "PostgreSQL on port $PG_PORT ($PG_OWNER)"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
pass() {
  echo "ok: $*"
}

# summary on the folder and on the database (schema) must agree.
compare() {
  local folder=$1 schema=$2
  shift 2
  rm -rf "$work/a" "$work/b"
  "$report" summary "$folder" "$@" --out "$work/a" 2>/dev/null
  if ! "$report" summary "$PG_CONNINFO" --schema "$schema" "$@" --out "$work/b" 2>"$work/err"; then
    fail "summary of schema $schema $*: $(cat "$work/err")"
    return
  fi
  if python3 "$here/pg-compare.py" "$work/a" "$work/b" >"$work/cmp"; then
    pass "schema $schema $* equals $folder"
  else
    fail "schema $schema $* differs from $folder: $(head -12 "$work/cmp")"
  fi
}

load() {
  if ! "$report" load-db "$1" "$PG_CONNINFO" --schema "$2" >/dev/null 2>"$work/err"; then
    fail "load-db $1: $(cat "$work/err")"
    return 1
  fi
}

# --- The test datasets ------------------------------------------------------
n=0
for d in assignment-canonical python-original real-world month-first/mixed month-first/us broken; do
  n=$((n + 1))
  load "$root/tests/data/$d" "data$n" && compare "$root/tests/data/$d" "data$n"
done

# --- A simulated dataset, under filters -------------------------------------
"$report" simulate --out "$work/S" >/dev/null || fail "simulate"
if load "$work/S" sim; then
  compare "$work/S" sim
  compare "$work/S" sim --brand MuscleBlaze
  compare "$work/S" sim --from 2025-07-10 --to 2025-08-15
  compare "$work/S" sim --campaign HKVitals_MonsoonImmunity_2025 --iroas holdout
  compare "$work/S" sim --brand HKVitals --from 2025-07-01 --iroas pre-period
  compare "$work/S" sim --source instagram --tier micro --platform Instagram
  compare "$work/S" sim --product "HKVitals Multivitamin 60 Tablets" --iroas auto:25%
fi

# --- Hash-partitioned by influencer_id, as Citus distributes them -----------
# The queries must run as they are on tables split by the distribution column.
pg_psql <<'SQL' || fail "creating the partitioned schema"
CREATE SCHEMA part;
CREATE TABLE part.influencers AS SELECT * FROM sim.influencers;
CREATE TABLE part.holdout_groups AS SELECT * FROM sim.holdout_groups;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['posts', 'tracking', 'payouts'] LOOP
    EXECUTE format('CREATE TABLE part.%I (LIKE sim.%I) PARTITION BY HASH (influencer_id)', t, t);
    FOR i IN 0..3 LOOP
      EXECUTE format('CREATE TABLE part.%I PARTITION OF part.%I FOR VALUES WITH (MODULUS 4, REMAINDER %s)',
                     t || '_' || i, t, i);
    END LOOP;
    EXECUTE format('INSERT INTO part.%I SELECT * FROM sim.%I', t, t);
  END LOOP;
END $$;
SQL
compare "$work/S" part
compare "$work/S" part --brand Gritzo --from 2025-05-01 --iroas holdout

# --- Failures, each with a clear message ------------------------------------
expect_error() {
  local what=$1 pattern=$2
  shift 2
  if "$report" "$@" >/dev/null 2>"$work/err"; then
    fail "$what: succeeded"
  elif grep -q -- "$pattern" "$work/err"; then
    pass "$what: $(head -1 "$work/err")"
  else
    fail "$what: no \"$pattern\" in: $(cat "$work/err")"
  fi
}

closed_port=$(pg_free_port)
expect_error "connection refused" "No PostgreSQL server answers" \
  summary "host=127.0.0.1 port=$closed_port dbname=postgres user=hk" --out "$work/x"
expect_error "wrong password" "refused the login" \
  summary "postgresql://hk:wrong@127.0.0.1:$PG_PORT/postgres" --out "$work/x"
expect_error "unknown user" "refused the login" \
  check "host=127.0.0.1 port=$PG_PORT dbname=postgres user=nobody"
expect_error "missing schema" "no schema “nothing”" \
  summary "$PG_CONNINFO" --schema nothing --out "$work/x"

pg_psql <<'SQL' || fail "creating the broken schemas"
CREATE SCHEMA notrack;
CREATE TABLE notrack.influencers AS SELECT * FROM sim.influencers;
CREATE SCHEMA norevenue;
CREATE TABLE norevenue.influencers AS SELECT * FROM sim.influencers;
CREATE TABLE norevenue.tracking AS SELECT * FROM sim.tracking;
ALTER TABLE norevenue.tracking DROP COLUMN revenue;
CREATE SCHEMA slow;
CREATE TABLE slow.influencers AS SELECT * FROM sim.influencers;
CREATE VIEW slow.tracking AS SELECT t.* FROM sim.tracking AS t, (SELECT pg_sleep(4)) AS s;
SQL
expect_error "missing table" "notrack.tracking: missing" \
  summary "$PG_CONNINFO" --schema notrack --out "$work/x"
expect_error "missing column" "norevenue.tracking: required column \"revenue\" is missing" \
  summary "$PG_CONNINFO" --schema norevenue --out "$work/x"

# A connection dropped while the tracking query runs, then a server restart.
# Waits until the app's tracking query is running (the view sleeps 4 s).
wait_for_query() {
  for _ in $(seq 100); do
    n=$(pg_psql -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'influencer-dashboard'
                         AND state = 'active' AND query LIKE '%count(*)%'" 2>/dev/null)
    [ "${n:-0}" -gt 0 ] && return 0
    sleep 0.1
  done
  return 1
}
"$report" summary "$PG_CONNINFO" --schema slow --out "$work/x" >/dev/null 2>"$work/drop" &
pid=$!
wait_for_query || fail "dropped connection: the tracking query never started"
pg_psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'influencer-dashboard'" >/dev/null
if wait $pid; then fail "dropped connection: succeeded"
elif grep -q "connection to the database was lost while reading slow.tracking" "$work/drop"; then pass "dropped connection: $(head -1 "$work/drop")"
else fail "dropped connection: $(cat "$work/drop")"; fi

"$report" summary "$PG_CONNINFO" --schema slow --out "$work/x" >/dev/null 2>"$work/restart" &
pid=$!
wait_for_query || fail "server restart: the tracking query never started"
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w restart >/dev/null 2>&1 || fail "restarting the server"
if wait $pid; then fail "server restart: succeeded"
elif grep -q "connection to the database was lost" "$work/restart"; then pass "server restart: $(head -1 "$work/restart")"
else fail "server restart: $(cat "$work/restart")"; fi
# …and the next load works.
compare "$work/S" sim --brand MuscleBlaze

# --- Cancel, progress, the session (C) --------------------------------------
if HK_PG_CONNINFO="$PG_CONNINFO" HK_PG_FOLDER="$work/S" "$test_pg" >"$work/test-pg" 2>&1; then
  pass "test-pg"
else
  fail "test-pg: $(cat "$work/test-pg")"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all PostgreSQL checks passed"
