// The globe: CesiumJS with the Natural Earth II imagery shipped in the package, the whole visible catalog
// as points. Positions are the server's propagation (ITRF, km) sampled every stepS seconds in binary chunks;
// the browser interpolates between samples (4-point Lagrange) and runs no propagator of its own.
import { getBinary, getJson, type CatalogIndex, type Track } from './api';
import * as marking from './marking';
import { PointCloud } from './pointcloud';

/**
 * How the catalog is drawn: one vertex buffer updated per frame (default), or Cesium's PointPrimitiveCollection;
 * 'none' draws no catalog (the globe alone: the floor of the frame time, for measurements).
 */
export type Renderer = 'buffer' | 'points' | 'none';

export const CHUNK_SAMPLES = 16;
export const STEP_S = 60;
const CHUNK_MS = (CHUNK_SAMPLES - 1) * STEP_S * 1000;

interface Chunk { t0: number; n: number; count: number; xyz: Float32Array; ids: Int32Array; bytes: number }

const REGIME_COLORS: Record<string, string> = { LEO: '#4fc3f7', MEO: '#ffb74d', GEO: '#e57373', HEO: '#ba68c8', OTHER: '#bdbdbd' };
const OWNER_PALETTE = ['#90caf9', '#ffcc80', '#f48fb1', '#a5d6a7', '#ce93d8', '#fff59d', '#80cbc4', '#ef9a9a'];

export const metrics = {
  signInAt: 0, firstRenderMs: NaN, updateMsTotal: 0, updates: 0, positionsChunkBytes: 0, firstChunkMs: NaN, catalogBytes: 0, frames: 0, hiddenBehindEarth: 0,
};

export class Globe {
  viewer!: import('cesium').Viewer;
  catalog!: CatalogIndex;
  private points!: import('cesium').PointPrimitiveCollection;
  private cloud: PointCloud | null = null;
  /** Interpolated positions at the current time, metres (ITRF); 0, 0, 0 where there is none. */
  private current = new Float32Array(0);
  private shownFlags = new Uint8Array(0);
  renderer: Renderer = new URLSearchParams(location.search).get('renderer') === 'points' ? 'points' : 'buffer';
  private chunks = new Map<number, Chunk | Promise<Chunk | null>>();
  private ref = 0;
  colorBy: 'regime' | 'owner' | 'originator' = 'regime';
  selected: number | null = null;
  onSelect: (norad: number | null) => void = () => {};
  onTick: (t: number) => void = () => {};
  private trackEntities: import('cesium').Entity[] = [];
  private extraEntities: import('cesium').Entity[] = [];
  private firstRenderPending = true;
  private scratch = new Cesium.Cartesian3();

  constructor(private container: HTMLElement) {}

  async init(): Promise<void> {
    const C = Cesium;
    const imagery = await C.TileMapServiceImageryProvider.fromUrl(C.buildModuleUrl('Assets/Textures/NaturalEarthII'));
    this.viewer = new C.Viewer(this.container, {
      baseLayer: new C.ImageryLayer(imagery, {}),
      baseLayerPicker: false, geocoder: false, homeButton: false, sceneModePicker: false, navigationHelpButton: false,
      animation: false, timeline: false, fullscreenButton: false, infoBox: false, selectionIndicator: false,
      skyBox: false, skyAtmosphere: false, shouldAnimate: false, requestRenderMode: false,
      contextOptions: { webgl: { preserveDrawingBuffer: true } },
    });
    this.viewer.scene.globe.enableLighting = false;
    this.viewer.scene.backgroundColor = C.Color.fromCssColorString('#05070d');
    this.viewer.scene.fog.enabled = false;
    this.viewer.scene.globe.showGroundAtmosphere = false;
    (this.viewer.cesiumWidget.creditContainer as HTMLElement).style.display = 'none';
    this.viewer.camera.setView({ destination: C.Cartesian3.fromDegrees(10, 30, 30_000_000) });
    this.points = this.viewer.scene.primitives.add(new C.PointPrimitiveCollection());
    this.viewer.scene.preUpdate.addEventListener(() => this.update());
    this.viewer.scene.postRender.addEventListener(() => {
      metrics.frames++;
      if (this.firstRenderPending && this.current.length > 0 && this.shownCount > 0) {
        this.firstRenderPending = false;
        metrics.firstRenderMs = performance.now() - metrics.signInAt;
        document.body.dataset.globeReady = 'true';
      }
    });
    const handler = new C.ScreenSpaceEventHandler(this.viewer.scene.canvas);
    handler.setInputAction((e: { position: import('cesium').Cartesian2 }) => {
      if (this.clickHandler?.(e.position)) return;
      let id: number | null = null;
      if (this.renderer === 'buffer' && this.cloud) {
        const i = this.cloud.pick(this.viewer.scene, e.position);
        if (i >= 0) id = this.catalog.noradId[i];
      } else {
        const picked = this.viewer.scene.pick(e.position);
        id = picked && typeof picked.id === 'number' ? picked.id : null;
      }
      if (id !== null) void this.select(id);
    }, C.ScreenSpaceEventType.LEFT_CLICK);
  }

