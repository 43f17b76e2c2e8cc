// Public types of the loopback simulators (re-exported by test/sim/index.ts). Other suites, the
// benchmarks, e2e and `npm run sim` code against these names.
import type { Clock } from '../../src/main/core/clock';

export type SimKind = 'lmstudio' | 'ollama' | 'vllm' | 'llamacpp' | 'litellm' | 'llamaswap' | 'openai-compatible';

export type FailureMode =
  | 'refuse'
  | 'hang'
  | 'slow-drip'
  | 'http-500'
  | 'invalid-json'
  | 'huge-body'
  | 'wrong-content-type'
  // Normal service, hostile JSON (test/sim/hostile.ts):
  | 'wrong-types'
  | 'escape-codes'
  | 'huge-numbers'
  // Normal service, but about half the requests (seeded: repeatable) get a 500.
  | 'random-500';

export interface SimModel {
  id: string;
  /** Trained / maximum context (LM Studio max_context_length, Ollama `<arch>.context_length`, vLLM max_model_len, llama.cpp n_ctx_train). */
  maxContext?: number;
  sizeBytes?: number;
  /**
   * Context allocated when the model is loaded without an explicit request for one: LM Studio default
   * load context, Ollama Modelfile `PARAMETER num_ctx`, llama.cpp `-c`. Defaults: 4096 (LM Studio,
   * Ollama server default), 8192 (llama.cpp), maxContext (vLLM). Capped at maxContext.
   */
  contextLength?: number;
}

export interface SimOptions {
  /** Default systemClock. With any other clock (ManualClock) requests answer immediately: loads take 0 simulated time but are still counted and reported. */
  clock?: Clock;
  /** 0 (default) = random free port on 127.0.0.1. */
  port?: number;
  /** Default: a realistic set taken from the fixtures. vLLM / llama.cpp serve models[0] (vLLM lists the rest as served-name aliases). */
  models?: SimModel[];
  /** Loaded at start (default none). LM Studio: as JIT loads (idle TTL runs from start); Ollama: with the default keep_alive. Ignored by vLLM/llama.cpp (their model loads at startup). */
  loaded?: string[];
  /** LM Studio only: loaded at start as explicit `lms load` / `POST /api/v1/models/load` (pinned, no TTL, not auto-evicted). */
  pinned?: string[];
  /** Real-time load delay with systemClock (default 1500). Also vLLM's closed-port startup and llama.cpp's 503 phase. */
  loadDelayMs?: number;
  /** LM Studio JIT idle TTL (default 60 min), Ollama default keep_alive (default 5 min), llama.cpp --sleep-idle-seconds (default off), vLLM --sleep-idle-ttl (default off), generic server idle unload, llama-swap `ttl` (default off). */
  idleTtlMs?: number;
  /** When set: 401 without `Authorization: Bearer <key>` on the endpoints the real server protects (Ollama has no auth: ignored). */
  apiKey?: string;
  /** Serve POST /v1/responses (default: true except llama.cpp). */
  responsesApi?: boolean;
  /** How the models answer a request that offers tools (default `ignore`: plain text; `call`: a well-formed call of the first tool). */
  toolCalls?: 'call' | 'malformed' | 'ignore';
  /**
   * llama.cpp: router mode (llama-server started without a model): every `models` entry is listed by
   * GET /models with status.value loaded|loading|unloaded, POST /models/load and /models/unload take
   * {model}, a task for an unloaded model loads it first; `loaded` names those loaded at start.
   */
  router?: boolean;
  /** llama-swap: GET /api/performance (default true; false answers 503 {enabled: false}, as with performance.disabled). */
  performance?: boolean;
  /** vLLM: expose /sleep, /wake_up, /is_sleeping (--enable-sleep-mode + VLLM_SERVER_DEV_MODE=1). */
  sleepMode?: boolean;
  /** LM Studio: JIT loading (default true). Off: /v1/models lists loaded models only and inference to an unloaded model fails. */
  jitLoading?: boolean;
  /** LiteLLM: the backend it proxies (another simulator). Without it LiteLLM answers inference itself, like a hosted backend. */
  upstream?: Simulator;
  /**
   * startSimulator()/restart() resolve once the server is ready (vLLM port open, llama.cpp past its
   * 503 phase). Default true; pass false to observe the startup phase (then await sim.ready()).
   */
  waitUntilReady?: boolean;
}

