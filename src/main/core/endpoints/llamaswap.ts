// llama-swap (github.com/mostlygeek/llama-swap): one port in front of many backends, each started on
// demand and stopped after its `ttl` seconds without requests (default port 8080, like llama-server).
// Facts from its source (internal/server, internal/process), mirrored by test/sim/llamaswap.ts:
// - GET /health answers "OK" without auth; GET /api/version {version, commit, build_date}.
// - GET /v1/models lists the configured models, owned_by "llama-swap" (the fingerprint), newer builds
//   with status.value loaded|unloaded and context_length / meta.n_ctx when the config declares it.
// - GET /running {running: [{model, state, ttl, …}]}: every process not stopped; state "starting"
//   while the backend loads, "ready" after. It is the one source of load state (older builds have no
//   status on /v1/models).
// - POST /api/models/unload/<model> stops one model ("OK").
// - /upstream/<model>/<path> goes straight to that model's backend and STARTS it when it is not
//   running. Every proxied request sets the process's last use when it ends, and the TTL counts from
//   there. So a GET of the backend's own /health through /upstream is the cheapest request that keeps
//   a model loaded; the monitor never sends one (it would keep every model alive and load stopped ones).
// - GET /api/events (SSE, `event:message`, data {type, data}) sends `modelStatus` after every process
//   state change: the monitor holds it open (monitor/event-watch.ts) to see loads and unloads at once.
// - llama-swap reports no memory per model; newer builds sample the whole machine's GPU memory and
//   RAM at GET /api/performance (llamaswap-performance.ts). While a model runs, the probe reads the
//   newest figures: the nearest honest answer to what keeping it warm costs.
import { msg } from '../../../shared/messages';
import type { HostMemory, ModelStatus } from '../../../shared/status';
import { type Adapter, type AdapterOptions, chatPing, clean, context, EndpointError, failedProbe, getJson, isRecord, must, openAiModelEntries, posInt, records, str, timedProbe, warmFailure, type Json, loadedOrLoading, contextIn } from './common';
import { httpError, statusMessage } from './http';
import { hostMemoryFrom, performancePath, PERFORMANCE_MAX_BYTES } from './llamaswap-performance';
import type { EndpointTarget, WarmResult } from './types';

const STATE: Record<string, ModelStatus['state']> = {
  ready: 'loaded',
  starting: 'loading',
  stopping: 'not-loaded',
  stopped: 'not-loaded',
  shutdown: 'not-loaded',
};

interface Running {
  state: ModelStatus['state'];
  /** The model's `ttl` in ms (0: never unloads by itself). */
  ttlMs?: number;
}

/** The /upstream path of a model's backend: ids may hold '/', which llama-swap matches as is. */
const upstream = (modelId: string, path: string) => `/upstream/${modelId.split('/').map(encodeURIComponent).join('/')}${path}`;