  clickHandler: ((p: import('cesium').Cartesian2) => boolean) | null = null;

  /** The point on the ellipsoid under a screen position, as [lonDeg, latDeg], or null off the globe. */
  lonLatAt(p: import('cesium').Cartesian2): [number, number] | null {
    const c = this.viewer.camera.pickEllipsoid(p, this.viewer.scene.globe.ellipsoid);
    if (!c) return null;
    const g = Cesium.Cartographic.fromCartesian(c);
    return [Cesium.Math.toDegrees(g.longitude), Cesium.Math.toDegrees(g.latitude)];
  }

  async load(): Promise<void> {
    const C = Cesium;
    const t = performance.now();
    this.catalog = await getJson<CatalogIndex>('/web/catalog');
    metrics.catalogBytes = JSON.stringify(this.catalog).length;
    this.ref = Date.parse(this.catalog.referenceTime);
    this.current = new Float32Array(this.catalog.count * 3);
    this.shownFlags = new Uint8Array(this.catalog.count);
    this.setRenderer(this.renderer);
    marking.declare('globe', this.catalog.markings);
    const start = C.JulianDate.fromDate(new Date(this.ref));
    const clock = this.viewer.clock;
    clock.startTime = start.clone();
    clock.stopTime = C.JulianDate.addDays(start, 2, new C.JulianDate());
    clock.currentTime = start.clone();
    clock.clockRange = C.ClockRange.CLAMPED;
    clock.multiplier = 60;
    await this.chunkFor(this.ref);
    metrics.firstChunkMs = performance.now() - t;
    document.body.dataset.catalogCount = String(this.catalog.count);
  }

  /** Switches how the catalog is drawn (both are kept comparable: the browser test measures each). */
  setRenderer(r: Renderer): void {
    const C = Cesium;
    this.renderer = r;
    const n = this.catalog.count;
    if (r === 'buffer') {
      this.points.removeAll();
      if (!this.cloud || this.cloud.count !== n) {
        if (this.cloud) this.viewer.scene.primitives.remove(this.cloud);
        this.cloud = new PointCloud(n);
        this.viewer.scene.primitives.add(this.cloud);
      }
      this.cloud.show = true;
      this.restyle();
    } else if (r === 'none') {
      if (this.cloud) this.cloud.show = false;
      this.points.removeAll();
    } else {
      if (this.cloud) this.cloud.show = false;
      this.points.removeAll();
      for (let i = 0; i < n; i++) this.points.add({ id: this.catalog.noradId[i], position: C.Cartesian3.ZERO, pixelSize: 2, show: false, color: this.colorOf(i) });
      this.restyle();
    }
    document.body.dataset.renderer = r;
  }

  private restyle(): void {
    const C = Cesium;
    for (let i = 0; i < this.catalog.count; i++) {
      const sel = this.catalog.noradId[i] === this.selected;
      const color = sel ? C.Color.YELLOW : this.colorOf(i);
      if (this.renderer === 'buffer') { this.cloud!.setColor(i, color); this.cloud!.setSize(i, sel ? 9 : 2); }
      else if (this.renderer === 'points') { const p = this.points.get(i); p.color = color; p.pixelSize = sel ? 9 : 2; }
    }
  }

  get referenceTime(): number { return this.ref; }

  get time(): number { return Cesium.JulianDate.toDate(this.viewer.clock.currentTime).getTime(); }
  set time(ms: number) { this.viewer.clock.currentTime = Cesium.JulianDate.fromDate(new Date(ms)); }
  get playing(): boolean { return this.viewer.clock.shouldAnimate; }
  set playing(v: boolean) { this.viewer.clock.shouldAnimate = v; }
  get speed(): number { return this.viewer.clock.multiplier; }
  set speed(v: number) { this.viewer.clock.multiplier = v; }

  private chunkIndex(t: number): number { return Math.floor((t - this.ref) / CHUNK_MS); }

