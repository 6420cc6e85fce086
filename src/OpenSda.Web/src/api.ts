// The server API, called with the signed-in organisation's key. Every request goes to this page's origin.
export class ApiError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

let key: string | null = sessionStorage.getItem('opensda.key');

export const auth = {
  get key() { return key; },
  set(k: string | null) {
    key = k;
    if (k) sessionStorage.setItem('opensda.key', k); else sessionStorage.removeItem('opensda.key');
  },
};

export const stats = { bytes: 0, requests: 0 };

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  const r = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  stats.requests++;
  if (!r.ok) {
    let detail = r.statusText;
    try { const p = await r.json(); detail = p.detail ?? p.title ?? detail; } catch { /* not JSON */ }
    throw new ApiError(r.status, detail);
  }
  return r;
}

export async function getJson<T>(path: string): Promise<T> {
  const r = await request(path);
  const text = await r.text();
  stats.bytes += text.length;
  return JSON.parse(text) as T;
}

export async function sendJson<T>(method: string, path: string, body: unknown): Promise<T> {
  const r = await request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function del(path: string): Promise<void> { await request(path, { method: 'DELETE' }); }

export async function getBinary(path: string): Promise<ArrayBuffer> {
  const r = await request(path);
  const b = await r.arrayBuffer();
  stats.bytes += b.byteLength;
  return b;
}

export async function getText(path: string): Promise<string> { return (await request(path)).text(); }

/** Server-Sent Events over fetch (EventSource cannot send the Authorization header). Returns a stop function. */
export function stream(types: string, onEvent: (type: string, data: unknown) => void, onState: (s: string) => void): () => void {
  const ctrl = new AbortController();
  (async () => {
    while (!ctrl.signal.aborted) {
      try {
        const r = await request(`/stream?types=${encodeURIComponent(types)}`, { signal: ctrl.signal, headers: { Accept: 'text/event-stream' } });
        onState('connected');
        const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            let ev = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) ev = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trim());
            }
            if (data.length) onEvent(ev, JSON.parse(data.join('\n')));
          }
        }
      } catch (e) {
        if (ctrl.signal.aborted) return;
        onState('reconnecting');
      }
      await new Promise(res => setTimeout(res, 1000));
    }
  })();
  return () => ctrl.abort();
}

export interface Me { organisation: string; groups: string[]; role: string; keyId: number }
export interface Org { id: number; name: string; groups: string[] }
export interface Page<T> { total: number; offset: number; limit: number; items: T[] }
export interface ObjectSummary { noradId: number; name: string | null; intlDesignator: string | null; regime: string | null }
export interface SourceRef { kind: string; id: number; source: string; originator: string; releasability: string; dataMode: string; epoch: string }
export interface ObjectDetail extends ObjectSummary { preferred: SourceRef | null; sources: SourceRef[] }
export interface Elset {
  id: number; noradId: number; name: string | null; epoch: string; meanMotionRevPerDay: number; eccentricity: number; inclinationDeg: number;
  raanDeg: number; argPerigeeDeg: number; meanAnomalyDeg: number; bstar: number; originator: string; releasability: string; source: string; dataMode: string;
}
export interface Ephemeris { id: number; noradId: number; objectName: string | null; refFrame: string; startTime: string; stopTime: string; pointCount: number; originator: string; releasability: string }
export interface Conjunction {
  id: number; primaryNoradId: number; secondaryNoradId: number; tca: string; missKm: number; pc: number | null; relativeSpeedKmS: number | null;
  source: string; screeningRunId: number | null; originator: string; releasability: string; dataMode: string; createdAt: string;
}
export interface CatalogIndex {
  referenceTime: string; count: number; originators: string[]; markings: string[]; noradId: number[]; name: (string | null)[];
  intlDesignator: (string | null)[]; regime: (string | null)[]; kind: string[]; originator: number[]; marking: number[]; epochUnixS: number[];
  owners: string[]; owner: number[];
}
export interface Track { noradId: number; from: string; stepS: number; releasability: string; originator: string; orbitItrfKm: number[][]; groundTrack: number[][] }
export interface EncounterObject { noradId: number; name: string | null; source: string; positionGcrfKm: number[]; velocityGcrfKmS: number[]; sigmaRtnKm: number[]; covarianceModel: string }
export interface Geometry {
  conjunctionId: number; tca: string; missKm: number; pc: number | null; relativeSpeedKmS: number; missRtnKm: number[]; relativeVelocityRtnKmS: number[];
  missEncounterPlaneKm: number[]; covarianceEncounterPlaneKm2: number[]; ellipseSemiAxesKm: number[]; ellipseAngleDeg: number; covarianceSource: string;
  primary: EncounterObject; secondary: EncounterObject; releasability: string; pcSource: string;
}
export interface WatchList { id: number; name: string; noradIds: number[]; createdAt: string }
export interface Alert { id: number; watchListId: number; conjunctionId: number; noradId: number; message: string; createdAt: string }
export interface Pass {
  noradId: number; name: string | null; tag: string | null; start: string; best: string; end: string; durationS: number;
  elevationDeg: number; rangeKm: number; offNadirDeg: number; sunlit: boolean; sunElevationDeg: number; usable: boolean;
  startClipped: boolean; endClipped: boolean; releasability: string;
}
export interface Window { start: string; end: string; durationS: number }
export interface Skipped { noradId: number; name: string | null; reason: string; releasability: string }
export interface Overflights {
  from: string; to: string; satellites: number; area: string; minElevationDeg: number; halfAngleDeg: number | null; sensor: string; sunlitSunElevationDeg: number;
  passes: Pass[]; darkWindows: Window[]; notComputed: Skipped[]; markings: string[]; propagations: number; method: string;
}
export interface Maneuver {
  estimatedTime: string; previousEpoch: string; epoch: string; deltaVMs: number | null; deltaVRadialMs: number | null; deltaVAlongTrackMs: number | null;
  deltaVCrossTrackMs: number | null; deltaSemiMajorAxisKm: number | null; deltaInclinationDeg: number | null; score: number | null; trigger: string;
  epochMissKm: number | null; periodMinutes: number | null; markings: string[];
}
export interface ManeuverReport { noradId: number; name: string | null; elementSets: number; comparisons: number; thresholdSigma: number; maneuvers: Maneuver[]; warnings: string[]; markings: string[]; method: string }
