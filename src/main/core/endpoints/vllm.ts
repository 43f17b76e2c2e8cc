// vLLM (default port 8000): one engine per process, loaded for its lifetime. /v1/models carries
// max_model_len (= the context the engine runs with), /health is 200 with an empty body, /version tells
// the release. Sleep mode (dev mode + --enable-sleep-mode): GET /is_sleeping, POST /wake_up. Never
// send inference to a slept engine (vllm#15483, #45268): warm wakes it first; otherwise a 1-token
// chat completion, which also counts as activity for --sleep-idle-ttl.
import { msg } from '../../../shared/messages';
import type { ModelStatus } from '../../../shared/status';
import {
  type Adapter,
  type AdapterOptions,
  chatPing,
  clean,
  context,
  getJson,
  isRecord,
  listOpenAiModels,
  posInt,
  probeResponsesRoute,
  str,
  timedProbe,
  failedProbe,
  warmFailure,
  contextIn,
} from './common';
import { httpError, statusMessage } from './http';
import type { EndpointTarget } from './types';

/** Creates the vLLM adapter. */
export function createVllmAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('vllm', opts);

  /** true/false from GET /is_sleeping; undefined when the route is absent (no dev mode) or locked. */
  async function isSleeping(target: EndpointTarget): Promise<boolean | undefined> {
    const out = await getJson(ctx, target, '/is_sleeping');
    if (!out.ok || !isRecord(out.json) || typeof out.json.is_sleeping !== 'boolean') return undefined;
    return out.json.is_sleeping;
  }

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    const [{ entries }, sleeping] = await Promise.all([listOpenAiModels(ctx, target), isSleeping(target)]);
    const state: ModelStatus['state'] = sleeping ? 'sleeping' : 'loaded';
    // max_model_len is both what the model may use and what the engine allocated for it.
    return entries.map((e) => clean<ModelStatus>({ id: e.id as string, state, maxContext: posInt(e.max_model_len), loadedContext: posInt(e.max_model_len) }));
  }

  return {
    kind: 'vllm',

    probe: (target) =>
      timedProbe('vllm', async () => {
        const health = await ctx.http.send(target, '/health', { timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
        if (!health.ok) {
          // vLLM binds its port only after the model has loaded.
          if (health.error.code !== 'refused') return failedProbe(health.error);
          return failedProbe(httpError('refused', msg('server.vllm-port-closed', { error: health.error.msg ?? health.error.message })));
        }
        if (health.res.status !== 200 && health.res.status !== 503) {
          return { ok: false, error: statusMessage(health.res.status, health.res, { path: '/health', apiKey: target.apiKey, serverName: ctx.serverName }) };
        }
        // /version (public, JSON) confirms this is still vLLM behind /health's empty body.
        const v = await getJson(ctx, target, '/version');
        if (!v.ok) return failedProbe(v.error);
        const version = isRecord(v.json) ? str(v.json.version) : undefined;
        if (health.res.status === 503) return { ok: true, version, degraded: msg('server.vllm-unhealthy') };
        return { ok: true, version };
      }),

    listModels,

    async loadedModels(target) {
      return (await listModels(target)).filter((m) => m.state === 'loaded');
    },

    contextOf: async (target, modelId) => contextIn(await listModels(target), modelId, `vLLM does not serve "${modelId}"`),

    async warm(target, modelId) {
      if ((await isSleeping(target)) === true) {
        const out = await ctx.http.send(target, '/wake_up', { method: 'POST', timeoutMs: ctx.warmTimeoutMs, serverName: ctx.serverName });
        if (!out.ok) return warmFailure(out.error, out.ms);
        if (out.res.status < 200 || out.res.status >= 300) return { ok: false, ms: out.res.ms, error: `vLLM refused to wake up (HTTP ${out.res.status})` };
        return { ok: true, ms: out.res.ms, loaded: true };
      }
      const r = await chatPing(ctx, target, modelId);
      if (r.ok) r.loaded = false;
      return r;
    },

    async unload(target) {
      // vLLM holds one model for its lifetime: "unload" is sleep mode (level 1 frees the weights' GPU memory).
      const out = await ctx.http.send(target, '/sleep?level=1', { method: 'POST', timeoutMs: ctx.warmTimeoutMs, serverName: ctx.serverName });
      if (!out.ok) return warmFailure(out.error, out.ms);
      if (out.res.status === 404) return { ok: false, ms: out.res.ms, error: 'this vLLM has no sleep mode (start it with --enable-sleep-mode and VLLM_SERVER_DEV_MODE=1)' };
      if (out.res.status < 200 || out.res.status >= 300) return { ok: false, ms: out.res.ms, error: `vLLM refused to sleep (HTTP ${out.res.status})` };
      return { ok: true, ms: out.res.ms };
    },

    async fingerprint(target) {
      const out = await getJson(ctx, target, '/v1/models');
      if (out.ok) {
        const data = isRecord(out.json) && Array.isArray(out.json.data) ? out.json.data : [];
        return data.some((e) => isRecord(e) && e.owned_by === 'vllm' && typeof e.max_model_len === 'number');
      }
      // With --api-key, /v1/models is 401 {"error":"Unauthorized"} but /version stays public.
      if (out.status === 401 && isRecord(out.json) && out.json.error === 'Unauthorized') {
        const v = await getJson(ctx, target, '/version');
        return v.ok && isRecord(v.json) && typeof v.json.version === 'string';
      }
      return false;
    },

    async responsesApi(target) {
      // A POST to /v1/* counts as activity for --sleep-idle-ttl (and would wake the engine): skip while asleep.
      if ((await isSleeping(target)) === true) return undefined;
      return probeResponsesRoute(ctx, target);
    },
  };
}
