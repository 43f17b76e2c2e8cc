// vLLM (port 8000): one engine, loaded at startup with the port closed until then. Optional sleep
// mode (dev endpoints /sleep, /wake_up, /is_sleeping) and --sleep-idle-ttl auto-sleep that the next
// inference POST wakes. Inference sent to a manually slept engine is held (vllm#45268: it hangs)
// until someone calls /wake_up.
import { BaseSim, openAIEndpoint, Stale, type Boot, type Ctx, type Dialect } from './core';
import { fixture, type Json } from './fixtures';
import { isOpenAIPing, userTurn } from './openai';
import type { SimLoadedModel, SimModel, SimOptions, UserRequestOptions } from './types';
import { rid, str } from './util';

const DEFAULT_MODELS: SimModel[] = [{ id: 'Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8', maxContext: 32768 }];
/** Waking from level-1 sleep takes ~0.1-0.4 s (vLLM sleep-mode blog), much less than a load. */
const WAKE_MS = 400;
/** Paths whose POSTs count as activity for --sleep-idle-ttl (idle_sleep/middleware.py). */
const ACTIVITY = /^\/(v1\/|classify$|inference$|invocations$|pooling$|rerank$|score$)/;
const PUBLIC = new Set(['/health', '/ping', '/load', '/version', '/metrics']);

interface Sleep {
  /** Slept through /sleep (or unload()): never auto-woken, inference waits for /wake_up. */
  manual: boolean;
  level: number;
}

export class VllmSim extends BaseSim {
  readonly kind = 'vllm' as const;
  protected readonly dialect: Dialect = { jsonType: 'application/json' };
  private readonly served: SimModel[];
  private readonly maxModelLen: number;
  private reserved = false;
  private createdSec = 0;
  private engineLoaded = false;
  private sleep: Sleep | null = null;
  private inFlight = 0;
  private cancelIdle?: () => void;
  private waking?: Promise<void>;
  private held: (() => void)[] = [];

  constructor(opts: SimOptions) {
    super(opts);
    this.served = opts.models?.length ? opts.models : DEFAULT_MODELS;
    const first = this.served[0] as SimModel;
    this.maxModelLen = first.contextLength ?? first.maxContext ?? 32768;
  }

  models(): SimModel[] {
    return this.served.map((m) => ({ ...m, maxContext: this.maxModelLen }));
  }

  private get engineId(): string {
    return (this.served[0] as SimModel).id;
  }

