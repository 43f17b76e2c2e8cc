// Any other OpenAI-compatible server (LocalAI, a proxy…): only /v1/models and inference
// are common ground. Context is read from whatever field a server adds to its model entries.
import type { ModelStatus } from '../../../shared/status';
import { msg } from '../../../shared/messages';
import { type Adapter, type AdapterOptions, chatPing, clean, context, getJson, isRecord, listOpenAiModels, openAiModelEntries, posInt, probeResponsesRoute, timedProbe, type Json, failedProbe, contextIn } from './common';
import type { EndpointTarget } from './types';

/** Context fields seen on /v1/models entries of various servers (vLLM, llama.cpp meta, LM Studio-like, proxies). */
export function contextFromEntry(e: Json): number | undefined {
  const meta = isRecord(e.meta) ? e.meta : {};
  return posInt(e.max_model_len) ?? posInt(e.context_length) ?? posInt(e.context_window) ?? posInt(e.max_context_length) ?? posInt(e.max_input_tokens) ?? posInt(meta.n_ctx_train);
}

/** Creates the generic OpenAI-compatible adapter. */
export function createOpenAiGenericAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('openai-compatible', opts);

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    const { entries } = await listOpenAiModels(ctx, target);
    return entries.map((e) => clean<ModelStatus>({ id: e.id as string, state: 'unknown', maxContext: contextFromEntry(e) }));
  }

  return {
    kind: 'openai-compatible',

    probe: (target) =>
      timedProbe('openai-compatible', async () => {
        const out = await getJson(ctx, target, '/v1/models');
        if (!out.ok) {
          if (out.status === 401 || out.status === 403) return { ok: true, degraded: out.error.message };
          return failedProbe(out.error);
        }
        if (!openAiModelEntries(out.json)) return { ok: false, error: msg('probe.not-openai-list', { url: target.baseUrl }) };
        return { ok: true };
      }),

    listModels,

    // The OpenAI API has no load state: nothing can be reported as loaded.
    loadedModels: async () => [],

    contextOf: async (target, modelId) => contextIn(await listModels(target), modelId, `the server does not list "${modelId}"`),

    warm: (target, modelId) => chatPing(ctx, target, modelId),

    async fingerprint(target) {
      const out = await getJson(ctx, target, '/v1/models');
      return out.ok && openAiModelEntries(out.json) !== null;
    },

    responsesApi: (target) => probeResponsesRoute(ctx, target),
  };
}
