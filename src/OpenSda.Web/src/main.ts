import './style.css';
import * as api from './api';
import type { Alert, Conjunction, Elset, Ephemeris, Geometry, ManeuverReport, Me, ObjectDetail, ObjectSummary, Org, Overflights, Page, WatchList } from './api';
import { Globe, metrics } from './globe';
import * as marking from './marking';
import { encounterPlot, fmt, gantt, timePlot, type GanttRow } from './plots';
import { download, h, iso, isoShort, sortableTable } from './util';

const MU = 398600.8, RE = 6378.135;
const app = document.getElementById('app')!;
let globe: Globe | null = null;
let me: Me | null = null;
let stopStream: (() => void) | null = null;
const alerts: (Alert & { receivedAt: number })[] = [];
const w = window as unknown as { opensda: Record<string, unknown> };
w.opensda = { metrics, alerts, marking: () => marking.current(), api: api.stats };

function banner(id: string) { return h('section', { id, class: 'marking', 'aria-live': 'polite', 'aria-label': `Highest releasability marking on screen (${id === 'banner-top' ? 'top' : 'bottom'})` }, 'PUBLIC'); }

// ----------------------------------------------------------------- sign-in

function showSignIn(message = ''): void {
  stopStream?.();
  app.replaceChildren(banner('banner-top'), h('main', { class: 'signin' },
    h('h1', {}, 'OpenSDA watch floor'),
    h('form', { id: 'signin-form', onsubmit: (e: Event) => { e.preventDefault(); void signIn((document.getElementById('api-key') as HTMLInputElement).value.trim()); } },
      h('label', { for: 'api-key' }, 'API key'),
      h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true, size: 48 }),
      h('button', { type: 'submit', id: 'signin-button' }, 'Sign in'),
      h('p', { id: 'signin-error', role: 'alert' }, message)),
    h('p', { class: 'hint' }, 'Sign in with your organisation\'s API key (opensda serve --seed-demo prints demo keys). What you see is exactly what the API lets your organisation see.')),
    banner('banner-bottom'));
  marking.clear('globe');
  (document.getElementById('api-key') as HTMLInputElement).focus();
}

async function signIn(key: string): Promise<void> {
  metrics.signInAt = performance.now();
  api.auth.set(key);
  try {
    me = await api.getJson<Me>('/organisations/me');
  } catch (e) {
    api.auth.set(null);
    showSignIn(e instanceof api.ApiError && e.status === 401 ? 'That key is unknown or revoked.' : `Sign-in failed: ${(e as Error).message}`);
    return;
  }
  await showShell();
}

// ----------------------------------------------------------------- shell

const views: Record<string, string> = { globe: 'Globe', objects: 'Objects', conjunctions: 'Conjunctions', watch: 'Watch list & alerts', overflight: 'Overflight planner' };

async function showShell(): Promise<void> {
  const nav = h('nav', { 'aria-label': 'Views' }, ...Object.entries(views).map(([k, v]) => h('a', { href: `#/${k}`, 'data-view': k }, v)));
  const header = h('header', { class: 'top' }, h('h1', { class: 'brand' }, 'OpenSDA'), nav,
    h('span', { class: 'who', 'data-testid': 'who' }, `${me!.organisation} · ${me!.role}`),
    h('button', { type: 'button', id: 'signout', onclick: () => { api.auth.set(null); globe?.viewer.destroy(); globe = null; location.hash = ''; showSignIn(); } }, 'Sign out'));
  const globeEl = h('div', { id: 'globe', 'aria-label': 'Globe of the catalog', role: 'application' });
  const controls = h('div', { class: 'controls', role: 'group', 'aria-label': 'Time and display' });
  const panel = h('section', { id: 'panel', 'aria-live': 'polite', tabindex: -1 });
  app.replaceChildren(banner('banner-top'), header, h('main', { class: 'main' }, h('div', { class: 'globe-wrap' }, globeEl, controls), panel), banner('banner-bottom'));
  void api.getJson<Org[]>('/organisations').then(marking.setGroups).catch(() => {});
  globe = new Globe(globeEl);
  await globe.init();
  buildControls(controls);
  globe.onSelect = n => { if (n !== null && !location.hash.startsWith(`#/object/${n}`)) location.hash = `#/object/${n}`; };
  await globe.load();
  startStream();
  window.onhashchange = () => void route();
  await route();
}

function buildControls(el: HTMLElement): void {
  const g = globe!;
  const timeLabel = h('output', { id: 'time-label', 'aria-live': 'off' }, '');
  const slider = h('input', { id: 'time-slider', type: 'range', min: 0, max: 2880, step: 1, value: 0, 'aria-label': 'Time (minutes from the catalog day)' }) as HTMLInputElement;
  const play = h('button', { type: 'button', id: 'play', 'aria-pressed': 'false' }, 'Play');
  const speed = h('select', { id: 'speed', 'aria-label': 'Speed' }, ...[1, 10, 60, 300, 600].map(s => h('option', { value: s, ...(s === 60 ? { selected: true } : {}) }, `×${s}`))) as HTMLSelectElement;
  const colour = h('select', { id: 'colour-by', 'aria-label': 'Colour by' }, h('option', { value: 'regime' }, 'Colour: regime'), h('option', { value: 'owner' }, 'Colour: owner/country'), h('option', { value: 'originator' }, 'Colour: originator of the data')) as HTMLSelectElement;
  const legend = h('div', { class: 'legend', id: 'legend' });
  const drawLegend = () => legend.replaceChildren(...g.legend().map(([k, c]) => h('span', {}, h('i', { style: `background:${c}` }), k)));
  play.addEventListener('click', () => { g.playing = !g.playing; play.textContent = g.playing ? 'Pause' : 'Play'; play.setAttribute('aria-pressed', String(g.playing)); });
  speed.addEventListener('change', () => { g.speed = Number(speed.value); });
  colour.addEventListener('change', () => { g.setColorBy(colour.value as 'regime' | 'owner' | 'originator'); drawLegend(); });
  slider.addEventListener('input', () => { g.time = g.referenceTime + Number(slider.value) * 60000; });
  let last = 0;
  g.onTick = t => {
    if (Math.abs(t - last) < 1000) return;
    last = t;
    timeLabel.textContent = iso(t);
    if (document.activeElement !== slider) slider.value = String(Math.round((t - g.referenceTime) / 60000));
  };
  el.append(play, speed, slider, timeLabel, colour, legend);
  setTimeout(drawLegend, 0);
  g.viewer.clock.onTick.addEventListener(() => {});
  (w.opensda as Record<string, unknown>).globe = g;
}

