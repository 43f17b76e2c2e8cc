// One interface over every runtime. Adapters are stateless: give them a base URL (+ API key) and an
// HTTP client; they return plain facts. The monitor and warm-keeper decide what to do with them.
import type { Message } from '../../../shared/messages';
import type { EventSource } from '../monitor/event-watch';
import type { EndpointKind, HostMemory, ModelStatus } from '../../../shared/status';

export interface EndpointTarget {
  /** Origin without a path, e.g. http://127.0.0.1:1234 (adapters add /v1, /api/… themselves). */
  baseUrl: string;
  /** Sent only to this endpoint (Authorization: Bearer), never logged. */
  apiKey?: string;
}

export interface ProbeResult {
  ok: boolean;
  kind?: EndpointKind;
  version?: string;
  latencyMs: number;
  /** Plain-words error when !ok: a message the UI translates, or English words. */
  error?: string | Message;
  /** Server answered but something is off (e.g. auth required): a message the UI translates, or the server's own words. */
  degraded?: string | Message;
  /** Server answered and says it is asleep by design or busy loading (not a problem; `note` says more). */
  activity?: 'sleeping' | 'loading';
  /** Words for `activity` ("llama-server is asleep…"), translated in the UI. */
  note?: string | Message;
  /** When !ok on the wire: nothing listens (refused) or nothing answers (timeout, no route, DNS). */
  reach?: 'refused' | 'no-answer';
  /** The machine's memory in use, where the server reports it (llama-swap /api/performance). */
  hostMemory?: HostMemory;
}

/** What a keep-warm request did. */
export interface WarmResult {
  ok: boolean;
  /** Time to first byte / until the runtime reported ready (ms): large when it had to load. */
  ms: number;
  /** True when the runtime says it had to load the model for this request (cold start). */
  loaded?: boolean;
  /** The context the model is loaded with after this request, when the runtime says. */
  contextLength?: number;
  error?: string;
  /** `error` as a code the UI translates, when the HTTP layer worded it. */
  errorMsg?: Message;
}

export interface WarmOptions {
  /** Ollama: the keep_alive to set (e.g. "30m"); LM Studio: the ttl for JIT loads (a duration, or seconds). */
  keepAlive?: string | number;
  /**
   * LM Studio through OpenClaw's `lmstudio` provider: warm the way OpenClaw prepares a turn, i.e. make
   * sure an instance is loaded with at least this context (capped by the model's max), loading it
   * explicitly with that `context_length` when none is (core/warm/openclaw-requests.ts).
   */
  preloadContext?: number;
  /** Ollama: options OpenClaw sends (e.g. { num_ctx }) — must match or Ollama reloads the runner. */
  options?: Record<string, unknown>;
}

export interface EndpointAdapter {
  readonly kind: EndpointKind;
  /** Cheap liveness + identity check. Never calls anything that loads a model. */
  probe(target: EndpointTarget): Promise<ProbeResult>;
  /** Downloaded / served models with whatever state the runtime exposes. */
  listModels(target: EndpointTarget): Promise<ModelStatus[]>;
  /** Only the loaded ones (may be the same call as listModels). */
  loadedModels(target: EndpointTarget): Promise<ModelStatus[]>;
  /** Context lengths for one model: max (trained/supported) and loaded (allocated). */
  contextOf(target: EndpointTarget, modelId: string): Promise<{ maxContext?: number; loadedContext?: number }>;
  /** The cheapest request that keeps (or makes) the model loaded, per runtime. */
  warm(target: EndpointTarget, modelId: string, opts?: WarmOptions): Promise<WarmResult>;
  /** True when this adapter recognises the server from response bodies. */
  fingerprint(target: EndpointTarget): Promise<boolean>;
  /**
   * Unloads the model (LM Studio: every loaded instance; Ollama: keep_alive 0; …). Optional: a runtime
   * without an unload API leaves it undefined. Never called by status or the monitor.
   */
  unload?(target: EndpointTarget, modelId: string): Promise<WarmResult>;
  /** Whether POST /v1/responses is served (no inference is run to find out); undefined = cannot tell. Ask on discovery, not every poll. */
  responsesApi?(target: EndpointTarget): Promise<boolean | undefined>;
  /** The server's own event stream, where it has one that says when models load or unload (llama-swap /api/events). */
  readonly events?: EventSource;
}
