// llama.cpp llama-server (default port 8080, moving to 9931). /health is 503 "Loading model" while it
// loads (HTTP is up during the load); /props has the per-slot n_ctx inside default_generation_settings
// (README and current-source shapes) and `is_sleeping` (--sleep-idle-seconds); /v1/models has
// meta.n_ctx_train (+ meta.n_ctx in newer builds). Router mode (no -m): GET /models entries carry
// status.value. Keep-warm: POST /completion {prompt:"hi", n_predict:0} — the prompt is evaluated,
// nothing generated, and it counts as a task (wakes a sleeping server, resets the idle timer).
import { msg } from '../../../shared/messages';
import type { ModelStatus } from '../../../shared/status';
import {
  type Adapter,
  type AdapterOptions,
  clean,
  context,
  EndpointError,
  errorBody,
  getJson,
  isRecord,
  must,
  openAiModelEntries,
  postJson,
  nonNeg,
  posInt,
  probeResponsesRoute,
  records,
  str,
  timedProbe,
  warmFailure,
  warmResultOf,
  type Json,
  failedProbe,
  loadedOrLoading,
  contextIn,
} from './common';
import type { JsonOutcome } from './http';
import type { EndpointTarget } from './types';

export interface LlamaCppProps {
  /** Per-slot context actually allocated (0 = router placeholder, dropped). */
  nCtx?: number;
  isSleeping?: boolean;
  buildInfo?: string;
  modelPath?: string;
}

/** Reads GET /props in both shapes (README: slot fields + n_ctx; source: {params, n_ctx}). */
export function readLlamaCppProps(json: unknown): LlamaCppProps | null {
  if (!isRecord(json) || !isRecord(json.default_generation_settings)) return null;
  const dgs = json.default_generation_settings;
  return clean<LlamaCppProps>({
    nCtx: posInt(dgs.n_ctx) ?? posInt(json.n_ctx),
    isSleeping: typeof json.is_sleeping === 'boolean' ? json.is_sleeping : undefined,
    buildInfo: str(json.build_info),
    modelPath: str(json.model_path),
  });
}

/** The error body every llama-server path answers with while the model loads. */
function isLoading(out: JsonOutcome): boolean {
  return !out.ok && out.status === 503 && /Loading model/i.test(errorBody(out.json) ?? out.res?.text ?? '');
}

const ROUTER_STATE: Record<string, ModelStatus['state']> = {
  loaded: 'loaded',
  loading: 'loading',
  sleeping: 'sleeping',
  unloaded: 'not-loaded',
  downloading: 'not-loaded',
};

