// LM Studio (port 1234): /v1 (OpenAI), /api/v0 and /api/v1 REST. JIT loading with an idle TTL that
// every request resets, Auto-Evict of the previous JIT model, explicit (pinned) loads, Express quirks.
import { BaseSim, openAIEndpoint, type Ctx, type Dialect, type OpenAIEndpoint } from './core';
import { fixture, type Json } from './fixtures';
import { contextTokensOf, isOpenAIPing, oaiError, promptTokens, reply, tokenLimit, userTurn } from './openai';
import type { SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { num, rid, str } from './util';

interface LmsMeta {
  id: string;
  type: 'llm' | 'vlm' | 'embeddings';
  publisher: string;
  arch: string;
  compat: 'gguf' | 'mlx';
  quant: string;
  bits: number;
  maxContext: number;
  sizeBytes: number;
  displayName: string;
  paramsString: string | null;
  vision: boolean;
  toolUse: boolean;
  reasoning?: { allowed_options: string[]; default: string };
  experts?: number;
  variants?: string[];
  defaultContext: number;
}

/** Defaults: the models named in lmstudio/*.json (metadata from the fixtures where they give it). */
const CATALOG: Omit<LmsMeta, 'defaultContext'>[] = [
  {
    id: 'google/gemma-4-26b-a4b',
    type: 'vlm',
    publisher: 'google',
    arch: 'gemma4',
    compat: 'gguf',
    quant: 'Q4_K_M',
    bits: 4,
    maxContext: 262144,
    sizeBytes: 17990911801,
    displayName: 'Gemma 4 26B A4B',
    paramsString: '26B-A4B',
    vision: true,
    toolUse: true,
    reasoning: { allowed_options: ['off', 'on'], default: 'on' },
    experts: 8,
    variants: ['google/gemma-4-26b-a4b@q4_k_m'],
  },
  {
    id: 'meta-llama-3.1-8b-instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    arch: 'llama',
    compat: 'gguf',
    quant: 'Q4_K_M',
    bits: 4,
    maxContext: 131072,
    sizeBytes: 4920734656,
    displayName: 'Meta Llama 3.1 8B Instruct',
    paramsString: '8B',
    vision: false,
    toolUse: true,
  },
  {
    id: 'qwen2-vl-7b-instruct',
    type: 'vlm',
    publisher: 'mlx-community',
    arch: 'qwen2_vl',
    compat: 'mlx',
    quant: '4bit',
    bits: 4,
    maxContext: 32768,
    sizeBytes: 4680000000,
    displayName: 'Qwen2 VL 7B Instruct',
    paramsString: '7B',
    vision: true,
    toolUse: false,
  },
  {
    id: 'deepseek-r1',
    type: 'llm',
    publisher: 'deepseek',
    arch: 'deepseek',
    compat: 'gguf',
    quant: 'Q4_K_M',
    bits: 4,
    maxContext: 131072,
    sizeBytes: 40492610355,
    displayName: 'DeepSeek R1',
    paramsString: '671B',
    vision: false,
    toolUse: true,
    reasoning: { allowed_options: ['on'], default: 'on' },
  },
  {
    id: 'text-embedding-nomic-embed-text-v1.5',
    type: 'embeddings',
    publisher: 'nomic-ai',
    arch: 'nomic-bert',
    compat: 'gguf',
    quant: 'Q4_0',
    bits: 4,
    maxContext: 2048,
    sizeBytes: 274290560,
    displayName: 'Nomic Embed Text v1.5',
    paramsString: null,
    vision: false,
    toolUse: false,
  },
];

/** LM Studio's historical default load context (the fixtures' loaded entries show 4096). */
const DEFAULT_LOAD_CONTEXT = 4096;

interface Loaded {
  id: string;
  contextLength: number;
  /** Explicit load (`lms load`, /api/v1/models/load): no TTL, never auto-evicted. */
  pinned: boolean;
  ttlMs: number;
  expiresAt?: number;
  cancelTimer?: () => void;
  inFlight: number;
  loading?: Promise<void>;
  flashAttention: boolean;
}

function toMeta(m: SimModel): LmsMeta {
  const known = CATALOG.find((c) => c.id === m.id);
  const base: Omit<LmsMeta, 'defaultContext'> = known ?? {
    id: m.id,
    type: /embed/i.test(m.id) ? 'embeddings' : 'llm',
    publisher: m.id.includes('/') ? (m.id.split('/')[0] ?? 'lmstudio-community') : 'lmstudio-community',
    arch: 'llama',
    compat: 'gguf',
    quant: 'Q4_K_M',
    bits: 4,
    maxContext: 32768,
    sizeBytes: 4_900_000_000,
    displayName: m.id,
    paramsString: null,
    vision: false,
    toolUse: true,
  };
  const maxContext = m.maxContext ?? base.maxContext;
  return {
    ...base,
    maxContext,
    sizeBytes: m.sizeBytes ?? base.sizeBytes,
    defaultContext: Math.min(m.contextLength ?? DEFAULT_LOAD_CONTEXT, maxContext),
  };
}

export class LmStudioSim extends BaseSim {
  readonly kind = 'lmstudio' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json; charset=utf-8', headers: { 'X-Powered-By': 'Express' } };
  private readonly catalog: LmsMeta[];
  private readonly idleTtlMs: number;
  private readonly jit: boolean;
  private loaded = new Map<string, Loaded>();

  constructor(opts: SimOptions) {
    super(opts);
    this.catalog = (opts.models ?? CATALOG.map((c) => ({ id: c.id }))).map(toMeta);
    this.idleTtlMs = opts.idleTtlMs ?? 60 * 60_000;
    this.jit = opts.jitLoading ?? true;
  }

  models(): SimModel[] {
    return this.catalog.map((m) => ({ id: m.id, maxContext: m.maxContext, sizeBytes: m.sizeBytes, contextLength: m.defaultContext }));
  }

  protected resetState(initial: boolean): void {
    for (const m of this.loaded.values()) m.cancelTimer?.();
    this.loaded = new Map();
    for (const id of initial ? (this.opts.loaded ?? []) : []) {
      const meta = this.meta(id);
      if (!meta) throw new Error(`lmstudio: loaded model "${id}" is not in models`);
      const m = this.add(meta, false, meta.defaultContext);
      this.armTtl(m);
    }
    for (const id of initial ? (this.opts.pinned ?? []) : []) {
      const meta = this.meta(id);
      if (!meta) throw new Error(`lmstudio: pinned model "${id}" is not in models`);
      this.add(meta, true, meta.defaultContext);
    }
  }

  state(): { loaded: SimLoadedModel[] } {
    return {
      loaded: [...this.loaded.values()].map((m) => ({
        id: m.id,
        contextLength: m.contextLength,
        ...(m.expiresAt !== undefined && !m.pinned ? { expiresAt: m.expiresAt } : {}),
        ...(m.loading ? { loading: true } : {}),
      })),
    };
  }

  unload(modelId?: string): void {
    for (const id of modelId === undefined ? [...this.loaded.keys()] : [modelId]) this.drop(id);
  }

  protected userRequestSpec(modelId: string, _opts: UserRequestOptions): { path: string; body: Json } {
    return userTurn(modelId, this.opts.responsesApi ?? true);
  }

  // ---- model state ----
  private meta(id: string): LmsMeta | undefined {
    return this.catalog.find((m) => m.id === id);
  }

  private add(meta: LmsMeta, pinned: boolean, contextLength: number, ttlMs = this.idleTtlMs): Loaded {
    const m: Loaded = { id: meta.id, contextLength, pinned, ttlMs, inFlight: 0, flashAttention: true };
    this.loaded.set(meta.id, m);
    return m;
  }

  private drop(id: string): void {
    this.unloadFrom(this.loaded, id);
  }

  /** Idle timer: (re)starts when the model stops working; pinned models have none. */
  private armTtl(m: Loaded): void {
    this.armIdleTimer(this.loaded, m, m.pinned ? undefined : m.ttlMs);
  }

  /** JIT: loads an unloaded model (Auto-Evict first unloads the other JIT-loaded ones). Returns whether it was cold. */
  private async jitLoad(ctx: Ctx, meta: LmsMeta, ttlSec: number | undefined): Promise<Loaded> {
    const cur = this.loaded.get(meta.id);
    if (cur) {
      if (cur.loading) await cur.loading;
      return cur;
    }
    for (const other of [...this.loaded.values()]) if (!other.pinned) this.drop(other.id);
    const m = this.add(meta, false, meta.defaultContext, ttlSec !== undefined && ttlSec > 0 ? ttlSec * 1000 : this.idleTtlMs);
    this.st.loads++;
    m.loading = this.delay(this.loadDelayMs, ctx.epoch);
    try {
      await m.loading;
    } finally {
      m.loading = undefined;
    }
    return m;
  }

  // ---- HTTP ----
  protected async handle(ctx: Ctx): Promise<void> {
    if (!this.authorized(ctx)) {
      this.json(ctx, 401, fixture('lmstudio/error-auth-required.json'));
      return;
    }
    const { method, path } = ctx;
    if (method === 'GET' && path === '/v1/models') return this.v1Models(ctx);
    if (method === 'GET' && path === '/api/v0/models') {
      this.json(ctx, 200, { object: 'list', data: this.catalog.map((m) => this.v0Entry(m)) });
      return;
    }
    if (method === 'GET' && path.startsWith('/api/v0/models/')) {
      const id = decodeURIComponent(path.slice('/api/v0/models/'.length));
      const m = this.meta(id);
      if (m) this.json(ctx, 200, this.v0Entry(m));
      else this.json(ctx, 404, { error: `Model "${id}" not found` });
      return;
    }
    if (method === 'GET' && path === '/api/v1/models') {
      this.json(ctx, 200, { models: this.catalog.map((m) => this.v1Entry(m)) });
      return;
    }
    if (method === 'POST' && path === '/api/v1/models/load') return this.explicitLoad(ctx);
    if (method === 'POST' && path === '/api/v1/models/unload') return this.explicitUnload(ctx);
    if (method === 'POST') {
      const native = path.startsWith('/api/v0/');
      const ep: OpenAIEndpoint | undefined = native
        ? path === '/api/v0/chat/completions'
          ? 'chat'
          : path === '/api/v0/completions'
            ? 'completions'
            : undefined
        : openAIEndpoint(path);
      const servesResponses = this.opts.responsesApi ?? true;
      if (ep && path.startsWith(native ? '/api/v0/' : '/v1/') && (ep !== 'responses' || servesResponses)) return this.infer(ctx, ep, native);
    }
    // Express catch-all: HTTP 200 with an error body.
    this.json(ctx, 200, { error: `Unexpected endpoint or method. (${method} ${path})` });
  }

  private v1Models(ctx: Ctx): void {
    const list = this.jit ? this.catalog : this.catalog.filter((m) => this.loaded.has(m.id));
    this.json(ctx, 200, { data: list.map((m) => ({ id: m.id, object: 'model', owned_by: 'organization_owner' })), object: 'list' });
  }

  private v0Entry(m: LmsMeta): Json {
    const l = this.loaded.get(m.id);
    const e: Json = {
      id: m.id,
      object: 'model',
      type: m.type,
      publisher: m.publisher,
      arch: m.arch,
      compatibility_type: m.compat,
      quantization: m.quant,
      state: l ? (l.loading ? 'loading' : 'loaded') : 'not-loaded',
      max_context_length: m.maxContext,
    };
    if (l && !l.loading) e.loaded_context_length = l.contextLength;
    return e;
  }

  private v1Entry(m: LmsMeta): Json {
    const l = this.loaded.get(m.id);
    const embedding = m.type === 'embeddings';
    const e: Json = { type: embedding ? 'embedding' : 'llm', publisher: m.publisher, key: m.id, display_name: m.displayName };
    if (!embedding) e.architecture = m.arch;
    e.quantization = { name: m.quant, bits_per_weight: m.bits };
    e.size_bytes = m.sizeBytes;
    e.params_string = m.paramsString;
    e.loaded_instances =
      l && !l.loading
        ? [
            {
              id: m.id,
              config: {
                context_length: l.contextLength,
                eval_batch_size: 512,
                parallel: 4,
                flash_attention: l.flashAttention,
                ...(m.experts ? { num_experts: m.experts } : {}),
                offload_kv_cache_to_gpu: true,
              },
            },
          ]
        : [];
    e.max_context_length = m.maxContext;
    e.format = m.compat;
    if (!embedding) {
      e.capabilities = { vision: m.vision, trained_for_tool_use: m.toolUse, ...(m.reasoning ? { reasoning: m.reasoning } : {}) };
      e.description = null;
    }
    if (m.variants) {
      e.variants = m.variants;
      e.selected_variant = m.variants[0];
    }
    return e;
  }

  private modelNotFound(ctx: Ctx, id: string): void {
    const err = fixture('lmstudio/error-model-not-found.json');
    const examples = this.catalog
      .slice(0, 3)
      .map((m) => m.id)
      .join(', ');
    err.error.message = `Invalid model identifier "${id}". Please specify a valid downloaded model (e.g., ${examples}).`;
    this.json(ctx, 400, err);
  }

  private async infer(ctx: Ctx, ep: OpenAIEndpoint, native: boolean): Promise<void> {
    if (ctx.bodyInvalid) {
      this.json(ctx, 400, { error: "'body' is not valid JSON" });
      return;
    }
    const b: Json = ctx.body ?? {};
    const user = this.countInference(isOpenAIPing(ep, b));
    let id = str(b.model);
    if (!id) {
      const any = [...this.loaded.values()].find((m) => !m.loading && this.meta(m.id)?.type !== 'embeddings');
      if (!any) {
        this.json(ctx, 400, fixture('lmstudio/error-no-models-loaded.json'));
        return;
      }
      id = any.id;
    }
    const meta = this.meta(id);
    if (!meta) return this.modelNotFound(ctx, id);
    if (meta.type === 'embeddings') {
      this.json(ctx, 400, oaiError(`Model "${id}" is an embedding model and cannot be used for ${ep === 'chat' ? 'chat completions' : ep}.`, 'invalid_request_error', 'model'));
      return;
    }
    const was = this.loaded.get(id);
    if (!was && !this.jit) {
      if (this.loaded.size === 0) this.json(ctx, 400, fixture('lmstudio/error-no-models-loaded.json'));
      else this.modelNotFound(ctx, id);
      return;
    }
    const cold = !was || was.loading !== undefined;
    const m = await this.jitLoad(ctx, meta, num(b.ttl));
    this.noteCold(ctx, user, cold);
    const need = contextTokensOf(b);
    if (need > m.contextLength) {
      // LM Studio refuses (it does not silently truncate an agent's system prompt): the fix is a larger load.
      this.json(ctx, 400, {
        error: `Trying to keep the first ${need} tokens when context the overflows. However, the model is loaded with context length of ${m.contextLength} tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input`,
      });
      if (this.loaded.get(m.id) === m) this.armTtl(m);
      return;
    }
    // Working: no idle timer while the request runs; it restarts when the answer is sent.
    m.inFlight++;
    m.cancelTimer?.();
    m.cancelTimer = undefined;
    try {
      if (native && ep === 'chat') this.json(ctx, 200, this.v0Chat(meta, m, b, cold));
      else this.sendOpenAI(ctx, ep, id);
    } finally {
      m.inFlight--;
      if (this.loaded.get(m.id) === m) this.armTtl(m);
    }
  }

  /** `/api/v0/chat/completions`: OpenAI shape + stats, model_info, runtime (a cold start shows in time_to_first_token). */
  private v0Chat(meta: LmsMeta, m: Loaded, b: Json, cold: boolean): Json {
    const r = reply(tokenLimit(b));
    const pt = promptTokens(b);
    const c = fixture('lmstudio/api-v0-chat-completions.json');
    c.id = `chatcmpl-${rid(21)}`;
    c.created = this.nowSec();
    c.model = meta.id;
    c.choices[0].finish_reason = r.finish;
    c.choices[0].message.content = r.text;
    c.usage = { prompt_tokens: pt, completion_tokens: r.tokens, total_tokens: pt + r.tokens };
    c.stats.time_to_first_token = 0.111 + (cold ? this.loadDelayMs / 1000 : 0);
    c.stats.generation_time = 0.02 * r.tokens;
    c.stats.stop_reason = r.finish === 'stop' ? 'eosFound' : 'maxPredictedTokensReached';
    c.model_info = { arch: meta.arch, quant: meta.quant, format: meta.compat, context_length: m.contextLength };
    return c;
  }

  private async explicitLoad(ctx: Ctx): Promise<void> {
    const b: Json = ctx.body ?? {};
    const id = str(b.model);
    if (!id) {
      this.json(ctx, 400, oaiError("Missing required field 'model'", 'invalid_request_error', 'model'));
      return;
    }
    const meta = this.meta(id);
    if (!meta) return this.modelNotFound(ctx, id);
    this.st.pinnedLoads++;
    const wantCtx = Math.min(num(b.context_length) ?? meta.defaultContext, meta.maxContext);
    let cur = this.loaded.get(id);
    if (cur?.loading) await cur.loading;
    cur = this.loaded.get(id);
    let loadSec = 0;
    if (cur && cur.contextLength === wantCtx) {
      cur.pinned = true;
      this.armTtl(cur);
    } else {
      if (cur) this.drop(id);
      const m = this.add(meta, true, wantCtx, Infinity);
      if (typeof b.flash_attention === 'boolean') m.flashAttention = b.flash_attention;
      this.st.loads++;
      m.loading = this.delay(this.loadDelayMs, ctx.epoch);
      try {
        await m.loading;
      } finally {
        m.loading = undefined;
      }
      loadSec = this.loadDelayMs / 1000;
      cur = m;
    }
    const out: Json = { type: meta.type === 'embeddings' ? 'embedding' : 'llm', instance_id: id, load_time_seconds: loadSec, status: 'loaded' };
    if (b.echo_load_config === true) {
      out.load_config = {
        context_length: cur.contextLength,
        eval_batch_size: 512,
        flash_attention: cur.flashAttention,
        offload_kv_cache_to_gpu: true,
        ...(meta.experts ? { num_experts: meta.experts } : {}),
      };
    }
    this.json(ctx, 200, out);
  }

  private explicitUnload(ctx: Ctx): void {
    const id = str(ctx.body?.instance_id);
    if (!id || !this.loaded.has(id)) {
      this.json(ctx, 404, oaiError(`No loaded model instance with identifier "${id ?? ''}"`, 'invalid_request_error', 'instance_id'));
      return;
    }
    this.drop(id);
    this.json(ctx, 200, { instance_id: id });
  }
}
