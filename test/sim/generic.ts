// A generic OpenAI-compatible server (LocalAI, a proxy…): /v1/models, chat completions,
// completions, responses. Models load on first use (a cold start) and, with idleTtlMs, unload after
// that long without requests (a proxy with an idle unload); otherwise they stay loaded.
import { BaseSim, openAIEndpoint, type Ctx, type Dialect, type IdleModel } from './core';
import { fixture, type Json } from './fixtures';
import { isOpenAIPing, oaiError, userTurn } from './openai';
import type { SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { str } from './util';

const DEFAULT_MODELS: SimModel[] = [{ id: 'qwen2.5-7b-instruct' }, { id: 'llama-3.1-8b-instruct' }];

type Loaded = IdleModel;

export class GenericSim extends BaseSim {
  readonly kind = 'openai-compatible' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json' };
  private readonly catalog: SimModel[];
  private readonly created: number;
  private readonly ownedBy: string;
  private loaded = new Map<string, Loaded>();

  constructor(opts: SimOptions) {
    super(opts);
    this.catalog = opts.models ?? DEFAULT_MODELS;
    const tpl = fixture('openai-generic/v1-models.json').data[0];
    this.created = tpl.created;
    this.ownedBy = tpl.owned_by;
  }

  models(): SimModel[] {
    return this.catalog.map((m) => ({ ...m }));
  }

  protected resetState(initial: boolean): void {
    for (const m of this.loaded.values()) m.cancelTimer?.();
    this.loaded = new Map();
    for (const id of initial ? (this.opts.loaded ?? []) : []) {
      if (!this.catalog.some((m) => m.id === id)) throw new Error(`openai-compatible: loaded model "${id}" is not in models`);
      const m: Loaded = { id, inFlight: 0 };
      this.loaded.set(id, m);
      this.armIdleTimer(this.loaded, m, this.opts.idleTtlMs);
    }
  }

  state(): { loaded: SimLoadedModel[] } {
    return {
      loaded: [...this.loaded.values()].map((m) => {
        const meta = this.catalog.find((c) => c.id === m.id);
        const ctxLen = meta?.contextLength ?? meta?.maxContext;
        return {
          id: m.id,
          ...(ctxLen !== undefined ? { contextLength: ctxLen } : {}),
          ...(m.expiresAt !== undefined ? { expiresAt: m.expiresAt } : {}),
          ...(m.loading ? { loading: true } : {}),
        };
      }),
    };
  }

  unload(modelId?: string): void {
    for (const id of modelId === undefined ? [...this.loaded.keys()] : [modelId]) this.drop(id);
  }

  protected userRequestSpec(modelId: string, _opts: UserRequestOptions): { path: string; body: Json } {
    return userTurn(modelId, this.opts.responsesApi ?? true);
  }

  private drop(id: string): void {
    this.unloadFrom(this.loaded, id);
  }

  protected async handle(ctx: Ctx): Promise<void> {
    const { method, path } = ctx;
    if (!this.authorized(ctx)) {
      return this.json(ctx, 401, oaiError('Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key'));
    }
    if (method === 'GET' && path === '/v1/models') {
      return this.json(ctx, 200, { object: 'list', data: this.catalog.map((m) => this.entry(m.id)) });
    }
    if (method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (this.catalog.some((m) => m.id === id)) return this.json(ctx, 200, this.entry(id));
      return this.json(ctx, 404, oaiError(`The model '${id}' does not exist`, 'invalid_request_error', 'model', 'model_not_found'));
    }
    const ep = method === 'POST' && path.startsWith('/v1/') ? openAIEndpoint(path) : undefined;
    if (ep && (ep !== 'responses' || (this.opts.responsesApi ?? true))) return this.infer(ctx, ep);
    this.json(ctx, 404, oaiError(`Invalid URL (${method} ${path})`, 'invalid_request_error'));
  }

  private entry(id: string): Json {
    return { id, object: 'model', created: this.created, owned_by: this.ownedBy };
  }

  private async infer(ctx: Ctx, ep: 'chat' | 'completions' | 'responses'): Promise<void> {
    if (ctx.bodyInvalid) return this.json(ctx, 400, oaiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
    const b: Json = ctx.body ?? {};
    const user = this.countInference(isOpenAIPing(ep, b));
    const id = str(b.model) ?? '';
    if (!this.catalog.some((m) => m.id === id)) {
      return this.json(ctx, 404, oaiError(`The model '${id}' does not exist`, 'invalid_request_error', 'model', 'model_not_found'));
    }
    const { model, cold } = await this.loadOnDemand(this.loaded, id, ctx.epoch);
    this.noteCold(ctx, user, cold);
    this.serveIdle(this.loaded, model, this.opts.idleTtlMs, () => this.sendOpenAI(ctx, ep, id));
  }
}