/** Creates the llama-swap adapter. */
export function createLlamaSwapAdapter(opts: AdapterOptions = {}): Adapter {
  const ctx = context('llamaswap', opts);

  async function running(target: EndpointTarget): Promise<Map<string, Running>> {
    const json = must(await getJson(ctx, target, '/running'));
    if (!isRecord(json) || !Array.isArray(json.running)) throw new EndpointError(msg('http.not-model-list', { who: 'llama-swap', path: '/running' }));
    const out = new Map<string, Running>();
    for (const r of records(json.running)) {
      const id = str(r.model);
      if (!id) continue;
      const ttl = typeof r.ttl === 'number' && Number.isFinite(r.ttl) && r.ttl >= 0 ? r.ttl * 1000 : undefined;
      out.set(id, clean<Running>({ state: STATE[str(r.state) ?? ''] ?? 'unknown', ttlMs: ttl }));
    }
    return out;
  }

  /** The machine's memory in use, from /api/performance; undefined when off, absent, or not worth reading. */
  async function machineMemory(target: EndpointTarget): Promise<HostMemory | undefined> {
    const out = await ctx.http.getJson(target, performancePath(Date.now()), { timeoutMs: ctx.timeoutMs, serverName: ctx.serverName, maxBytes: PERFORMANCE_MAX_BYTES });
    return out.ok ? hostMemoryFrom(out.json) : undefined;
  }

  async function listModels(target: EndpointTarget): Promise<ModelStatus[]> {
    const entries = openAiModelEntries(must(await getJson(ctx, target, '/v1/models')));
    if (!entries) throw new EndpointError(msg('http.not-model-list', { who: 'llama-swap', path: '/v1/models' }));
    const procs = await running(target);
    return entries
      .filter((e) => {
        // Peers are models on other machines; selectors, aliases and profile pins name a model listed anyway.
        const type = isRecord(e.meta) && isRecord(e.meta.llamaswap) ? e.meta.llamaswap.type : undefined;
        return type === undefined || type === 'model';
      })
      .map((e: Json) => {
        const id = e.id as string;
        const p = procs.get(id);
        const meta = isRecord(e.meta) ? e.meta : {};
        return clean<ModelStatus>({
          id,
          state: p?.state ?? 'not-loaded',
          displayName: str(e.name),
          // The context the config declares for the model (its capabilities): what its backend runs with.
          maxContext: posInt(e.context_length) ?? posInt(meta.n_ctx),
          idleUnloadMs: p?.ttlMs,
        });
      });
  }

  return {
    kind: 'llamaswap',

    // {"type":"modelStatus",…} follows every process state change (a load, a ttl stop, a swap by
    // another client); the stream's other messages (log lines, in-flight counts) are not read.
    events: { path: '/api/events', isModelChange: (data) => data.trimStart().startsWith('{"type":"modelStatus"') },

    probe: (target) =>
      timedProbe('llamaswap', async () => {
        const health = await ctx.http.send(target, '/health', { timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
        if (!health.ok) return failedProbe(health.error);
        if (health.res.status !== 200) return failedProbe(httpError('http-status', statusMessage(health.res.status, health.res, { path: '/health', apiKey: target.apiKey, serverName: ctx.serverName }), health.res.status));
        if (health.res.text.trim() !== 'OK') return { ok: false, error: msg('probe.not-llamaswap', { url: target.baseUrl }) };
        const list = await getJson(ctx, target, '/running');
        if (!list.ok) {
          if (list.status === 401 || list.status === 403) return { ok: true, degraded: list.error.msg ?? list.error.message };
          return failedProbe(list.error);
        }
        const v = await getJson(ctx, target, '/api/version');
        const version = v.ok && isRecord(v.json) ? str(v.json.version) : undefined;
        const procs = isRecord(list.json) ? records(list.json.running) : [];
        const starting = procs.some((r) => r.state === 'starting');
        const hostMemory = procs.length ? await machineMemory(target) : undefined;
        return clean({ ok: true, version, hostMemory, ...(starting && { activity: 'loading' as const, note: msg('server.llamaswap-starting') }) });
      }),

    listModels,

    // A model whose backend is starting counts.
    loadedModels: async (target) => loadedOrLoading(await listModels(target)),

    contextOf: async (target, modelId) => contextIn(await listModels(target), modelId, `llama-swap does not serve "${modelId}"`),

    async warm(target, modelId): Promise<WarmResult> {
      let cold: boolean | undefined;
      try {
        cold = (await running(target)).get(modelId)?.state !== 'loaded';
      } catch {
        cold = undefined;
      }
      // The backend's own health check through llama-swap: no tokens, and its end resets the TTL (a
      // stopped model is started by it, which is the load the keeper asked for).
      const out = await getJson(ctx, target, upstream(modelId, '/health'), ctx.warmTimeoutMs);
      if (out.ok) return clean({ ok: true, ms: out.res.ms, loaded: cold });
      // upstream.ignorePaths can refuse the health path of a stopped model (409): load it the way a
      // client would, with a one-token chat.
      if (out.status === 409) {
        const r = await chatPing(ctx, target, modelId);
        return r.ok ? { ...r, loaded: cold } : r;
      }
      return warmFailure(out.error, out.ms);
    },

    async unload(target, modelId) {
      const out = await ctx.http.send(target, `/api/models/unload/${modelId.split('/').map(encodeURIComponent).join('/')}`, { method: 'POST', timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
      if (!out.ok) return warmFailure(out.error, out.ms);
      if (out.res.status !== 200) {
        const said = out.res.text.trim().slice(0, 200) || `HTTP ${out.res.status}`;
        return { ok: false, ms: out.res.ms, error: `llama-swap did not unload "${modelId}": ${said}` };
      }
      return { ok: true, ms: out.res.ms };
    },

    async fingerprint(target) {
      const out = await getJson(ctx, target, '/v1/models');
      if (out.ok) {
        const data = isRecord(out.json) && Array.isArray(out.json.data) ? out.json.data : [];
        if (data.some((e) => isRecord(e) && e.owned_by === 'llama-swap')) return true;
      }
      // No model listed (or a key needed): /running's own shape beside /health "OK" says llama-swap.
      const health = await ctx.http.send(target, '/health', { timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
      if (!health.ok || health.res.text.trim() !== 'OK') return false;
      const run = await getJson(ctx, target, '/running');
      if (run.ok) return isRecord(run.json) && Array.isArray(run.json.running);
      // Its API keys guard /running: the 401 names its realm.
      return run.status === 401 && /realm="llama-swap"/i.test(run.res?.headers['www-authenticate'] ?? '');
    },

    // Whether /v1/responses works depends on each model's backend: cannot tell (add-provider writes completions).
    responsesApi: async () => undefined,
  };
}
