#!/usr/bin/env bash
# Installs Debian's PostgreSQL server (as root, only when missing) and starts a throw-away cluster for
# the tests and benchmarks: data under /tmp, listening on 127.0.0.1 only, run as a non-root user.
# Idempotent: a second call finds the cluster running and only prints the connection string again.
#
#   bash scripts/postgres.sh            # prints: Host=127.0.0.1;Port=55432;Username=opensda;Database=opensda
#   export OPENSDA_TEST_POSTGRES="$(bash scripts/postgres.sh)"
#   bash scripts/postgres.sh stop       # stops the cluster and deletes its data
#
# Settings: OPENSDA_PG_PORT (55432), OPENSDA_PG_DIR (/tmp/opensda-pg-$PORT). The cluster trusts local
# connections and turns fsync off: it is disposable test infrastructure, never a production database.
set -euo pipefail
PORT="${OPENSDA_PG_PORT:-55432}"
DIR="${OPENSDA_PG_DIR:-/tmp/opensda-pg-$PORT}"
CONN="Host=127.0.0.1;Port=$PORT;Username=opensda;Database=opensda"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN="$(find_bin || true)"
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  if [[ "$(id -u)" -ne 0 ]]; then echo "postgres.sh: PostgreSQL is not installed and installing needs root" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  # policy-rc.d keeps the package from starting its own cluster service.
  apt-get install -y -qq --no-install-recommends postgresql >&2
  BIN="$(find_bin)"
fi

# The cluster runs as a non-root user: 'postgres' (created by the package) when we are root.
if [[ "$(id -u)" -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_user() { runuser -u postgres -- "$@"; }
else
  as_user() { "$@"; }
fi

if [[ "${1:-start}" == "stop" ]]; then
  if [[ -f "$DIR/PG_VERSION" ]]; then as_user "$BIN/pg_ctl" -D "$DIR" -m immediate stop >&2 || true; fi
  rm -rf "$DIR"; exit 0
fi

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then echo "$CONN"; exit 0; fi

if [[ ! -f "$DIR/PG_VERSION" ]]; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$DIR"
  chmod 700 "$DIR"
  as_user "$BIN/initdb" -D "$DIR" -U opensda --auth=trust -E UTF8 --locale=C.UTF-8 >&2
fi
rm -f "$DIR/postmaster.pid" 2>/dev/null || true
as_user "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
  start >&2
for _ in $(seq 1 60); do "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.5; done
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U opensda -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='opensda'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U opensda opensda >&2
fi
echo "$CONN"
