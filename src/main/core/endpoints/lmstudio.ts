// LM Studio (default port 1234). State and contexts come from the native REST API: /api/v1/models
// (0.4+: loaded_instances, read first because it is what OpenClaw reads) or /api/v0/models (0.3.6+:
// state, max_context_length, loaded_context_length); /v1/models lists downloaded models only.
//
// Keep-warm has two shapes, chosen by how OpenClaw will call the model (core/warm/openclaw-requests.ts):
// - OpenClaw's `lmstudio` provider prepares every turn itself: GET /api/v1/models, and unless a loaded
//   instance has context >= min(requested, max_context_length) it loads one explicitly (POST
//   /api/v1/models/load {model, context_length}). Warmclaw warms with exactly that preflight and load,
//   so OpenClaw's next preflight finds the instance and loads nothing (`preloadContext`).
// - Any other provider id (or params.preload: false) sends plain requests, which LM Studio JIT-loads at
//   the model's default context with an idle TTL: a 1-token chat completion carrying `ttl`.
import type { ModelStatus } from '../../../shared/status';
import {
  type Adapter,
  type AdapterOptions,
  chatPing,
  clean,
  context,
  durationSeconds,
  EndpointError,
  errorBody,
  getJson,
  isRecord,
  isUnexpectedEndpoint,
  listOpenAiModels,
  nonNeg,
  posInt,
  postJson,
  probeResponsesRoute,
  records,
  timedProbe,
  failedProbe,
  warmFailure,
  contextIn,
} from './common';
import type { JsonOutcome } from './http';
import { msg } from '../../../shared/messages';
import type { EndpointTarget, WarmResult } from './types';

/** LM Studio's default idle TTL for JIT-loaded models (60 min), used when the keeper gives none. */
export const LMSTUDIO_DEFAULT_TTL_S = 3600;

const EMBEDDING_TYPES = new Set(['embeddings', 'embedding']);

/** True for a body only LM Studio sends: its auth-required 401 names the "LM Studio API token". */
function isLmStudioAuthError(out: JsonOutcome): boolean {
  return !out.ok && (out.status === 401 || out.status === 403) && /LM Studio/i.test(errorBody(out.json) ?? out.res?.text ?? '');
}

/** Reads GET /api/v0/models into statuses (embedding models left out); null when the body is not that list. */
export function readLmStudioV0(json: unknown): ModelStatus[] | null {
  if (!isRecord(json) || errorBody(json) !== undefined || !Array.isArray(json.data)) return null;
  const entries = records(json.data);
  if (entries.some((e) => typeof e.state !== 'string')) return null;
  return entries
    .filter((e) => typeof e.id === 'string' && !EMBEDDING_TYPES.has(String(e.type)))
    .map((e) => {
      const state = e.state === 'loaded' || e.state === 'loading' || e.state === 'not-loaded' ? e.state : 'unknown';
      return clean<ModelStatus>({
        id: e.id as string,
        state,
        maxContext: posInt(e.max_context_length),
        loadedContext: state === 'loaded' ? posInt(e.loaded_context_length) : undefined,
        vision: e.type === 'vlm' ? true : undefined,
      });
    });
}

/** LM Studio 0.4's `capabilities`: `vision: true`, and `reasoning` as an object of options when it thinks. */
function capabilitiesV1(caps: unknown): Pick<ModelStatus, 'vision' | 'reasoning'> {
  if (!isRecord(caps)) return {};
  return clean<Pick<ModelStatus, 'vision' | 'reasoning'>>({
    vision: typeof caps.vision === 'boolean' ? caps.vision : undefined,
    reasoning: caps.reasoning === undefined || caps.reasoning === null ? undefined : caps.reasoning !== false,
  });
}

/** One /api/v1/models entry, as OpenClaw's preflight reads it. */
export interface LmStudioV1Entry {
  key: string;
  type: string;
  maxContext?: number;
  /** Loaded instances with their context (config.context_length). */
  instances: { id: string; context?: number }[];
  /** Quantized variant ids (`key@q4_k_m`) and the selected one: OpenClaw maps them back to the key. */
  variants: string[];
  raw: Record<string, unknown>;
}

