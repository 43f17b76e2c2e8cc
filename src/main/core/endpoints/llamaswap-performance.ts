// llama-swap's GET /api/performance (internal/server/apigroup.go, internal/perf/types.go): the
// buffered machine samples it takes every `performance.every` (5 s by default, an hour kept):
//   { enabled: true, sys_stats: [{timestamp, mem_total_mb, mem_used_mb, …}],
//     gpu_stats: [{timestamp, id, name, mem_used_mb, mem_total_mb, …}] }
// 503 {enabled: false} when performance monitoring is off; 404 on builds before it existed.
// `?after=<RFC3339>` keeps only newer samples: without it a day-old daemon sends an hour of them.
import type { HostMemory } from '../../../shared/status';
import { clean, isRecord, records, str } from './common';

const MB = 1024 * 1024;

/** Only samples from the last minute are asked for (twelve at the default rate). */
export const PERFORMANCE_WINDOW_MS = 60_000;
/** An answer larger than this is not worth reading for one figure (an hour of samples is ~0.5 MB). */
export const PERFORMANCE_MAX_BYTES = 256 * 1024;

export const performancePath = (nowMs: number) => `/api/performance?after=${encodeURIComponent(new Date(nowMs - PERFORMANCE_WINDOW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'))}`;

const mb = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v * MB : undefined);
const time = (v: unknown): number => {
  const t = Date.parse(str(v) ?? '');
  return Number.isFinite(t) ? t : -Infinity;
};

/** The newest figures in an /api/performance answer: every GPU's latest sample added up, and the latest RAM sample. */
export function hostMemoryFrom(json: unknown): HostMemory | undefined {
  if (!isRecord(json) || json.enabled === false) return undefined;
  // Latest sample per GPU id (samples of several GPUs interleave; an id missing from the newest tick still counts).
  const latest = new Map<string, Record<string, unknown>>();
  for (const g of records(json.gpu_stats)) {
    const id = String(g.id ?? g.uuid ?? '');
    const prev = latest.get(id);
    if (!prev || time(g.timestamp) >= time(prev.timestamp)) latest.set(id, g);
  }
  let gpuUsed = 0;
  let gpuTotal = 0;
  let gpus = 0;
  for (const g of latest.values()) {
    const used = mb(g.mem_used_mb);
    const total = mb(g.mem_total_mb);
    if (used === undefined || !total) continue;
    gpuUsed += used;
    gpuTotal += total;
    gpus++;
  }
  const sys = records(json.sys_stats).reduce<Record<string, unknown> | undefined>((a, s) => (!a || time(s.timestamp) >= time(a.timestamp) ? s : a), undefined);
  const ramTotal = sys ? mb(sys.mem_total_mb) : undefined;
  const out = clean<HostMemory>({
    ...(gpus > 0 && { gpuUsedBytes: gpuUsed, gpuTotalBytes: gpuTotal, gpus }),
    ...(ramTotal && { ramUsedBytes: mb(sys!.mem_used_mb), ramTotalBytes: ramTotal }),
  });
  return Object.keys(out).length ? out : undefined;
}
