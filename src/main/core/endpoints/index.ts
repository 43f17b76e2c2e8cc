// Entry point of the endpoints layer: one adapter per runtime, looked up by kind, plus discovery.
import type { EndpointKind } from '../../../shared/status';
import type { Adapter, AdapterOptions } from './common';
import { createAdapter, FINGERPRINT_ORDER } from './registry';

export type { Adapter, AdapterOptions } from './common';
export { EndpointError, classifyResponsesProbe, kindLabel, DEFAULT_WARM_TIMEOUT_MS } from './common';
export { FINGERPRINT_ORDER, createAdapter } from './registry';
export { createLmStudioAdapter, LMSTUDIO_DEFAULT_TTL_S } from './lmstudio';
export { createOllamaAdapter } from './ollama';
export { createVllmAdapter } from './vllm';
export { createLlamaCppAdapter } from './llamacpp';
export { createLiteLlmAdapter } from './litellm';
export { createOpenAiGenericAdapter } from './openai-generic';
export * from './http';
export * from './discovery';
export type * from './types';

/** Every adapter, in fingerprint order (most specific body first; generic last). */
export function allAdapters(opts?: AdapterOptions): Adapter[] {
  return FINGERPRINT_ORDER.map((k) => createAdapter(k, opts));
}

const shared = new Map<EndpointKind, Adapter>();

/** The adapter for a runtime. Without options: one shared instance on the process-wide HTTP client. */
export function adapterFor(kind: EndpointKind, opts?: AdapterOptions): Adapter {
  if (opts) return createAdapter(kind, opts);
  let a = shared.get(kind);
  if (!a) {
    a = createAdapter(kind);
    shared.set(kind, a);
  }
  return a;
}
