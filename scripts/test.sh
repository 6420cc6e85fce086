#!/usr/bin/env bash
# Runs every test of OpenSDA. Installs and starts what the tests need besides the .NET SDK:
# a throw-away PostgreSQL on 127.0.0.1 (scripts/postgres.sh) and Debian's Chromium for the browser
# tests (scripts/chromium.sh); installing them needs root, as in CI.
# Usage: bash scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
results="$PWD/.test-artifacts/results"
bash scripts/chromium.sh || echo "test.sh: Chromium could not be installed; the browser tests will fail" >&2
if [ -z "${OPENSDA_TEST_POSTGRES:-}" ]; then
  if conn="$(bash scripts/postgres.sh)"; then
    export OPENSDA_TEST_POSTGRES="$conn"
  else
    echo "test.sh: PostgreSQL could not be started; PostgreSQL tests will fail under CI=true" >&2
  fi
fi
# The Vector256 SGP4 kernels are generated from the Vector512 ones: a stale copy fails the run.
python3 scripts/gen-simd-kernels.py --check
rm -rf "$results"; mkdir -p "$results"
set +e
dotnet test OpenSda.slnx -c Release --logger "trx" --results-directory "$results" "$@"
rc=$?
set -e
# One plain summary line over every test project.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)); s += int(c.get("notExecuted", 0))
print(f"tests: {p} passed, {f} failed, {s} skipped")
PY
exit $rc