export interface SimStats {
  /** Every HTTP request received (all paths, failure modes included). */
  requests: number;
  /** Requests to an inference endpoint (chat/completions/responses/generate/…); >= pings + userRequests. */
  inferenceRequests: number;
  /** Model loads: JIT/explicit loads, Ollama (re)loads, vLLM/llama.cpp startup loads and wake-ups from sleep. */
  loads: number;
  /** User (non-ping) inference requests that found their model unloaded, loading, asleep, or (Ollama) had to reload it. */
  coldHits: number;
  /** Inference requests that look like keep-warm: no prompt/messages, max_tokens<=1, max_output_tokens<=16, n_predict 0/1, keep_alive only. */
  pings: number;
  /** Inference requests that are not pings (real traffic, including userRequest()). */
  userRequests: number;
  // ---- additions ----
  /** LiteLLM `GET /health` calls (each one calls every model: expensive). */
  fullHealthChecks: number;
  /** LM Studio `POST /api/v1/models/load` calls (pins the model: never a keep-warm ping). */
  pinnedLoads: number;
  /** Models unloaded for any reason (TTL, keep_alive 0, eject, auto-evict, reload, sleep). */
  unloads: number;
  /** vLLM/llama.cpp wake-ups (idle or manual sleep); also counted in loads. */
  wakes: number;
  /** Request count per `METHOD /path` (no query string). */
  paths: Record<string, number>;
}

export interface SimLoadedModel {
  id: string;
  /** Wall-clock ms (clock.now()) at which the server will unload it; absent = never (pinned, forever, single-model servers). */
  expiresAt?: number;
  contextLength?: number;
  sleeping?: boolean;
  /** Still loading (real-time load in progress). */
  loading?: boolean;
}

/** One request as the simulator received it. */
export interface RecordedRequest {
  /** `METHOD /path` (no query string). */
  key: string;
  /** Arrival order across all paths. */
  seq: number;
  /** clock.now() when it arrived. */
  at: number;
  /** Parsed JSON body (undefined when absent or invalid). */
  body?: Record<string, unknown>;
}

export interface UserRequestOptions {
  /** Ollama: `options.num_ctx` the client sends (OpenClaw's context window). */
  numCtx?: number;
  signal?: AbortSignal;
}

export interface Simulator {
  readonly kind: SimKind;
  /** Origin, e.g. http://127.0.0.1:40123 (no /v1). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /** 'refuse' closes the listener; setFailure(null) reopens on the SAME port (await the returned promise before the next request). */
  setFailure(mode: FailureMode | null): Promise<void>;
  /** Real user traffic (what OpenClaw sends) through the server's normal inference endpoint, affecting TTL exactly like a real request. */
  userRequest(modelId: string, opts?: UserRequestOptions): Promise<{ coldStart: boolean }>;
  state(): { loaded: SimLoadedModel[] };
  /** The models this server knows. */
  models(): SimModel[];
  stats(): SimStats;
  /** The latest requests received (bounded log, oldest first), optionally only `METHOD /path`. */
  recorded(key?: string): RecordedRequest[];
  lastRequest(key: string): RecordedRequest | undefined;
  /** e.g. the user clicked eject (all models when no id). vLLM / llama.cpp: sleep as on idle (the next inference request wakes it, a cold start); LiteLLM: no-op. */
  unload(modelId?: string): void;
  /** Server died and came back on the same port: state reset, failure mode cleared (vLLM/llama.cpp reload their model at startup). */
  restart(): Promise<void>;
  /** Resolves when the server is up and its startup load is done. */
  ready(): Promise<void>;
}
