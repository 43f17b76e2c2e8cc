// llama-swap against its simulator (shapes from its source): recognised as itself (not as the
// llama-server it fronts on the same default port), model state from /running (starting → loading),
// its `ttl` as each model's idle TTL, the upstream /health ping that keeps a model past its ttl
// without loading anything, unload, and the keeper holding a model warm over hours of ttl.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { identify } from '../../../../src/main/core/endpoints/discovery';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import { createLlamaSwapAdapter } from '../../../../src/main/core/endpoints/llamaswap';
import { hostMemoryFrom, performancePath } from '../../../../src/main/core/endpoints/llamaswap-performance';
import { WarmKeeper } from '../../../../src/main/core/warm/index';
import { sim, testHttp } from './helpers';

const http = testHttp();
const swap = createLlamaSwapAdapter({ http, warmTimeoutMs: 10_000 });
const S = 1000;
const MIN = 60 * S;

describe('llama-swap adapter', () => {
  it('is recognised as llama-swap, and a llama-server as llama.cpp (both default to port 8080)', async () => {
    const s = await sim('llamaswap', { clock: new ManualClock() });
    const l = await sim('llamacpp', { clock: new ManualClock() });
    expect((await identify({ baseUrl: s.url }, { http })).kind).toBe('llamaswap');
    expect((await identify({ baseUrl: l.url }, { http })).kind).toBe('llamacpp');
    expect(await swap.fingerprint({ baseUrl: l.url })).toBe(false);
  });

  it('probes /health and /running; models from /v1/models with their state from /running and ttl as the idle TTL', async () => {
    const s = await sim('llamaswap', { clock: new ManualClock(), idleTtlMs: 5 * MIN, loaded: ['qwen3-8b'] });
    const t = { baseUrl: s.url };
    expect(await swap.probe(t)).toMatchObject({ ok: true, kind: 'llamaswap', version: '212' });
    const models = await swap.listModels(t);
    expect(models).toEqual([
      { id: 'gemma-3-12b', state: 'not-loaded', maxContext: 131072 },
      { id: 'qwen3-8b', state: 'loaded', maxContext: 40960, idleUnloadMs: 5 * MIN },
    ]);
    expect((await swap.loadedModels(t)).map((m) => m.id)).toEqual(['qwen3-8b']);
    // Looking never starts a model or resets a ttl: nothing went through /upstream or inference.
    expect(Object.keys(s.stats().paths).filter((p) => p.includes('/upstream/') || p.includes('/v1/chat'))).toEqual([]);
    expect(s.stats().loads).toBe(0);
  });

  it('a model whose backend is starting is loading, and the server says so', async () => {
    // A 1.5 s real-time start: the probe runs while the request that started it waits.
    const s = await sim('llamaswap', { loadDelayMs: 1_500 });
    const t = { baseUrl: s.url };
    const started = s.userRequest('gemma-3-12b');
    for (let i = 0; i < 50 && !s.state().loaded.some((m) => m.loading); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await swap.listModels(t)).find((m) => m.id === 'gemma-3-12b')?.state).toBe('loading');
    expect(await swap.probe(t)).toMatchObject({ ok: true, activity: 'loading', note: { code: 'server.llamaswap-starting' } });
    expect((await started).coldStart).toBe(true);
    expect((await swap.listModels(t)).find((m) => m.id === 'gemma-3-12b')?.state).toBe('loaded');
    expect((await swap.probe(t)).activity).toBeUndefined();
  });

  it('warms through the backend /health: a stopped model is started (cold), a running one only has its ttl reset', async () => {
    const clock = new ManualClock();
    const s = await sim('llamaswap', { clock, idleTtlMs: 5 * MIN });
    const t = { baseUrl: s.url };
    expect(await swap.warm(t, 'qwen3-8b')).toMatchObject({ ok: true, loaded: true });
    expect(s.stats().loads).toBe(1);
    // 4 min idle, a ping, 4 more: past the ttl counted from the load, but not from the ping.
    await clock.advance(4 * MIN);
    expect(await swap.warm(t, 'qwen3-8b')).toMatchObject({ ok: true, loaded: false });
    await clock.advance(4 * MIN);
    expect(s.state().loaded.map((m) => m.id)).toEqual(['qwen3-8b']);
    expect(s.stats()).toMatchObject({ loads: 1, inferenceRequests: 0 }); // no tokens were generated
    expect(s.stats().paths['GET /upstream/qwen3-8b/health']).toBe(2);
    // Without a ping the ttl runs out.
    await clock.advance(5 * MIN + S);
    expect(s.state().loaded).toEqual([]);
  });

  it('unloads one model with POST /api/models/unload/<model>, and says so when it does not know the model', async () => {
    const s = await sim('llamaswap', { clock: new ManualClock(), loaded: ['qwen3-8b', 'gemma-3-12b'] });
    const t = { baseUrl: s.url };
    expect(await swap.unload!(t, 'qwen3-8b')).toMatchObject({ ok: true });
    expect(s.state().loaded.map((m) => m.id)).toEqual(['gemma-3-12b']);
    const r = await swap.unload!(t, 'no-such-model');
    expect(r).toMatchObject({ ok: false });
    expect(r.error).toMatch(/llama-swap did not unload "no-such-model": model not found/);
  });

  it('with an API key: /health answers, the rest says the key is missing (degraded, not down)', async () => {
    const s = await sim('llamaswap', { clock: new ManualClock(), apiKey: 'sk-swap' });
    expect(await swap.probe({ baseUrl: s.url })).toMatchObject({ ok: true, degraded: expect.anything() });
    expect(await swap.probe({ baseUrl: s.url, apiKey: 'sk-swap' })).toMatchObject({ ok: true });
    expect((await identify({ baseUrl: s.url }, { http })).kind).toBe('llamaswap');
  });
});

