# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced: a throwaway PostgreSQL 15 server for the tests and benchmarks.
#   pg_server_start DIR   initdb + pg_ctl start in DIR on a free port; sets PG_PORT,
#                         PG_CONNINFO (TCP, password from PGPASSFILE), PG_SOCKET_CONNINFO
#   pg_server_stop        stops it (call it on every exit path: trap)
# As root the server runs as the "postgres" user (created by the postgresql-15
# package; else "hktest" is created): postgres refuses to run as root.

pg_bindir() {
  for d in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -r); do
    [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$PG_OWNER" -- "$@"
  else
    "$@"
  fi
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_server_start() {
  PG_DIR=$1
  PG_BIN=$(pg_bindir) || return 77
  PG_OWNER=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
      PG_OWNER=postgres
    else
      id hktest >/dev/null 2>&1 || useradd --system --no-create-home hktest
      PG_OWNER=hktest
    fi
  fi
  mkdir -p "$PG_DIR/data" "$PG_DIR/run"
  chmod 755 "$PG_DIR"
  printf 'hk-secret\n' > "$PG_DIR/pwfile"
  [ "$(id -u)" -eq 0 ] && chown -R "$PG_OWNER" "$PG_DIR/data" "$PG_DIR/run" "$PG_DIR/pwfile"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U hk --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$PG_DIR/pwfile" -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  PG_PORT=$(pg_free_port)
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/run/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR/run -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null || { cat "$PG_DIR/run/server.log" >&2; return 1; }
  # The password comes from a pgpass file, as a user's ~/.pgpass would give it.
  printf '127.0.0.1:%s:*:hk:hk-secret\n' "$PG_PORT" > "$PG_DIR/pgpass"
  chmod 600 "$PG_DIR/pgpass"
  export PGPASSFILE="$PG_DIR/pgpass"
  PG_CONNINFO="host=127.0.0.1 port=$PG_PORT user=hk dbname=postgres"
  PG_SOCKET_CONNINFO="host=$PG_DIR/run port=$PG_PORT user=hk dbname=postgres"
  export PG_PORT PG_CONNINFO PG_SOCKET_CONNINFO PG_BIN PG_DIR PG_OWNER
}

pg_server_stop() {
  [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] &&
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  return 0
}

pg_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PG_SOCKET_CONNINFO" "$@"
}
