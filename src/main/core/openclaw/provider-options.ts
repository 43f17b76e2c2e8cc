// OpenClaw's own knobs for one provider: the request timeout that lets a cold load finish
// (OpenClaw #64541), Ollama's keep_alive and num_ctx, LM Studio's preload, the idle stop of an
// OpenClaw-started local server, and the per-model contextTokens cap. Each key is written where
// OpenClaw's strict schema has it (docs/decisions/0007-provider-knobs.md); null removes a key.
import { WarmclawError } from '../errors';
import { msg, summarized } from '../../../shared/messages';
import type { SetProviderOptionsInput } from '../../../shared/openclaw-schema';
import { PATHS, isPlainObject, objectAt, readProviders } from './config-model';
import type { EditResult } from './edits';
import { applyEdits, type EditOp, type Json5Document, type JsonPath } from './json5-document';

/** The value Warmclaw suggests for a local provider's request timeout: enough for a cold load of a big model. */
export const COLD_LOAD_TIMEOUT_SECONDS = 300;
/** Ollama's keep_alive suggested beside it, so a loaded model is not unloaded after Ollama's default 5 minutes. */
export const SUGGESTED_KEEP_ALIVE = '30m';

/** The `params` keys this command manages, by input field. */
const PARAM_KEYS = { keepAlive: 'keep_alive', numCtx: 'num_ctx', preload: 'preload' } as const;

export function setProviderOptions(doc: Json5Document, input: SetProviderOptionsInput): EditResult {
  const at: JsonPath = [...PATHS.providers, input.provider];
  const raw = objectAt(doc, at);
  if (!raw) throw new WarmclawError('not-found', msg('error.no-provider-short', { provider: input.provider }));
  const ops: EditOp[] = [];
  const parts: string[] = [];
  const put = (path: JsonPath, label: string, value: unknown) => {
    if (value === undefined) return;
    ops.push(value === null ? { op: 'delete', path } : { op: 'set', path, value });
    parts.push(value === null ? `${label} removed` : `${label}=${JSON.stringify(value)}`);
  };
  const present = (obj: unknown, key: string) => isPlainObject(obj) && Object.hasOwn(obj, key);

  if (input.timeoutSeconds === null && !present(raw, 'timeoutSeconds')) {
    // Removing what is not there is a no-op, not a delete of a missing path.
  } else put([...at, 'timeoutSeconds'], 'timeoutSeconds', input.timeoutSeconds);

  const params = raw.params;
  const paramOps: EditOp[] = [];
  const kept = new Set(isPlainObject(params) ? Object.keys(params) : []);
  for (const [field, key] of Object.entries(PARAM_KEYS) as [keyof typeof PARAM_KEYS, string][]) {
    const value = input[field];
    if (value === undefined || (value === null && !present(params, key))) continue;
    if (value === null) kept.delete(key);
    else kept.add(key);
    paramOps.push(value === null ? { op: 'delete', path: [...at, 'params', key] } : { op: 'set', path: [...at, 'params', key], value });
    parts.push(value === null ? `params.${key} removed` : `params.${key}=${JSON.stringify(value)}`);
  }
  // Removing the last key removes the then-empty `params` too, as if it had never been written.
  if (paramOps.length && kept.size === 0) ops.push({ op: 'delete', path: [...at, 'params'] });
  else ops.push(...paramOps);

  if (input.idleStopMs !== undefined) {
    // `localService` needs its `command`: Warmclaw edits the idle stop of one that exists, never invents one.
    if (!isPlainObject(raw.localService)) throw new WarmclawError('invalid-input', msg('error.no-local-service', { provider: input.provider }));
    if (!(input.idleStopMs === null && !present(raw.localService, 'idleStopMs'))) put([...at, 'localService', 'idleStopMs'], 'localService.idleStopMs', input.idleStopMs);
  }

  if (input.contextTokens !== undefined) {
    const p = readProviders(doc).find((x) => x.id === input.provider);
    const models = (p?.models ?? []).filter((m) => input.model === undefined || m.id === input.model);
    if (!models.length) throw new WarmclawError('not-found', msg('error.no-models-for-knob', { provider: input.provider, model: input.model ?? '*' }));
    for (const m of models) {
      const mAt = [...at, 'models', m.index, 'contextTokens'];
      if (input.contextTokens === null && !present(m.raw, 'contextTokens')) continue;
      ops.push(input.contextTokens === null ? { op: 'delete', path: mAt } : { op: 'set', path: mAt, value: input.contextTokens });
    }
    parts.push(input.contextTokens === null ? `contextTokens removed (${models.map((m) => m.id).join(', ')})` : `contextTokens=${input.contextTokens} (${models.map((m) => m.id).join(', ')})`);
  }

  return { text: applyEdits(doc.text, ops), warnings: [], ...summarized(msg('edit.provider-options', { provider: input.provider, parts })) };
}

/** OpenClaw's idle stop for a provider's local server, ms; undefined when it never stops it (absent or 0 = until OpenClaw exits). */
// OpenClaw: provider-local-service scheduleIdleStop, clampPositiveTimerTimeoutMs (<= 0 means no timer).
export function openclawIdleStopMs(providerRaw: Record<string, unknown>): number | undefined {
  const ls = providerRaw.localService;
  const v = isPlainObject(ls) ? ls.idleStopMs : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** The knobs as the file has them, for the provider editor (values of the wrong type are left out). */
export function providerOptionsView(raw: Record<string, unknown>): {
  timeoutSeconds?: number;
  keepAlive?: string | number;
  numCtx?: number;
  preload?: boolean;
  idleStopMs?: number;
  localService?: boolean;
} {
  const params = isPlainObject(raw.params) ? raw.params : {};
  const ls = isPlainObject(raw.localService) ? raw.localService : undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const ka = params.keep_alive;
  return {
    ...(num(raw.timeoutSeconds) !== undefined && { timeoutSeconds: num(raw.timeoutSeconds) }),
    ...((typeof ka === 'string' || num(ka) !== undefined) && { keepAlive: ka as string | number }),
    ...(num(params.num_ctx) !== undefined && { numCtx: num(params.num_ctx) }),
    ...(typeof params.preload === 'boolean' && { preload: params.preload }),
    ...(ls && num(ls.idleStopMs) !== undefined && { idleStopMs: num(ls.idleStopMs) }),
    ...(ls && { localService: true }),
  };
}