describe('the keeper on llama-swap', () => {
  it("learns each model's ttl from /running and keeps it loaded for hours with one ping per ttl, never a second load", async () => {
    const clock = new ManualClock();
    const ttl = 10 * MIN;
    const s = await sim('llamaswap', { clock, idleTtlMs: ttl });
    // No TTL given: the keeper takes the one llama-swap reports once the model runs.
    const keeper = new WarmKeeper({ adapterFor, clock, idleCapMs: 10_000, targets: [{ endpointId: s.url, baseUrl: s.url, kind: 'llamaswap', modelId: 'qwen3-8b' }] });
    try {
      keeper.start();
      for (let i = 0; i < 36; i++) await clock.advance(5 * MIN, { waitFor: () => keeper.idle() });
      expect(s.state().loaded.map((m) => m.id)).toEqual(['qwen3-8b']);
      const st = s.stats();
      expect(st.loads).toBe(1);
      expect(st.unloads).toBe(0);
      const pings = st.paths['GET /upstream/qwen3-8b/health'] ?? 0;
      // 3 h at a 10 min ttl: about one ping per (ttl − margin), never a storm.
      expect(pings).toBeGreaterThanOrEqual(18);
      expect(pings).toBeLessThanOrEqual(Math.ceil((3 * 60 * MIN) / (0.8 * ttl)) + 2);
      expect(keeper.states()[0]).toMatchObject({ modelState: 'loaded' });
    } finally {
      await keeper.stop();
    }
  });
});

describe('llama-swap machine memory (/api/performance)', () => {
  const GiB = 1024 ** 3;

  it('while a model runs, the probe reports the newest GPU and RAM figures; with nothing running it does not ask', async () => {
    const s = await sim('llamaswap', { models: [{ id: 'qwen3-8b', sizeBytes: 6 * GiB }, { id: 'gemma-3-12b', sizeBytes: 9 * GiB }], loaded: ['qwen3-8b'] });
    const t = { baseUrl: s.url };
    const mem = (await swap.probe(t)).hostMemory;
    // The newest sample (400 MiB + 6 GiB), not the older ones the last minute also holds.
    expect(mem).toEqual({ gpuUsedBytes: 400 * 1024 ** 2 + 6 * GiB, gpuTotalBytes: 24 * GiB, gpus: 1, ramUsedBytes: 8 * GiB, ramTotalBytes: 64 * GiB });
    expect(s.stats().paths['GET /api/performance']).toBe(1);
    // Asked for the last minute only: a day-old llama-swap would otherwise send an hour of samples.
    expect(performancePath(Date.parse('2026-12-05T10:00:00.123Z'))).toBe('/api/performance?after=2026-12-05T09%3A59%3A00Z');

    s.unload();
    const before = s.stats().requests;
    expect((await swap.probe(t)).hostMemory).toBeUndefined();
    expect(s.stats().requests - before).toBe(3); // /health, /running, /api/version
  });

  it('performance monitoring off (503): no figures, the probe still succeeds', async () => {
    const off = await sim('llamaswap', { performance: false, loaded: ['qwen3-8b'] });
    expect(await swap.probe({ baseUrl: off.url })).toMatchObject({ ok: true });
    expect((await swap.probe({ baseUrl: off.url })).hostMemory).toBeUndefined();
  });
});

describe('hostMemoryFrom', () => {
  const MiB = 1024 ** 2;
  it('adds up the newest sample of every GPU, whatever order the samples come in', () => {
    const g = (t: string, id: number, used: number) => ({ timestamp: t, id, mem_used_mb: used, mem_total_mb: 1000 });
    const json = { enabled: true, sys_stats: [], gpu_stats: [g('2026-12-05T10:00:05Z', 1, 300), g('2026-12-05T10:00:00Z', 0, 100), g('2026-12-05T10:00:05Z', 0, 200), g('2026-12-05T10:00:00Z', 1, 900)] };
    expect(hostMemoryFrom(json)).toEqual({ gpuUsedBytes: 500 * MiB, gpuTotalBytes: 2000 * MiB, gpus: 2 });
  });

  it('nothing usable is no figure: disabled, empty, nonsense numbers, not an object', () => {
    expect(hostMemoryFrom({ enabled: false })).toBeUndefined();
    expect(hostMemoryFrom({ enabled: true, sys_stats: [], gpu_stats: [] })).toBeUndefined();
    expect(hostMemoryFrom({ enabled: true, gpu_stats: [{ id: 0, mem_used_mb: -5, mem_total_mb: 'x' }], sys_stats: [{ mem_total_mb: 0 }] })).toBeUndefined();
    expect(hostMemoryFrom('OK')).toBeUndefined();
    // RAM alone (a Mac without a GPU tool): still a figure.
    expect(hostMemoryFrom({ enabled: true, sys_stats: [{ timestamp: '2026-12-05T10:00:00Z', mem_total_mb: 16384, mem_used_mb: 4096 }] })).toEqual({ ramUsedBytes: 4096 * MiB, ramTotalBytes: 16384 * MiB });
  });
});
