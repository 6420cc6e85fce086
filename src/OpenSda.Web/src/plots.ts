// Small SVG plots (no plotting library): time series and the encounter-plane geometry.
const NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) { hi = lo + 1; lo = lo - 1; }
  const raw = (hi - lo) / n, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(+v.toPrecision(12));
  return out;
}

export interface Series { label: string; color: string; points: [number, number][]; markers?: boolean }

export interface TimeMark { t: number; label: string }

/** A line plot against time (x in Unix ms); marks are vertical lines at events (e.g. detected manoeuvres). */
export function timePlot(title: string, yLabel: string, series: Series[], opts: { width?: number; height?: number; logY?: boolean; marks?: TimeMark[] } = {}): SVGSVGElement {
  const W = opts.width ?? 520, H = opts.height ?? 200, L = 64, R = 12, T = 24, B = 34;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': title, class: 'plot' });
  svg.append(el('title', {}, title));
  const tf = (y: number) => (opts.logY ? Math.log10(Math.max(y, 1e-30)) : y);
  const pts = series.flatMap(s => s.points).filter(p => Number.isFinite(p[1]));
  svg.append(el('text', { x: L, y: 15, class: 'plot-title' }, title));
  if (pts.length === 0) { svg.append(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no data')); return svg; }
  let x0 = Math.min(...pts.map(p => p[0])), x1 = Math.max(...pts.map(p => p[0]));
  let y0 = Math.min(...pts.map(p => tf(p[1]))), y1 = Math.max(...pts.map(p => tf(p[1])));
  if (x1 === x0) { x0 -= 3600e3; x1 += 3600e3; }
  if (y1 === y0) { y0 -= Math.abs(y0) * 0.01 + 1e-6; y1 += Math.abs(y1) * 0.01 + 1e-6; }
  const pad = (y1 - y0) * 0.08; y0 -= pad; y1 += pad;
  const sx = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const sy = (y: number) => H - B - ((tf(y) - y0) / (y1 - y0)) * (H - T - B);
  const syRaw = (v: number) => H - B - ((v - y0) / (y1 - y0)) * (H - T - B);
  svg.append(el('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'plot-frame' }));
  for (const v of niceTicks(y0, y1, 4)) {
    svg.append(el('line', { x1: L, x2: W - R, y1: syRaw(v), y2: syRaw(v), class: 'grid' }));
    svg.append(el('text', { x: L - 4, y: syRaw(v) + 4, 'text-anchor': 'end', class: 'tick' }, opts.logY ? `1e${v}` : fmt(v)));
  }
  const span = x1 - x0;
  for (let k = 0; k <= 4; k++) {
    const x = x0 + (span * k) / 4, d = new Date(x).toISOString();
    svg.append(el('text', { x: sx(x), y: H - B + 14, 'text-anchor': 'middle', class: 'tick' }, span > 2 * 86400e3 ? d.slice(0, 10) : d.slice(5, 16).replace('T', ' ')));
  }
  svg.append(el('text', { x: 12, y: T + (H - T - B) / 2, transform: `rotate(-90 12 ${T + (H - T - B) / 2})`, 'text-anchor': 'middle', class: 'axis' }, yLabel));
  series.forEach((s, i) => {
    const p = s.points.filter(q => Number.isFinite(q[1])).sort((a, b) => a[0] - b[0]);
    if (p.length > 1) svg.append(el('polyline', { points: p.map(q => `${sx(q[0]).toFixed(1)},${sy(q[1]).toFixed(1)}`).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 1.6 }));
    if (s.markers || p.length === 1) for (const q of p) svg.append(el('circle', { cx: sx(q[0]), cy: sy(q[1]), r: 3, fill: s.color }));
    svg.append(el('text', { x: W - R - 4, y: T + 14 + i * 14, 'text-anchor': 'end', fill: s.color, class: 'legend' }, s.label));
  });
  for (const m of opts.marks ?? []) {
    if (m.t < x0 || m.t > x1) continue;
    const g = el('g', { class: 'maneuver', 'data-testid': 'maneuver-mark' });
    g.append(el('title', {}, m.label));
    g.append(el('line', { x1: sx(m.t), x2: sx(m.t), y1: T, y2: H - B, class: 'maneuver-mark' }));
    g.append(el('text', { x: sx(m.t) + 3, y: T + 10, class: 'maneuver-label' }, 'Δv'));
    svg.append(g);
  }
  return svg;
}

export function fmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(+v.toPrecision(4));
}

/**
 * The encounter plane (normal to the relative velocity): the secondary's miss position relative to the
 * primary at the origin, with the combined covariance ellipse (1σ and 3σ) centred on it.
 */
export function encounterPlot(missXY: number[], semiAxes: number[], angleDeg: number, title: string): SVGSVGElement {
  const W = 420, H = 420, C = W / 2;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': title, class: 'plot encounter-plot', 'data-testid': 'geometry-plot' });
  svg.append(el('title', {}, title));
  const extent = Math.max(Math.hypot(missXY[0], missXY[1]) + 3 * semiAxes[0], 3 * semiAxes[0], 0.01) * 1.15;
  const s = (C - 30) / extent;
  svg.append(el('rect', { x: 30, y: 30, width: W - 60, height: H - 60, class: 'plot-frame' }));
  for (const v of niceTicks(-extent, extent, 4)) {
    svg.append(el('line', { x1: C + v * s, x2: C + v * s, y1: 30, y2: H - 30, class: 'grid' }));
    svg.append(el('line', { y1: C - v * s, y2: C - v * s, x1: 30, x2: W - 30, class: 'grid' }));
    svg.append(el('text', { x: C + v * s, y: H - 16, 'text-anchor': 'middle', class: 'tick' }, fmt(v)));
    svg.append(el('text', { x: 26, y: C - v * s + 4, 'text-anchor': 'end', class: 'tick' }, fmt(v)));
  }
  svg.append(el('text', { x: C, y: 20, 'text-anchor': 'middle', class: 'plot-title' }, title));
  svg.append(el('text', { x: W - 34, y: C - 6, 'text-anchor': 'end', class: 'axis' }, 'x: miss direction (km)'));
  svg.append(el('text', { x: C + 6, y: 44, class: 'axis' }, 'y = v̂ × x (km)'));
  const [mx, my] = [C + missXY[0] * s, C - missXY[1] * s];
  for (const k of [3, 1]) {
    svg.append(el('ellipse', { cx: mx, cy: my, rx: Math.max(semiAxes[0] * k * s, 0.5), ry: Math.max(semiAxes[1] * k * s, 0.5),
      transform: `rotate(${-angleDeg} ${mx} ${my})`, class: k === 1 ? 'ellipse-1' : 'ellipse-3', 'data-sigma': k }));
  }
  svg.append(el('circle', { cx: C, cy: C, r: 5, class: 'primary-dot' }));
  svg.append(el('text', { x: C + 8, y: C + 16, class: 'legend' }, 'primary'));
  svg.append(el('circle', { cx: mx, cy: my, r: 5, class: 'secondary-dot', 'data-testid': 'miss-point' }));
  svg.append(el('text', { x: mx + 8, y: my - 8, class: 'legend' }, 'secondary'));
  svg.append(el('line', { x1: C, y1: C, x2: mx, y2: my, class: 'miss-line' }));
  return svg;
}

export interface GanttBar { start: number; end: number; best?: number; title: string; dim?: boolean }
export interface GanttRow { label: string; bars: GanttBar[] }

/** A Gantt chart of passes (one row per satellite) over [t0, t1], with the dark windows shaded. */
export function gantt(rows: GanttRow[], t0: number, t1: number, dark: { start: number; end: number }[], title: string): SVGSVGElement {
  const L = 150, R = 10, T = 28, rowH = 18, W = 760, H = T + rows.length * rowH + 36;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': title, class: 'plot gantt', 'data-testid': 'gantt' });
  svg.append(el('title', {}, title));
  const sx = (t: number) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  svg.append(el('text', { x: L, y: 16, class: 'plot-title' }, title));
  for (const d of dark) {
    const r = el('rect', { x: sx(d.start), y: T, width: Math.max(sx(d.end) - sx(d.start), 0.5), height: rows.length * rowH, class: 'dark-window' });
    r.append(el('title', {}, `dark ${new Date(d.start).toISOString()} – ${new Date(d.end).toISOString()}`));
    svg.append(r);
  }
  rows.forEach((row, i) => {
    const y = T + i * rowH;
    svg.append(el('text', { x: L - 6, y: y + 13, 'text-anchor': 'end', class: 'tick' }, row.label));
    svg.append(el('line', { x1: L, x2: W - R, y1: y + rowH, y2: y + rowH, class: 'grid' }));
    for (const b of row.bars) {
      const r = el('rect', { x: sx(b.start), y: y + 3, width: Math.max(sx(b.end) - sx(b.start), 1.5), height: rowH - 6, class: b.dim ? 'pass-bar unusable' : 'pass-bar' });
      r.append(el('title', {}, b.title));
      svg.append(r);
      if (b.best !== undefined) svg.append(el('line', { x1: sx(b.best), x2: sx(b.best), y1: y + 1, y2: y + rowH - 1, class: 'best-view' }));
    }
  });
  for (let k = 0; k <= 6; k++) {
    const t = t0 + ((t1 - t0) * k) / 6;
    svg.append(el('text', { x: sx(t), y: H - 12, 'text-anchor': 'middle', class: 'tick' }, new Date(t).toISOString().slice(5, 16).replace('T', ' ')));
  }
  return svg;
}