async function route(): Promise<void> {
  const panel = document.getElementById('panel')!;
  const [, view = 'globe', arg] = location.hash.replace(/^#\/?/, '').split('/').reduce<string[]>((a, s) => (a.push(s), a), ['']);
  for (const a of document.querySelectorAll('nav a')) a.toggleAttribute('aria-current', (a as HTMLElement).dataset.view === (view === 'object' ? 'objects' : view === 'conjunction' ? 'conjunctions' : view));
  marking.clear('panel');
  globe?.drawExtras([]);
  if (globe) globe.clickHandler = null;
  panel.replaceChildren(h('p', {}, 'Loading…'));
  document.body.dataset.view = view;
  try {
    switch (view) {
      case 'objects': await objectsView(panel); break;
      case 'object': await objectView(panel, Number(arg)); break;
      case 'conjunctions': await conjunctionsView(panel); break;
      case 'conjunction': await conjunctionView(panel, Number(arg)); break;
      case 'watch': await watchView(panel); break;
      case 'overflight': overflightView(panel); break;
      default: globeView(panel);
    }
  } catch (e) {
    panel.replaceChildren(h('p', { role: 'alert' }, e instanceof api.ApiError && e.status === 404 ? 'Not found, or not releasable to your organisation.' : `Error: ${(e as Error).message}`));
  }
  document.body.dataset.viewReady = view;
}

// ----------------------------------------------------------------- views

function globeView(panel: HTMLElement): void {
  const g = globe!;
  const regimes = new Map<string, number>();
  for (const r of g.catalog.regime) regimes.set(r ?? 'OTHER', (regimes.get(r ?? 'OTHER') ?? 0) + 1);
  panel.replaceChildren(h('h2', {}, 'Catalog'),
    h('p', { 'data-testid': 'catalog-count' }, `${g.catalog.count} objects releasable to ${me!.organisation}, positions from the server's SGP4 and operator ephemerides every ${60} s, interpolated here.`),
    h('ul', {}, ...[...regimes].map(([k, v]) => h('li', {}, `${k}: ${v}`))),
    h('p', {}, 'Click an object on the globe, or search under Objects, to see its orbit and ground track.'));
}

async function objectsView(panel: HTMLElement): Promise<void> {
  const input = h('input', { id: 'search', type: 'search', placeholder: 'name, catalog number or designator', 'aria-label': 'Search objects' }) as HTMLInputElement;
  const results = h('div', { id: 'search-results' });
  const run = async () => {
    const q = input.value.trim();
    const page = await api.getJson<Page<ObjectSummary>>(`/objects?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`);
    results.replaceChildren(h('p', {}, `${page.total} match${page.total === 1 ? '' : 'es'}`),
      sortableTable('Objects', [
        { key: 'norad', label: 'Catalog no.', value: r => r.noradId },
        { key: 'name', label: 'Name', value: r => r.name },
        { key: 'intl', label: 'Intl. designator', value: r => r.intlDesignator },
        { key: 'regime', label: 'Regime', value: r => r.regime },
      ], page.items, r => { location.hash = `#/object/${r.noradId}`; }, 'objects-table'));
  };
  const form = h('form', { role: 'search', onsubmit: (e: Event) => { e.preventDefault(); void run(); } }, input, h('button', { type: 'submit' }, 'Search'));
  panel.replaceChildren(h('h2', {}, 'Objects'), form, results);
  input.focus();
}

const semiMajor = (n: number) => Math.cbrt(MU / (n * 2 * Math.PI / 86400) ** 2);

async function objectView(panel: HTMLElement, norad: number): Promise<void> {
  const d = await api.getJson<ObjectDetail>(`/objects/${norad}`);
  const history = await api.getJson<Page<Elset>>(`/objects/${norad}/elsets?limit=500`);
  const ephs = await api.getJson<Page<Ephemeris>>(`/objects/${norad}/ephemerides?limit=50`);
  // Manoeuvres detected in the element-set history this organisation may see (none without element sets).
  const man = history.total > 1 ? await api.getJson<ManeuverReport>(`/objects/${norad}/maneuvers`).catch(() => null) : null;
  if (globe && globe.selected !== norad) void globe.select(norad);
  const shown = [...d.sources.map(s => s.releasability), ...history.items.map(e => e.releasability), ...ephs.items.map(e => e.releasability), ...(man?.markings ?? [])];
  marking.declare('panel', shown);
  const cur = history.items[0];
  const pts = (f: (e: Elset) => number) => history.items.map(e => [Date.parse(e.epoch), f(e)] as [number, number]);
  const alt = (e: Elset) => semiMajor(e.meanMotionRevPerDay) - RE;
  const dv = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
  const marks = (man?.maneuvers ?? []).map(m => ({ t: Date.parse(m.estimatedTime), label: `manoeuvre ${isoShort(m.estimatedTime)}: Δv ${dv(m.deltaVMs)} m/s (R/T/N ${dv(m.deltaVRadialMs)}/${dv(m.deltaVAlongTrackMs)}/${dv(m.deltaVCrossTrackMs)}), score ${dv(m.score, 1)}, ${m.trigger}` }));
  panel.replaceChildren(...[
    h('h2', { 'data-testid': 'object-title' }, `${d.name ?? 'Unnamed'} (${d.noradId})`),
    h('dl', { class: 'kv' },
      h('dt', {}, 'Catalog number'), h('dd', {}, String(d.noradId)),
      h('dt', {}, 'Name'), h('dd', {}, d.name ?? '—'),
      h('dt', {}, 'International designator'), h('dd', {}, d.intlDesignator ?? '—'),
      h('dt', {}, 'Regime'), h('dd', {}, d.regime ?? '—'),
      h('dt', {}, 'Owner/country'), h('dd', { 'data-testid': 'object-owner' }, ownerOf(d.noradId)),
      h('dt', {}, 'Originator of the preferred source'), h('dd', {}, d.preferred?.originator ?? '—')),
    h('h3', {}, 'Current sources'),
    sortableTable('Sources', [
      { key: 'kind', label: 'Kind', value: s => s.kind },
      { key: 'source', label: 'Source', value: s => s.source },
      { key: 'epoch', label: 'Epoch / stop', value: s => s.epoch, render: s => isoShort(s.epoch) },
      { key: 'orig', label: 'Originator', value: s => s.originator },
      { key: 'mark', label: 'Marking', value: s => s.releasability },
    ], d.sources, () => {}, 'sources-table'),
    cur ? h('h3', {}, 'Current elements') : null,
    cur ? h('dl', { class: 'kv' },
      h('dt', {}, 'Epoch'), h('dd', {}, isoShort(cur.epoch)),
      h('dt', {}, 'Mean motion'), h('dd', {}, `${cur.meanMotionRevPerDay.toFixed(8)} rev/day`),
      h('dt', {}, 'Eccentricity'), h('dd', {}, cur.eccentricity.toFixed(7)),
      h('dt', {}, 'Inclination'), h('dd', {}, `${cur.inclinationDeg.toFixed(4)}°`),
      h('dt', {}, 'RAAN / arg. perigee / mean anomaly'), h('dd', {}, `${cur.raanDeg.toFixed(4)}° / ${cur.argPerigeeDeg.toFixed(4)}° / ${cur.meanAnomalyDeg.toFixed(4)}°`),
      h('dt', {}, 'B*'), h('dd', {}, cur.bstar.toExponential(4)),
      h('dt', {}, 'Originator / marking'), h('dd', {}, `${cur.originator} / ${cur.releasability}`)) : null,
    ephs.items.length ? h('h3', {}, 'Ephemerides') : null,
    ephs.items.length ? h('ul', {}, ...ephs.items.map(e => h('li', {}, `${e.refFrame} ${isoShort(e.startTime)} → ${isoShort(e.stopTime)}, ${e.pointCount} points, ${e.originator}, ${e.releasability}`))) : null,
    h('h3', {}, `Element history (${history.total} element sets)`),
    timePlot('Mean altitude', 'km', [{ label: 'a − Re', color: '#4fc3f7', points: pts(alt), markers: true }], { marks }),
    timePlot('Apogee / perigee altitude', 'km', [
      { label: 'apogee', color: '#ffb74d', points: pts(e => semiMajor(e.meanMotionRevPerDay) * (1 + e.eccentricity) - RE), markers: true },
      { label: 'perigee', color: '#81c784', points: pts(e => semiMajor(e.meanMotionRevPerDay) * (1 - e.eccentricity) - RE), markers: true }], { marks }),
    timePlot('Inclination', 'deg', [{ label: 'i', color: '#ce93d8', points: pts(e => e.inclinationDeg), markers: true }], { marks }),
    h('h3', {}, `Detected manoeuvres (${man?.maneuvers.length ?? 0})`),
    man ? h('p', { class: 'hint', 'data-testid': 'maneuver-summary' }, `${man.comparisons} element-set comparisons over ${man.elementSets} sets you may see; ${man.method}.${man.warnings.length ? ` ${man.warnings.join('; ')}.` : ''}`)
      : h('p', { class: 'hint' }, 'Manoeuvre detection needs at least two element sets.'),
    man && man.maneuvers.length ? sortableTable('Detected manoeuvres', [
      { key: 't', label: 'Estimated (UTC)', value: m => m.estimatedTime, render: m => isoShort(m.estimatedTime) },
      { key: 'dv', label: 'Δv (m/s)', value: m => m.deltaVMs, render: m => dv(m.deltaVMs) },
      { key: 'rtn', label: 'R / T / N (m/s)', value: m => m.deltaVAlongTrackMs, render: m => `${dv(m.deltaVRadialMs)} / ${dv(m.deltaVAlongTrackMs)} / ${dv(m.deltaVCrossTrackMs)}` },
      { key: 'da', label: 'Δa (km)', value: m => m.deltaSemiMajorAxisKm, render: m => dv(m.deltaSemiMajorAxisKm, 3) },
      { key: 'score', label: 'Score', value: m => m.score, render: m => dv(m.score, 1) },
      { key: 'trigger', label: 'Trigger', value: m => m.trigger },
      { key: 'mark', label: 'Marking', value: m => m.markings.join('; ') },
    ], man.maneuvers, () => {}, 'maneuvers-table') : null].filter((x): x is NonNullable<typeof x> => x !== null));
}

/** The owner/country code of an object from the catalog index (bundled owner table), or an em dash. */
function ownerOf(n: number): string {
  const g = globe;
  if (!g) return '—';
  const i = g.catalog.noradId.indexOf(n);
  return i < 0 ? '—' : g.catalog.owners[g.catalog.owner[i]] ?? '—';
}

async function catalogName(n: number): Promise<string> {
  const g = globe;
  if (g) { const i = g.catalog.noradId.indexOf(n); if (i >= 0) return g.catalog.name[i] ?? String(n); }
  return String(n);
}

function elsetAgeDays(c: Conjunction): number | null {
  const g = globe;
  if (!g) return null;
  const tca = Date.parse(c.tca) / 1000;
  let worst: number | null = null;
  for (const n of [c.primaryNoradId, c.secondaryNoradId]) {
    const i = g.catalog.noradId.indexOf(n);
    if (i < 0 || g.catalog.kind[i] !== 'elset') continue;
    const age = (tca - g.catalog.epochUnixS[i]) / 86400;
    worst = worst === null ? age : Math.max(worst, age);
  }
  return worst;
}

/** Where a stored Pc comes from, without the geometry: screening uses the default covariance model (type, age). */
function pcLabel(c: Conjunction): string {
  return c.source === 'CDM' ? 'from the ingested CDM' : 'Pc2D with the default covariance model (type, age), indicative';
}

async function conjunctionsView(panel: HTMLElement): Promise<void> {
  // The server filters (catalog number, largest miss, smallest Pc) and pages, so that a whole day's screening (tens of
  // thousands of conjunctions) stays usable; a name typed in the object filter narrows the fetched page here.
  const filter = h('input', { id: 'conj-filter', type: 'search', 'aria-label': 'Filter by object name or number', placeholder: 'object name or number' }) as HTMLInputElement;
  const maxMiss = h('input', { id: 'conj-maxmiss', type: 'number', min: 0, step: 'any', 'aria-label': 'Largest miss (km)', placeholder: 'max miss km' }) as HTMLInputElement;
  const minPc = h('input', { id: 'conj-minpc', type: 'number', min: 0, step: 'any', 'aria-label': 'Smallest Pc', placeholder: 'min Pc' }) as HTMLInputElement;
  const holder = h('div');
  const names = new Map<number, string>();
  let page: Page<Conjunction> = { total: 0, offset: 0, limit: 0, items: [] };
  let query: string | null = null;
  const load = async () => {
    const f = filter.value.trim();
    const q = new URLSearchParams({ limit: '1000' });
    if (/^\d+$/.test(f)) q.set('noradId', f);
    if (maxMiss.value && Number.isFinite(Number(maxMiss.value))) q.set('maxMissKm', maxMiss.value);
    if (minPc.value && Number.isFinite(Number(minPc.value))) q.set('minPc', minPc.value);
    const qs = q.toString();
    if (qs === query) return;
    query = qs;
    const p = await api.getJson<Page<Conjunction>>(`/conjunctions?${qs}`);
    if (qs !== query) return; // a newer query is on its way
    for (const c of p.items) for (const n of [c.primaryNoradId, c.secondaryNoradId]) if (!names.has(n)) names.set(n, await catalogName(n));
    page = p;
    document.body.dataset.conjQuery = qs;
  };
  const draw = () => {
    const f = filter.value.trim().toUpperCase();
    const byName = f && !/^\d+$/.test(f);
    const rows = page.items.filter(c => !byName || [c.primaryNoradId, c.secondaryNoradId].some(n => String(n).includes(f) || (names.get(n) ?? '').toUpperCase().includes(f)));
    marking.declare('panel', rows.map(c => c.releasability));
    holder.replaceChildren(h('p', { 'data-testid': 'conj-count' }, `${rows.length} shown of ${page.total} conjunctions matching`), sortableTable('Conjunctions', [
      { key: 'tca', label: 'TCA (UTC)', value: c => c.tca, render: c => isoShort(c.tca) },
      { key: 'miss', label: 'Miss (km)', value: c => c.missKm, render: c => c.missKm.toFixed(3) },
      { key: 'pc', label: 'Pc', value: c => c.pc, render: c => (c.pc === null ? '—' : `${c.pc.toExponential(2)}${c.source === 'CDM' ? '' : ' (default cov.)'}`) },
      { key: 'speed', label: 'Rel. speed (km/s)', value: c => c.relativeSpeedKmS, render: c => (c.relativeSpeedKmS === null ? '—' : c.relativeSpeedKmS.toFixed(3)) },
      { key: 'primary', label: 'Primary', value: c => c.primaryNoradId, render: c => `${c.primaryNoradId} ${names.get(c.primaryNoradId)}` },
      { key: 'secondary', label: 'Secondary', value: c => c.secondaryNoradId, render: c => `${c.secondaryNoradId} ${names.get(c.secondaryNoradId)}` },
      { key: 'age', label: 'Elset age (d)', value: c => elsetAgeDays(c), render: c => { const a = elsetAgeDays(c); return a === null ? 'ephemeris' : a.toFixed(1); } },
      { key: 'marking', label: 'Marking', value: c => c.releasability },
    ], rows, c => { location.hash = `#/conjunction/${c.id}`; }, 'conjunctions-table'));
  };
  let timer: number | undefined;
  const refresh = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => { void load().then(draw).catch(e => holder.replaceChildren(h('p', { role: 'alert' }, (e as Error).message))); }, 250);
  };
  for (const i of [filter, maxMiss, minPc]) i.addEventListener('input', refresh);
  await load();
  panel.replaceChildren(h('h2', {}, 'Conjunctions'), h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' }, filter, maxMiss, minPc), holder,
    h('p', { class: 'hint', 'data-testid': 'pc-note' }, 'Pc of screening runs: Pc2D with the default covariance model (type, age), indicative; stored conjunctions carry no covariance. Pc of ingested CDMs: as their provider computed it. A catalog number, largest miss or smallest Pc is filtered by the server (up to 1,000 shown, soonest TCA first).'));
  draw();
}