/** Creates the llama.cpp adapter. */
export function createLlamaCppAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('llamacpp', opts);

  /** /props, or /v1/props on builds that moved it. */
  async function props(target: EndpointTarget, modelId?: string): Promise<LlamaCppProps | null> {
    const q = modelId ? `?model=${encodeURIComponent(modelId)}` : '';
    const out = await getJson(ctx, target, `/props${q}`);
    if (out.ok) return readLlamaCppProps(out.json);
    if (out.status === 404) {
      const alt = await getJson(ctx, target, `/v1/props${q}`);
      return alt.ok ? readLlamaCppProps(alt.json) : null;
    }
    return null;
  }

  /** Router-mode entries (GET /models with status.value); null on a single-model server. */
  async function routerModels(target: EndpointTarget): Promise<ModelStatus[] | null> {
    const out = await getJson(ctx, target, '/models');
    if (!out.ok || !isRecord(out.json)) return null;
    const data = records(out.json.data);
    if (data.length === 0 || !data.every((e) => isRecord(e.status) && typeof e.status.value === 'string')) return null;
    return data
      .filter((e) => typeof e.id === 'string')
      .map((e) => clean<ModelStatus>({ id: e.id as string, state: ROUTER_STATE[(e.status as Json).value as string] ?? 'unknown' }));
  }

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    const router = await routerModels(target);
    if (router) {
      // Per-model n_ctx only for loaded ones (a bare /props in router mode is a placeholder).
      for (const m of router) if (m.state === 'loaded') m.loadedContext = (await props(target, m.id))?.nCtx;
      return router.map((m) => clean(m));
    }
    const out = await getJson(ctx, target, '/v1/models');
    if (isLoading(out)) return []; // model not known yet; probe reports "loading"
    const entries = openAiModelEntries(must(out));
    if (!entries) throw new EndpointError(msg('http.not-model-list', { who: 'llama-server', path: '/v1/models' }));
    const p = await props(target);
    const state: ModelStatus['state'] = p?.isSleeping ? 'sleeping' : 'loaded';
    return entries.map((e) => {
      const meta = isRecord(e.meta) ? e.meta : {};
      return clean<ModelStatus>({
        id: e.id as string,
        state,
        maxContext: posInt(meta.n_ctx_train),
        loadedContext: posInt(meta.n_ctx) ?? p?.nCtx,
        sizeBytes: nonNeg(meta.size),
      });
    });
  }

  return {
    kind: 'llamacpp',

    probe: (target) =>
      timedProbe('llamacpp', async () => {
        const health = await getJson(ctx, target, '/health');
        if (isLoading(health)) return { ok: true, activity: 'loading', note: msg('server.llamacpp-loading') };
        if (!health.ok) return failedProbe(health.error);
        const p = await props(target);
        // Sleeping after idle is llama-server working as configured (--sleep-idle-seconds), not a fault.
        return p?.isSleeping ? { ok: true, version: p.buildInfo, activity: 'sleeping', note: msg('server.llamacpp-asleep') } : { ok: true, version: p?.buildInfo };
      }),

    listModels,

    // A model the router is loading counts.
    loadedModels: async (target) => loadedOrLoading(await listModels(target)),

    contextOf: async (target, modelId) => contextIn(await listModels(target), modelId, `llama-server does not serve "${modelId}"`),

    async warm(target, modelId) {
      let cold: boolean | undefined;
      try {
        const router = await routerModels(target);
        if (router) cold = router.find((m) => m.id === modelId)?.state !== 'loaded';
        else {
          const p = await props(target);
          cold = p?.isSleeping;
        }
      } catch {
        cold = undefined;
      }
      // `model` routes the request in router mode; a single-model server ignores it.
      const out = await postJson(ctx, target, '/completion', { prompt: 'hi', n_predict: 0, model: modelId }, ctx.warmTimeoutMs);
      return warmResultOf(out, cold);
    },

    async unload(target, modelId) {
      // Only router mode (llama-server started without a model) can unload: a single-model server
      // holds its model for its lifetime and frees it only by sleeping (--sleep-idle-seconds).
      const router = await routerModels(target).catch(() => null);
      if (!router) return { ok: false, ms: 0, error: 'this llama-server runs one model and cannot unload it (start it in router mode, or let it sleep with --sleep-idle-seconds)' };
      if (!router.some((m) => m.id === modelId)) return { ok: false, ms: 0, error: `llama-server does not serve "${modelId}"` };
      const out = await postJson(ctx, target, '/models/unload', { model: modelId });
      if (!out.ok) {
        // The router's own words when it answered ("model is not running"); else the HTTP layer's code.
        const said = errorBody(out.json);
        return said !== undefined ? { ok: false, ms: out.ms, error: said } : warmFailure(out.error, out.ms);
      }
      return { ok: true, ms: out.res.ms };
    },

    async fingerprint(target) {
      const out = await getJson(ctx, target, '/v1/models');
      if (out.ok) {
        const data = isRecord(out.json) && Array.isArray(out.json.data) ? out.json.data : [];
        if (data.some((e) => isRecord(e) && e.owned_by === 'llamacpp')) return true;
      }
      if (isLoading(out)) return true; // every path answers 503 "Loading model" while it loads
      if (!out.ok && out.status === undefined) return false;
      const p = await getJson(ctx, target, '/props');
      return p.ok && readLlamaCppProps(p.json) !== null;
    },

    async responsesApi(target) {
      // Real llama-server rejects the probe before creating a task, but older builds may not: never wake a sleeping server for it.
      if ((await props(target))?.isSleeping) return undefined;
      return probeResponsesRoute(ctx, target);
    },
  };
}
