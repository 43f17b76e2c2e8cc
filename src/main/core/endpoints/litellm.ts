// LiteLLM proxy (default port 4000): a router in front of other backends; it holds no model itself.
// Liveness: GET /health/liveliness → "I'm alive!" (no auth). Models: /v1/models (proxy aliases) and
// /model/info (model_info.max_input_tokens, null for local backends unless configured).
// NEVER GET /health: it makes a real LLM call to every configured model and loads cold backends.
// Warm is a 1-token chat completion through the proxy; the keeper uses it only when the user enabled
// it (it costs a virtual-key request and shows in spend logs).
import { msg } from '../../../shared/messages';
import type { ModelStatus } from '../../../shared/status';
import {
  type Adapter,
  type AdapterOptions,
  chatPing,
  clean,
  context,
  EndpointError,
  getJson,
  isRecord,
  listOpenAiModels,
  posInt,
  probeResponsesRoute,
  records,
  str,
  timedProbe, failedProbe } from './common';
import type { EndpointTarget } from './types';

export interface LiteLlmModelInfo {
  modelName: string;
  /** max_input_tokens, else max_tokens (both null for local backends unless set in the proxy config). */
  maxContext?: number;
  /** litellm_params.api_base: the backend, when it is a local server the keeper can ping directly. */
  apiBase?: string;
}

/** Reads GET /model/info. */
export function readLiteLlmModelInfo(json: unknown): LiteLlmModelInfo[] {
  if (!isRecord(json)) return [];
  return records(json.data)
    .filter((e) => typeof e.model_name === 'string')
    .map((e) => {
      const info = isRecord(e.model_info) ? e.model_info : {};
      const params = isRecord(e.litellm_params) ? e.litellm_params : {};
      return clean<LiteLlmModelInfo>({ modelName: e.model_name as string, maxContext: posInt(info.max_input_tokens) ?? posInt(info.max_tokens), apiBase: str(params.api_base) });
    });
}

function isAlive(body: unknown): boolean {
  return typeof body === 'string' && /alive/i.test(body);
}

/** Creates the LiteLLM adapter. */
export function createLiteLlmAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('litellm', opts);

  async function modelInfo(target: EndpointTarget): Promise<LiteLlmModelInfo[]> {
    const out = await getJson(ctx, target, '/model/info');
    return out.ok ? readLiteLlmModelInfo(out.json) : [];
  }

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    const [{ models }, info] = await Promise.all([listOpenAiModels(ctx, target), modelInfo(target)]);
    // The proxy has no load state of its own: it is the backend's.
    return models.map((m) => clean<ModelStatus>({ ...m, maxContext: info.find((i) => i.modelName === m.id)?.maxContext }));
  }

  return {
    kind: 'litellm',

    probe: (target) =>
      timedProbe('litellm', async () => {
        const live = await getJson(ctx, target, '/health/liveliness');
        if (!live.ok) return failedProbe(live.error);
        if (!isAlive(live.json)) return { ok: false, error: msg('probe.not-litellm', { url: target.baseUrl }) };
        // /health/readiness is cheap (no model calls); older bodies carry litellm_version.
        const ready = await getJson(ctx, target, '/health/readiness');
        const version = ready.ok && isRecord(ready.json) ? str(ready.json.litellm_version) : undefined;
        if (!ready.ok && ready.status === 503) return { ok: true, version, degraded: msg('server.litellm-not-ready') };
        return { ok: true, version };
      }),

    listModels,

    // LiteLLM exposes no load state; callers look at the backend for that.
    loadedModels: async () => [],

    async contextOf(target, modelId) {
      const info = (await modelInfo(target)).find((i) => i.modelName === modelId);
      if (!info) {
        const { models } = await listOpenAiModels(ctx, target);
        if (!models.some((m) => m.id === modelId)) throw new EndpointError(`LiteLLM has no model named "${modelId}"`);
        return {};
      }
      return clean({ maxContext: info.maxContext });
    },

    warm: (target, modelId) => chatPing(ctx, target, modelId),

    async fingerprint(target) {
      const live = await getJson(ctx, target, '/health/liveliness');
      return live.ok && isAlive(live.json);
    },

    responsesApi: (target) => probeResponsesRoute(ctx, target),
  };
}
