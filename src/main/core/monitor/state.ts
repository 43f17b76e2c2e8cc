// Building one EndpointStatus from adapter answers: bounded sizes (a hostile server cannot grow our
// memory), merged model lists, and the "significant" projection that decides whether a probe changed
// anything a user would see (latency jitter and timestamps do not count).
import { endpointStatusSchema, modelStatusSchema, type EndpointStatus, type HostMemory, type ModelStatus } from '../../../shared/status';

export const LIMITS = {
  /** Models kept per endpoint (a server listing 100 000 models keeps the first ones). */
  models: 512,
  /** Latency samples kept per endpoint. */
  latencyWindow: 30,
  /** Characters of any server-provided string (ids, versions, errors). */
  text: 300,
  idText: 256,
  /** Per-endpoint cache of trained context lengths. */
  contextCache: 128,
} as const;

export function clip(s: string | undefined, max: number = LIMITS.text): string | undefined {
  if (s === undefined) return undefined;
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A positive safe integer or undefined: `1e308` from one server must not fail the status contract of all. */
export function finitePos(n: unknown): number | undefined {
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  const r = Math.round(n);
  return Number.isSafeInteger(r) && r > 0 ? r : undefined;
}

function finiteNonNeg(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER ? n : undefined;
}

/**
 * The last gate before a status is published: models that still break the contract (a bug in an
 * adapter, a value no reader anticipated) are dropped and named, so they become this endpoint's
 * error instead of a failed /api/status for every endpoint.
 */
export function contractSafe(s: EndpointStatus): EndpointStatus {
  if (endpointStatusSchema.safeParse(s).success) return s;
  const bad: string[] = [];
  const models = s.models.filter((m) => {
    const ok = modelStatusSchema.safeParse(m).success;
    if (!ok) bad.push(m.id);
    return ok;
  });
  const note = bad.length ? `the server reported values Warmclaw cannot use for ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}; they are left out` : undefined;
  const fixed = { ...s, models, lastError: clip([s.lastError, note].filter(Boolean).join('; ')) || undefined };
  if (endpointStatusSchema.safeParse(fixed).success) return stripUndefined(fixed);
  // Not a model's fault: publish the bare minimum that is certainly valid.
  return { id: s.id, baseUrl: s.baseUrl, source: s.source, health: 'degraded', latencyWindow: [], models: [], lastError: 'Warmclaw could not make sense of this server\'s answers' };
}

const STATES = new Set<ModelStatus['state']>(['loaded', 'loading', 'not-loaded', 'sleeping', 'unknown']);

/** One model entry with every field type-checked and every string bounded (adapters are trusted, servers are not). */
export function sanitizeModel(m: ModelStatus): ModelStatus | undefined {
  if (!m || typeof m.id !== 'string' || m.id.length === 0) return undefined;
  const out: ModelStatus = { id: m.id.length > LIMITS.idText ? m.id.slice(0, LIMITS.idText) : m.id, state: STATES.has(m.state) ? m.state : 'unknown' };
  if (typeof m.ref === 'string') out.ref = m.ref.slice(0, LIMITS.idText * 2);
  const maxContext = finitePos(m.maxContext);
  if (maxContext !== undefined) out.maxContext = maxContext;
  const loadedContext = finitePos(m.loadedContext);
  if (loadedContext !== undefined) out.loadedContext = loadedContext;
  if (typeof m.expiresAt === 'number' && Number.isFinite(m.expiresAt)) out.expiresAt = m.expiresAt;
  const idleUnloadMs = finiteNonNeg(m.idleUnloadMs);
  if (idleUnloadMs !== undefined) out.idleUnloadMs = idleUnloadMs;
  const sizeBytes = finiteNonNeg(m.sizeBytes);
  if (sizeBytes !== undefined) out.sizeBytes = sizeBytes;
  const vramBytes = finiteNonNeg(m.vramBytes);
  if (vramBytes !== undefined) out.vramBytes = vramBytes;
  // What the runtime says the model can do: add-provider writes these into openclaw.json.
  if (typeof m.vision === 'boolean') out.vision = m.vision;
  if (typeof m.reasoning === 'boolean') out.reasoning = m.reasoning;
  if (typeof m.displayName === 'string' && m.displayName.length) out.displayName = m.displayName.slice(0, LIMITS.idText);
  if (m.warm) out.warm = m.warm;
  return out;
}

/**
 * Merges the downloaded list with the loaded list. When the loaded list is known it is the truth for
 * the loaded state (a model the list calls loaded but the loaded call does not is not-loaded; a loaded
 * model missing from the list is added). The result is sorted loaded-first, then by id, and bounded.
 */
export function mergeModels(listed: ModelStatus[] | undefined, loaded: ModelStatus[] | undefined): ModelStatus[] {
  const byId = new Map<string, ModelStatus>();
  for (const raw of listed ?? []) {
    const m = sanitizeModel(raw);
    if (m && !byId.has(m.id)) byId.set(m.id, m);
    if (byId.size >= LIMITS.models * 2) break;
  }
  if (loaded) {
    const loadedIds = new Set<string>();
    for (const raw of loaded) {
      const m = sanitizeModel(raw);
      if (!m) continue;
      loadedIds.add(m.id);
      const prev = byId.get(m.id);
      const state = m.state === 'unknown' || m.state === 'not-loaded' ? 'loaded' : m.state;
      byId.set(m.id, { ...prev, ...m, state, maxContext: m.maxContext ?? prev?.maxContext, sizeBytes: m.sizeBytes ?? prev?.sizeBytes });
      if (loadedIds.size >= LIMITS.models) break;
    }
    for (const [id, m] of byId) {
      // Loaded lists may leave out models still loading (LM Studio's does): those stay "loading".
      if (m.state === 'loaded' && !loadedIds.has(id)) {
        byId.set(id, dropLoadedFields({ ...m, state: 'not-loaded' }));
      }
    }
  }
  const rank = (s: ModelStatus['state']) => (s === 'loaded' ? 0 : s === 'loading' ? 1 : s === 'sleeping' ? 2 : 3);
  return [...byId.values()]
    .map(stripUndefined)
    .sort((a, b) => rank(a.state) - rank(b.state) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, LIMITS.models);
}

function dropLoadedFields(m: ModelStatus): ModelStatus {
  const { loadedContext: _l, expiresAt: _e, vramBytes: _v, idleUnloadMs: _i, ...rest } = m;
  return rest;
}

export function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Adds a latency sample to a bounded window (oldest first). */
export function pushLatency(window: readonly number[], ms: number | undefined): number[] {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return [...window];
  const next = [...window, Math.round(ms)];
  return next.length > LIMITS.latencyWindow ? next.slice(next.length - LIMITS.latencyWindow) : next;
}

/**
 * What counts as a change: health, identity, models and their state/contexts/unload time, error
 * words, warm stats. Latency, its window and timestamps change on every probe and do not count.
 * Ollama's expires_at moves only when a request finished (real traffic), so it counts.
 */
export function significantKey(s: EndpointStatus): string {
  const { latencyMs: _l, latencyWindow: _w, checkedAt: _c, changedAt: _ch, ...rest } = s;
  return JSON.stringify(rest);
}

/** Memory in use must move by this much before the status says so (a GPU's use jitters by megabytes). */
export const HOST_MEMORY_STEP_BYTES = 256 * 1024 * 1024;

/**
 * The machine memory to show: the new figures when any moved by a step or more (a model loaded or
 * unloaded), else the shown ones. Why: the figures are part of the status that counts as a change,
 * and a few megabytes of jitter on every probe would keep an idle server out of quiet polling.
 */
export function steadyHostMemory(shown: HostMemory | undefined, next: HostMemory | undefined): HostMemory | undefined {
  if (!shown || !next) return next;
  const keys = new Set([...Object.keys(shown), ...Object.keys(next)] as (keyof HostMemory)[]);
  for (const k of keys) {
    const a = shown[k];
    const b = next[k];
    if (a === undefined || b === undefined || Math.abs(a - b) >= (k === 'gpus' ? 1 : HOST_MEMORY_STEP_BYTES)) return next;
  }
  return shown;
}
