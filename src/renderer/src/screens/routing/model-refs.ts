// Small pure helpers over the config view: which refs exist, which are local, their aliases.
import type { ConfigView } from '../../../../shared/contract';

/** The provider part of `provider/model` (the model part may itself contain `/`). */
export const providerOf = (ref: string): string => ref.slice(0, Math.max(0, ref.indexOf('/')));

/** A ref is local when its provider is declared in the file and runs on this machine or the LAN. */
export function isLocalRef(view: ConfigView, ref: string): boolean {
  const id = providerOf(ref);
  return view.providers.some((p) => p.id === id && p.local);
}

/** Every ref the file mentions: declared models, the current routing and the aliases' targets. */
export function knownRefs(view: ConfigView): string[] {
  const out = new Set<string>();
  for (const p of view.providers) for (const m of p.models) out.add(`${p.id}/${m.id}`);
  if (view.routing.primary) out.add(view.routing.primary);
  for (const r of view.routing.fallbacks) out.add(r);
  for (const a of view.aliases) out.add(a.ref);
  return [...out];
}

export function aliasOf(view: ConfigView, ref: string): string | undefined {
  return view.aliases.find((a) => a.ref === ref)?.alias;
}

export const sameOrder = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
