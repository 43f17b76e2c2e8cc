// Ollama (port 11434): native /api and OpenAI-compatible /v1. Models load on demand and stay for
// keep_alive after their last request finishes; runner options that differ from the loaded runner's
// (num_ctx!) force a reload, exactly the trap a keep-warm ping must avoid (server/sched.go).
import { createHash } from 'node:crypto';
import { BaseSim, openAIEndpoint, type Ctx, type Dialect } from './core';
import { fixture, fixtureText, type Json } from './fixtures';
import { isOpenAIPing, oaiError, promptTokens, reply, toolCallFor } from './openai';
import type { SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { isObj, num, str } from './util';

interface OllamaMeta {
  name: string;
  family: string;
  parameterSize: string;
  quant: string;
  sizeBytes: number;
  digest: string;
  modifiedAt: string;
  arch: string;
  trainedCtx: number;
  embeddingLength: number;
  capabilities: string[];
  /** Modelfile `PARAMETER num_ctx` (shown by /api/show; used when a request sends none). */
  numCtxParam?: number;
}

/** Defaults: models named in ollama/*.json (sizes, digests, dates, contexts from the fixtures). */
const CATALOG: OllamaMeta[] = [
  {
    name: 'gemma4:latest',
    family: 'gemma4',
    parameterSize: '8.0B',
    quant: 'Q4_K_M',
    sizeBytes: 5333539264,
    digest: 'c6eb396dbd5992bbe3f5cdb947e8bbc0ee413d7c17e2beaae69f5d569cf982eb',
    modifiedAt: '2025-08-14T15:49:43.634137516-07:00',
    arch: 'gemma4',
    trainedCtx: 131072,
    embeddingLength: 2560,
    capabilities: ['completion', 'vision'],
  },
  {
    name: 'qwen2.5:latest',
    family: 'qwen2',
    parameterSize: '7.6B',
    quant: 'Q4_K_M',
    sizeBytes: 4683087332,
    digest: '845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e',
    modifiedAt: '2026-06-20T09:16:36.999138695Z',
    arch: 'qwen2',
    trainedCtx: 32768,
    embeddingLength: 3584,
    capabilities: ['completion', 'tools'],
  },
  {
    name: 'deepseek-r1:latest',
    family: 'qwen2',
    parameterSize: '7.6B',
    quant: 'Q4_K_M',
    sizeBytes: 4683075271,
    digest: '0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163',
    modifiedAt: '2025-05-10T08:06:48.639712648-07:00',
    arch: 'qwen2',
    trainedCtx: 131072,
    embeddingLength: 3584,
    capabilities: ['completion', 'thinking'],
  },
  {
    name: 'llama3.2:latest',
    family: 'llama',
    parameterSize: '3.2B',
    quant: 'Q4_K_M',
    sizeBytes: 2019393189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    modifiedAt: '2025-05-04T17:37:44.706015396-07:00',
    arch: 'llama',
    trainedCtx: 131072,
    embeddingLength: 3072,
    capabilities: ['completion', 'tools'],
  },
];

/** Context when neither the request nor the Modelfile sets num_ctx (docs faq; the fixtures' /api/ps shows 4096). */
export const OLLAMA_DEFAULT_NUM_CTX = 4096;
/** keep_alive < 0: time.Duration(math.MaxInt64) ≈ 292 years. */
const FOREVER_MS = 9_223_372_036_854;

/** `llama3.2` and `llama3.2:latest` are the same model. */
export function normalizeName(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in ms (throws Go's error text). */
export function parseGoDuration(s: string): number {
  const orig = s;
  const invalid = (): Error => new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) throw invalid();
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = UNITS[u[0]];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(orig)}`);
    s = s.slice(u[0].length);
    total += Number(`${m[1] || '0'}.${m[2] ?? '0'}`) * unit;
  }
  return neg ? -total : total;
}

/** api.Duration.UnmarshalJSON: number = seconds, string = Go duration, negative = forever (Infinity). */
export function parseKeepAlive(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  let ms: number;
  if (typeof v === 'number') ms = v * 1000;
  else if (typeof v === 'string') ms = parseGoDuration(v);
  else throw new Error(`json: cannot unmarshal ${typeof v} into Go struct field .keep_alive of type api.Duration`);
  return ms < 0 ? Infinity : ms;
}

interface RunnerOpts {
  num_ctx: number;
  num_batch: number;
  num_gpu: number;
  main_gpu: number;
  use_mmap: boolean | null;
  num_thread: number;
}

interface Runner {
  name: string;
  meta: OllamaMeta;
  opts: RunnerOpts;
  /** keep_alive of the runner; Infinity = forever, 0 = unload when idle. */
  durationMs: number;
  expiresAt: number;
  cancelTimer?: () => void;
  inFlight: number;
  loading?: Promise<void>;
}

function toMeta(m: SimModel): OllamaMeta {
  const name = normalizeName(m.id);
  const known = CATALOG.find((c) => c.name === name);
  const base: OllamaMeta = known ?? {
    name,
    family: 'llama',
    parameterSize: '8.0B',
    quant: 'Q4_K_M',
    sizeBytes: 4_920_000_000,
    digest: createHash('sha256').update(name).digest('hex'),
    modifiedAt: '2026-09-01T10:00:00.000000000Z',
    arch: 'llama',
    trainedCtx: 131072,
    embeddingLength: 4096,
    capabilities: ['completion', 'tools'],
  };
  return {
    ...base,
    trainedCtx: m.maxContext ?? base.trainedCtx,
    sizeBytes: m.sizeBytes ?? base.sizeBytes,
    ...(m.contextLength !== undefined ? { numCtxParam: m.contextLength } : {}),
  };
}

export class OllamaSim extends BaseSim {
  readonly kind = 'ollama' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json; charset=utf-8' };
  private readonly catalog: OllamaMeta[];
  private readonly defaultKeepAliveMs: number;
  private runners = new Map<string, Runner>();

  constructor(opts: SimOptions) {
    super(opts);
    this.catalog = (opts.models ?? CATALOG.map((c) => ({ id: c.name }))).map(toMeta);
    this.defaultKeepAliveMs = opts.idleTtlMs ?? 5 * 60_000;
  }

  models(): SimModel[] {
    return this.catalog.map((m) => ({ id: m.name, maxContext: m.trainedCtx, sizeBytes: m.sizeBytes, contextLength: m.numCtxParam }));
  }

  protected resetState(initial: boolean): void {
    for (const r of this.runners.values()) r.cancelTimer?.();
    this.runners = new Map();
    for (const id of initial ? (this.opts.loaded ?? []) : []) {
      const meta = this.meta(id);
      if (!meta) throw new Error(`ollama: loaded model "${id}" is not in models`);
      const r = this.newRunner(meta, this.runnerOpts(meta, undefined), this.defaultKeepAliveMs);
      this.runners.set(meta.name, r);
      this.idle(r);
    }
  }

  state(): { loaded: SimLoadedModel[] } {
    return {
      loaded: [...this.runners.values()].map((r) => ({
        id: r.name,
        contextLength: r.opts.num_ctx,
        ...(Number.isFinite(r.durationMs) ? { expiresAt: r.expiresAt } : {}),
        ...(r.loading ? { loading: true } : {}),
      })),
    };
  }

  unload(modelId?: string): void {
    for (const n of modelId === undefined ? [...this.runners.keys()] : [normalizeName(modelId)]) this.drop(n);
  }

  protected userRequestSpec(modelId: string, opts: UserRequestOptions): { path: string; body: Json } {
    return {
      path: '/api/chat',
      body: {
        model: modelId,
        messages: [
          { role: 'system', content: 'You are a coding agent.' },
          { role: 'user', content: 'Summarise the failing test output below and propose a fix.' },
        ],
        stream: false,
        ...(opts.numCtx !== undefined ? { options: { num_ctx: opts.numCtx } } : {}),
      },
    };
  }

  // ---- scheduler ----
  private meta(name: string): OllamaMeta | undefined {
    const n = normalizeName(name);
    return this.catalog.find((m) => m.name === n);
  }

  /** modelOptions(): request options over Modelfile over server defaults; num_ctx capped at the trained context. */
  private runnerOpts(meta: OllamaMeta, o: Json): RunnerOpts {
    const opt = isObj(o) ? o : {};
    return {
      num_ctx: Math.min(num(opt.num_ctx) ?? meta.numCtxParam ?? OLLAMA_DEFAULT_NUM_CTX, meta.trainedCtx),
      num_batch: num(opt.num_batch) ?? 512,
      num_gpu: num(opt.num_gpu) ?? -1,
      main_gpu: num(opt.main_gpu) ?? 0,
      use_mmap: typeof opt.use_mmap === 'boolean' ? opt.use_mmap : null,
      num_thread: num(opt.num_thread) ?? 0,
    };
  }

  /** sched.go needsReload: any runner option differs (num_gpu -1 = "auto" matches anything). */
  private needsReload(have: RunnerOpts, want: RunnerOpts): boolean {
    const w = { ...want, num_gpu: want.num_gpu < 0 ? have.num_gpu : want.num_gpu };
    return (Object.keys(have) as (keyof RunnerOpts)[]).some((k) => have[k] !== w[k]);
  }

  private newRunner(meta: OllamaMeta, opts: RunnerOpts, durationMs: number): Runner {
    return { name: meta.name, meta, opts, durationMs, expiresAt: this.expiry(durationMs), inFlight: 0 };
  }

  private expiry(durationMs: number): number {
    return this.nowMs() + (Number.isFinite(durationMs) ? durationMs : FOREVER_MS);
  }

  private drop(name: string): void {
    this.unloadFrom(this.runners, name);
  }

  /** The last in-flight request finished: expires_at = now + keep_alive (0 = unload now). */
  private idle(r: Runner): void {
    r.cancelTimer?.();
    r.cancelTimer = undefined;
    if (r.inFlight > 0 || this.runners.get(r.name) !== r) return;
    if (r.durationMs <= 0) {
      this.drop(r.name);
      return;
    }
    r.expiresAt = this.expiry(r.durationMs);
    if (Number.isFinite(r.durationMs)) r.cancelTimer = this.schedule(r.durationMs, () => this.drop(r.name));
  }

  /** scheduleRunner(): reuse, reload or load the runner; marks one request in flight. */
  private async acquire(ctx: Ctx, meta: OllamaMeta, options: Json, keepAliveMs: number | undefined): Promise<{ runner: Runner; cold: boolean }> {
    const want = this.runnerOpts(meta, options);
    let cold = false;
    let r = this.runners.get(meta.name);
    if (r?.loading) {
      cold = true;
      await r.loading;
      r = this.runners.get(meta.name);
    }
    if (r && this.needsReload(r.opts, want)) {
      this.drop(r.name);
      r = undefined;
    }
    if (!r) {
      cold = true;
      r = this.newRunner(meta, want, keepAliveMs ?? this.defaultKeepAliveMs);
      this.runners.set(meta.name, r);
      this.st.loads++;
      r.loading = this.delay(this.loadDelayMs, ctx.epoch);
      try {
        await r.loading;
      } finally {
        r.loading = undefined;
      }
    } else if (keepAliveMs !== undefined) {
      r.durationMs = keepAliveMs;
    }
    r.inFlight++;
    r.cancelTimer?.();
    r.cancelTimer = undefined;
    return { runner: r, cold };
  }

  private release(r: Runner): void {
    r.inFlight--;
    this.idle(r);
  }

  // ---- HTTP ----
  protected async handle(ctx: Ctx): Promise<void> {
    const { method, path } = ctx;
    const get = method === 'GET' || method === 'HEAD';
    if (get && path === '/') return this.text(ctx, 200, fixtureText('ollama/root.txt'));
    if (get && path === '/api/version') return this.json(ctx, 200, fixture('ollama/api-version.json'));
    if (get && path === '/api/tags') return this.json(ctx, 200, { models: this.sortedByDate().map((m) => this.tagEntry(m)) });
    if (get && path === '/api/ps') return this.ps(ctx);
    if (method === 'POST' && path === '/api/show') return this.show(ctx);
    if (method === 'POST' && (path === '/api/generate' || path === '/api/chat')) return this.native(ctx, path === '/api/chat');
    if (get && path === '/v1/models') {
      const list = this.sortedByDate();
      this.json(ctx, 200, { object: 'list', data: list.length ? list.map((m) => this.v1Entry(m)) : null });
      return;
    }
    if (get && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      const m = this.meta(id);
      if (m) this.json(ctx, 200, this.v1Entry(m));
      else this.json(ctx, 404, oaiError(`model '${id}' not found`, 'not_found_error'));
      return;
    }
    const ep = method === 'POST' ? openAIEndpoint(path) : undefined;
    if (ep && path.startsWith('/v1/') && (ep !== 'responses' || (this.opts.responsesApi ?? true))) return this.openai(ctx, ep);
    this.text(ctx, 404, '404 page not found');
  }

  private sortedByDate(): OllamaMeta[] {
    return [...this.catalog].sort((a, b) => Date.parse(b.modifiedAt) - Date.parse(a.modifiedAt));
  }

  private details(m: OllamaMeta): Json {
    return { parent_model: '', format: 'gguf', family: m.family, families: [m.family], parameter_size: m.parameterSize, quantization_level: m.quant };
  }

  /** /api/tags entry in the newer shape (ollama/api-tags-2026.json: details.context_length, capabilities). */
  private tagEntry(m: OllamaMeta): Json {
    return {
      name: m.name,
      model: m.name,
      modified_at: m.modifiedAt,
      size: m.sizeBytes,
      digest: m.digest,
      details: { ...this.details(m), context_length: m.trainedCtx, embedding_length: m.embeddingLength },
      capabilities: m.capabilities,
    };
  }

  private v1Entry(m: OllamaMeta): Json {
    const ns = m.name.includes('/') ? (m.name.split('/').slice(-2, -1)[0] ?? 'library') : 'library';
    return { id: m.name, object: 'model', created: Math.floor(Date.parse(m.modifiedAt) / 1000), owned_by: ns };
  }

  private ps(ctx: Ctx): void {
    const list = [...this.runners.values()].sort((a, b) => b.expiresAt - a.expiresAt);
    this.json(ctx, 200, {
      models: list.map((r) => {
        // Loaded size grows with the KV cache of the allocated context.
        const size = r.meta.sizeBytes + r.opts.num_ctx * 131_072;
        return {
          name: r.name,
          model: r.name,
          size,
          digest: r.meta.digest,
          details: this.details(r.meta),
          expires_at: new Date(r.expiresAt).toISOString(),
          size_vram: size,
          context_length: r.opts.num_ctx,
        };
      }),
    });
  }

  private show(ctx: Ctx): void {
    if (ctx.bodyInvalid) return this.json(ctx, 400, { error: 'invalid character in request body' });
    const b: Json = ctx.body ?? {};
    const name = str(b.model) || str(b.name);
    if (!name) return this.json(ctx, 400, { error: 'model is required' });
    const m = this.meta(name);
    if (!m) return this.json(ctx, 404, { error: `model '${name}' not found` });
    const out = fixture('ollama/api-show.json');
    out.parameters = `temperature 0.7${m.numCtxParam !== undefined ? `\nnum_ctx ${m.numCtxParam}` : ''}`;
    out.capabilities = m.capabilities;
    out.modified_at = m.modifiedAt;
    out.details = this.details(m);
    const info: Json = {};
    for (const [k, v] of Object.entries(out.model_info as Record<string, Json>)) {
      if (k.startsWith('gemma4.')) info[`${m.arch}.${k.slice('gemma4.'.length)}`] = v;
      else info[k] = v;
    }
    info[`${m.arch}.context_length`] = m.trainedCtx;
    info[`${m.arch}.embedding_length`] = m.embeddingLength;
    info['general.architecture'] = m.arch;
    out.model_info = info;
    this.json(ctx, 200, out);
  }

  /** /api/generate and /api/chat (routes.go GenerateHandler / ChatHandler). */
  private async native(ctx: Ctx, chat: boolean): Promise<void> {
    if (!ctx.bodyText.trim()) return this.json(ctx, 400, { error: 'missing request body' });
    if (ctx.bodyInvalid || !isObj(ctx.body)) return this.json(ctx, 400, { error: 'invalid character in request body' });
    const b: Json = ctx.body;
    let keepAlive: number | undefined;
    try {
      keepAlive = parseKeepAlive(b.keep_alive);
    } catch (e) {
      return this.json(ctx, 400, { error: (e as Error).message });
    }
    const modelField = str(b.model) ?? '';
    const empty = chat ? !(Array.isArray(b.messages) && b.messages.length > 0) : !str(b.prompt);
    const numPredict = num(isObj(b.options) ? b.options.num_predict : undefined);
    const unloadOnly = empty && keepAlive === 0;
    const user = this.countInference(unloadOnly ? null : empty || (numPredict !== undefined && numPredict >= 0 && numPredict <= 1));
    const meta = this.meta(modelField);
    if (!modelField || !meta) return this.json(ctx, 404, { error: `model '${modelField}' not found` });
    const createdAt = new Date(this.nowMs()).toISOString();
    if (unloadOnly) {
      const r = this.runners.get(meta.name);
      if (r && r.inFlight > 0) r.durationMs = 0; // expireRunner: goes when its last request finishes
      else this.drop(meta.name);
      const out = chat
        ? { model: modelField, created_at: createdAt, message: { role: 'assistant', content: '' }, done_reason: 'unload', done: true }
        : { model: modelField, created_at: createdAt, response: '', done: true, done_reason: 'unload' };
      return this.json(ctx, 200, out);
    }
    const { runner, cold } = await this.acquire(ctx, meta, b.options, keepAlive);
    this.noteCold(ctx, user, cold);
    try {
      if (empty) {
        const out = chat
          ? { model: modelField, created_at: createdAt, message: { role: 'assistant', content: '' }, done_reason: 'load', done: true }
          : { model: modelField, created_at: createdAt, response: '', done: true, done_reason: 'load' };
        this.json(ctx, 200, out);
        return;
      }
      const r = reply(numPredict);
      const pt = promptTokens(b);
      const loadNs = cold ? Math.max(1, this.loadDelayMs) * 1e6 : 2_105_917;
      const metrics = {
        total_duration: loadNs + 13_074_791 + r.tokens * 2_915_539 + 1_000_000,
        load_duration: loadNs,
        prompt_eval_count: pt,
        prompt_eval_duration: 13_074_791,
        eval_count: r.tokens,
        eval_duration: r.tokens * 2_915_539,
      };
      const doneReason = r.finish === 'stop' ? 'stop' : 'length';
      // Ollama gives a tool call whole (arguments as an object), in one message, then the done line.
      const call = chat ? toolCallFor(b, this.opts.toolCalls) : undefined;
      if (call) {
        let args: unknown;
        try {
          args = JSON.parse(call.arguments);
        } catch {
          args = call.arguments; // malformed: a string where Ollama promises an object
        }
        const message = { role: 'assistant', content: '', tool_calls: [{ function: { name: call.name, arguments: args } }] };
        const done = { model: modelField, created_at: createdAt, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, ...metrics };
        if (b.stream === false) this.json(ctx, 200, { ...done, message });
        else this.ndjson(ctx, [{ model: modelField, created_at: createdAt, message, done: false }, done]);
        return;
      }
      if (b.stream === false) {
        const out = chat
          ? { model: modelField, created_at: createdAt, message: { role: 'assistant', content: r.text }, done_reason: doneReason, done: true, ...metrics }
          : { model: modelField, created_at: createdAt, response: r.text, done: true, done_reason: doneReason, ...metrics };
        this.json(ctx, 200, out);
        return;
      }
      const tokens = r.text.length ? r.text.split(/(?=\s)/) : [];
      const lines: Json[] = tokens.map((t) =>
        chat ? { model: modelField, created_at: createdAt, message: { role: 'assistant', content: t }, done: false } : { model: modelField, created_at: createdAt, response: t, done: false },
      );
      lines.push(
        chat
          ? { model: modelField, created_at: createdAt, message: { role: 'assistant', content: '' }, done_reason: doneReason, done: true, ...metrics }
          : { model: modelField, created_at: createdAt, response: '', done: true, done_reason: doneReason, context: [1, 2, 3], ...metrics },
      );
      this.ndjson(ctx, lines);
    } finally {
      this.release(runner);
    }
  }

  /** /v1 (openai middleware): no keep_alive and no num_ctx, so the runner gets the defaults. */
  private async openai(ctx: Ctx, ep: 'chat' | 'completions' | 'responses'): Promise<void> {
    if (ctx.bodyInvalid || !isObj(ctx.body)) return this.json(ctx, 400, oaiError('invalid request body', 'invalid_request_error'));
    const b: Json = ctx.body;
    const user = this.countInference(isOpenAIPing(ep, b));
    const id = str(b.model) ?? '';
    const meta = this.meta(id);
    if (!meta) return this.json(ctx, 404, oaiError(`model '${id}' not found`, 'not_found_error'));
    const { runner, cold } = await this.acquire(ctx, meta, undefined, undefined);
    this.noteCold(ctx, user, cold);
    try {
      this.sendOpenAI(ctx, ep, id);
    } finally {
      this.release(runner);
    }
  }
}
