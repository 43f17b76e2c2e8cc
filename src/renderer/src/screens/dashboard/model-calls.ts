// OpenClaw's own model calls grouped per model, with the figures the dashboard shows beside
// Warmclaw's probes. Pure: the card renders what this returns.
import type { EndpointStatus, ModelCall } from '../../../../shared/status';

export interface ModelCallGroup {
  ref: string;
  /** Oldest first. */
  calls: ModelCall[];
  lastAt: number;
  /** Median time to first byte over the calls that report it (what a user waits before text appears). */
  medianTtfbMs?: number;
  /** The slowest first byte: a cold load shows here. */
  maxTtfbMs?: number;
  medianMs: number;
  /** The server Warmclaw watches that serves this ref (its probes are the comparison), when known. */
  endpoint?: EndpointStatus;
}

/** The middle value (mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One group per model, the most recently called first. */
export function groupModelCalls(calls: readonly ModelCall[], endpoints: readonly EndpointStatus[]): ModelCallGroup[] {
  const byRef = new Map<string, ModelCall[]>();
  for (const c of calls) {
    const list = byRef.get(c.ref);
    if (list) list.push(c);
    else byRef.set(c.ref, [c]);
  }
  const groups: ModelCallGroup[] = [];
  for (const [ref, list] of byRef) {
    const sorted = [...list].sort((a, b) => a.at - b.at);
    const ttfbs = sorted.flatMap((c) => (c.ttfbMs === undefined ? [] : [c.ttfbMs]));
    groups.push({
      ref,
      calls: sorted,
      lastAt: sorted[sorted.length - 1]!.at,
      medianTtfbMs: median(ttfbs),
      maxTtfbMs: ttfbs.length ? Math.max(...ttfbs) : undefined,
      medianMs: median(sorted.map((c) => c.ms))!,
      endpoint: endpoints.find((e) => e.models.some((m) => m.ref === ref)),
    });
  }
  return groups.sort((a, b) => b.lastAt - a.lastAt);
}
