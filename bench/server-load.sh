#!/usr/bin/env bash
# Load benchmark of the sharing server (not a test): 100 concurrent clients on loopback reading objects and
# conjunctions, on SQLite and/or PostgreSQL. Bounded: each run lasts SECONDS (default 20) and at most 300k requests.
#   bash bench/server-load.sh [sqlite|postgres|both] [SECONDS]
# Goal (issue 6): >= 3,000 requests/s, p99 < 50 ms, zero errors, on this 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-both}"; seconds="${2:-20}"; port=5090
work=/tmp/opensda-load; rm -rf "$work"; mkdir -p "$work"
dotnet build src/OpenSda.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/OpenSda.ServerLoad -c Release -v q -nologo >/dev/null
cli=src/OpenSda.Cli/bin/Release/net10.0/opensda.dll
load=bench/OpenSda.ServerLoad/bin/Release/net10.0/OpenSda.ServerLoad.dll

run_one() {
  local name="$1" db="$2"
  dotnet "$cli" admin org add BENCH --db "$db" >/dev/null
  local key; key="$(dotnet "$cli" admin key add --org BENCH --role provider --db "$db")"
  OpenSda__RateLimitPerSecond=1000000 OpenSda__RequestLog=false Logging__LogLevel__Default=Warning \
    dotnet "$cli" serve --urls "http://127.0.0.1:$port" --db "$db" >"$work/$name.log" 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  echo "== $name"
  dotnet "$load" --url "http://127.0.0.1:$port" --key "$key" --clients 100 --seconds "$seconds" --seed-cdms 1000 || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

if [[ "$which" == sqlite || "$which" == both ]]; then
  run_one sqlite "sqlite:$work/opensda.db"
fi
if [[ "$which" == postgres || "$which" == both ]]; then
  conn="$(bash scripts/postgres.sh)"
  db="opensda_load_$$"
  psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  "$psql_bin/psql" "host=127.0.0.1 port=${OPENSDA_PG_PORT:-55432} user=opensda dbname=postgres" -qc "CREATE DATABASE $db" >/dev/null
  run_one postgres "postgres:${conn/Database=opensda/Database=$db}"
  "$psql_bin/psql" "host=127.0.0.1 port=${OPENSDA_PG_PORT:-55432} user=opensda dbname=postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null || true
fi
