// Which models to keep warm, read from openclaw.json: the ones the user named, else the local primary,
// else the first local fallback (the model OpenClaw will actually call first on this machine). Each
// comes with what a warm request must match: the provider's endpoint and, for Ollama, the runner
// options and keep_alive OpenClaw's own requests carry.
import { normalizeBaseUrl } from '../endpoints/discovery';
import { isPlainObject, isLocalRef, readProviders, readRouting, splitRef, type ProviderView } from '../openclaw/config-model';
import { getAt, type Json5Document } from '../openclaw/json5-document';
import { ollamaDurationMs, ollamaRequestShape } from './ollama-options';

export interface ConfiguredKeepWarm {
  ref: string;
  providerId: string;
  modelId: string;
  /** Origin the adapters expect (no /v1), localhost → 127.0.0.1. */
  baseUrl?: string;
  /** The provider's `api`. */
  api?: string;
  contextWindow?: number;
  /** Ollama: runner options OpenClaw sends (num_ctx…); empty when it sends none. */
  options: Record<string, unknown>;
  /** Ollama: the keep_alive OpenClaw's requests carry (params.keep_alive), ms. */
  keepAliveMs?: number;
}

/** The refs to keep warm: `explicit` when given, else the local primary, else the first local fallback. */
export function keepWarmRefs(doc: Json5Document, explicit?: readonly string[] | null): string[] {
  if (explicit && explicit.length) return [...new Set(explicit)];
  const providers = readProviders(doc);
  const routing = readRouting(doc);
  if (isLocalRef(providers, routing.primary)) return [routing.primary!];
  const fallback = routing.fallbacks.find((r) => isLocalRef(providers, r));
  return fallback ? [fallback] : [];
}

function ipv4(base: string): string {
  try {
    const u = new URL(base);
    if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
    return normalizeBaseUrl(u.toString()) ?? base;
  } catch {
    return base;
  }
}

function paramsOf(v: unknown): Record<string, unknown> | undefined {
  return isPlainObject(v) && isPlainObject(v.params) ? v.params : undefined;
}

/** What a keep-warm request for each ref must look like (refs whose provider is unknown are skipped). */
export function keepWarmTargetsFromConfig(doc: Json5Document, refs: readonly string[]): ConfiguredKeepWarm[] {
  const providers = readProviders(doc);
  const out: ConfiguredKeepWarm[] = [];
  for (const ref of refs) {
    const { provider, model } = splitRef(ref);
    const p: ProviderView | undefined = providers.find((x) => x.id === provider);
    if (!p || !model) continue;
    const entry = p.models.find((m) => m.id === model);
    const base = p.baseUrl ? normalizeBaseUrl(p.baseUrl) : p.api === 'ollama' ? 'http://127.0.0.1:11434' : undefined;
    const shape = ollamaRequestShape({
      api: p.api,
      modelParams: paramsOf(entry?.raw),
      agentParams: paramsOf(getAt(doc, ['agents', 'defaults', 'models', ref])),
      providerParams: isPlainObject(p.raw.params) ? p.raw.params : undefined,
      contextTokens: typeof entry?.raw.contextTokens === 'number' ? entry.raw.contextTokens : undefined,
      contextWindow: entry?.contextWindow,
      injectNumCtxForOpenAICompat: typeof p.raw.injectNumCtxForOpenAICompat === 'boolean' ? p.raw.injectNumCtxForOpenAICompat : undefined,
    });
    const ka = ollamaDurationMs(shape.keepAlive);
    out.push({
      ref,
      providerId: provider,
      modelId: model,
      baseUrl: base ? ipv4(base) : undefined,
      api: p.api,
      contextWindow: entry?.contextWindow,
      options: shape.options,
      keepAliveMs: ka !== undefined && Number.isFinite(ka) && ka > 0 ? ka : undefined,
    });
  }
  return out;
}
