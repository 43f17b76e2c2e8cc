// Turning a server found on this machine into an add-provider command: what the live server told us
// (context, vision, thinking, its own model names), used alike by the UI's two-click add and the CLI's
// `config add-provider`. The engine fills in the key, api and model defaults for the rest.
import type { AddProviderInput } from './openclaw-schema';
import type { ConfigView } from './contract';
import { DEFAULT_PROVIDER_ID, type ProviderApi, type ServerKind } from './openclaw-constants';
import type { EndpointStatus, ModelStatus } from './status';

export const kindOf = (ep: EndpointStatus): ServerKind => ep.kind ?? 'openai-compatible';

/**
 * The context the server really gives the model: what it loaded (a loaded model, or llama.cpp's
 * sleeping one, which reloads with the same size), else what the model supports.
 */
export const realContext = (m: ModelStatus): number | undefined => m.loadedContext ?? m.maxContext;

/** Embedding models cannot chat; OpenClaw providers list chat models. */
export const isChatModel = (m: { id: string }): boolean => !/embed/i.test(m.id);

/** A provider id the file does not use yet: the engine's default when free, else `<default>-2`, `-3`… */
export function freeProviderId(view: ConfigView | null, kind: ServerKind): { id: string; isDefault: boolean } {
  const base = DEFAULT_PROVIDER_ID[kind];
  const taken = new Set(view?.providers.map((p) => p.id) ?? []);
  if (!taken.has(base)) return { id: base, isDefault: true };
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return { id: `${base}-${n}`, isDefault: false };
}

/**
 * The status reports the server's root (http://127.0.0.1:1234); OpenClaw's openai-style APIs want
 * the /v1 base, Ollama's native API the root.
 */
export function providerBaseUrl(ep: EndpointStatus, api: ProviderApi): string {
  const root = ep.baseUrl.replace(/\/+$/, '');
  if (api === 'ollama') return root.replace(/\/v1$/, '');
  return /\/v1$/.test(root) ? root : `${root}/v1`;
}

/** Responses when the server serves /v1/responses, chat completions otherwise; Ollama its own API. */
export function suggestedApi(ep: EndpointStatus): ProviderApi {
  if (kindOf(ep) === 'ollama') return 'ollama';
  return ep.responsesApi === false ? 'openai-completions' : 'openai-responses';
}

/** The models to add by default: every chat model the server lists (embedding models are skipped). */
export function defaultModels(ep: EndpointStatus): ModelStatus[] {
  return ep.models.filter(isChatModel);
}

/** Chat models the server lists that the provider does not declare yet. */
export function undeclaredModels(ep: EndpointStatus | undefined, declared: readonly { id: string }[]): ModelStatus[] {
  if (!ep) return [];
  const have = new Set(declared.map((m) => m.id));
  return ep.models.filter((m) => isChatModel(m) && !have.has(m.id));
}

/** What the server told us about a model, as OpenClaw's model entry (context, images, thinking). */
export function modelInput(m: ModelStatus): AddProviderInput['models'][number] {
  const cw = realContext(m);
  return {
    id: m.id,
    ...(m.displayName && { name: m.displayName }),
    ...(cw !== undefined && { contextWindow: cw }),
    ...(m.vision && { input: ['text', 'image'] as ('text' | 'image')[] }),
    ...(m.reasoning !== undefined && { reasoning: m.reasoning }),
  };
}

/** One-click add: everything else is the engine's default for the kind. */
export function quickAddInput(ep: EndpointStatus, view: ConfigView | null): AddProviderInput {
  const kind = kindOf(ep);
  const api = suggestedApi(ep);
  const { id, isDefault } = freeProviderId(view, kind);
  return {
    kind,
    ...(!isDefault && { id }),
    baseUrl: providerBaseUrl(ep, api),
    // The engine defaults every openai-style kind to responses; only say so when the server lacks it.
    ...(api === 'openai-completions' && { api }),
    models: defaultModels(ep).map(modelInput),
  };
}

/**
 * Fills what the user did not say about each model from what the server reports (context, images,
 * thinking, its display name) and picks the API the server serves; the user's own values win.
 * Notes say what could not be learned, so defaults are never mistaken for facts.
 */
export function withServerFacts(input: AddProviderInput, ep: EndpointStatus | undefined): { input: AddProviderInput; notes: string[] } {
  const notes: string[] = [];
  if (!ep || ep.health === 'down' || ep.health === 'unknown' || !ep.models.length) {
    notes.push(`${ep?.lastError ? `The server did not answer (${ep.lastError})` : 'The server did not answer'}: the models get OpenClaw's defaults (check contextWindow, reasoning and input against the model).`);
    return { input, notes };
  }
  const models = input.models.map((m) => {
    const facts = ep.models.find((s) => s.id === m.id);
    if (!facts) {
      notes.push(`${ep.baseUrl} does not list ${m.id}: it gets OpenClaw's defaults.`);
      return m;
    }
    const fromServer = modelInput(facts);
    return {
      ...m,
      ...(m.name === undefined && fromServer.name && { name: fromServer.name }),
      ...(m.contextWindow === undefined && fromServer.contextWindow !== undefined && { contextWindow: fromServer.contextWindow }),
      ...(m.reasoning === undefined && fromServer.reasoning !== undefined && { reasoning: fromServer.reasoning }),
      ...(m.input === undefined && fromServer.input && { input: fromServer.input }),
    };
  });
  const api = input.api ?? (ep.kind === 'ollama' ? undefined : suggestedApi(ep) === 'openai-completions' ? ('openai-completions' as const) : undefined);
  return { input: { ...input, models, ...(api && { api }) }, notes };
}