  protected override onStale(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) h();
  }

  protected resetState(_initial: boolean): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    this.engineLoaded = false;
    this.sleep = null;
    this.inFlight = 0;
    this.waking = undefined;
    this.held = [];
    this.createdSec = this.nowSec();
  }

  /** The port stays closed while the engine loads (uvicorn starts after the engine is built). */
  protected override boot(): Boot {
    const epoch = this.epoch;
    const listening = this.reserved
      ? Promise.resolve()
      : this.reservePort().then(() => {
          this.reserved = true;
        });
    const ready = listening.then(async () => {
      this.st.loads++;
      await this.delay(this.loadDelayMs, epoch);
      this.engineLoaded = true;
      this.armIdle();
      await this.listen();
    });
    return { listening, ready: ready.catch((e: unknown) => (e instanceof Stale ? undefined : Promise.reject(e))) };
  }

  state(): { loaded: SimLoadedModel[] } {
    return {
      loaded: [
        {
          id: this.engineId,
          contextLength: this.maxModelLen,
          ...(this.engineLoaded ? {} : { loading: true }),
          ...(this.sleep ? { sleeping: true } : {}),
        },
      ],
    };
  }

  /** Puts the engine to sleep the way the idle manager does: the next inference request wakes it (a cold start). */
  unload(_modelId?: string): void {
    if (!this.engineLoaded || this.sleep) return;
    this.goToSleep({ manual: false, level: 1 });
  }

  protected userRequestSpec(modelId: string, _opts: UserRequestOptions): { path: string; body: Json } {
    return userTurn(modelId, this.opts.responsesApi ?? true);
  }

  // ---- engine ----
  private goToSleep(s: Sleep): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    if (!this.sleep) this.st.unloads++;
    this.sleep = s;
  }

  private armIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    const ttl = this.opts.idleTtlMs;
    if (ttl === undefined || this.inFlight > 0 || this.sleep || !this.engineLoaded) return;
    this.cancelIdle = this.schedule(ttl, () => this.goToSleep({ manual: false, level: 1 }));
  }

  private async wake(epoch: number): Promise<void> {
    if (!this.sleep) return;
    if (!this.waking) {
      this.st.wakes++;
      this.st.loads++;
      this.waking = this.delay(Math.min(WAKE_MS, this.loadDelayMs), epoch).then(() => {
        if (epoch !== this.epoch) return;
        this.sleep = null;
        this.waking = undefined;
        const held = this.held;
        this.held = [];
        for (const h of held) h();
      });
    }
    await this.waking;
  }

  /** An inference POST arrives: returns whether it found the engine asleep. */
  private async activityStart(ctx: Ctx): Promise<boolean> {
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    this.inFlight++;
    if (!this.sleep) return false;
    if (this.sleep.manual) {
      await new Promise<void>((r) => this.held.push(r));
      if (ctx.epoch !== this.epoch) throw new Stale();
    } else await this.wake(ctx.epoch);
    return true;
  }

  private activityEnd(): void {
    this.inFlight--;
    this.armIdle();
  }

  // ---- HTTP ----
  protected async handle(ctx: Ctx): Promise<void> {
    const { method, path } = ctx;
    if (!PUBLIC.has(path) && !this.authorized(ctx)) return this.json(ctx, 401, fixture('vllm/error-unauthorized.json'));
    const route = (m: string, p: string): boolean => path === p && method === m;
    if (route('GET', '/health')) return this.empty(ctx, 200);
    if (path === '/ping' && (method === 'GET' || method === 'POST')) return this.empty(ctx, 200);
    if (route('GET', '/version')) return this.json(ctx, 200, fixture('vllm/version.json'));
    if (route('GET', '/load')) return this.json(ctx, 200, { server_load: this.inFlight });
    if (route('GET', '/metrics')) {
      const name = JSON.stringify(this.engineId);
      return this.text(
        ctx,
        200,
        `# HELP vllm:num_requests_running Number of requests in model execution batches.\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name=${name}} ${this.inFlight}.0\n`,
        'text/plain; version=0.0.4; charset=utf-8',
      );
    }
    if (route('GET', '/v1/models')) return this.json(ctx, 200, { object: 'list', data: this.served.map((m) => this.card(m.id)) });
    if (this.opts.sleepMode) {
      if (route('POST', '/sleep')) {
        if (this.engineLoaded) this.goToSleep({ manual: true, level: Number(ctx.query.get('level') ?? '1') || 1 });
        return this.empty(ctx, 200);
      }
      if (route('POST', '/wake_up')) {
        await this.wake(ctx.epoch);
        return this.empty(ctx, 200);
      }
      if (route('GET', '/is_sleeping')) return this.json(ctx, 200, { is_sleeping: this.sleep !== null });
    }
    const ep = openAIEndpoint(path);
    if (ep && path.startsWith('/v1/') && (ep !== 'responses' || (this.opts.responsesApi ?? true))) {
      if (method !== 'POST') return this.json(ctx, 405, { detail: 'Method Not Allowed' });
      return this.infer(ctx, ep);
    }
    if (method === 'POST' && ACTIVITY.test(path)) {
      // Activity middleware runs before routing: an unknown POST still wakes/resets the engine.
      await this.activityStart(ctx);
      this.activityEnd();
    }
    const knownGet = ['/health', '/version', '/load', '/metrics', '/v1/models', ...(this.opts.sleepMode ? ['/is_sleeping'] : [])];
    const knownPost = this.opts.sleepMode ? ['/sleep', '/wake_up'] : [];
    if (knownGet.includes(path) || knownPost.includes(path)) return this.json(ctx, 405, { detail: 'Method Not Allowed' });
    this.json(ctx, 404, { detail: 'Not Found' });
  }

  /** ModelCard in vLLM's field order. */
  private card(id: string): Json {
    return {
      id,
      object: 'model',
      created: this.createdSec,
      owned_by: 'vllm',
      root: this.engineId,
      parent: null,
      max_model_len: this.maxModelLen,
      permission: [
        {
          id: `modelperm-${rid(32)}`,
          object: 'model_permission',
          created: this.createdSec,
          allow_create_engine: false,
          allow_sampling: true,
          allow_logprobs: true,
          allow_search_indices: false,
          allow_view: true,
          allow_fine_tuning: false,
          organization: '*',
          group: null,
          is_blocking: false,
        },
      ],
    };
  }

  private async infer(ctx: Ctx, ep: 'chat' | 'completions' | 'responses'): Promise<void> {
    const cold = await this.activityStart(ctx);
    try {
      if (ctx.bodyInvalid) {
        this.json(ctx, 400, { object: 'error', message: 'JSON decode error', type: 'BadRequestError', param: null, code: 400 });
        return;
      }
      const b: Json = ctx.body ?? {};
      const user = this.countInference(isOpenAIPing(ep, b));
      const model = str(b.model) ?? this.engineId;
      if (!this.served.some((m) => m.id === model)) {
        const err = fixture('vllm/error-model-not-found.json');
        err.message = `The model \`${model}\` does not exist.`;
        this.json(ctx, 404, err);
        return;
      }
      this.noteCold(ctx, user, cold);
      this.sendOpenAI(ctx, ep, model, (out) => {
        if (ep !== 'chat') return;
        out.choices[0].stop_reason = null;
        out.prompt_logprobs = null;
        out.kv_transfer_params = null;
      });
    } finally {
      this.activityEnd();
    }
  }
}
