// Writing OpenClaw's routing (`agents.defaults.model`) in the shape the file already uses: a bare ref
// stays a bare ref while it can, `{ primary, fallbacks }` keeps its other keys.
import type { Routing } from '../../../shared/openclaw-schema';
import { PATHS } from './config-model';
import { getAt, type EditOp, type Json5Document } from './json5-document';

export function routingOps(doc: Json5Document, next: Routing): EditOp[] {
  const raw = getAt(doc, PATHS.agentModel);
  // Nothing left to route to and nothing else in the setting: no key at all is OpenClaw's "use the
  // built-in default" (an empty `{ fallbacks: [] }` would say the same, less plainly).
  const onlyRouting = typeof raw === 'string' || (typeof raw === 'object' && raw !== null && Object.keys(raw).every((k) => k === 'primary' || k === 'fallbacks'));
  if (next.primary === undefined && next.fallbacks.length === 0 && onlyRouting) return [{ op: 'delete', path: PATHS.agentModel }];
  if (typeof raw === 'string' || raw === undefined) {
    if (next.fallbacks.length === 0 && next.primary !== undefined) return [{ op: 'set', path: PATHS.agentModel, value: next.primary }];
    const value: Record<string, unknown> = {};
    if (next.primary !== undefined) value.primary = next.primary;
    value.fallbacks = next.fallbacks;
    return [{ op: 'set', path: PATHS.agentModel, value }];
  }
  const ops: EditOp[] = [];
  if (next.primary !== undefined) ops.push({ op: 'set', path: [...PATHS.agentModel, 'primary'], value: next.primary });
  else ops.push({ op: 'delete', path: [...PATHS.agentModel, 'primary'] });
  const hadFallbacks = getAt(doc, [...PATHS.agentModel, 'fallbacks']) !== undefined;
  if (next.fallbacks.length > 0 || hadFallbacks) ops.push({ op: 'set', path: [...PATHS.agentModel, 'fallbacks'], value: next.fallbacks });
  return ops;
}
