// LM Studio (default port 1234). State and contexts come from the native REST API: /api/v0/models
// (0.3.6+: state, max_context_length, loaded_context_length) or /api/v1/models (0.4+: loaded_instances);
// /v1/models lists downloaded models only. Keep-warm is a 1-token chat completion carrying `ttl`, which
// JIT-loads the model when needed and resets its idle timer. Never the explicit load API: an API/`lms`
// load is pinned (no TTL) and breaks LM Studio's own auto-unload.
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
  probeResponsesRoute,
  records,
  timedProbe,
} from './common';
import type { JsonOutcome } from './http';
import type { EndpointTarget } from './types';

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

/** Reads GET /api/v1/models (0.4+) into statuses; null when the body is not that list. */
export function readLmStudioV1(json: unknown): ModelStatus[] | null {
  if (!isRecord(json) || errorBody(json) !== undefined || !Array.isArray(json.models)) return null;
  const entries = records(json.models);
  if (entries.some((e) => !Array.isArray(e.loaded_instances))) return null;
  return entries
    .filter((e) => typeof e.key === 'string' && !EMBEDDING_TYPES.has(String(e.type)))
    .map((e) => {
      const instances = records(e.loaded_instances);
      const config = instances[0]?.config;
      return clean<ModelStatus>({
        id: e.key as string,
        state: instances.length > 0 ? 'loaded' : 'not-loaded',
        maxContext: posInt(e.max_context_length),
        loadedContext: isRecord(config) ? posInt(config.context_length) : undefined,
        sizeBytes: nonNeg(e.size_bytes),
        ...capabilitiesV1(e.capabilities),
      });
    });
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
      ['/api/v0/models', readLmStudioV0],
      ['/api/v1/models', readLmStudioV1],
    ] as const) {
      const out = await getJson(ctx, target, path);
      if (out.ok) {
        const m = read(out.json);
        if (m) return m;
      } else if (out.status !== 404) throw new EndpointError(out.error.message, out.status);
    }
    return null;
  }

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    // Native API missing (very old build): /v1/models lists models without state.
    return (await nativeModels(target)) ?? (await listOpenAiModels(ctx, target)).models;
  }

  return {
    kind: 'lmstudio',

    probe: (target) =>
      timedProbe('lmstudio', async () => {
        const v0 = await getJson(ctx, target, '/api/v0/models');
        if (v0.ok && (readLmStudioV0(v0.json) || isUnexpectedEndpoint(v0.json))) return { ok: true };
        if (isLmStudioAuthError(v0)) return { ok: true, degraded: (!v0.ok && v0.error.message) || 'LM Studio wants an API key' };
        if (!v0.ok && v0.status !== 404) return { ok: false, error: v0.error.message };
        const v1 = await getJson(ctx, target, '/api/v1/models');
        if (v1.ok && readLmStudioV1(v1.json)) return { ok: true };
        if (!v1.ok && v1.status !== 404) return { ok: false, error: v1.error.message };
        return { ok: false, error: `${target.baseUrl} answers, but not like LM Studio (no /api/v0 or /api/v1 model list)` };
      }),

    listModels,

    async loadedModels(target) {
      return (await listModels(target)).filter((m) => m.state === 'loaded');
    },

    async contextOf(target, modelId) {
      const m = (await listModels(target)).find((x) => x.id === modelId);
      if (!m) throw new EndpointError(`LM Studio has no model "${modelId}"`);
      return clean({ maxContext: m.maxContext, loadedContext: m.loadedContext });
    },

    async warm(target, modelId, warmOpts = {}) {
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
