// What OpenClaw sends to Ollama, so a keep-warm request carries the same runner options. Ollama reloads
// the runner when a request's runner options (num_ctx, num_batch, num_gpu, main_gpu, use_mmap,
// num_thread — sched.go needsReload) differ from the loaded runner's; a ping with another num_ctx than
// OpenClaw's requests would turn every next agent call into a cold start.
//
// Read from OpenClaw 2026.9.6 (dist stream.runtime `resolveOllamaNativeNumCtx`, docs
// providers/ollama/advanced.md "Context windows"):
// - native `api: "ollama"` (/api/chat): options.num_ctx = a positive `params.num_ctx`, else the model
//   entry's `contextTokens`, else NOTHING — "the native adapter does not fall back directly to the
//   advertised contextWindow"; Ollama then picks its own default, and so must the ping.
// - `api: "openai-completions"` against Ollama's /v1 (injectNumCtxForOpenAICompat, default true):
//   params.num_ctx, else contextTokens, else contextWindow.
// - `params.keep_alive` is forwarded as the top-level keep_alive of every request.
// Params precedence: the provider's model entry > agents.defaults.models[ref].params > provider params.

/** Runner options: the ones whose difference makes Ollama reload the model. */
export const OLLAMA_RUNNER_OPTIONS = ['num_ctx', 'num_batch', 'num_gpu', 'main_gpu', 'use_mmap', 'num_thread'] as const;

export interface OllamaModelConfig {
  /** The provider's `api` ("ollama" for native). */
  api?: string;
  /** models.providers.<id>.models[].params */
  modelParams?: Record<string, unknown>;
  /** agents.defaults.models["<ref>"].params */
  agentParams?: Record<string, unknown>;
  /** models.providers.<id>.params */
  providerParams?: Record<string, unknown>;
  contextTokens?: number;
  contextWindow?: number;
  /** models.providers.<id>.injectNumCtxForOpenAICompat (default true). */
  injectNumCtxForOpenAICompat?: boolean;
}

function posInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;
}

/** The runner options and keep_alive OpenClaw's requests for this model carry. */
export function ollamaRequestShape(m: OllamaModelConfig): { options: Record<string, unknown>; keepAlive?: string | number } {
  const params: Record<string, unknown> = { ...(m.providerParams ?? {}), ...(m.agentParams ?? {}), ...(m.modelParams ?? {}) };
  const options: Record<string, unknown> = {};
  for (const k of OLLAMA_RUNNER_OPTIONS) {
    if (k === 'num_ctx') continue;
    if (params[k] !== undefined) options[k] = params[k];
  }
  const native = m.api === undefined || m.api === 'ollama';
  let numCtx = posInt(params.num_ctx) ?? posInt(m.contextTokens);
  if (!native && m.injectNumCtxForOpenAICompat !== false) numCtx ??= posInt(m.contextWindow);
  if (!native && m.injectNumCtxForOpenAICompat === false) numCtx = undefined;
  if (numCtx !== undefined) options.num_ctx = numCtx;
  const ka = params.keep_alive;
  return { options, keepAlive: typeof ka === 'string' || typeof ka === 'number' ? ka : undefined };
}

/** Milliseconds of an Ollama duration ("5m", "1h30m", "300s", 300 = seconds); negative = forever; undefined when unparsable. */
export function ollamaDurationMs(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? (v < 0 ? Infinity : v * 1000) : undefined;
  const s = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return ollamaDurationMs(Number(s));
  if (s.startsWith('-')) return Infinity;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    matched = re.lastIndex;
  }
  return matched === s.length && matched > 0 ? total : undefined;
}

/** An Ollama keep_alive string for a duration: "5m" when whole minutes, else seconds ("90s"). */
export function ollamaDuration(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}
