// Per-agent models. A model set on one agent (`agents.entries.<id>.model`, the legacy `agents.list[]`)
// wins over `agents.defaults.model`, so "use local first" alone does nothing for that agent
// (OpenClaw #106504). These readers say which agents route on their own, and to what.
import type { Routing } from '../../../shared/openclaw-schema';
import { isLocalRef, isPlainObject, readProviders, readRouting } from './config-model';
import { getAt, type Json5Document, type JsonPath } from './json5-document';

export interface AgentModel {
  /** The agent's id as OpenClaw knows it (from the entries key, or the legacy list entry's `id`). */
  id: string;
  /** Where its `model` lives. */
  path: JsonPath;
  /** Its own routing (a bare ref is a primary without fallbacks). */
  routing: Routing;
  /** The raw value, to put back exactly. */
  raw: unknown;
}

const CONTAINERS: readonly JsonPath[] = [
  ['agents', 'entries'],
  ['agents', 'list'],
];

/** A model setting as routing: a bare ref is a primary without fallbacks; other shapes are not routing. */
export function routingOf(raw: unknown): Routing | undefined {
  if (typeof raw === 'string') return { primary: raw, fallbacks: [] };
  if (!isPlainObject(raw)) return undefined;
  const fallbacks = Array.isArray(raw.fallbacks) ? raw.fallbacks.filter((f): f is string => typeof f === 'string') : [];
  return { primary: typeof raw.primary === 'string' ? raw.primary : undefined, fallbacks };
}

/**
 * The id OpenClaw knows an agent by (its agent-id normalisation, checked against `openclaw agents
 * list`): lower case, any run of characters other than a-z, 0-9, `_` and `-` as one `-`, no leading or
 * trailing `-`, at most 64 characters; nothing left means the default agent, `main`. The file's key
 * stays as written for edits; this is what the Routing card, the CLI and warnings show.
 */
export function openclawAgentId(raw: string): string {
  const id = raw.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '').replace(/-+$/, '').slice(0, 64);
  return id || 'main';
}

/** The id of the agent at `k` in its container: the entries key, or the legacy list entry's `id`. */
function agentIdAt(k: string | number, entry: unknown): string {
  if (typeof k === 'string') return openclawAgentId(k);
  const listId = isPlainObject(entry) ? entry.id : undefined;
  return typeof listId === 'string' ? openclawAgentId(listId) : `#${k}`;
}

/** Every agent that sets a model of its own. */
export function agentModels(doc: Json5Document): AgentModel[] {
  const out: AgentModel[] = [];
  for (const container of CONTAINERS) {
    const c = getAt(doc, container);
    const keys: (string | number)[] = Array.isArray(c) ? c.map((_, i) => i) : isPlainObject(c) ? Object.keys(c) : [];
    for (const k of keys) {
      const path = [...container, k, 'model'];
      const raw = getAt(doc, path);
      const routing = routingOf(raw);
      if (!routing) continue;
      out.push({ id: agentIdAt(k, getAt(doc, [...container, k])), path, routing, raw });
    }
  }
  return out;
}

/** Each agent's effective primary: its own, or the defaults' (with where it comes from). */
export function effectiveAgentModels(doc: Json5Document): { id: string; primary?: string; own: boolean }[] {
  const defaults = readRouting(doc).primary;
  return agentModels(doc).map((a) => ({ id: a.id, primary: a.routing.primary ?? defaults, own: a.routing.primary !== undefined }));
}

export interface AgentRouting {
  id: string;
  primary?: string;
  fallbacks: string[];
  /** Where each half comes from: the agent's own `model`, or `agents.defaults.model`. */
  primaryFrom: 'agent' | 'defaults';
  fallbacksFrom: 'agent' | 'defaults';
}

/**
 * OpenClaw's own fallbacks rule for an agent's `model` (resolveSelectedModelFallbacksOverride in its
 * agent-scope module): a bare ref or `{primary}` without `fallbacks` means NO fallbacks, not the
 * defaults'; only a model without a primary and without `fallbacks` inherits them.
 */
function ownFallbacks(raw: unknown): string[] | undefined {
  if (typeof raw === 'string') return raw.trim() ? [] : undefined;
  if (!isPlainObject(raw)) return undefined;
  if (!Object.hasOwn(raw, 'fallbacks')) return typeof raw.primary === 'string' && raw.primary.trim() ? [] : undefined;
  return Array.isArray(raw.fallbacks) ? raw.fallbacks.filter((f): f is string => typeof f === 'string') : undefined;
}

/** Every agent the file lists (with or without a model of its own) and the routing OpenClaw runs it with. */
export function agentRoutings(doc: Json5Document): AgentRouting[] {
  const defaults = readRouting(doc);
  const out: AgentRouting[] = [];
  for (const container of CONTAINERS) {
    const c = getAt(doc, container);
    const keys: (string | number)[] = Array.isArray(c) ? c.map((_, i) => i) : isPlainObject(c) ? Object.keys(c) : [];
    for (const k of keys) {
      const entry = getAt(doc, [...container, k]);
      if (!isPlainObject(entry)) continue;
      const id = agentIdAt(k, entry);
      const own = routingOf(entry.model)?.primary;
      const fallbacks = ownFallbacks(entry.model);
      out.push({
        id,
        primary: own ?? defaults.primary,
        fallbacks: fallbacks ?? defaults.fallbacks,
        primaryFrom: own !== undefined ? 'agent' : 'defaults',
        fallbacksFrom: fallbacks !== undefined ? 'agent' : 'defaults',
      });
    }
  }
  return out;
}

/** Every agent's routing plus whether its primary is local and whether "use local first" moves it (Routing card, `config agents`). */
export function agentsView(doc: Json5Document): (AgentRouting & { local: boolean; followsLocalFirst: boolean })[] {
  const providers = readProviders(doc);
  return agentRoutings(doc).map((a) => ({ ...a, local: isLocalRef(providers, a.primary), followsLocalFirst: a.primaryFrom === 'defaults' }));
}
