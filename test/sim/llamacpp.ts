// llama.cpp llama-server (port 8080, moving to 9931): one model, loaded at startup while HTTP answers
// 503 "Loading model" to every path; optional --sleep-idle-seconds that unloads after idle and reloads
// on the next task. GET endpoints (/health, /props, /models, /slots, /metrics) never wake or reset it.
import { BaseSim, openAIEndpoint, Stale, type Boot, type Ctx, type Dialect } from './core';
import { fixture, fixtureText, type Json } from './fixtures';
import { isCompletionPing, isOpenAIPing, promptTokens, reply, tokenLimit, userTurn } from './openai';
import type { SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { num, str } from './util';

const DEFAULT_MODEL: Required<SimModel> = {
  id: '../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
  maxContext: 131072,
  sizeBytes: 4912898304,
  contextLength: 8192,
};
const PUBLIC = new Set(['/health', '/v1/health', '/models', '/v1/models', '/']);
const BUILD = 'b(build number)-(build commit hash)';

export class LlamaCppSim extends BaseSim {
  readonly kind = 'llamacpp' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json; charset=utf-8' };
  private readonly model: Required<SimModel>;
  private loading = true;
  private sleeping = false;
  private inFlight = 0;
  private idTask = 0;
  private createdSec = 0;
  private cancelIdle?: () => void;
  private waking?: Promise<void>;
  /** Router mode: every model's status (null on a single-model server). */
  private readonly routed: Map<string, { model: Required<SimModel>; status: 'loaded' | 'loading' | 'unloaded' }> | null;

  constructor(opts: SimOptions) {
    super(opts);
    const m = opts.models?.[0];
    const maxContext = m?.maxContext ?? (m ? 131072 : DEFAULT_MODEL.maxContext);
    this.model = {
      id: m?.id ?? DEFAULT_MODEL.id,
      maxContext,
      sizeBytes: m?.sizeBytes ?? DEFAULT_MODEL.sizeBytes,
      contextLength: Math.min(m?.contextLength ?? DEFAULT_MODEL.contextLength, maxContext),
    };
    this.routed = opts.router
      ? new Map(
          (opts.models ?? [this.model]).map((x) => {
            const max = x.maxContext ?? 131072;
            const model = { id: x.id, maxContext: max, sizeBytes: x.sizeBytes ?? DEFAULT_MODEL.sizeBytes, contextLength: Math.min(x.contextLength ?? DEFAULT_MODEL.contextLength, max) };
            return [x.id, { model, status: opts.loaded?.includes(x.id) ? ('loaded' as const) : ('unloaded' as const) }];
          }),
        )
      : null;
  }

  models(): SimModel[] {
    return this.routed ? [...this.routed.values()].map((r) => ({ ...r.model })) : [{ ...this.model }];
  }

  protected resetState(_initial: boolean): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    this.loading = true;
    this.sleeping = false;
    this.inFlight = 0;
    this.waking = undefined;
    this.createdSec = this.nowSec();
  }

  /** HTTP is up at once; the model loads behind a 503 phase. */
  protected override boot(): Boot {
    const epoch = this.epoch;
    const listening = this.listen();
    const ready = listening.then(async () => {
      if (this.routed) {
        // The router answers at once; its models load on demand (or were loaded at start: `loaded`).
        this.loading = false;
        return;
      }
      this.st.loads++;
      await this.delay(this.loadDelayMs, epoch);
      this.loading = false;
      this.armIdle();
    });
    return { listening, ready: ready.catch((e: unknown) => (e instanceof Stale ? undefined : Promise.reject(e))) };
  }

  state(): { loaded: SimLoadedModel[] } {
    if (this.routed) {
      return {
        loaded: [...this.routed.values()]
          .filter((r) => r.status !== 'unloaded')
          .map((r) => ({ id: r.model.id, contextLength: r.model.contextLength, ...(r.status === 'loading' ? { loading: true } : {}) })),
      };
    }
    return {
      loaded: [
        {
          id: this.model.id,
          contextLength: this.model.contextLength,
          ...(this.loading ? { loading: true } : {}),
          ...(this.sleeping ? { sleeping: true } : {}),
        },
      ],
    };
  }

  /** As if --sleep-idle-seconds fired now: the model leaves memory, the next task reloads it. */
  unload(_modelId?: string): void {
    if (this.loading || this.sleeping) return;
    this.goToSleep();
  }

  protected userRequestSpec(modelId: string, _opts: UserRequestOptions): { path: string; body: Json } {
    return userTurn(modelId, this.opts.responsesApi ?? false);
  }

  // ---- sleep on idle ----
  private goToSleep(): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    this.sleeping = true;
    this.st.unloads++;
  }

  private armIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    const ttl = this.opts.idleTtlMs;
    if (ttl === undefined || this.inFlight > 0 || this.sleeping || this.loading) return;
    this.cancelIdle = this.schedule(ttl, () => this.goToSleep());
  }

  /** A task arrives (completion/chat/…): reload if asleep. Returns whether it was cold. */
  private async taskStart(ctx: Ctx): Promise<boolean> {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    this.inFlight++;
    this.idTask++;
    if (this.routed) {
      // The router starts the requested model's process first (on demand), then forwards the task.
      const r = this.routed.get(str((ctx.body as Json | undefined)?.model) ?? '');
      if (!r || r.status === 'loaded') return false;
      if (r.status === 'unloaded') await this.routerLoad(r, ctx.epoch);
      else await this.delay(this.loadDelayMs, ctx.epoch).catch(() => undefined);
      r.status = 'loaded';
      return true;
    }
    if (!this.sleeping) return false;
    if (!this.waking) {
      this.st.wakes++;
      this.st.loads++;
      const epoch = ctx.epoch;
      this.waking = this.delay(this.loadDelayMs, epoch).then(() => {
        if (epoch !== this.epoch) return;
        this.sleeping = false;
        this.waking = undefined;
      });
    }
    await this.waking;
    return true;
  }

  private taskEnd(): void {
    this.inFlight--;
    this.armIdle();
  }

  // ---- HTTP ----
  protected async handle(ctx: Ctx): Promise<void> {
    const { method, path } = ctx;
    // server-http.cpp: the not-ready middleware answers every path first, before the API key check.
    if (this.loading) return this.rawJson(ctx, 503, fixtureText('llamacpp/health-loading.json').trimEnd());
    if (!PUBLIC.has(path) && !this.authorized(ctx, ['x-api-key'])) return this.json(ctx, 401, fixture('llamacpp/error-unauthorized.json'));
    const get = method === 'GET' || method === 'HEAD';
    if (get && (path === '/health' || path === '/v1/health')) return this.rawJson(ctx, 200, fixtureText('llamacpp/health-ok.json').trimEnd());
    if (get && path === '/') return this.text(ctx, 200, '<!doctype html><html><head><title>llama.cpp - chat</title></head><body><div id="app"></div></body></html>', 'text/html; charset=utf-8');
    if (this.routed) {
      if (get && (path === '/models' || path === '/v1/models')) return this.json(ctx, 200, this.routerModelsBody());
      if (method === 'POST' && (path === '/models/load' || path === '/models/unload')) return this.routerLoadUnload(ctx, path === '/models/load');
      if (get && (path === '/props' || path === '/v1/props')) {
        const r = this.routed.get(ctx.query.get('model') ?? '');
        // A bare /props in router mode describes no model (n_ctx 0: the placeholder the adapter drops).
        const p = this.props();
        p.default_generation_settings.n_ctx = r?.status === 'loaded' ? r.model.contextLength : 0;
        return this.json(ctx, 200, p);
      }
    }
    if (get && (path === '/props' || path === '/v1/props')) return this.json(ctx, 200, this.props());
    if (get && (path === '/models' || path === '/v1/models')) return this.json(ctx, 200, this.modelsBody());
    if (get && path === '/slots') {
      if (ctx.query.get('fail_on_no_slot') === '1' && this.inFlight > 0) {
        return this.json(ctx, 503, { error: { code: 503, message: 'no slot available', type: 'unavailable_error' } });
      }
      return this.json(ctx, 200, this.slots());
    }
    if (get && path === '/metrics') {
      return this.json(ctx, 501, { error: { code: 501, message: 'This server does not support metrics endpoint.', type: 'not_supported_error' } });
    }
    if (method === 'POST') {
      if (path === '/completion' || path === '/completions') return this.nativeCompletion(ctx);
      const ep = openAIEndpoint(path);
      if (ep && (ep !== 'responses' || (this.opts.responsesApi ?? false))) return this.oai(ctx, ep);
    }
    this.json(ctx, 404, fixture('llamacpp/error-not-found.json'));
  }

  // ---- router mode ----
  private routerModelsBody(): Json {
    return {
      object: 'list',
      data: [...this.routed!.values()].map((r) => ({ id: r.model.id, object: 'model', owned_by: 'llamacpp', created: this.createdSec, in_cache: true, path: `/models/${r.model.id}.gguf`, status: { value: r.status } })),
    };
  }

  /** POST /models/load|unload {model}: 400 for an unknown or already (un)loaded model, as the router answers. */
  private async routerLoadUnload(ctx: Ctx, load: boolean): Promise<void> {
    const id = str((ctx.body as Json | undefined)?.model) ?? '';
    const r = this.routed!.get(id);
    if (!r) return this.json(ctx, 400, { error: { code: 400, message: `model not found: ${id}`, type: 'invalid_request_error' } });
    if (load) {
      if (r.status !== 'unloaded') return this.json(ctx, 400, { error: { code: 400, message: 'model is already loaded', type: 'invalid_request_error' } });
      void this.routerLoad(r, ctx.epoch);
      return this.json(ctx, 200, { success: true });
    }
    if (r.status === 'unloaded') return this.json(ctx, 400, { error: { code: 400, message: 'model is not running', type: 'invalid_request_error' } });
    r.status = 'unloaded';
    this.st.unloads++;
    this.json(ctx, 200, { success: true });
  }

  private async routerLoad(r: { status: 'loaded' | 'loading' | 'unloaded' }, epoch: number): Promise<void> {
    r.status = 'loading';
    this.st.loads++;
    await this.delay(this.loadDelayMs, epoch).catch(() => undefined);
    if (epoch === this.epoch && r.status === 'loading') r.status = 'loaded';
  }

  private modelPath(): string {
    return this.model.id.endsWith('.gguf') ? this.model.id : `/models/${this.model.id.replace(/[^\w.-]+/g, '_')}.gguf`;
  }

  /** props-current.json: n_ctx inside default_generation_settings; is_sleeping (served from cache while asleep). */
  private props(): Json {
    const p = fixture('llamacpp/props-current.json');
    p.default_generation_settings.n_ctx = this.model.contextLength;
    p.total_slots = 1;
    p.model_alias = this.model.id;
    p.model_path = this.modelPath();
    p.build_info = BUILD;
    p.is_sleeping = this.sleeping;
    return p;
  }

  /** v1-models-current.json: Ollama-style models[] plus OpenAI data[] with meta.n_ctx / n_ctx_train. */
  private modelsBody(): Json {
    const b = fixture('llamacpp/v1-models-current.json');
    b.models[0].name = this.model.id;
    b.models[0].model = this.model.id;
    const d = b.data[0];
    d.id = this.model.id;
    d.created = this.createdSec;
    d.meta.n_ctx = this.model.contextLength;
    d.meta.n_ctx_train = this.model.maxContext;
    d.meta.size = this.model.sizeBytes;
    return b;
  }

  private slots(): Json {
    const s = fixture<Json[]>('llamacpp/slots.json')[0];
    s.id = 0;
    s.id_task = this.inFlight > 0 ? this.idTask : -1;
    s.n_ctx = this.model.contextLength;
    s.is_processing = this.inFlight > 0;
    return [s];
  }

  private timings(pt: number, n: number): Json {
    return {
      prompt_n: pt,
      prompt_ms: pt * 0.9,
      prompt_per_token_ms: 0.9,
      prompt_per_second: 1111.1,
      predicted_n: n,
      predicted_ms: n * 16.7,
      predicted_per_token_ms: 16.7,
      predicted_per_second: 59.9,
    };
  }

  private async nativeCompletion(ctx: Ctx): Promise<void> {
    if (ctx.bodyInvalid) return this.json(ctx, 400, { error: { code: 400, message: 'Invalid JSON', type: 'invalid_request_error' } });
    const b: Json = ctx.body ?? {};
    const user = this.countInference(isCompletionPing(b));
    const cold = await this.taskStart(ctx);
    try {
      this.noteCold(ctx, user, cold);
      const limit = num(b.n_predict) ?? num(b.max_tokens);
      const r = reply(limit);
      const pt = promptTokens(b);
      const settings = fixture<Json[]>('llamacpp/slots.json')[0].params;
      const out = {
        index: 0,
        content: r.text,
        tokens: [],
        id_slot: 0,
        stop: true,
        model: this.model.id,
        tokens_predicted: r.tokens,
        tokens_evaluated: pt,
        generation_settings: settings,
        prompt: str(b.prompt) ?? '',
        has_new_line: false,
        truncated: false,
        stop_type: r.finish === 'stop' ? 'eos' : 'limit',
        stopping_word: '',
        tokens_cached: pt + r.tokens,
        timings: this.timings(pt, r.tokens),
      };
      if (b.stream === true) {
        const events = r.text
          .split(/(?=\s)/)
          .filter(Boolean)
          .map((t) => ({ data: JSON.stringify({ index: 0, content: t, tokens: [], stop: false, id_slot: 0, tokens_predicted: 0, tokens_evaluated: pt }) }));
        events.push({ data: JSON.stringify({ ...out, content: '' }) });
        this.sse(ctx, events);
      } else this.json(ctx, 200, out);
    } finally {
      this.taskEnd();
    }
  }

  /** OpenAI-compatible endpoints; a single-model server ignores the requested model name. */
  private async oai(ctx: Ctx, ep: 'chat' | 'completions' | 'responses'): Promise<void> {
    if (ctx.bodyInvalid) return this.json(ctx, 400, { error: { code: 400, message: 'Invalid JSON', type: 'invalid_request_error' } });
    const b: Json = ctx.body ?? {};
    const user = this.countInference(isOpenAIPing(ep, b));
    const cold = await this.taskStart(ctx);
    try {
      this.noteCold(ctx, user, cold);
      const r = reply(tokenLimit(b));
      const pt = promptTokens(b);
      this.sendOpenAI(ctx, ep, str(b.model) ?? this.model.id, (out) => {
        out.system_fingerprint = BUILD;
        out.timings = this.timings(pt, r.tokens);
      });
    } finally {
      this.taskEnd();
    }
  }
}
