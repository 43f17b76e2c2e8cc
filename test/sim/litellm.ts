// LiteLLM proxy (port 4000): holds no model. With `upstream` (another simulator) it forwards
// inference to it, so TTLs and cold starts happen there; `GET /health` calls every model (counted in
// stats.fullHealthChecks: it loads cold backends). Without upstream it answers like a hosted backend.
import { createHash } from 'node:crypto';
import { BaseSim, openAIEndpoint, USER_TAG_HEADER, type Ctx, type Dialect } from './core';
import { fixture, fixtureText, type Json } from './fixtures';
import { isOpenAIPing, oaiError, tokenLimit, userTurn } from './openai';
import type { SimKind, SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { str } from './util';

/** DEFAULT_MODEL_CREATED_AT_TIME in litellm/constants.py. */
const CREATED = 1677610602;
const PUBLIC = new Set(['/health/liveliness', '/health/liveness', '/health/readiness', '/']);

interface Deployment {
  name: string;
  /** litellm_params.model, e.g. hosted_vllm/Qwen/… */
  model: string;
  apiBase?: string;
  /** Model id on the backend. */
  backendModel: string;
  provider: string;
  maxTokens: number | null;
  maxInput: number | null;
  maxOutput: number | null;
}

const PROVIDER: Record<SimKind, string> = {
  ollama: 'ollama_chat',
  lmstudio: 'lm_studio',
  vllm: 'hosted_vllm',
  llamacpp: 'openai',
  litellm: 'litellm_proxy',
  llamaswap: 'openai',
  'openai-compatible': 'openai',
};

/** Defaults: the proxy models of litellm/v1-models.json and model-info*.json (api_base kept on loopback). */
const DEFAULTS: Deployment[] = [
  { name: 'my-gpt-4o', model: 'openai/gpt-4o', backendModel: 'gpt-4o', provider: 'openai', maxTokens: 16384, maxInput: 128000, maxOutput: 16384 },
  {
    name: 'Qwen2.5-32B',
    model: 'hosted_vllm/Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8',
    apiBase: 'http://127.0.0.1:8000/v1',
    backendModel: 'Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8',
    provider: 'hosted_vllm',
    maxTokens: null,
    maxInput: null,
    maxOutput: null,
  },
];

export class LiteLlmSim extends BaseSim {
  readonly kind = 'litellm' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json' };
  private readonly upstream?: BaseSim;
  private readonly deployments: Deployment[];

  constructor(opts: SimOptions) {
    super(opts);
    if (opts.upstream && !(opts.upstream instanceof BaseSim)) throw new Error('litellm: upstream must come from startSimulator()');
    this.upstream = opts.upstream as BaseSim | undefined;
    const up = this.upstream;
    if (up) {
      const provider = PROVIDER[up.kind];
      const apiBase = up.kind === 'ollama' ? up.url : `${up.url}/v1`;
      // Local backends: LiteLLM knows no context unless the config sets model_info (litellm#10096).
      const list: SimModel[] = opts.models ?? up.models().map((m) => ({ id: m.id }));
      this.deployments = list.map((m) => ({
        name: m.id,
        model: `${provider}/${m.id}`,
        apiBase,
        backendModel: m.id,
        provider,
        maxTokens: null,
        maxInput: m.maxContext ?? null,
        maxOutput: null,
      }));
    } else if (opts.models) {
      this.deployments = opts.models.map((m) => ({
        name: m.id,
        model: `openai/${m.id}`,
        backendModel: m.id,
        provider: 'openai',
        maxTokens: null,
        maxInput: m.maxContext ?? null,
        maxOutput: null,
      }));
    } else this.deployments = DEFAULTS.map((d) => ({ ...d }));
  }

  models(): SimModel[] {
    return this.deployments.map((d) => ({ id: d.name, ...(d.maxInput !== null ? { maxContext: d.maxInput } : {}) }));
  }

  protected resetState(_initial: boolean): void {}

  /** LiteLLM holds no model; look at the upstream simulator. */
  state(): { loaded: SimLoadedModel[] } {
    return { loaded: [] };
  }

  unload(_modelId?: string): void {}

  protected userRequestSpec(modelId: string, _opts: UserRequestOptions): { path: string; body: Json } {
    return userTurn(modelId, this.opts.responsesApi ?? true);
  }

  // ---- HTTP ----
  protected async handle(ctx: Ctx): Promise<void> {
    const { method, path } = ctx;
    if (!PUBLIC.has(path) && this.opts.apiKey) {
      const key = this.presentedKey(ctx, ['x-litellm-api-key']);
      if (key === undefined) return this.json(ctx, 401, fixture('litellm/error-no-api-key.json'));
      if (key !== this.opts.apiKey) {
        const err = fixture('litellm/error-unauthorized.json');
        const hash = createHash('sha256').update(key).digest('hex');
        err.error.message = `Authentication Error, Invalid proxy server token passed. key=${hash}, not found in db. Create key via \`/key/generate\` call.`;
        return this.json(ctx, 401, err);
      }
    }
    const get = method === 'GET';
    if (get && (path === '/health/liveliness' || path === '/health/liveness')) return this.rawJson(ctx, 200, fixtureText('litellm/health-liveliness.json').trim());
    if (get && path === '/health/readiness') return this.json(ctx, 200, fixture('litellm/health-readiness.json'));
    if (get && path === '/') return this.text(ctx, 200, '<!DOCTYPE html><html><head><title>LiteLLM API - Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>', 'text/html; charset=utf-8');
    if (get && (path === '/v1/models' || path === '/models')) {
      return this.json(ctx, 200, { data: this.deployments.map((d) => ({ id: d.name, object: 'model', created: CREATED, owned_by: 'openai' })), object: 'list' });
    }
    if (get && (path === '/model/info' || path === '/v1/model/info')) return this.json(ctx, 200, { data: this.deployments.map((d) => this.info(d)) });
    if (get && path === '/health') return this.fullHealth(ctx);
    if (method === 'POST') {
      const ep = openAIEndpoint(path);
      if (ep && (ep !== 'responses' || (this.opts.responsesApi ?? true))) return this.infer(ctx, ep);
    }
    this.json(ctx, 404, { detail: 'Not Found' });
  }

  private info(d: Deployment): Json {
    const t = fixture('litellm/model-info.json').data[0];
    t.model_name = d.name;
    t.litellm_params = {
      ...(d.apiBase ? { api_base: d.apiBase } : {}),
      use_in_pass_through: false,
      merge_reasoning_content_in_choices: false,
      model: d.model,
    };
    const mi = t.model_info;
    mi.id = createHash('sha256').update(`${d.name}|${d.model}`).digest('hex');
    mi.key = d.model;
    mi.max_tokens = d.maxTokens;
    mi.max_input_tokens = d.maxInput;
    mi.max_output_tokens = d.maxOutput;
    mi.litellm_provider = d.provider;
    mi.mode = 'chat';
    return t;
  }

  /** Calls the backend like LiteLLM would (chat, non-streaming). Returns an error text on failure. */
  private async callBackend(d: Deployment, messages: Json, maxTokens: number | undefined, tag: string | undefined, signal: AbortSignal): Promise<string | undefined> {
    const up = this.upstream;
    if (!up) return undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (tag) headers[USER_TAG_HEADER] = tag;
    const upKey = up.configuredApiKey;
    if (upKey) headers.authorization = `Bearer ${upKey}`;
    const ollama = up.kind === 'ollama';
    const body = ollama
      ? { model: d.backendModel, messages, stream: false, ...(maxTokens !== undefined ? { options: { num_predict: maxTokens } } : {}) }
      : { model: d.backendModel, messages, stream: false, ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}) };
    try {
      const res = await fetch(`${up.url}${ollama ? '/api/chat' : '/v1/chat/completions'}`, { method: 'POST', headers, body: JSON.stringify(body), signal });
      const text = await res.text();
      if (!res.ok) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
      JSON.parse(text);
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  private async fullHealth(ctx: Ctx): Promise<void> {
    this.st.fullHealthChecks++;
    const abort = new AbortController();
    ctx.res.on('close', () => abort.abort());
    const results = await Promise.all(
      this.deployments.map(async (d) => ({ d, err: await this.callBackend(d, [{ role: 'user', content: 'test from litellm' }], 1, undefined, abort.signal) })),
    );
    const entry = (d: Deployment): Json => ({ model: d.model, ...(d.apiBase ? { api_base: d.apiBase } : {}) });
    const healthy = results.filter((r) => !r.err).map((r) => entry(r.d));
    const unhealthy = results.filter((r) => r.err).map((r) => ({ ...entry(r.d), error: r.err }));
    this.json(ctx, 200, { healthy_endpoints: healthy, unhealthy_endpoints: unhealthy, healthy_count: healthy.length, unhealthy_count: unhealthy.length });
  }

  private async infer(ctx: Ctx, ep: 'chat' | 'completions' | 'responses'): Promise<void> {
    if (ctx.bodyInvalid) return this.json(ctx, 400, oaiError('Invalid JSON body', 'invalid_request_error', null, '400'));
    const b: Json = ctx.body ?? {};
    const user = this.countInference(isOpenAIPing(ep, b));
    const name = str(b.model) ?? '';
    const d = this.deployments.find((x) => x.name === name);
    if (!d) {
      return this.json(ctx, 400, oaiError(`Invalid model name passed in model=${name}. Call \`/v1/models\` to view available models for your key.`, 'invalid_request_error', 'model', '400'));
    }
    let cold = false;
    if (this.upstream) {
      const messages =
        ep === 'chat' ? b.messages : [{ role: 'user', content: typeof b.input === 'string' ? b.input : typeof b.prompt === 'string' ? b.prompt : JSON.stringify(b.input ?? b.prompt ?? '') }];
      const abort = new AbortController();
      ctx.res.on('close', () => abort.abort());
      const tag = ctx.userTag ?? (user ? `litellm-${Math.random().toString(36).slice(2)}` : undefined);
      const err = await this.callBackend(d, messages, tokenLimit(b), tag, abort.signal);
      if (tag) cold = this.upstream.takeUserResult(tag) ?? false;
      if (err) {
        const status = /^HTTP (\d{3})/.exec(err)?.[1];
        const code = status ?? '500';
        const kind = code === '404' ? 'NotFoundError' : code === '401' ? 'AuthenticationError' : status ? 'APIError' : 'APIConnectionError';
        return this.json(ctx, Number(code), oaiError(`litellm.${kind}: ${d.provider} - ${err}`, null, null, code));
      }
    }
    this.noteCold(ctx, user, cold);
    this.sendOpenAI(ctx, ep, name);
  }
}