  private chunkFor(t: number): Promise<Chunk | null> | Chunk | null {
    const k = this.chunkIndex(t);
    const have = this.chunks.get(k);
    if (have) return have;
    const t0 = this.ref + k * CHUNK_MS;
    const p = getBinary(`/web/positions?from=${new Date(t0).toISOString()}&stepS=${STEP_S}&count=${CHUNK_SAMPLES}`)
      .then(buf => {
        const v = new DataView(buf);
        if (v.getUint32(0, true) !== 0x5044534f) throw new Error('not a position sample');
        const n = v.getUint32(8, true), count = v.getUint32(12, true);
        const c: Chunk = { t0: v.getFloat64(24, true), n, count, ids: new Int32Array(buf, 32, n), xyz: new Float32Array(buf, 32 + 4 * n, n * count * 3), bytes: buf.byteLength };
        metrics.positionsChunkBytes = buf.byteLength;
        this.chunks.set(k, c);
        if (this.chunks.size > 12) for (const key of [...this.chunks.keys()]) if (Math.abs(key - k) > 4) this.chunks.delete(key);
        return c;
      })
      .catch(() => { this.chunks.delete(k); return null; });
    this.chunks.set(k, p);
    return p;
  }

  private shownCount = 0;

  /** Interpolates every point to the clock's time (called before each frame). */
  private update(): void {
    if (!this.catalog) return;
    const started = performance.now();
    const t = this.time;
    const got = this.chunkFor(t);
    if (got instanceof Promise || got === null) { this.prefetch(t); return; }
    const c = got;
    this.prefetch(t);
    const u = (t - c.t0) / (STEP_S * 1000); // fractional sample index
    let k0 = Math.floor(u) - 1;
    k0 = Math.max(0, Math.min(c.count - 4, k0));
    const w = lagrange4(u - k0);
    const xyz = c.xyz, count = c.count, cur = this.current, flags = this.shownFlags;
    let shown = 0;
    for (let i = 0; i < c.n; i++) {
      const o = (i * count + k0) * 3, q = i * 3;
      const x = w[0] * xyz[o] + w[1] * xyz[o + 3] + w[2] * xyz[o + 6] + w[3] * xyz[o + 9];
      if (!Number.isFinite(x)) { cur[q] = cur[q + 1] = cur[q + 2] = 0; flags[i] = 0; continue; }
      cur[q] = x * 1000;
      cur[q + 1] = (w[0] * xyz[o + 1] + w[1] * xyz[o + 4] + w[2] * xyz[o + 7] + w[3] * xyz[o + 10]) * 1000;
      cur[q + 2] = (w[0] * xyz[o + 2] + w[1] * xyz[o + 5] + w[2] * xyz[o + 8] + w[3] * xyz[o + 11]) * 1000;
      flags[i] = 1;
      shown++;
    }
    if (this.renderer === 'buffer' && this.cloud) {
      // Points hidden behind the Earth (a sphere of the polar radius, so only surely hidden ones) go to the origin,
      // which the vertex shader moves outside the clip volume: the rasteriser never sees them.
      const out = this.cloud.positions, cam = this.viewer.camera.positionWC;
      const cx = cam.x, cy = cam.y, cz = cam.z, r2 = 6356752 * 6356752, cc = cx * cx + cy * cy + cz * cz;
      let hidden = 0;
      for (let i = 0; i < c.n; i++) {
        const q = i * 3, x = cur[q], y = cur[q + 1], z = cur[q + 2];
        const dx = x - cx, dy = y - cy, dz = z - cz, dd = dx * dx + dy * dy + dz * dz;
        const t = -(cx * dx + cy * dy + cz * dz) / dd; // closest approach of the sight line to the centre
        if (t > 0 && t < 1 && cc - t * t * dd < r2 && flags[i]) { out[q] = out[q + 1] = out[q + 2] = 0; hidden++; continue; }
        out[q] = x; out[q + 1] = y; out[q + 2] = z;
      }
      metrics.hiddenBehindEarth = hidden;
      this.cloud.positionsDirty = true;
    } else if (this.renderer === 'points') {
      const pts = this.points, s = this.scratch;
      for (let i = 0; i < c.n; i++) {
        const p = pts.get(i);
        if (!flags[i]) { if (p.show) p.show = false; continue; }
        s.x = cur[i * 3]; s.y = cur[i * 3 + 1]; s.z = cur[i * 3 + 2];
        p.position = s;
        if (!p.show) p.show = true;
      }
    }
    this.shownCount = shown;
    document.body.dataset.shown = String(shown);
    metrics.updateMsTotal += performance.now() - started;
    metrics.updates++;
    this.onTick(t);
  }

  private prefetch(t: number): void {
    const k = this.chunkIndex(t);
    if (!this.chunks.has(k + 1) && (t - (this.ref + k * CHUNK_MS)) > CHUNK_MS / 3) void this.chunkFor(this.ref + (k + 1) * CHUNK_MS);
  }

