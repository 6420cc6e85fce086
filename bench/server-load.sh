#!/usr/bin/env bash
# Load benchmark of the sharing server (not a test): 100 concurrent clients on loopback reading objects and
# conjunctions, on SQLite and/or PostgreSQL. Bounded: each run lasts SECONDS (default 20) and at most 300k requests.
#   bash bench/server-load.sh [sqlite|postgres|both] [SECONDS]
# Goal (issue 6): >= 3,000 requests/s, p99 < 50 ms, zero errors, on this 2-core machine. Steady state is measured:
# each run first drives the same mix for 15 s (--warmup-seconds) so that the server runs optimised JIT code.
#
# Data: the bundled catalog (PUBLIC, ~26.8k objects), 1,000 PUBLIC conjunctions (CDMs) uploaded by the measured
# organisation BENCH, and 1,000 conjunctions uploaded by another organisation OTHER marked REL TO OTHER, which
# BENCH may not see: every query of the run filters them out. The read mix (objects, element sets, object
# pages and searches, conjunctions and conjunction pages) is described at the top of bench/OpenSda.ServerLoad/Program.cs.
#
# Settings (environment): OPENSDA_LOAD_PORT (a free port), OPENSDA_LOAD_CLIENTS (100),
# OPENSDA_LOAD_SERVER_CPUS / OPENSDA_LOAD_CLIENT_CPUS (taskset CPU lists, e.g. 0 and 1, to pin the server and
# the load generator to separate cores), OPENSDA_LOAD_ONLY (one kind of request of the mix), OPENSDA_LOAD_EACH=SECONDS
# (after the mixed run, each kind of request alone for that long, against the same server and data).
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-both}"; seconds="${2:-20}"
# A free loopback port and a private work folder, so that runs by several people on one machine do not collide.
port="${OPENSDA_LOAD_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
work="$(mktemp -d /tmp/opensda-load.XXXXXX)"; trap 'rm -rf "$work"' EXIT
dotnet build src/OpenSda.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/OpenSda.ServerLoad -c Release -v q -nologo >/dev/null
cli=src/OpenSda.Cli/bin/Release/net10.0/opensda.dll
load=bench/OpenSda.ServerLoad/bin/Release/net10.0/OpenSda.ServerLoad.dll
pin_server=(); pin_client=()
[[ -n "${OPENSDA_LOAD_SERVER_CPUS:-}" ]] && pin_server=(taskset -c "$OPENSDA_LOAD_SERVER_CPUS")
[[ -n "${OPENSDA_LOAD_CLIENT_CPUS:-}" ]] && pin_client=(taskset -c "$OPENSDA_LOAD_CLIENT_CPUS")
only=(); [[ -n "${OPENSDA_LOAD_ONLY:-}" ]] && only=(--only "$OPENSDA_LOAD_ONLY")

run_one() {
  local name="$1" db="$2" match=()
  [[ -n "${3:-}" ]] && match=(--cpu-match "$3")
  dotnet "$cli" admin org add BENCH --db "$db" >/dev/null
  dotnet "$cli" admin org add OTHER --db "$db" >/dev/null
  local key other
  key="$(dotnet "$cli" admin key add --org BENCH --role provider --db "$db")"
  other="$(dotnet "$cli" admin key add --org OTHER --role provider --db "$db")"
  # The benchmark's keys get a per-key limit above what 100 clients can ask for; the limiter stays on.
  OpenSda__RateLimitPerSecond=1000000 OpenSda__RequestLog=false Logging__LogLevel__Default=Warning \
    "${pin_server[@]}" dotnet "$cli" serve --urls "http://127.0.0.1:$port" --db "$db" >"$work/$name.log" 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  echo "== $name ($(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "${pin_client[@]}" dotnet "$load" --url "http://127.0.0.1:$port" --key "$key" --clients "${OPENSDA_LOAD_CLIENTS:-100}" --seconds "$seconds" --server-pid "$pid" "${match[@]}" \
    --seed-cdms 1000 --other-key "$other" --other-cdms 1000 "${only[@]}" || true
  if [[ -n "${OPENSDA_LOAD_EACH:-}" ]]; then
    for kind in object object-elsets object-page object-search conjunction conjunction-page conjunction-object; do
      "${pin_client[@]}" dotnet "$load" --url "http://127.0.0.1:$port" --key "$key" --clients "${OPENSDA_LOAD_CLIENTS:-100}" --seconds "$OPENSDA_LOAD_EACH" \
        --server-pid "$pid" --only "$kind" | grep -E "^(clients|cpu)" | sed "s/^/$kind: /" || true
    done
  fi
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
  run_one postgres "postgres:${conn/Database=opensda/Database=$db}" " $db "
  "$psql_bin/psql" "host=127.0.0.1 port=${OPENSDA_PG_PORT:-55432} user=opensda dbname=postgres" -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null || true
fi
