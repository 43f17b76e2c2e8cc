// The monitor's pure parts: when to probe next, bounded state, and what counts as a change.
import { describe, expect, it } from 'vitest';
import type { EndpointStatus, ModelStatus } from '../../../../src/shared/status';
import { baseDelay, DEFAULT_POLL, LIMITS, mergeModels, nextProbeDelay, pushLatency, significantKey, type ProbeHistory } from '../../../../src/main/core/monitor/index';

const h = (p: Partial<ProbeHistory>): ProbeHistory => ({ health: 'up', downForMs: 0, backoffProbes: 0, probesSinceChange: 5, busy: false, priority: false, ...p });

describe('probe schedule', () => {
  it('is slow when stable, fast while changing, loading, degraded or unknown', () => {
    expect(baseDelay(h({}))).toBe(DEFAULT_POLL.slowMs);
    expect(baseDelay(h({ probesSinceChange: 0 }))).toBe(DEFAULT_POLL.fastMs);
    expect(baseDelay(h({ probesSinceChange: 2 }))).toBe(DEFAULT_POLL.fastMs);
    expect(baseDelay(h({ busy: true }))).toBe(DEFAULT_POLL.fastMs);
    expect(baseDelay(h({ health: 'degraded', probesSinceChange: 1 }))).toBe(DEFAULT_POLL.fastMs);
    // A server stuck degraded (a wrong API key) settles like a healthy one instead of 2 s forever.
    expect(baseDelay(h({ health: 'degraded' }))).toBe(DEFAULT_POLL.slowMs);
    expect(baseDelay(h({ health: 'unknown' }))).toBe(DEFAULT_POLL.fastMs);
  });

  it('goes quiet (60 s) after four slow probes without a change, up or degraded; a change is fast again', () => {
    const settle = DEFAULT_POLL.settleProbes;
    const seq = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => baseDelay(h({ probesSinceChange: n })));
    expect(seq).toEqual([2_000, 2_000, 2_000, 15_000, 15_000, 15_000, 15_000, 60_000, 60_000]);
    expect(baseDelay(h({ health: 'degraded', probesSinceChange: settle + DEFAULT_POLL.quietAfterProbes }))).toBe(60_000);
    // Loading is never quiet; a user's slow interval above the quiet one wins.
    expect(baseDelay(h({ probesSinceChange: 20, busy: true }))).toBe(2_000);
    expect(baseDelay(h({ probesSinceChange: 20 }), { ...DEFAULT_POLL, slowMs: 120_000 })).toBe(120_000);
  });

  it('stretches a short stable interval four times when quiet, not to a whole minute', () => {
    // A user (or a test rig) polling every 2 s when stable still sees an HTTP 500 within ~10 s.
    expect(baseDelay(h({ probesSinceChange: 20 }), { ...DEFAULT_POLL, slowMs: 2_000 })).toBe(8_000);
    expect(baseDelay(h({ probesSinceChange: 20 }), { ...DEFAULT_POLL, slowMs: 30_000 })).toBe(60_000);
  });

  it('stays fast for the first 30 s down, then backs off exponentially to 60 s (10 s for the local primary)', () => {
    expect(baseDelay(h({ health: 'down', downForMs: 10_000 }))).toBe(2_000);
    const seq = [0, 1, 2, 3, 4, 5, 8].map((n) => baseDelay(h({ health: 'down', downForMs: 60_000, backoffProbes: n })));
    expect(seq).toEqual([4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(baseDelay(h({ health: 'down', downForMs: 600_000, backoffProbes: 9, priority: true }))).toBe(10_000);
  });

  it('adds bounded jitter', () => {
    expect(nextProbeDelay(h({}), DEFAULT_POLL, () => 0)).toBe(13_500);
    expect(nextProbeDelay(h({}), DEFAULT_POLL, () => 0.999999)).toBe(16_500);
    expect(nextProbeDelay(h({}), DEFAULT_POLL, () => 0.5)).toBe(15_000);
  });
});

describe('state', () => {
  it('merges the downloaded list with the loaded list (the loaded list is the truth for loaded state)', () => {
    const listed: ModelStatus[] = [
      { id: 'a', state: 'loaded', loadedContext: 4096 },
      { id: 'b', state: 'not-loaded', maxContext: 32768 },
    ];
    const loaded: ModelStatus[] = [
      { id: 'b', state: 'loaded', loadedContext: 8192, expiresAt: 5 },
      { id: 'c', state: 'loaded' },
    ];
    expect(mergeModels(listed, loaded)).toEqual([
      { id: 'b', state: 'loaded', loadedContext: 8192, expiresAt: 5, maxContext: 32768 },
      { id: 'c', state: 'loaded' },
      { id: 'a', state: 'not-loaded' },
    ]);
  });

  it('bounds what a hostile server can make us keep', () => {
    const many: ModelStatus[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `m${i}-${'x'.repeat(1000)}`, state: 'unknown' as const, maxContext: Number.NaN, sizeBytes: -1 }));
    const out = mergeModels(many, undefined);
    expect(out.length).toBe(LIMITS.models);
    expect(out[0]!.id.length).toBe(LIMITS.idText);
    expect(out[0]!.maxContext).toBeUndefined();
    expect(out[0]!.sizeBytes).toBeUndefined();
    let w: number[] = [];
    for (let i = 0; i < 1000; i++) w = pushLatency(w, i);
    expect(w.length).toBe(LIMITS.latencyWindow);
    expect(w.at(-1)).toBe(999);
  });

  it('a change is what a user would see: latency and timestamps do not count', () => {
    const s: EndpointStatus = { id: 'x', baseUrl: 'x', source: 'scan', health: 'up', latencyMs: 3, latencyWindow: [3], models: [], checkedAt: 1 };
    expect(significantKey(s)).toBe(significantKey({ ...s, latencyMs: 40, latencyWindow: [3, 40], checkedAt: 99, changedAt: 99 }));
    expect(significantKey(s)).not.toBe(significantKey({ ...s, health: 'down' }));
    expect(significantKey(s)).not.toBe(significantKey({ ...s, models: [{ id: 'a', state: 'loaded', expiresAt: 1 }] }));
  });
});
