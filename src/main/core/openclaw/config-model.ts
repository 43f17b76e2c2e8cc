// Typed, read-only views over a parsed openclaw.json: routing, providers, refs, and "is this local?".
// Every accessor checks the type at the path it reads, so an edit never builds on a wrong shape:
// a wrong type becomes an `invalid-file` error that points at the value's line and column.
import { WarmclawError } from '../errors';
import type { AgentModelSetting, Routing } from '../../../shared/openclaw-schema';
import { getAt, positionOf, type Json5Document, type JsonPath } from './json5-document';
import { msg, type Message } from '../../../shared/messages';

export const PATHS = {
  providers: ['models', 'providers'],
  mode: ['models', 'mode'],
  agentModel: ['agents', 'defaults', 'model'],
  agentModels: ['agents', 'defaults', 'models'],
  compaction: ['agents', 'defaults', 'compaction'],
} as const satisfies Record<string, JsonPath>;

export function pathText(path: JsonPath): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
}

function typeName(v: unknown): Message {
  if (v === null) return msg('type.found-null');
  if (Array.isArray(v)) return msg('type.found-list');
  if (typeof v === 'object') return msg('type.found-object');
  if (typeof v === 'string') return msg('type.found-string');
  if (typeof v === 'number') return msg('type.found-number');
  if (typeof v === 'boolean') return msg('type.found-boolean');
  return msg('type.found-missing');
}

/** What a value must be, in words the UI translates. */
export const EXPECTED = {
  object: msg('type.object'),
  list: msg('type.list'),
  modelRouting: msg('type.model-routing'),
  modelRef: msg('type.model-ref'),
  modelEntry: msg('type.model-entry'),
  aliasEntry: msg('type.alias-entry'),
} as const;

/** Throws an `invalid-file` error naming the path, what it holds and where, and what to do. */
export function wrongType(doc: Json5Document, path: JsonPath, expected: Message, file?: string): never {
  const found = getAt(doc, path);
  const pos = positionOf(doc, path);
  const where = pos ? msg('error.wrong-type-at', { line: pos.line, column: pos.column }) : '';
  const at = pos ? { line: pos.line, column: pos.column } : {};
  throw new WarmclawError('invalid-file', msg('error.wrong-type', { path: pathText(path), expected, found: typeName(found), where }), { ...at, file });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads an object at path (undefined when absent); any other type is an invalid-file error. */
export function objectAt(doc: Json5Document, path: JsonPath): Record<string, unknown> | undefined {
  const v = getAt(doc, path);
  if (v === undefined) return undefined;
  if (!isPlainObject(v)) wrongType(doc, path, EXPECTED.object);
  return v;
}

export function arrayAt(doc: Json5Document, path: JsonPath): unknown[] | undefined {
  const v = getAt(doc, path);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) wrongType(doc, path, EXPECTED.list);
  return v;
}

/** Splits `provider/model` at the first slash (model ids may contain slashes). */
export function splitRef(ref: string): { provider: string; model: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { provider: ref, model: '' } : { provider: ref.slice(0, i), model: ref.slice(i + 1) };
}

/** The routing whatever its shape: a bare string, `{ primary, fallbacks }`, or absent. */
export function readRouting(doc: Json5Document): Routing {
  const raw = getAt(doc, PATHS.agentModel) as AgentModelSetting | undefined;
  if (raw === undefined) return { fallbacks: [] };
  if (typeof raw === 'string') return { primary: raw, fallbacks: [] };
  if (!isPlainObject(raw)) wrongType(doc, PATHS.agentModel, EXPECTED.modelRouting);
  if (raw.primary !== undefined && typeof raw.primary !== 'string') wrongType(doc, [...PATHS.agentModel, 'primary'], EXPECTED.modelRef);
  const fallbacks = arrayAt(doc, [...PATHS.agentModel, 'fallbacks']) ?? [];
  fallbacks.forEach((f, i) => {
    if (typeof f !== 'string') wrongType(doc, [...PATHS.agentModel, 'fallbacks', i], EXPECTED.modelRef);
  });
  return { primary: raw.primary, fallbacks: fallbacks as string[] };
}

export interface ProviderView {
  id: string;
  baseUrl?: string;
  api?: string;
  models: { id: string; index: number; contextWindow?: number; maxTokens?: number; raw: Record<string, unknown> }[];
  raw: Record<string, unknown>;
}

/** Declared providers with their models (type-checked at each level we may edit). */
export function readProviders(doc: Json5Document): ProviderView[] {
  const providers = objectAt(doc, PATHS.providers) ?? {};
  return Object.keys(providers).map((id) => {
    const p = objectAt(doc, [...PATHS.providers, id]) ?? {};
    const models = arrayAt(doc, [...PATHS.providers, id, 'models']) ?? [];
    return {
      id,
      baseUrl: typeof p.baseUrl === 'string' ? p.baseUrl : undefined,
      api: typeof p.api === 'string' ? p.api : undefined,
      raw: p,
      models: models.flatMap((m, index) => {
        if (!isPlainObject(m)) wrongType(doc, [...PATHS.providers, id, 'models', index], EXPECTED.modelEntry);
        if (typeof m.id !== 'string') return [];
        return [
          {
            id: m.id,
            index,
            raw: m,
            contextWindow: typeof m.contextWindow === 'number' ? m.contextWindow : undefined,
            maxTokens: typeof m.maxTokens === 'number' ? m.maxTokens : undefined,
          },
        ];
      }),
    };
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/** Private LAN, Docker-host and mDNS names count as "local" for routing (a GPU box on the LAN). */
export function isPrivateHost(host: string): boolean {
  return (
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host.endsWith('.local') ||
    host === 'host.docker.internal' ||
    !host.includes('.') // docker-compose service names such as `ollama`
  );
}

/** A provider is local when it talks to this machine or the LAN, or is Ollama's native API. */
export function isLocalProvider(p: Pick<ProviderView, 'baseUrl' | 'api'>): boolean {
  if (p.api === 'ollama') return true;
  const host = p.baseUrl ? hostOf(p.baseUrl) : undefined;
  return host !== undefined && (isLoopbackHost(host) || isPrivateHost(host));
}

/** True when `ref` names a model of a declared local provider. */
export function isLocalRef(providers: ProviderView[], ref: string | undefined): boolean {
  if (!ref) return false;
  const { provider } = splitRef(ref);
  const p = providers.find((x) => x.id === provider);
  return p !== undefined && isLocalProvider(p);
}

/** The first model of the first local provider: the default target of "use local first". */
export function defaultLocalRef(providers: ProviderView[]): string | undefined {
  for (const p of providers) {
    if (isLocalProvider(p) && p.models[0]) return `${p.id}/${p.models[0].id}`;
  }
  return undefined;
}