async function conjunctionView(panel: HTMLElement, id: number): Promise<void> {
  const c = await api.getJson<Conjunction>(`/conjunctions/${id}`);
  let g: Geometry | null = null;
  try { g = await api.getJson<Geometry>(`/conjunctions/${id}/geometry`); } catch { g = null; }
  const hist = await api.getJson<Page<Conjunction>>(`/conjunctions?noradId=${c.primaryNoradId}&limit=1000`);
  const same = hist.items.filter(x => (x.primaryNoradId === c.primaryNoradId && x.secondaryNoradId === c.secondaryNoradId) || (x.primaryNoradId === c.secondaryNoradId && x.secondaryNoradId === c.primaryNoradId));
  marking.declare('panel', [c.releasability, ...same.map(x => x.releasability)]);
  const [pn, sn] = [await catalogName(c.primaryNoradId), await catalogName(c.secondaryNoradId)];
  if (globe) {
    const G = globe, C = Cesium;
    G.playing = false;
    G.time = Date.parse(c.tca);
    const tcaMs = Date.parse(c.tca);
    // The encounter on the globe: the two objects at TCA (from the geometry's states, rotated to Earth-fixed by the points' own frame).
    setTimeout(() => {
      const a = G.positionOf(c.primaryNoradId), b = G.positionOf(c.secondaryNoradId);
      if (a && b && Math.abs(G.time - tcaMs) < 1000) {
        G.drawExtras([
          { position: new C.Cartesian3(a[0] * 1000, a[1] * 1000, a[2] * 1000), point: { pixelSize: 12, color: C.Color.RED }, label: { text: pn, font: '12px sans-serif', pixelOffset: new C.Cartesian2(10, -10) } },
          { position: new C.Cartesian3(b[0] * 1000, b[1] * 1000, b[2] * 1000), point: { pixelSize: 12, color: C.Color.CYAN }, label: { text: sn, font: '12px sans-serif', pixelOffset: new C.Cartesian2(10, 10) } },
        ]);
        const geo = C.Cartographic.fromCartesian(new C.Cartesian3(a[0] * 1000, a[1] * 1000, a[2] * 1000));
        G.flyTo(C.Math.toDegrees(geo.longitude), C.Math.toDegrees(geo.latitude), geo.height + 3_000_000);
      }
    }, 300);
  }
  const cdm = h('button', { type: 'button', id: 'cdm-download', onclick: async () => download(`conjunction-${id}.cdm`, await api.getText(`/conjunctions/${id}/cdm`)) }, 'Download CDM');
  panel.replaceChildren(...[
    h('h2', { 'data-testid': 'conj-title' }, `Conjunction ${c.id}: ${pn} × ${sn}`),
    h('dl', { class: 'kv' },
      h('dt', {}, 'TCA'), h('dd', {}, isoShort(c.tca)),
      h('dt', {}, 'Miss'), h('dd', { 'data-testid': 'conj-miss' }, `${c.missKm.toFixed(3)} km`),
      h('dt', {}, 'Pc'), h('dd', { 'data-testid': 'conj-pc' }, c.pc === null ? 'not computed' : `${c.pc.toExponential(3)} (${g ? g.pcSource : pcLabel(c)})`),
      h('dt', {}, 'Relative speed'), h('dd', {}, c.relativeSpeedKmS === null ? '—' : `${c.relativeSpeedKmS.toFixed(3)} km/s`),
      h('dt', {}, 'Objects'), h('dd', {}, h('a', { href: `#/object/${c.primaryNoradId}` }, `${c.primaryNoradId} ${pn}`), ' × ', h('a', { href: `#/object/${c.secondaryNoradId}` }, `${c.secondaryNoradId} ${sn}`)),
      h('dt', {}, 'Originator / marking'), h('dd', {}, `${c.originator} / ${c.releasability}`)),
    cdm,
    g ? h('h3', {}, 'Encounter geometry') : h('p', {}, 'No states at TCA are available for the geometry.'),
    g ? encounterPlot(g.missEncounterPlaneKm, g.ellipseSemiAxesKm, g.ellipseAngleDeg, 'Encounter plane: miss and combined covariance (1σ, 3σ)') : null,
    g ? h('table', { class: 'grid-table', 'data-testid': 'rtn-table' }, h('caption', {}, 'Miss in the primary\'s RTN frame'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'R'), h('th', { scope: 'col' }, 'T'), h('th', { scope: 'col' }, 'N'))),
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, 'position (km)'), ...g.missRtnKm.map(v => h('td', {}, v.toFixed(4)))),
        h('tr', {}, h('th', { scope: 'row' }, 'velocity (km/s)'), ...g.relativeVelocityRtnKmS.map(v => h('td', {}, v.toFixed(4)))))) : null,
    g ? h('p', { class: 'hint' }, `Covariance: ${g.covarianceSource}. Ellipse 1σ semi-axes ${fmt(g.ellipseSemiAxesKm[0])} × ${fmt(g.ellipseSemiAxesKm[1])} km.`) : null,
    h('h3', {}, `History across screening runs (${same.length})`),
    timePlot('Miss distance by screening', 'km', [{ label: 'miss', color: '#4fc3f7', points: same.map(x => [Date.parse(x.createdAt), x.missKm]), markers: true }]),
    timePlot('Pc by screening', 'log10 Pc', [{ label: 'Pc', color: '#ffb74d', points: same.filter(x => x.pc !== null).map(x => [Date.parse(x.createdAt), x.pc!]), markers: true }], { logY: true })].filter((x): x is NonNullable<typeof x> => x !== null));
}