/** The /api/v1/models entries; null when the body is not that list. */
export function readLmStudioV1Entries(json: unknown): LmStudioV1Entry[] | null {
  if (!isRecord(json) || errorBody(json) !== undefined || !Array.isArray(json.models)) return null;
  const entries = records(json.models);
  if (entries.some((e) => !Array.isArray(e.loaded_instances))) return null;
  return entries
    .filter((e) => typeof e.key === 'string' && e.key.trim() !== '')
    .map((e) => ({
      key: (e.key as string).trim(),
      type: String(e.type),
      maxContext: posInt(e.max_context_length),
      instances: records(e.loaded_instances)
        .filter((i) => typeof i.id === 'string')
        .map((i) => clean({ id: i.id as string, context: isRecord(i.config) ? posInt(i.config.context_length) : undefined })),
      variants: [...(Array.isArray(e.variants) ? e.variants : []), e.selected_variant].filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()),
      raw: e,
    }));
}

/** The largest loaded context of an entry (OpenClaw's resolveLoadedContextWindow); undefined when none is loaded. */
export function loadedContextOf(e: LmStudioV1Entry): number | undefined {
  const all = e.instances.map((i) => i.context).filter((c): c is number => c !== undefined);
  return all.length ? Math.max(...all) : undefined;
}

/** OpenClaw's canonical model key: an exact key wins, else the entry that lists it as a variant (case-insensitive). */
export function canonicalLmStudioKey(modelId: string, entries: readonly LmStudioV1Entry[]): string {
  const id = modelId.trim();
  if (entries.some((e) => e.key === id)) return id;
  const lower = id.toLowerCase();
  return entries.find((e) => e.variants.some((v) => v.toLowerCase() === lower))?.key ?? id;
}

/** OpenClaw's default when a model has neither contextTokens nor contextWindow (LMSTUDIO_DEFAULT_LOAD_CONTEXT_LENGTH). */
export const OPENCLAW_LMSTUDIO_DEFAULT_CONTEXT = 64_000;

/** The context_length OpenClaw's preload asks for: min(requested ?? 64,000, the model's max). */
export function lmStudioLoadContext(requested: number | undefined, maxContext: number | undefined): number {
  const want = requested !== undefined && requested > 0 ? requested : OPENCLAW_LMSTUDIO_DEFAULT_CONTEXT;
  return maxContext === undefined ? want : Math.min(want, maxContext);
}

/** Reads GET /api/v1/models (0.4+) into statuses; null when the body is not that list. */
export function readLmStudioV1(json: unknown): ModelStatus[] | null {
  const entries = readLmStudioV1Entries(json);
  if (!entries) return null;
  return entries
    .filter((e) => !EMBEDDING_TYPES.has(e.type))
    .map((e) =>
      clean<ModelStatus>({
        id: e.key,
        state: e.instances.length > 0 ? 'loaded' : 'not-loaded',
        maxContext: e.maxContext,
        // With several instances OpenClaw uses any whose context is large enough: the largest is the one that counts.
        loadedContext: loadedContextOf(e),
        sizeBytes: nonNeg(e.raw.size_bytes),
        displayName: typeof e.raw.display_name === 'string' && e.raw.display_name.trim() ? e.raw.display_name.trim().slice(0, 120) : undefined,
        ...capabilitiesV1(e.raw.capabilities),
      }),
    );
}

