// Kind → adapter factory, and the order in which response bodies decide a server's kind.
// (Separate from index.ts so discovery can use it without an import cycle.)
import type { EndpointKind } from '../../../shared/status';
import type { Adapter, AdapterOptions } from './common';
import { createLiteLlmAdapter } from './litellm';
import { createLlamaCppAdapter } from './llamacpp';
import { createLlamaSwapAdapter } from './llamaswap';
import { createLmStudioAdapter } from './lmstudio';
import { createOllamaAdapter } from './ollama';
import { createOpenAiGenericAdapter } from './openai-generic';
import { createVllmAdapter } from './vllm';

/**
 * Fingerprint order (test/fixtures/servers/README.md "Fingerprinting"): Ollama's root text, LM Studio's
 * native list or its 200-with-error-body quirk, LiteLLM's liveliness string, vLLM's owned_by, llama.cpp's
 * owned_by / props, then any OpenAI-shaped /v1/models. Most specific first: LM Studio must come before
 * anything that trusts a 200, LiteLLM before vLLM (whose checks would otherwise be tried on a proxy),
 * llama-swap (owned_by "llama-swap") before llama.cpp: both default to port 8080, and llama-swap
 * passes /props and router-style /models through to its backends.
 */
export const FINGERPRINT_ORDER: readonly EndpointKind[] = ['ollama', 'lmstudio', 'litellm', 'vllm', 'llamaswap', 'llamacpp', 'openai-compatible'];

export const adapterFactories: Record<EndpointKind, (opts?: AdapterOptions) => Adapter> = {
  lmstudio: createLmStudioAdapter,
  ollama: createOllamaAdapter,
  vllm: createVllmAdapter,
  llamacpp: createLlamaCppAdapter,
  litellm: createLiteLlmAdapter,
  llamaswap: createLlamaSwapAdapter,
  'openai-compatible': createOpenAiGenericAdapter,
};

/** A new adapter for a runtime with the given options (HTTP client, deadlines). */
export function createAdapter(kind: EndpointKind, opts?: AdapterOptions): Adapter {
  return adapterFactories[kind](opts);
}