// ----------------------------------------------------------------- watch list and alerts

function startStream(): void {
  stopStream?.();
  stopStream = api.stream('alert,conjunction', (type, data) => {
    if (type === 'alert') {
      const a = data as Alert;
      if (alerts.some(x => x.id === a.id)) return;
      alerts.unshift({ ...a, receivedAt: Date.now() });
      renderFeed();
      const n = document.getElementById('alert-count');
      if (n) n.textContent = String(alerts.length);
    }
  }, s => { document.body.dataset.stream = s; });
}

function renderFeed(): void {
  const feed = document.getElementById('alert-feed');
  if (!feed) return;
  feed.replaceChildren(...alerts.map(a => h('li', { 'data-alert-id': a.id },
    h('time', { datetime: a.createdAt }, isoShort(a.createdAt)), ' ', h('a', { href: `#/conjunction/${a.conjunctionId}` }, a.message))));
}

async function watchView(panel: HTMLElement): Promise<void> {
  const lists = await api.getJson<WatchList[]>('/watch-lists');
  const existing = await api.getJson<Page<Alert>>('/alerts?limit=100');
  for (const a of existing.items) if (!alerts.some(x => x.id === a.id)) alerts.push({ ...a, receivedAt: NaN });
  alerts.sort((a, b) => b.id - a.id);
  const name = h('input', { id: 'wl-name', required: true, 'aria-label': 'Watch list name', placeholder: 'name' }) as HTMLInputElement;
  const ids = h('input', { id: 'wl-ids', required: true, 'aria-label': 'Catalog numbers, comma-separated', placeholder: '25544, 99990' }) as HTMLInputElement;
  const form = h('form', { id: 'wl-form', onsubmit: async (e: Event) => {
    e.preventDefault();
    await api.sendJson('POST', '/watch-lists', { name: name.value.trim(), noradIds: ids.value.split(/[\s,]+/).filter(Boolean).map(Number) });
    await watchView(panel);
  } }, name, ids, h('button', { type: 'submit' }, 'Add watch list'));
  panel.replaceChildren(h('h2', {}, 'Watch lists (protected assets)'),
    h('ul', { id: 'watch-lists' }, ...lists.map(l => h('li', { 'data-list-id': l.id }, `${l.name}: ${l.noradIds.join(', ')} `,
      h('button', { type: 'button', 'aria-label': `Delete watch list ${l.name}`, onclick: async () => { await api.del(`/watch-lists/${l.id}`); await watchView(panel); } }, 'Delete')))),
    form,
    h('h2', {}, 'Live alerts ', h('span', { class: 'badge', id: 'alert-count' }, String(alerts.length))),
    h('p', { class: 'hint' }, `Stream: ${document.body.dataset.stream ?? 'connecting'} (new high-Pc conjunctions and proximity events for your watch lists).`),
    h('ol', { id: 'alert-feed', 'aria-live': 'polite', reversed: true }));
  renderFeed();
}

