#!/usr/bin/env bash
# SGP4 throughput: OpenSDA (`opensda bench sgp4`) against satellite.js (plain JS and its WASM bulk
# propagator, one thread), on the same workload in the same run.
# Usage: bash scripts/bench-sgp4.sh [TLE_FILE] [MINUTES] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
tle=${1:-../shared/data/sgp4-bench/bench_20000.tle}
minutes=${2:-1440}
threads=${3:-1}
dotnet build src/OpenSda.Cli -c Release -v q -nologo >/dev/null
ours=$(dotnet src/OpenSda.Cli/bin/Release/net10.0/opensda.dll bench sgp4 --tle "$tle" --minutes "$minutes" --threads "$threads" | tee /dev/stderr | tail -n 1)
ours=${ours#props_per_s=}
# satellite.js, installed by this script under a git-ignored folder.
if [ ! -d bench/satellitejs/node_modules/satellite.js ]; then
  (cd bench/satellitejs && npm install --no-audit --no-fund --silent >/dev/null)
fi
peer=$(node bench/satellitejs/bench.mjs "$tle" "$minutes" 2022-08-09T00:00:00Z)
echo "$peer"
js=$(echo "$peer" | sed -n 's/^satellitejs_js_props_per_s=//p')
wasm=$(echo "$peer" | sed -n 's/^satellitejs_wasm_props_per_s=//p')
python3 - "$ours" "$js" "${wasm:-0}" "$threads" <<'PY'
import sys
ours, js, wasm, threads = (float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4])
print(f"opensda_props_per_s={ours:.0f} (threads={threads})")
print(f"ratio_vs_satellitejs_js={ours/js:.2f}")
if wasm > 0: print(f"ratio_vs_satellitejs_wasm={ours/wasm:.2f}")
PY