  /** ITRF position (km) of an object at the current time, from the current chunk. */
  positionOf(norad: number): [number, number, number] | null {
    const i = this.catalog.noradId.indexOf(norad);
    if (i < 0) return null;
    if (!this.shownFlags[i]) return null;
    return [this.current[i * 3] / 1000, this.current[i * 3 + 1] / 1000, this.current[i * 3 + 2] / 1000];
  }

  colorOf(i: number): import('cesium').Color {
    const C = Cesium;
    if (this.colorBy === 'owner') return C.Color.fromCssColorString(OWNER_PALETTE[this.catalog.owner[i] % OWNER_PALETTE.length]);
    if (this.colorBy === 'originator') return C.Color.fromCssColorString(OWNER_PALETTE[this.catalog.originator[i] % OWNER_PALETTE.length]);
    return C.Color.fromCssColorString(REGIME_COLORS[this.catalog.regime[i] ?? 'OTHER'] ?? REGIME_COLORS.OTHER);
  }

  legend(): [string, string][] {
    if (this.colorBy === 'owner') return this.catalog.owners.map((o, i) => [o, OWNER_PALETTE[i % OWNER_PALETTE.length]]);
    if (this.colorBy === 'originator') return this.catalog.originators.map((o, i) => [o, OWNER_PALETTE[i % OWNER_PALETTE.length]]);
    return Object.entries(REGIME_COLORS);
  }

  setColorBy(by: 'regime' | 'owner' | 'originator'): void {
    this.colorBy = by;
    this.restyle();
  }

  async select(norad: number | null): Promise<void> {
    const C = Cesium;
    for (const e of this.trackEntities) this.viewer.entities.remove(e);
    this.trackEntities = [];
    const prev = this.selected;
    this.selected = norad;
    for (const n of [prev, norad]) {
      const i = n === null ? -1 : this.catalog.noradId.indexOf(n);
      if (i < 0) continue;
      const sel = n === norad, color = sel ? C.Color.YELLOW : this.colorOf(i);
      if (this.renderer === 'buffer') { this.cloud!.setColor(i, color); this.cloud!.setSize(i, sel ? 9 : 2); }
      else if (this.renderer === 'points') { const p = this.points.get(i); p.pixelSize = sel ? 9 : 2; p.color = color; }
    }
    document.body.dataset.selected = norad === null ? '' : String(norad);
    this.onSelect(norad);
    marking.clear('track');
    if (norad === null) return;
    const track = await getJson<Track>(`/web/objects/${norad}/track?from=${new Date(this.time).toISOString()}&minutes=100&stepS=60`);
    if (this.selected !== norad) return;
    marking.declare('track', [track.releasability]);
    if (track.orbitItrfKm.length > 1) {
      this.trackEntities.push(this.viewer.entities.add({
        polyline: { positions: track.orbitItrfKm.map(p => new C.Cartesian3(p[1] * 1000, p[2] * 1000, p[3] * 1000)), width: 1.5, material: C.Color.YELLOW.withAlpha(0.8), arcType: C.ArcType.NONE },
      }));
      this.trackEntities.push(this.viewer.entities.add({
        polyline: { positions: track.groundTrack.map(g => C.Cartesian3.fromDegrees(g[2], g[1], 0)), width: 1.5, material: C.Color.ORANGE.withAlpha(0.9), clampToGround: false },
      }));
    }
    document.body.dataset.trackPoints = String(track.orbitItrfKm.length);
  }

  /** Draws extra shapes (encounter, area of operations) replacing the previous ones. */
  drawExtras(entities: import('cesium').Entity.ConstructorOptions[]): void {
    for (const e of this.extraEntities) this.viewer.entities.remove(e);
    this.extraEntities = entities.map(o => this.viewer.entities.add(o));
  }

  flyTo(lonDeg: number, latDeg: number, heightM: number): void {
    this.viewer.camera.flyTo({ destination: Cesium.Cartesian3.fromDegrees(lonDeg, latDeg, heightM), duration: 0.8 });
  }

  /** Frames per second over the next ms milliseconds (requestAnimationFrame with Cesium rendering each frame). */
  measureFps(ms: number): Promise<number> {
    const start = metrics.frames, t0 = performance.now();
    return new Promise(res => setTimeout(() => res(((metrics.frames - start) * 1000) / (performance.now() - t0)), ms));
  }
}

/** Lagrange weights for nodes 0, 1, 2, 3 at fractional position x. */
function lagrange4(x: number): [number, number, number, number] {
  const a = x, b = x - 1, c = x - 2, d = x - 3;
  return [(b * c * d) / -6, (a * c * d) / 2, (a * b * d) / -2, (a * b * c) / 6];
}
