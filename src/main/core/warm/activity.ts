// Real-traffic signals the EndpointAdapter contract has no method for: llama.cpp GET /slots
// (`is_processing` = busy now, `id_task` = a counter that moves with every task) and vLLM GET /load
// (`server_load` = requests in flight, with --enable-server-load-tracking). Both are public, cheap,
// and neither counts as a task (they never reset an idle timer nor wake a sleeping server).
import type { EndpointKind } from '../../../shared/status';
import { defaultHttpClient, type HttpClient } from '../endpoints/http';
import type { EndpointTarget } from '../endpoints/types';

export interface ActivityReading {
  busy?: boolean;
  taskMarker?: number;
}

/** Reads a runtime's activity; undefined when this runtime (or this server) does not tell. */
export type ActivityProbe = (target: EndpointTarget, kind: EndpointKind, modelId: string) => Promise<ActivityReading | undefined>;

/** llama.cpp /slots body → reading (undefined when it is not a slot list, e.g. --no-slots → 501). */
export function readSlots(json: unknown): ActivityReading | undefined {
  if (!Array.isArray(json)) return undefined;
  let busy = false;
  let marker: number | undefined;
  for (const s of json.slice(0, 256)) {
    if (!s || typeof s !== 'object') continue;
    const slot = s as Record<string, unknown>;
    if (slot.is_processing === true) busy = true;
    if (typeof slot.id_task === 'number' && Number.isFinite(slot.id_task)) marker = Math.max(marker ?? -Infinity, slot.id_task);
  }
  return { busy, taskMarker: marker };
}

/** vLLM /load body → reading. */
export function readLoad(json: unknown): ActivityReading | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const v = (json as Record<string, unknown>).server_load;
  return typeof v === 'number' && Number.isFinite(v) ? { busy: v > 0 } : undefined;
}

/** The default probe over HTTP (short deadline; failures read as "unknown", never as an error). */
export function httpActivityProbe(http: HttpClient = defaultHttpClient(), timeoutMs = 2_000): ActivityProbe {
  return async (target, kind) => {
    if (kind === 'llamacpp') {
      const out = await http.getJson(target, '/slots', { timeoutMs, serverName: 'llama-server' });
      return out.ok ? readSlots(out.json) : undefined;
    }
    if (kind === 'vllm') {
      const out = await http.getJson(target, '/load', { timeoutMs, serverName: 'vLLM' });
      return out.ok ? readLoad(out.json) : undefined;
    }
    return undefined;
  };
}
