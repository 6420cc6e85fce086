// Peer benchmark for `opensda bench sgp4`: satellite.js on the same workload, one thread.
// Usage: node bench.mjs TLE_FILE MINUTES [START_ISO]
// Prints `satellitejs_js_props_per_s=` and `satellitejs_wasm_props_per_s=` lines.
import { readFileSync } from 'node:fs';
import * as sat from 'satellite.js';

const [file, minutesArg, startIso] = process.argv.slice(2);
const minutes = Number(minutesArg ?? 1440);
const start = new Date(startIso ?? '2022-08-09T00:00:00Z');
const lines = readFileSync(file, 'utf8').split(/\r?\n/);
const satrecs = [];
for (let i = 0; i + 1 < lines.length; i++) {
  if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
    satrecs.push(sat.twoline2satrec(lines[i], lines[i + 1].slice(0, 69)));
    i++;
  }
}
const dates = Array.from({ length: minutes }, (_, k) => new Date(start.getTime() + k * 60000));
const jdStart = sat.jday(start);
const props = satrecs.length * minutes;

// Plain JavaScript: sgp4(satrec, tsince) in a loop, tsince from Julian dates as the workload defines.
function runJs() {
  let sink = 0;
  for (const s of satrecs) {
    const base = (jdStart - s.jdsatepoch - (s.jdsatepochF ?? 0)) * 1440;
    for (let k = 0; k < minutes; k++) {
      const r = sat.sgp4(s, base + k);
      if (r && r.position) sink += r.position.x;
    }
  }
  return sink;
}
let t0 = performance.now();
runJs();
let jsSeconds = (performance.now() - t0) / 1000;
console.log(`satellitejs_js_props_per_s=${(props / jsSeconds).toFixed(0)}`);

try {
  const runtime = await sat.createSingleThreadRuntime();
  const propagator = new sat.BulkPropagator({
    runtime,
    calculators: [new sat.EciBaseCalculator()],
    satRecsCount: satrecs.length,
    datesCount: dates.length,
  });
  propagator.setSatRecs(satrecs);
  propagator.setDates(dates);
  propagator.run(); // warm-up
  t0 = performance.now();
  propagator.run();
  const wasmSeconds = (performance.now() - t0) / 1000;
  console.log(`satellitejs_wasm_props_per_s=${(props / wasmSeconds).toFixed(0)}`);
  propagator.dispose?.();
} catch (e) {
  console.log(`satellitejs_wasm_error=${String(e.message ?? e).replace(/\s+/g, ' ')}`);
}
