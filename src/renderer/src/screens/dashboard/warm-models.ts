// Which model refs are kept warm, and the explicit list after switching one on or off.
import type { EndpointStatus, ModelStatus } from '../../../../shared/status';

/**
 * settings.warm.models when set; otherwise the engine's list (known even while a server is down),
 * else what models report (warm.enabled).
 */
export function effectiveWarmRefs(explicit: string[] | null | undefined, endpoints: EndpointStatus[], engine?: string[] | null): string[] {
  if (explicit) return explicit;
  if (engine) return engine;
  const refs = endpoints.flatMap((e) => e.models).filter((m) => m.warm?.enabled && m.ref).map((m) => m.ref!);
  return [...new Set(refs)];
}

export function isKeptWarm(model: ModelStatus, explicit: string[] | null | undefined, engine?: string[] | null): boolean {
  if (!model.ref) return false;
  const list = explicit ?? engine;
  return list ? list.includes(model.ref) : Boolean(model.warm?.enabled);
}

export function withWarm(effective: string[], ref: string, on: boolean): string[] {
  const rest = effective.filter((r) => r !== ref);
  return on ? [...rest, ref] : rest;
}

/** Only config models on config endpoints can be warmed by ref. */
export const canKeepWarm = (endpoint: EndpointStatus, model: ModelStatus): boolean => endpoint.source === 'config' && Boolean(model.ref);
