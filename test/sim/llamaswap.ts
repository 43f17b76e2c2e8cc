// llama-swap: one proxy port in front of many backends (usually llama-server), started on demand and
// stopped after `ttl` seconds without requests. Shapes from its source (internal/server, internal/
// process; github.com/mostlygeek/llama-swap at 0bdb3720):
// - GET /health "OK" (no auth); GET /api/version {version, commit, build_date}. With API keys set, the
//   rest answers 401 with `WWW-Authenticate: Basic realm="llama-swap"`.
// - GET /v1/models and /models: configured models, owned_by "llama-swap", status {value: loaded|unloaded},
//   meta.llamaswap.type "model", context_length / meta.n_ctx when the config declares capabilities.
// - GET /running {running: [{model, state, cmd, proxy, ttl, name, description}]}: processes that are not
//   stopped; state "starting" while the backend loads, then "ready".
// - POST /api/models/unload (all), POST /api/models/unload/<model> ("OK"; 404 "model not found"); GET /unload (all).
// - /upstream/<model>/<path>: proxied to that model's backend, STARTING it when it is not running.
//   Every proxied request (inference or upstream) sets the process's last use when it ends; the TTL
//   loop stops a ready process idle for longer than ttl with nothing in flight.
// - Inference (POST /v1/chat/completions, …) starts the model named in the body (a cold start).
// - GET /api/performance {enabled, sys_stats, gpu_stats}: machine samples every 5 s (internal/perf),
//   `?after=<RFC3339>` keeps newer ones; 503 {enabled: false} when performance monitoring is off.
//   Here: one 24 GiB GPU whose use is 400 MiB plus each running model's size (5 GiB when unset), and
//   64 GiB of RAM with 8 GiB in use; the last minute of samples.
// - GET /api/events: Server-Sent Events, each `event:message` with data {type, data} (data a JSON
//   string). On connect: the proxy and upstream log history (logData), modelStatus, uiConfig,
//   profileChanged, inflight; then a modelStatus after every process state change.
import type { ServerResponse } from 'node:http';
import { BaseSim, openAIEndpoint, type Ctx, type Dialect, type IdleModel } from './core';
import type { Json } from './fixtures';
import { isOpenAIPing, oaiError, userTurn } from './openai';
import type { SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { str } from './util';

const DEFAULT_MODELS: SimModel[] = [
  { id: 'qwen3-8b', maxContext: 40960, contextLength: 32768 },
  { id: 'gemma-3-12b', maxContext: 131072, contextLength: 16384 },
];

/** A running backend process; `loading` while it starts (state "starting"). */
type Proc = IdleModel;

export class LlamaSwapSim extends BaseSim {
  readonly kind = 'llamaswap' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json' };
  private readonly catalog: SimModel[];
  private procs = new Map<string, Proc>();
  private streams = new Set<ServerResponse>();

  constructor(opts: SimOptions) {
    super(opts);
    this.catalog = opts.models ?? DEFAULT_MODELS;
  }

  models(): SimModel[] {
    return this.catalog.map((m) => ({ ...m }));
  }

  /** The per-model `ttl` in seconds (0 = never unloads), from idleTtlMs. */
  private get ttlSec(): number {
    return this.opts.idleTtlMs !== undefined && Number.isFinite(this.opts.idleTtlMs) ? Math.round(this.opts.idleTtlMs / 1000) : 0;
  }

  protected resetState(initial: boolean): void {
    for (const r of this.streams) r.destroy();
    this.streams.clear();
    for (const p of this.procs.values()) p.cancelTimer?.();
    this.procs = new Map();
    for (const id of initial ? (this.opts.loaded ?? []) : []) {
      if (!this.catalog.some((m) => m.id === id)) throw new Error(`llamaswap: loaded model "${id}" is not in models`);
      const p: Proc = { id, inFlight: 0 };
      this.procs.set(id, p);
      this.armIdleTimer(this.procs, p, this.ttlMs);
    }
  }

  state(): { loaded: SimLoadedModel[] } {
    return {
      loaded: [...this.procs.values()].map((p) => {
        const meta = this.catalog.find((c) => c.id === p.id);
        return {
          id: p.id,
          ...(meta?.contextLength !== undefined ? { contextLength: meta.contextLength } : {}),
          ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
          ...(p.loading ? { loading: true } : {}),
        };
      }),
    };
  }

  /** Open /api/events streams (tests check that Warmclaw holds one, and only one). */
  eventStreams(): number {
    return this.streams.size;
  }

  protected override onModelsChanged(): void {
    for (const r of this.streams) this.push(r, 'modelStatus', this.modelStatus());
  }

  private modelStatus(): Json[] {
    return [...this.catalog].sort((a, b) => a.id.localeCompare(b.id)).map((m) => {
      const p = this.procs.get(m.id);
      return { id: m.id, name: '', description: '', state: p ? (p.loading ? 'starting' : 'ready') : 'stopped', unlisted: false, peerID: '' };
    });
  }

  private push(res: ServerResponse, type: string, data: unknown): void {
    if (!res.destroyed) res.write(`event:message\ndata:${JSON.stringify({ type, data: JSON.stringify(data) })}\n\n`);
  }

  private events(ctx: Ctx): void {
    const res = ctx.res;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
    // The log history comes first, one long line (llama-server's startup output is kilobytes).
    this.push(res, 'logData', { source: 'proxy', data: 'llama-swap listening on :8080\n'.repeat(400) });
    this.push(res, 'logData', { source: 'upstream', data: '' });
    this.push(res, 'modelStatus', this.modelStatus());
    this.push(res, 'uiConfig', {});
    this.push(res, 'profileChanged', { active: null });
    this.push(res, 'inflight', { operation: 'snapshot', requests: [] });
  }

  unload(modelId?: string): void {
    for (const id of modelId === undefined ? [...this.procs.keys()] : [modelId]) this.unloadFrom(this.procs, id);
  }

  protected userRequestSpec(modelId: string, _opts: UserRequestOptions): { path: string; body: Json } {
    return userTurn(modelId, false);
  }

  protected async handle(ctx: Ctx): Promise<void> {
    const { method, path } = ctx;
    if (method === 'GET' && path === '/health') return this.text(ctx, 200, 'OK');
    if (!this.authorized(ctx)) return this.json(ctx, 401, { error: 'unauthorized: invalid or missing API key' }, { 'WWW-Authenticate': 'Basic realm="llama-swap"' });
    if (method === 'GET' && (path === '/v1/models' || path === '/models')) {
      // Sorted by id, as llama-swap sorts its listing.
      return this.json(ctx, 200, { object: 'list', data: [...this.catalog].sort((a, b) => a.id.localeCompare(b.id)).map((m) => this.entry(m)) });
    }
    if (method === 'GET' && path === '/running') {
      const running = [...this.procs.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((p) => ({ model: p.id, state: p.loading ? 'starting' : 'ready', cmd: `llama-server --port \${PORT} -m /models/${p.id}.gguf`, proxy: 'http://127.0.0.1:${PORT}', ttl: this.ttlSec, name: '', description: '' }));
      return this.json(ctx, 200, { running });
    }
    if (method === 'GET' && path === '/api/version') return this.json(ctx, 200, { version: '212', commit: '0bdb3720', build_date: '2026-08-22T00:00:00Z' });
    if ((method === 'POST' && path === '/api/models/unload') || (method === 'GET' && path === '/unload')) {
      this.unload();
      return this.text(ctx, 200, 'OK');
    }
    if (method === 'POST' && path.startsWith('/api/models/unload/')) {
      const id = decodeURIComponent(path.slice('/api/models/unload/'.length));
      if (!this.catalog.some((m) => m.id === id)) return this.text(ctx, 404, 'model not found');
      this.unload(id);
      return this.text(ctx, 200, 'OK');
    }
    if (method === 'GET' && path === '/api/performance') return this.performance(ctx);
    if (method === 'GET' && path === '/api/events') return this.events(ctx);
    if (path.startsWith('/upstream/')) return this.upstream(ctx);
    const ep = method === 'POST' ? openAIEndpoint(path) : undefined;
    if (ep) return this.infer(ctx, ep);
    this.text(ctx, 404, '404 page not found');
  }

  private entry(m: SimModel): Json {
    const loaded = this.procs.has(m.id);
    return {
      id: m.id,
      object: 'model',
      created: Math.floor(this.nowMs() / 1000),
      owned_by: 'llama-swap',
      ...(m.maxContext !== undefined ? { context_length: m.maxContext } : {}),
      meta: { llamaswap: { type: 'model' }, ...(m.maxContext !== undefined ? { n_ctx: m.maxContext } : {}) },
      status: { value: loaded ? 'loaded' : 'unloaded' },
    };
  }

  private performance(ctx: Ctx): void {
    if (this.opts.performance === false) return this.json(ctx, 503, { enabled: false });
    const after = ctx.query.get('after');
    const afterMs = after ? Date.parse(after) : -Infinity;
    if (after && !Number.isFinite(afterMs)) return this.text(ctx, 400, "invalid 'after' timestamp, use RFC3339 format");
    const MiB = 1024 * 1024;
    const usedMb = 400 + [...this.procs.values()].reduce((sum, p) => sum + (this.catalog.find((m) => m.id === p.id)?.sizeBytes ?? 5 * 1024 * MiB) / MiB, 0);
    const now = this.nowMs();
    // Twelve samples, 5 s apart, newest last; only the newest reflects the current processes.
    const ticks = Array.from({ length: 12 }, (_, i) => now - (11 - i) * 5000).filter((t) => t > afterMs);
    const stamp = (t: number) => new Date(t).toISOString();
    return this.json(ctx, 200, {
      enabled: true,
      sys_stats: ticks.map((t) => ({ timestamp: stamp(t), cpu_util_per_core: [3.1, 2.4], mem_total_mb: 65536, mem_used_mb: 8192, mem_free_mb: 57344, swap_total_mb: 0, swap_used_mb: 0, load_avg_1: 0.2, load_avg_5: 0.1, load_avg_15: 0.1, net_io: [] })),
      gpu_stats: ticks.map((t, i) => ({ timestamp: stamp(t), id: 0, name: 'NVIDIA GeForce RTX 4090', uuid: 'GPU-0', temp_c: 41, vram_temp_c: 0, gpu_util_pct: 0, mem_util_pct: 0, mem_used_mb: i === ticks.length - 1 ? Math.round(usedMb) : 400, mem_total_mb: 24576, fan_speed_pct: 30, power_draw_w: 24 })),
    });
  }

  /** The idle time after which a process stops (undefined: ttl 0, never). */
  private get ttlMs(): number | undefined {
    return this.ttlSec > 0 ? this.ttlSec * 1000 : undefined;
  }

  private async upstream(ctx: Ctx): Promise<void> {
    const rest = ctx.path.slice('/upstream/'.length);
    // Model ids may contain '/': the longest configured id the path starts with wins.
    const model = this.catalog
      .map((m) => m.id)
      .filter((id) => rest === id || rest.startsWith(`${id}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (!model) return this.text(ctx, 404, 'model not found');
    const sub = rest.slice(model.length) || '/';
    // Starts a stopped model first; every proxied request's end is its process's last use.
    const { model: proc } = await this.loadOnDemand(this.procs, model, ctx.epoch);
    const meta = this.catalog.find((m) => m.id === model)!;
    this.serveIdle(this.procs, proc, this.ttlMs, () => {
      // The backend is a llama-server: its own health and props.
      if (ctx.method === 'GET' && sub === '/health') return this.json(ctx, 200, { status: 'ok' });
      if (ctx.method === 'GET' && sub === '/props') return this.json(ctx, 200, { default_generation_settings: { n_ctx: meta.contextLength ?? 8192 }, model_path: `/models/${model}.gguf` });
      return this.json(ctx, 404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
    });
  }

  private async infer(ctx: Ctx, ep: 'chat' | 'completions' | 'responses'): Promise<void> {
    if (ctx.bodyInvalid) return this.json(ctx, 400, oaiError('could not parse JSON body', 'invalid_request_error'));
    const b: Json = ctx.body ?? {};
    const user = this.countInference(isOpenAIPing(ep, b));
    const id = str(b.model) ?? '';
    if (!this.catalog.some((m) => m.id === id)) return this.text(ctx, 404, `could not find suitable handler for ${id}`);
    const { model: proc, cold } = await this.loadOnDemand(this.procs, id, ctx.epoch);
    this.noteCold(ctx, user, cold);
    this.serveIdle(this.procs, proc, this.ttlMs, () => this.sendOpenAI(ctx, ep, id));
  }
}
