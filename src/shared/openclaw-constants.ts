// Server kinds, provider APIs, OpenClaw's context-window limits and the guide's defaults, without zod: the renderer imports these
// and must not pull the schema library into its bundle.

export const serverKinds = ['lmstudio', 'ollama', 'vllm', 'litellm', 'llamacpp', 'llamaswap', 'openai-compatible'] as const;
export type ServerKind = (typeof serverKinds)[number];

/** Each server's product name, for menus, tables and messages. */
export const SERVER_NAME: Record<ServerKind, string> = {
  lmstudio: 'LM Studio',
  ollama: 'Ollama',
  vllm: 'vLLM',
  llamacpp: 'llama.cpp',
  litellm: 'LiteLLM',
  llamaswap: 'llama-swap',
  'openai-compatible': 'OpenAI-compatible',
};

/** The provider id Warmclaw uses for each kind when the user names none (engine and UI agree on it). */
export const DEFAULT_PROVIDER_ID: Record<ServerKind, string> = {
  lmstudio: 'lmstudio',
  ollama: 'ollama',
  vllm: 'vllm',
  litellm: 'litellm',
  llamacpp: 'llamacpp',
  llamaswap: 'llamaswap',
  'openai-compatible': 'local',
};

/** The `api` values Warmclaw writes (OpenClaw accepts more; we never rewrite one we did not set). */
export const providerApis = ['openai-responses', 'openai-completions', 'ollama'] as const;
export type ProviderApi = (typeof providerApis)[number];

/** OpenClaw's context-window guard (2026.9.6): blocks a run below this many tokens. */
export const OPENCLAW_MIN_CONTEXT = 4000;
/** OpenClaw warns below this. */
export const OPENCLAW_WARN_CONTEXT = 8000;
/** The local-models guide: agents need a large context; older OpenClaw releases refused below this. */
export const GUIDE_MIN_CONTEXT = 16000;
/**
 * OpenClaw's own agent prompt (system prompt, workspace files, tool schemas) before the user says a
 * word: 18,843–24,008 tokens by OpenClaw's estimator in the 2026.9.6 gateway log; the first request a
 * real 2026.9.6 turn sends is ~49,800 characters (3 messages, 11 tools), measured by the simulator in
 * test/journeys/openclaw-keep-warm.real.test.ts. A window below this cannot hold one turn plus a reply,
 * whatever OpenClaw's 4,000 / 8,000 guard says.
 */
export const OPENCLAW_PROMPT_MIN_CONTEXT = 32768;
/** Seed defaults from the guide's MiniMax M2.1 example, used when the server did not tell us. */
export const DEFAULT_CONTEXT_WINDOW = 196608;
export const DEFAULT_MAX_TOKENS = 8192;
