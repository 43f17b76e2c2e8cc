// Which models to keep warm, read from openclaw.json: the ones the user named, else the local primary,
// else the first local fallback (the model OpenClaw will actually call first on this machine). Each
// comes with what a warm request must match so that OpenClaw's next request loads nothing (DESIGN §3,
// docs/decisions/0004): the provider's endpoint; for Ollama the runner options and keep_alive OpenClaw's
// requests carry; for OpenClaw's own `lmstudio` provider the context its preload will ask LM Studio for.
import type { EndpointKind } from '../../../shared/status';
import { normalizeBaseUrl } from '../endpoints/discovery';
import { isPlainObject, isLocalRef, readProviders, readRouting, splitRef, type ProviderView } from '../openclaw/config-model';
import { getAt, type Json5Document } from '../openclaw/json5-document';
import { openclawIdleStopMs } from '../openclaw/provider-options';
export { openclawIdleStopMs };
import { modelPath } from '../openclaw/lint';
import type { ConfiguredModel } from '../monitor/context';
import { OPENCLAW_LMSTUDIO_DEFAULT_CONTEXT } from '../endpoints/lmstudio';
import type { KeepWarmTarget } from './keeper';
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
  /**
   * OpenClaw's `lmstudio` provider (id `lmstudio`, params.preload not false) loads the model explicitly
   * before every turn unless an instance holds at least this context (capped by the model's max):
   * contextTokens ?? contextWindow ?? 64,000. Undefined for every other provider (plain requests: JIT).
   */
  lmstudioPreload?: number;
  /**
   * `localService.idleStopMs` when positive: OpenClaw started this provider's server itself and stops
   * it after that long idle. The keeper leaves such a model alone (see keptWarmByKeeper).
   */
  openclawIdleStopMs?: number;
}

/**
 * Whether the keeper may hold this model warm. Not when OpenClaw is meant to stop its server when
 * idle: our pings would be the only traffic and keep alive a server the user asked OpenClaw to stop
 * (lint says so: idle-stop-not-kept-warm). A one-off "warm now" is still the user's call.
 */
export function keptWarmByKeeper(c: Pick<ConfiguredKeepWarm, 'openclawIdleStopMs'>): boolean {
  return c.openclawIdleStopMs === undefined;
}

/** OpenClaw's own LM Studio provider id: only it gets the preload wrapper (extensions/lmstudio). */
export const OPENCLAW_LMSTUDIO_PROVIDER = 'lmstudio';

/** The context OpenClaw's lmstudio provider asks for (resolveRequestedContextLength, then its 64,000 default); undefined when it never preloads this model. */
export function lmstudioPreloadContext(providerId: string, providerRaw: Record<string, unknown>, entry: Record<string, unknown> | undefined): number | undefined {
  if (providerId !== OPENCLAW_LMSTUDIO_PROVIDER) return undefined;
  if (isPlainObject(providerRaw.params) && providerRaw.params.preload === false) return undefined;
  const pos = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
  return pos(entry?.contextTokens) ?? pos(entry?.contextWindow) ?? OPENCLAW_LMSTUDIO_DEFAULT_CONTEXT;
}

/** The refs to keep warm: `explicit` when given, else the local primary, else the first local fallback. */
export function keepWarmRefs(doc: Json5Document, explicit?: readonly string[] | null): string[] {
  // null means "the default"; an empty list is the user switching every model off (the dashboard's
  // switches write []), which must not bring the default back.
  if (explicit) return [...new Set(explicit)];
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
      lmstudioPreload: lmstudioPreloadContext(provider, p.raw, entry?.raw),
      ...(openclawIdleStopMs(p.raw) !== undefined && { openclawIdleStopMs: openclawIdleStopMs(p.raw) }),
    });
  }
  return out;
}

/** What the service knows besides the config when it builds a keeper target. */
export interface TargetContext {
  /** The runtime the monitor recognised at the provider's base URL. */
  kind: EndpointKind;
  /** The provider's API key, resolved (sent only to that endpoint). */
  apiKey?: string;
  /** settings.warm.keepAlive, ms: the ttl a JIT ping asks LM Studio for. */
  keepAliveMs: number;
  /** settings.warm.idleUnloadMin, ms. */
  idleUnloadMs?: number;
}

/** LM Studio's own idle TTL for JIT loads (app default): a JIT load by OpenClaw's request gets this one, not ours. */
const LMSTUDIO_JIT_TTL_MS = 60 * 60_000;

/**
 * The keeper's target for one configured model: the warm request OpenClaw's next request will need.
 * - OpenClaw's `lmstudio` provider: its explicit preload at its context; explicit loads have no TTL.
 * - Another LM Studio provider: JIT pings carrying the user's ttl; the keeper assumes the shorter of that
 *   and LM Studio's own TTL, because a model OpenClaw's request JIT-loaded got LM Studio's.
 * - Ollama: the runner options and keep_alive OpenClaw sends (a different num_ctx reloads the runner).
 */
export function keeperTarget(c: ConfiguredKeepWarm & { baseUrl: string }, ctx: TargetContext): KeepWarmTarget {
  const t: KeepWarmTarget = { endpointId: c.baseUrl, baseUrl: c.baseUrl, kind: ctx.kind, modelId: c.modelId, ref: c.ref, options: c.options, keepAliveMs: c.keepAliveMs, apiKey: ctx.apiKey };
  if (ctx.idleUnloadMs !== undefined) t.idleUnloadMs = ctx.idleUnloadMs;
  if (ctx.kind === 'lmstudio') {
    if (c.lmstudioPreload !== undefined) {
      t.preloadContext = c.lmstudioPreload;
      t.ttlMs = null;
    } else {
      t.keepAliveMs = ctx.keepAliveMs;
      t.ttlMs = Math.min(ctx.keepAliveMs, LMSTUDIO_JIT_TTL_MS);
    }
  }
  return t;
}

/** Every model the config declares, as the context findings need it (its place in the file, OpenClaw's LM Studio preload). */
export function configuredModels(doc: Json5Document): ConfiguredModel[] {
  return readProviders(doc).flatMap((p) =>
    p.models.map((m) => {
      const c: ConfiguredModel = { ref: `${p.id}/${m.id}`, contextWindow: m.contextWindow, path: `${modelPath(p.id, m.index)}.contextWindow` };
      const preload = lmstudioPreloadContext(p.id, p.raw, m.raw);
      if (preload !== undefined) c.lmstudioPreload = preload;
      return c;
    }),
  );
}