/** Creates the LM Studio adapter. */
export function createLmStudioAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('lmstudio', opts);

  /**
   * Models with state from the native API (v0, then v1); null when neither exists on this build.
   * Throws the plain-words error when the server is down, locked (401) or broken (5xx, not JSON).
   */
  async function nativeModels(target: EndpointTarget): Promise<ModelStatus[] | null> {
    for (const [path, read] of [
      ['/api/v1/models', readLmStudioV1],
      ['/api/v0/models', readLmStudioV0],
    ] as const) {
      const out = await getJson(ctx, target, path);
      if (out.ok) {
        const m = read(out.json);
        if (m) return m;
      } else if (out.status !== 404) throw new EndpointError(out.error.msg ?? out.error.message, out.status);
    }
    return null;
  }

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    // Native API missing (very old build): /v1/models lists models without state.
    return (await nativeModels(target)) ?? (await listOpenAiModels(ctx, target)).models;
  }

  /**
   * OpenClaw's prepareLmstudioModelForInference, step for step: the same preflight, the same "is some
   * instance loaded with enough context" test, the same explicit load. null when /api/v1 is missing.
   */
  async function prepareLikeOpenClaw(target: EndpointTarget, modelId: string, requested: number): Promise<WarmResult | null> {
    const pre = await getJson(ctx, target, '/api/v1/models');
    if (!pre.ok) return pre.status === 404 ? null : warmFailure(pre.error, pre.ms);
    const entries = readLmStudioV1Entries(pre.json);
    if (!entries) return null;
    const key = canonicalLmStudioKey(modelId, entries);
    const entry = entries.find((e) => e.key === key);
    if (!entry) return { ok: false, ms: pre.res.ms, error: `LM Studio has no model "${modelId}" (download it in LM Studio, or fix the model id in openclaw.json)` };
    const need = lmStudioLoadContext(requested, entry.maxContext);
    const have = loadedContextOf(entry);
    if (have !== undefined && have >= need) return { ok: true, ms: pre.res.ms, loaded: false, contextLength: have };
    const load = await postJson(ctx, target, '/api/v1/models/load', { model: key, context_length: need }, ctx.warmTimeoutMs);
    const ms = pre.res.ms + (load.ok ? load.res.ms : load.ms);
    if (!load.ok) return warmFailure(load.error, ms);
    const err = errorBody(load.json);
    const status = isRecord(load.json) && typeof load.json.status === 'string' ? load.json.status : undefined;
    if (err !== undefined) return { ok: false, ms, error: err };
    if (status !== undefined && status.toLowerCase() !== 'loaded') return { ok: false, ms, error: `LM Studio answered the load with status "${status}"` };
    return { ok: true, ms, loaded: true, contextLength: need };
  }

  return {
    kind: 'lmstudio',

    async unload(target, modelId) {
      const pre = await getJson(ctx, target, '/api/v1/models');
      if (!pre.ok) return warmFailure(pre.error, pre.ms);
      const entries = readLmStudioV1Entries(pre.json);
      if (!entries) return { ok: false, ms: pre.res.ms, error: 'this LM Studio has no /api/v1 unload API (0.4 or later needed)' };
      const key = canonicalLmStudioKey(modelId, entries);
      let ms = pre.res.ms;
      for (const inst of entries.find((e) => e.key === key)?.instances ?? []) {
        const out = await postJson(ctx, target, '/api/v1/models/unload', { instance_id: inst.id });
        if (!out.ok) return warmFailure(out.error, ms + out.ms);
        ms += out.res.ms;
      }
      return { ok: true, ms };
    },

    probe: (target) =>
      timedProbe('lmstudio', async () => {
        const v0 = await getJson(ctx, target, '/api/v0/models');
        if (v0.ok && (readLmStudioV0(v0.json) || isUnexpectedEndpoint(v0.json))) return { ok: true };
        if (isLmStudioAuthError(v0)) return { ok: true, degraded: (!v0.ok && v0.error.message) || 'LM Studio wants an API key' };
        if (!v0.ok && v0.status !== 404) return failedProbe(v0.error);
        const v1 = await getJson(ctx, target, '/api/v1/models');
        if (v1.ok && readLmStudioV1(v1.json)) return { ok: true };
        if (!v1.ok && v1.status !== 404) return failedProbe(v1.error);
        return { ok: false, error: msg('probe.not-lmstudio', { url: target.baseUrl }) };
      }),

    listModels,

    async loadedModels(target) {
      return (await listModels(target)).filter((m) => m.state === 'loaded');
    },

    contextOf: async (target, modelId) => contextIn(await listModels(target), modelId, `LM Studio has no model "${modelId}"`),

    async warm(target, modelId, warmOpts = {}) {
      if (warmOpts.preloadContext !== undefined) {
        const prepared = await prepareLikeOpenClaw(target, modelId, warmOpts.preloadContext);
        if (prepared) return prepared;
        // No /api/v1 (LM Studio 0.3): OpenClaw's preload fails there too and it sends plain requests.
      }
      // Whether this ping will have to load the model (cold start), from the state just before it.
      let before: ModelStatus['state'] | undefined;
      try {
        before = (await nativeModels(target))?.find((m) => m.id === modelId)?.state;
      } catch {
        before = undefined;
      }
      const ttl = Math.max(1, Math.round(durationSeconds(warmOpts.keepAlive) ?? LMSTUDIO_DEFAULT_TTL_S));
      const result = await chatPing(ctx, target, modelId, { ttl });
      if (result.ok && before !== undefined && before !== 'unknown') result.loaded = before !== 'loaded';
      return result;
    },

    async fingerprint(target) {
      const v0 = await getJson(ctx, target, '/api/v0/models');
      // The native list, or LM Studio's signature 200-with-error-body for a path it does not serve.
      if (v0.ok && (readLmStudioV0(v0.json) || isUnexpectedEndpoint(v0.json))) return true;
      if (isLmStudioAuthError(v0)) return true;
      if (!v0.ok && v0.status === undefined) return false;
      const v1 = await getJson(ctx, target, '/api/v1/models');
      return (v1.ok && readLmStudioV1(v1.json) !== null) || isLmStudioAuthError(v1);
    },

    responsesApi: (target) => probeResponsesRoute(ctx, target),
  };
}