// ----------------------------------------------------------------- overflight planner

function overflightView(panel: HTMLElement): void {
  const G = globe!, C = Cesium;
  const ref = G.referenceTime;
  let area: { type: 'circle'; centerLatDeg: number; centerLonDeg: number; radiusKm: number } | { type: 'polygon'; coordinates: number[][] } | null = null;
  let polygon: number[][] = [];
  let mode: 'circle' | 'polygon' = 'circle';
  const lat = h('input', { id: 'ov-lat', type: 'number', step: 'any', value: '48.8', 'aria-label': 'Circle centre latitude (deg)' }) as HTMLInputElement;
  const lon = h('input', { id: 'ov-lon', type: 'number', step: 'any', value: '2.3', 'aria-label': 'Circle centre longitude (deg)' }) as HTMLInputElement;
  const rad = h('input', { id: 'ov-radius', type: 'number', step: 'any', value: '500', 'aria-label': 'Circle radius (km)' }) as HTMLInputElement;
  const areaOut = h('output', { id: 'ov-area', 'data-testid': 'ov-area' }, 'no area');
  const drawArea = () => {
    const ents: import('cesium').Entity.ConstructorOptions[] = [];
    if (area?.type === 'circle') ents.push({ position: C.Cartesian3.fromDegrees(area.centerLonDeg, area.centerLatDeg), ellipse: { semiMajorAxis: area.radiusKm * 1000, semiMinorAxis: area.radiusKm * 1000, material: C.Color.RED.withAlpha(0.3), outline: true, outlineColor: C.Color.RED, height: 0 } });
    const ring = area?.type === 'polygon' ? area.coordinates : polygon;
    if (ring.length >= 3) ents.push({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(ring.flat()), material: C.Color.RED.withAlpha(0.3), outline: true, outlineColor: C.Color.RED, height: 0 } });
    for (const p of ring) ents.push({ position: C.Cartesian3.fromDegrees(p[0], p[1]), point: { pixelSize: 7, color: C.Color.RED } });
    G.drawExtras(ents);
    areaOut.textContent = area ? JSON.stringify(area) : polygon.length ? `polygon: ${polygon.length} vertices (finish to use)` : 'no area';
  };
  const useCircle = () => { area = { type: 'circle', centerLatDeg: Number(lat.value), centerLonDeg: Number(lon.value), radiusKm: Number(rad.value) }; drawArea(); };
  G.clickHandler = p => {
    const ll = G.lonLatAt(p);
    if (!ll) return false;
    if (mode === 'circle') { lon.value = ll[0].toFixed(4); lat.value = ll[1].toFixed(4); useCircle(); }
    else { polygon.push([+ll[0].toFixed(4), +ll[1].toFixed(4)]); area = null; drawArea(); }
    return true;
  };
  const modeSel = h('select', { id: 'ov-mode', 'aria-label': 'Area shape' }, h('option', { value: 'circle' }, 'Circle (click the centre)'), h('option', { value: 'polygon' }, 'Polygon (click the vertices)')) as HTMLSelectElement;
  modeSel.addEventListener('change', () => { mode = modeSel.value as 'circle' | 'polygon'; polygon = []; area = null; drawArea(); });
  const finish = h('button', { type: 'button', id: 'ov-finish', onclick: () => { if (polygon.length >= 3) { area = { type: 'polygon', coordinates: [...polygon] }; polygon = []; drawArea(); } } }, 'Finish polygon');
  const by = h('select', { id: 'ov-by', 'aria-label': 'Choose satellites by' }, ...Object.entries({
    list: 'By list (catalog numbers)', tag: 'By type tag (imaging, sar, …)', owner: 'By owner/country (SATCAT codes: PRC, CIS, …)', pattern: 'By name pattern (* and ?)', originator: 'By originator of the data', regime: 'By regime',
  }).map(([v, l]) => h('option', { value: v }, l))) as HTMLSelectElement;
  const sel = h('input', { id: 'ov-select', value: '25544, 20580', 'aria-label': 'Selection value' }) as HTMLInputElement;
  const tagList = h('datalist', { id: 'ov-tags' });
  sel.setAttribute('list', 'ov-tags');
  void api.getJson<{ tags: string[] }>('/overflights/tags').then(t => tagList.replaceChildren(...t.tags.map(x => h('option', { value: x })))).catch(() => {});
  by.addEventListener('change', () => { sel.value = { list: '25544, 20580', tag: 'imaging', owner: 'PRC', pattern: 'SENTINEL*', originator: '', regime: 'LEO' }[by.value] ?? ''; });
  const minEl = h('input', { id: 'ov-minel', type: 'number', step: 'any', min: 0, max: 89, value: '0', size: 4, 'aria-label': 'Minimum elevation (deg)' }) as HTMLInputElement;
  const eta = h('input', { id: 'ov-eta', type: 'number', step: 'any', min: 1, max: 90, value: '30', size: 4, 'aria-label': 'Sensor half-angle from nadir (deg; 90 = no limit)' }) as HTMLInputElement;
  const sensor = h('select', { id: 'ov-sensor', 'aria-label': 'Sensor' }, h('option', { value: 'any' }, 'Any sensor (all passes count)'), h('option', { value: 'optical' }, 'Optical (only sunlit passes count)')) as HTMLSelectElement;
  const from = h('input', { id: 'ov-from', value: iso(ref), 'aria-label': 'Window start (UTC, ISO-8601)' }) as HTMLInputElement;
  const to = h('input', { id: 'ov-to', value: iso(ref + 86400e3), 'aria-label': 'Window end (UTC, ISO-8601)' }) as HTMLInputElement;
  const out = h('div', { id: 'ov-result' });
  let last: Overflights | null = null;
  const run = async () => {
    if (!area) useCircle();
    const v = sel.value.trim();
    const body: Record<string, unknown> = { area, from: from.value, to: to.value, minElevationDeg: Number(minEl.value), halfAngleDeg: Number(eta.value), sensor: sensor.value };
    if (by.value === 'list') body.noradIds = v.split(/[\s,]+/).filter(Boolean).map(Number);
    else if (by.value === 'tag') body.tag = v;
    else if (by.value === 'owner') body.owner = v;
    else if (by.value === 'pattern') body.namePattern = v;
    else if (by.value === 'originator') body.originator = v;
    else body.regime = v;
    out.replaceChildren(h('p', {}, 'Computing…'));
    try { last = await api.sendJson<Overflights>('POST', '/overflights', body); }
    catch (e) { out.replaceChildren(h('p', { role: 'alert' }, (e as Error).message)); return; }
    const r = last;
    marking.declare('panel', r.markings);
    const t0 = Date.parse(r.from), t1 = Date.parse(r.to);
    const rows = new Map<number, GanttRow>();
    for (const p of r.passes) {
      if (!rows.has(p.noradId)) rows.set(p.noradId, { label: `${p.noradId} ${p.name ?? ''}`.slice(0, 22), bars: [] });
      rows.get(p.noradId)!.bars.push({ start: Date.parse(p.start), end: Date.parse(p.end), best: Date.parse(p.best), dim: !p.usable,
        title: `${p.name ?? p.noradId}: ${isoShort(p.start)} – ${isoShort(p.end)}; best ${isoShort(p.best)} at ${p.elevationDeg.toFixed(1)}° elevation, ${p.rangeKm.toFixed(0)} km, ${p.offNadirDeg.toFixed(1)}° off nadir; area ${p.sunlit ? 'sunlit' : 'dark'}` });
    }
    const sensorText = `min elevation ${r.minElevationDeg}°, ${r.halfAngleDeg === null ? 'no sensor limit' : `sensor half-angle ${r.halfAngleDeg}°`}, ${r.sensor === 'optical' ? 'optical (only sunlit passes count)' : 'any sensor'}`;
    out.replaceChildren(...[
      h('h3', { class: 'print-only' }, `Overflights of ${r.area}, ${isoShort(r.from)} – ${isoShort(r.to)}`),
      h('p', { 'data-testid': 'ov-summary' }, `${r.passes.length} passes of ${r.satellites} satellites over ${r.area}; ${r.darkWindows.length} dark windows; ${sensorText}.`),
      h('p', { class: 'hint' }, `${r.method}. Markings of the data: ${r.markings.join('; ')}.`),
      r.notComputed.length ? h('p', { class: 'hint', 'data-testid': 'ov-skipped' }, `Not computed: ${r.notComputed.map(x => `${x.noradId} ${x.name ?? ''} (${x.reason})`).join('; ')}.`) : null,
      gantt([...rows.values()], t0, t1, r.darkWindows.map(d => ({ start: Date.parse(d.start), end: Date.parse(d.end) })),
        r.sensor === 'optical' ? 'Passes (tick: best view; pale: area unlit) and dark windows (shaded)' : 'Passes (tick: best view) and dark windows (shaded)'),
      h('div', { class: 'row-buttons' },
        h('button', { type: 'button', id: 'ov-csv', onclick: () => download('overflights.csv', csv(r), 'text/csv') }, 'Export CSV'),
        h('button', { type: 'button', id: 'ov-print', onclick: () => window.print() }, 'Printable page')),
      h('h3', {}, 'Passes'),
      sortableTable('Passes', [
        { key: 'start', label: 'Entry (UTC)', value: p => p.start, render: p => isoShort(p.start) },
        { key: 'end', label: 'Exit (UTC)', value: p => p.end, render: p => isoShort(p.end) },
        { key: 'dur', label: 'Duration (s)', value: p => p.durationS, render: p => p.durationS.toFixed(0) },
        { key: 'sat', label: 'Satellite', value: p => p.noradId, render: p => `${p.noradId} ${p.name ?? ''}` },
        { key: 'best', label: 'Best view (UTC)', value: p => p.best, render: p => isoShort(p.best) },
        { key: 'el', label: 'Elevation (°)', value: p => p.elevationDeg, render: p => p.elevationDeg.toFixed(1) },
        { key: 'range', label: 'Range (km)', value: p => p.rangeKm, render: p => p.rangeKm.toFixed(0) },
        { key: 'offnadir', label: 'Off-nadir (°)', value: p => p.offNadirDeg, render: p => p.offNadirDeg.toFixed(1) },
        { key: 'sunlit', label: 'Area sunlit', value: p => (p.sunlit ? 1 : 0), render: p => `${p.sunlit ? 'yes' : 'no'} (Sun ${p.sunElevationDeg.toFixed(0)}°)` },
        { key: 'tag', label: 'Tag', value: p => p.tag },
        { key: 'mark', label: 'Marking', value: p => p.releasability },
      ], r.passes, () => {}, 'passes-table'),
      h('h3', {}, r.sensor === 'optical' ? 'Dark windows (no chosen satellite sees the sunlit area)' : 'Dark windows (no chosen satellite sees the area)'),
      sortableTable('Dark windows', [
        { key: 'start', label: 'Start (UTC)', value: d => d.start, render: d => isoShort(d.start) },
        { key: 'end', label: 'End (UTC)', value: d => d.end, render: d => isoShort(d.end) },
        { key: 'dur', label: 'Duration (min)', value: d => d.durationS, render: d => (d.durationS / 60).toFixed(1) },
      ], r.darkWindows, () => {}, 'dark-table')].filter((x): x is NonNullable<typeof x> => x !== null));
    document.body.dataset.overflightReady = String(Date.now());
  };
  panel.replaceChildren(h('h2', {}, 'Overflight planner'),
    h('fieldset', {}, h('legend', {}, 'Area of operations'), modeSel, ' ', finish,
      h('div', { class: 'inline' }, h('label', { for: 'ov-lat' }, 'Lat'), lat, h('label', { for: 'ov-lon' }, 'Lon'), lon, h('label', { for: 'ov-radius' }, 'Radius km'), rad,
        h('button', { type: 'button', id: 'ov-use-circle', onclick: useCircle }, 'Use circle')),
      h('p', {}, 'Area: ', areaOut)),
    h('fieldset', {}, h('legend', {}, 'Satellites and window'), by, sel, tagList, h('label', { for: 'ov-from' }, 'From'), from, h('label', { for: 'ov-to' }, 'To'), to),
    h('fieldset', {}, h('legend', {}, 'Sensor'), h('label', { for: 'ov-minel' }, 'Min elevation °'), minEl, h('label', { for: 'ov-eta' }, 'Half-angle °'), eta, sensor),
    h('button', { type: 'button', id: 'ov-run', onclick: () => void run() }, 'Plan passes'), out);
  G.flyTo(Number(lon.value), Number(lat.value), 9_000_000);
  (w.opensda as Record<string, unknown>).overflight = () => ({ area, last });
}

function csv(r: Overflights): string {
  const q = (s: string | null) => `"${(s ?? '').replace(/"/g, '""')}"`;
  const lines = ['kind,norad_id,name,tag,start_utc,best_utc,end_utc,duration_s,elevation_deg,range_km,off_nadir_deg,area_sunlit,sun_elevation_deg,usable,releasability'];
  for (const p of r.passes) lines.push(['pass', p.noradId, q(p.name), q(p.tag), p.start, p.best, p.end, p.durationS.toFixed(0), p.elevationDeg.toFixed(3), p.rangeKm.toFixed(3),
    p.offNadirDeg.toFixed(3), p.sunlit, p.sunElevationDeg.toFixed(3), p.usable, q(p.releasability)].join(','));
  for (const d of r.darkWindows) lines.push(['dark', '', '', '', d.start, '', d.end, d.durationS.toFixed(0), '', '', '', '', '', '', ''].join(','));
  return lines.join('\n') + '\n';
}

// ----------------------------------------------------------------- start

if (api.auth.key) void signIn(api.auth.key); else showSignIn();
