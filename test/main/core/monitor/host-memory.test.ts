// The machine memory a llama-swap server reports, through the real monitor: shown while a model
// runs, gone when none does, and steady against megabytes of jitter (which would otherwise count as
// a change on every probe and keep an idle server out of quiet polling).
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import { Monitor } from '../../../../src/main/core/monitor/index';
import { HOST_MEMORY_STEP_BYTES, steadyHostMemory } from '../../../../src/main/core/monitor/state';
import { startSimulator } from '../../../sim/index';

const GiB = 1024 ** 3;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('machine memory in the status', () => {
  it('llama-swap: the GPU in use while a model runs (its size shows), nothing once it is unloaded', async () => {
    const s = await startSimulator('llamaswap', { models: [{ id: 'qwen3-8b', sizeBytes: 6 * GiB }], loaded: ['qwen3-8b'] });
    cleanups.push(() => s.close());
    const m = new Monitor({ adapterFor, clock: new ManualClock(), liveness: false, random: () => 0.5, callTimeoutMs: 2_000 });
    cleanups.push(() => m.stop());
    m.setEndpoints([{ id: s.url, baseUrl: s.url, source: 'config', providerId: 'swap', kind: 'llamaswap', models: ['qwen3-8b'] }]);
    await m.refresh();
    expect(m.status(s.url)?.hostMemory).toMatchObject({ gpuUsedBytes: 400 * 1024 ** 2 + 6 * GiB, gpuTotalBytes: 24 * GiB, gpus: 1 });
    s.unload();
    await m.refresh();
    expect(m.status(s.url)?.models[0]?.state).toBe('not-loaded');
    expect(m.status(s.url)?.hostMemory).toBeUndefined();
  });

  it('keeps the shown figures until one moves by a step; a new or vanished figure shows at once', () => {
    const shown = { gpuUsedBytes: 10 * GiB, gpuTotalBytes: 24 * GiB, gpus: 1 };
    expect(steadyHostMemory(shown, { ...shown, gpuUsedBytes: 10 * GiB + 40 * 1024 ** 2 })).toBe(shown);
    const moved = { ...shown, gpuUsedBytes: 10 * GiB + HOST_MEMORY_STEP_BYTES };
    expect(steadyHostMemory(shown, moved)).toBe(moved);
    const withRam = { ...shown, ramUsedBytes: GiB, ramTotalBytes: 16 * GiB };
    expect(steadyHostMemory(shown, withRam)).toBe(withRam);
    expect(steadyHostMemory(shown, undefined)).toBeUndefined();
    expect(steadyHostMemory(undefined, shown)).toBe(shown);
  });
});
