// Removing a provider: its block goes, and so may every place that names one of its models (the
// default routing, aliases/allowlist entries, per-agent overrides). Without `withRefs` a provider that
// is still referred to is refused with the list, so no routing is left pointing at nothing.
import { WarmclawError } from '../errors';
import { msg, summarized } from '../../../shared/messages';
import type { RemoveProviderInput, Routing } from '../../../shared/openclaw-schema';
import { agentModels } from './agents';
import { PATHS, isPlainObject, objectAt, pathText, readRouting } from './config-model';
import type { EditResult } from './edits';
import { routingOps } from './routing-ops';
import { applyEdits, getAt, type EditOp, type Json5Document } from './json5-document';

/** One place in the file that names a model of the provider. */
export interface ProviderReference {
  path: string;
  ref: string;
  role: 'primary' | 'fallback' | 'alias' | 'allowlist' | 'agent-primary' | 'agent-fallback';
}

/** Every place that names a model of `id`. */
export function providerReferences(doc: Json5Document, id: string): ProviderReference[] {
  const mine = (ref: string | undefined): ref is string => !!ref && ref.startsWith(`${id}/`);
  const refs: ProviderReference[] = [];
  const routing = readRouting(doc);
  if (mine(routing.primary)) refs.push({ path: pathText(PATHS.agentModel), ref: routing.primary, role: 'primary' });
  for (const f of routing.fallbacks.filter(mine)) refs.push({ path: pathText(PATHS.agentModel), ref: f, role: 'fallback' });
  for (const [ref, entry] of Object.entries(objectAt(doc, PATHS.agentModels) ?? {})) {
    if (!mine(ref)) continue;
    const alias = isPlainObject(entry) && typeof entry.alias === 'string';
    refs.push({ path: pathText([...PATHS.agentModels, ref]), ref, role: alias ? 'alias' : 'allowlist' });
  }
  for (const a of agentModels(doc)) {
    if (mine(a.routing.primary)) refs.push({ path: pathText(a.path), ref: a.routing.primary, role: 'agent-primary' });
    for (const f of a.routing.fallbacks.filter(mine)) refs.push({ path: pathText(a.path), ref: f, role: 'agent-fallback' });
  }
  return refs;
}

const ROLE_WORDS: Record<ProviderReference['role'], string> = {
  primary: 'the primary model',
  fallback: 'a fallback',
  alias: 'an alias',
  allowlist: 'an allowlist entry',
  'agent-primary': "an agent's model",
  'agent-fallback': "an agent's fallback",
};

export function describeReference(r: ProviderReference): string {
  return `${r.path}: ${r.ref} (${ROLE_WORDS[r.role]})`;
}

/** The routing without the provider's models; the first remaining fallback takes an orphaned primary. */
function without(r: Routing, id: string): Routing {
  const keep = (ref: string) => !ref.startsWith(`${id}/`);
  const fallbacks = r.fallbacks.filter(keep);
  if (r.primary === undefined || keep(r.primary)) return { primary: r.primary, fallbacks };
  const [next, ...rest] = fallbacks;
  return { primary: next, fallbacks: rest };
}

export function removeProvider(doc: Json5Document, input: RemoveProviderInput): EditResult {
  const providers = objectAt(doc, PATHS.providers) ?? {};
  if (!Object.hasOwn(providers, input.id)) {
    const known = Object.keys(providers);
    throw new WarmclawError('not-found', known.length ? msg('error.no-such-provider', { provider: input.id, declared: known.join(', ') }) : msg('error.no-provider-short', { provider: input.id }));
  }
  const refs = providerReferences(doc, input.id);
  if (refs.length && !input.withRefs) {
    throw new WarmclawError('invalid-input', msg('error.provider-referenced', { count: refs.length, provider: input.id, places: refs.map(describeReference).join('\n  ') }));
  }
  const ops: EditOp[] = [{ op: 'delete', path: [...PATHS.providers, input.id] }];
  if (refs.length) {
    const routing = readRouting(doc);
    const next = without(routing, input.id);
    if (next.primary !== routing.primary || next.fallbacks.length !== routing.fallbacks.length) ops.push(...routingOps(doc, next));
    for (const r of refs.filter((x) => x.role === 'alias' || x.role === 'allowlist')) ops.push({ op: 'delete', path: [...PATHS.agentModels, r.ref] });
    for (const a of agentModels(doc)) {
      const n = without(a.routing, input.id);
      if (n.primary === a.routing.primary && n.fallbacks.length === a.routing.fallbacks.length) continue;
      // An agent left without a model of its own follows the defaults again.
      if (n.primary === undefined) ops.push({ op: 'delete', path: a.path });
      else if (typeof getAt(doc, a.path) === 'string' || n.fallbacks.length === 0) ops.push({ op: 'set', path: a.path, value: n.fallbacks.length ? { primary: n.primary, fallbacks: n.fallbacks } : n.primary });
      else ops.push({ op: 'set', path: [...a.path, 'primary'], value: n.primary }, { op: 'set', path: [...a.path, 'fallbacks'], value: n.fallbacks });
    }
  }
  return {
    text: applyEdits(doc.text, ops),
    warnings: [],
    ...summarized(refs.length ? msg('edit.provider-removed-refs', { provider: input.id, count: refs.length }) : msg('edit.provider-removed', { provider: input.id })),
  };
}
