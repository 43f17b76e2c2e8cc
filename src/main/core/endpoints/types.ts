// One interface over every runtime. Adapters are stateless: give them a base URL (+ API key) and an
// HTTP client; they return plain facts. The monitor and warm-keeper decide what to do with them.
import type { EndpointKind, ModelStatus } from '../../../shared/status';

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
  /** Plain-words error when !ok. */
  error?: string;
  /** Server answered but something is off (e.g. 503 while llama.cpp loads, auth required). */
  degraded?: string;
}

/** What a keep-warm request did. */
export interface WarmResult {
  ok: boolean;
  /** Time to first byte / until the runtime reported ready (ms): large when it had to load. */
  ms: number;
  /** True when the runtime says it had to load the model for this request (cold start). */
  loaded?: boolean;
  error?: string;
}

export interface WarmOptions {
  /** Ollama: the keep_alive to set (e.g. "30m"); LM Studio: the ttl seconds for JIT loads. */
  keepAlive?: string | number;
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
  /** Whether POST /v1/responses is served (no inference is run to find out); undefined = cannot tell. Ask on discovery, not every poll. */
  responsesApi?(target: EndpointTarget): Promise<boolean | undefined>;
}
