// Which model refs are kept warm, and the explicit list after switching one on or off.
import type { EndpointStatus, ModelStatus } from '../../../../shared/status';

/** settings.warm.models when set; otherwise what the keeper chose by default (models reporting warm.enabled). */
export function effectiveWarmRefs(explicit: string[] | null | undefined, endpoints: EndpointStatus[]): string[] {
  if (explicit) return explicit;
  const refs = endpoints.flatMap((e) => e.models).filter((m) => m.warm?.enabled && m.ref).map((m) => m.ref!);
  return [...new Set(refs)];
}

export function isKeptWarm(model: ModelStatus, explicit: string[] | null | undefined): boolean {
  if (!model.ref) return false;
  return explicit ? explicit.includes(model.ref) : Boolean(model.warm?.enabled);
}

export function withWarm(effective: string[], ref: string, on: boolean): string[] {
  const rest = effective.filter((r) => r !== ref);
  return on ? [...rest, ref] : rest;
}

/** Only config models on config endpoints can be warmed by ref. */
export const canKeepWarm = (endpoint: EndpointStatus, model: ModelStatus): boolean => endpoint.source === 'config' && Boolean(model.ref);
