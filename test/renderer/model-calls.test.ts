// The dashboard's "OpenClaw's own latency" figures, and the bound the UI keeps on pushed calls (the
// same as the engine's, so a long-open window does not grow without end).
import { describe, expect, it } from 'vitest';
import { groupModelCalls, median } from '../../src/renderer/src/screens/dashboard/model-calls';
import { MODEL_CALL_REFS, MODEL_CALLS_PER_REF, withModelCall, type EndpointStatus, type ModelCall } from '../../src/shared/status';

const endpoint = (id: string, refs: string[]): EndpointStatus =>
  ({ id, baseUrl: id, kind: 'lmstudio', source: 'config', health: 'up', latencyWindow: [4, 6], models: refs.map((ref) => ({ id: ref.split('/')[1], ref, state: 'loaded' })) }) as unknown as EndpointStatus;

describe('model calls on the dashboard', () => {
  it('median of odd, even and no values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeUndefined();
  });

  it('groups per model, newest model first, with first-byte figures and the server serving it', () => {
    const calls: ModelCall[] = [
      { ref: 'a/x', at: 1_000, ms: 3_000, ttfbMs: 2_500 },
      { ref: 'b/y', at: 2_000, ms: 900 },
      { ref: 'a/x', at: 3_000, ms: 800, ttfbMs: 200 },
      { ref: 'a/x', at: 4_000, ms: 700, ttfbMs: 100 },
    ];
    const groups = groupModelCalls(calls, [endpoint('http://127.0.0.1:1', ['b/y']), endpoint('http://127.0.0.1:2', ['a/x'])]);
    expect(groups.map((g) => g.ref)).toEqual(['a/x', 'b/y']);
    expect(groups[0]).toMatchObject({ lastAt: 4_000, medianTtfbMs: 200, maxTtfbMs: 2_500, medianMs: 800 });
    expect(groups[0]!.endpoint?.id).toBe('http://127.0.0.1:2');
    // A call timed without a first byte gives no first-byte figures, and a ref no server lists has no server.
    const b = groupModelCalls([calls[1]!], [])[0]!;
    expect(b).toMatchObject({ medianTtfbMs: undefined, maxTtfbMs: undefined, medianMs: 900, endpoint: undefined });
  });

  it('keeps at most MODEL_CALLS_PER_REF calls per model (the oldest go) and MODEL_CALL_REFS models (the least recent goes)', () => {
    let calls: ModelCall[] = [];
    for (let i = 0; i < MODEL_CALLS_PER_REF + 5; i++) calls = withModelCall(calls, { ref: 'a/x', at: i, ms: i });
    expect(calls).toHaveLength(MODEL_CALLS_PER_REF);
    expect(calls[0]!.at).toBe(5);
    for (let r = 0; r < MODEL_CALL_REFS; r++) calls = withModelCall(calls, { ref: `p/m${r}`, at: 1_000 + r, ms: 1 });
    // 'a/x' was called longest ago: it is the one dropped when the 51st model arrives.
    expect(new Set(calls.map((c) => c.ref)).size).toBe(MODEL_CALL_REFS);
    expect(calls.some((c) => c.ref === 'a/x')).toBe(false);
    expect(calls.filter((c) => c.ref === 'p/m0')).toHaveLength(1);
  });
});
