// The WarmKeeper against the LM Studio, Ollama and llama.cpp simulators on a ManualClock: hours of
// TTLs in milliseconds, real HTTP. What the user would feel is the simulator's own count of user
// requests that found the model cold: it must stay 0.
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../../../src/shared/status';
import { ManualClock } from '../../../../src/main/core/clock';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import { Monitor } from '../../../../src/main/core/monitor/index';
import { connectKeeper, WarmKeeper, type KeepWarmTarget, type WarmStats } from '../../../../src/main/core/warm/index';
import { startSimulator, type SimKind, type Simulator } from '../../../sim/index';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Deterministic pseudo-random gaps: bursts (seconds apart), short pauses, and idle gaps beyond the TTL. */
function gapsFor(ttl: number, n: number, seed: number): number[] {
  let a = seed;
  const rnd = () => ((a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => {
    const r = rnd();
    if (r < 0.5) return 5 * S + rnd() * 40 * S; // inside a burst
    if (r < 0.8) return rnd() * ttl; // a pause shorter than the TTL
    return ttl + rnd() * 2.5 * ttl; // an idle gap the runtime would not survive alone
  });
}

interface Rig {
  clock: ManualClock;
  sim: Simulator;
  keeper: WarmKeeper;
  events: MonitorEvent[];
  warm: Map<string, WarmStats>;
  advance(ms: number): Promise<void>;
}

async function rig(kind: SimKind, modelId: string, opts: { ttl: number; loaded?: boolean; target?: Partial<KeepWarmTarget>; schedule?: ConstructorParameters<typeof WarmKeeper>[0]['schedule'] }): Promise<Rig> {
  const clock = new ManualClock();
  const sim = await startSimulator(kind, { clock, idleTtlMs: opts.ttl, loaded: opts.loaded ? [modelId] : [] });
  cleanups.push(() => sim.close());
  const events: MonitorEvent[] = [];
  const warm = new Map<string, WarmStats>();
  const keeper = new WarmKeeper({
    adapterFor,
    clock,
    idleCapMs: 10_000,
    schedule: opts.schedule,
    targets: [{ endpointId: sim.url, baseUrl: sim.url, kind: sim.kind === 'openai-compatible' ? 'openai-compatible' : sim.kind, modelId, ttlMs: opts.ttl, ...opts.target }],
    onWarmStatus: (_e, m, w) => warm.set(m, w),
  });
  keeper.on('event', (e) => events.push(e));
  cleanups.push(() => keeper.stop());
  keeper.start();
  const advance = (ms: number) => clock.advance(ms, { waitFor: () => keeper.idle() });
  return { clock, sim, keeper, events, warm, advance };
}

async function drive(r: Rig, modelId: string, gaps: number[], numCtx?: number): Promise<void> {
  await r.advance(S);
  for (const g of gaps) {
    await r.advance(g);
    await r.sim.userRequest(modelId, { numCtx });
  }
}

describe('WarmKeeper keeps user traffic warm', () => {
  it.each([10 * MIN, 60 * MIN])('LM Studio, idle TTL %i ms: zero cold user requests, ≤ 1 ping per 0.8 × TTL', async (ttl) => {
    const id = 'google/gemma-4-26b-a4b';
    const r = await rig('lmstudio', id, { ttl });
    const gaps = gapsFor(ttl, 40, 7);
    await drive(r, id, gaps);
    const st = r.sim.stats();
    expect(st.coldHits).toBe(0);
    expect(st.userRequests).toBe(gaps.length);
    const elapsed = gaps.reduce((a, b) => a + b, 0) + S;
    expect(st.pings).toBeLessThanOrEqual(Math.ceil(elapsed / (0.8 * ttl)) + 1);
    expect(st.pinnedLoads).toBe(0); // never the explicit load API
    expect(r.warm.get(id)).toMatchObject({ enabled: true, pings: st.pings });
  });

  it.each([2 * MIN, 5 * MIN])('Ollama, keep_alive %i ms, with OpenClaw num_ctx: zero cold requests, no reloads', async (ttl) => {
    const id = 'llama3.2';
    const r = await rig('ollama', id, { ttl, target: { options: { num_ctx: 16384 } } });
    const gaps = gapsFor(ttl, 40, 11);
    await drive(r, id, gaps, 16384);
    const st = r.sim.stats();
    expect(st.coldHits).toBe(0);
    expect(st.loads).toBe(1); // the keeper's first load, never a reload for a different num_ctx
    expect(r.sim.state().loaded[0]).toMatchObject({ contextLength: 16384 });
    // Where traffic keeps it warm, the keeper stays quiet: fewer pings than one per (TTL − margin).
    const elapsed = gaps.reduce((a, b) => a + b, 0) + S;
    expect(st.pings).toBeLessThan(elapsed / (ttl - 20 * S));
  });

  it('llama.cpp with --sleep-idle-seconds: sees traffic through /slots and keeps it awake', async () => {
    const ttl = 10 * MIN;
    const clock = new ManualClock();
    const sim = await startSimulator('llamacpp', { clock, idleTtlMs: ttl });
    cleanups.push(() => sim.close());
    const id = (await adapterFor('llamacpp').loadedModels({ baseUrl: sim.url }))[0]!.id;
    const keeper = new WarmKeeper({ adapterFor, clock, idleCapMs: 10_000, targets: [{ endpointId: sim.url, baseUrl: sim.url, kind: 'llamacpp', modelId: id, ttlMs: ttl }] });
    cleanups.push(() => keeper.stop());
    keeper.start();
    const r: Rig = { clock, sim, keeper, events: [], warm: new Map(), advance: (ms) => clock.advance(ms, { waitFor: () => keeper.idle() }) };
    await drive(r, id, gapsFor(ttl, 25, 3));
    expect(sim.stats().coldHits).toBe(0);
  });
});

describe('runtimes without a load state', () => {
  it('LiteLLM / generic servers are never pinged unless the user set a TTL, then once per TTL − margin', async () => {
    const id = 'llama-3.1-8b-instruct';
    const none = await rig('openai-compatible', id, { ttl: undefined as unknown as number, target: { ttlMs: undefined } });
    await none.advance(2 * H);
    expect(none.sim.stats().pings + none.sim.stats().inferenceRequests).toBe(0);

    const timed = await rig('openai-compatible', id, { ttl: 10 * MIN });
    await timed.advance(2 * H);
    const pings = timed.sim.stats().inferenceRequests;
    expect(pings).toBeGreaterThanOrEqual(12); // 2 h / 9.5 min, plus the first one
    expect(pings).toBeLessThanOrEqual(Math.ceil((2 * H) / (0.8 * 10 * MIN)) + 1);
  });
});

describe('cold starts', () => {
  it('a model unloaded behind its back is warmed once and reported as a cold start', async () => {
    const id = 'google/gemma-4-26b-a4b';
    const r = await rig('lmstudio', id, { ttl: 60 * MIN, loaded: true });
    await r.advance(10 * S);
    expect(r.events.filter((e) => e.type === 'cold-start')).toHaveLength(0);
    r.sim.unload(id); // the user clicked eject
    await r.advance(5 * MIN); // the keeper looks again within its re-check interval
    const cold = r.events.filter((e) => e.type === 'cold-start');
    expect(cold).toHaveLength(1);
    expect(cold[0]).toMatchObject({ endpointId: r.sim.url, modelId: id });
    expect(r.warm.get(id)).toMatchObject({ coldStarts: 1 });
    expect(r.warm.get(id)!.lastColdStartMs).toBeGreaterThanOrEqual(0);
    expect(r.sim.state().loaded.map((m) => m.id)).toEqual([id]);
    expect(r.sim.stats().coldHits).toBe(0);
  });

  it('with the monitor connected, the unload is acted on at the next poll', async () => {
    const id = 'llama3.2';
    const clock = new ManualClock();
    const sim = await startSimulator('ollama', { clock, loaded: [id] });
    cleanups.push(() => sim.close());
    const monitor = new Monitor({ adapterFor, clock, liveness: false, idleCapMs: 10_000 });
    const keeper = new WarmKeeper({ adapterFor, clock, idleCapMs: 10_000, targets: [{ endpointId: sim.url, baseUrl: sim.url, kind: 'ollama', modelId: id }], onWarmStatus: (e, m, w) => monitor.setWarm(e, m, w) });
    const off = connectKeeper(keeper, monitor);
    cleanups.push(async () => {
      off();
      await keeper.stop();
      await monitor.stop();
    });
    const events: MonitorEvent[] = [];
    keeper.on('event', (e) => events.push(e));
    monitor.setEndpoints([{ id: sim.url, baseUrl: sim.url, kind: 'ollama', source: 'config', providerId: 'ollama', models: [id] }]);
    monitor.start();
    keeper.start();
    const advance = (ms: number) => clock.advance(ms, { waitFor: async () => (await monitor.idle(), await keeper.idle()) });
    await advance(5 * S);
    sim.unload(id);
    await advance(20 * S); // one slow poll interval (15 s ± jitter)
    expect(events.filter((e) => e.type === 'cold-start')).toHaveLength(1);
    const model = monitor.status(sim.url)!.models.find((m) => m.id.startsWith(id))!;
    expect(model.warm).toMatchObject({ enabled: true, coldStarts: 1 });
  });
});

describe('pause and schedule', () => {
  it('sends nothing while paused, and warms again on resume', async () => {
    const id = 'google/gemma-4-26b-a4b';
    const r = await rig('lmstudio', id, { ttl: 10 * MIN, loaded: true });
    await r.advance(S);
    const before = r.sim.stats().pings;
    r.keeper.setPaused(true);
    await r.advance(2 * H);
    expect(r.sim.stats().pings).toBe(before);
    expect(r.sim.state().loaded).toHaveLength(0); // the runtime unloaded it on its own
    r.keeper.setPaused(false);
    await r.advance(S);
    expect(r.sim.state().loaded.map((m) => m.id)).toEqual([id]);
    expect(r.events.some((e) => e.type === 'cold-start')).toBe(true);
  });

  it('keeps warm only inside the schedule and loads it just before the window opens', async () => {
    const id = 'llama3.2';
    // The ManualClock starts on Wednesday 2026-11-25 08:00 UTC.
    const r = await rig('ollama', id, { ttl: 5 * MIN, schedule: { windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' }], timeZone: 'UTC' } });
    await r.advance(12 * H); // 20:00
    const dayPings = r.sim.stats().pings;
    expect(dayPings).toBeGreaterThan(100);
    await r.advance(11 * H + 57 * MIN); // Thursday 07:57
    expect(r.sim.stats().pings).toBe(dayPings); // silent all night
    expect(r.sim.state().loaded).toHaveLength(0);
    await r.advance(2 * MIN); // 07:59: loaded 2 min ahead of the window
    expect(r.sim.state().loaded.map((m) => m.id)).toEqual([`${id}:latest`]);
    await r.sim.userRequest(id);
    expect(r.sim.stats().coldHits).toBe(0);
  });
});

describe('failures', () => {
  it('says in words when the server cannot be asked, and recovers when it answers again', async () => {
    const id = 'llama3.2';
    const r = await rig('ollama', id, { ttl: 5 * MIN, loaded: true });
    await r.advance(S);
    await r.sim.setFailure('http-500');
    await r.advance(10 * MIN);
    expect(r.keeper.state(r.sim.url, id)?.failingSince).toBeDefined();
    expect(r.keeper.state(r.sim.url, id)?.modelState).toBe('unreachable');
    expect(r.warm.get(id)?.lastError).toMatch(/HTTP 500/);
    await r.sim.setFailure(null);
    await r.advance(2 * MIN);
    expect(r.keeper.state(r.sim.url, id)?.failingSince).toBeUndefined();
    expect(r.warm.get(id)?.lastError).toBeUndefined();
    expect(r.sim.state().loaded.map((m) => m.id)).toEqual([`${id}:latest`]);
  });

  it('reports a warm request the runtime refuses (unknown model) and backs off instead of hammering', async () => {
    const r = await rig('ollama', 'no-such-model', { ttl: 5 * MIN });
    await r.advance(2 * MIN);
    const failed = r.events.filter((e): e is Extract<MonitorEvent, { type: 'warm-ping' }> => e.type === 'warm-ping' && !e.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.error).toMatch(/no model "no-such-model"/);
    // 5 s, 10 s, 20 s, 40 s, 60 s…: a handful of attempts in two minutes, not hundreds.
    expect(failed.length).toBeLessThanOrEqual(6);
    expect(r.keeper.state(r.sim.url, 'no-such-model')?.failingSince).toBeDefined();
  });
});

describe('LM Studio behind OpenClaw\'s lmstudio provider (preloadContext)', () => {
  const id = 'google/gemma-4-26b-a4b';

  it('a model loaded at LM Studio\'s default 4,096 is cold for OpenClaw: loaded explicitly at its context once, never pinged', async () => {
    const r = await rig('lmstudio', id, { ttl: 60 * MIN, loaded: true, target: { preloadContext: 65536, ttlMs: null } });
    await r.advance(8 * H);
    const st = r.sim.stats();
    expect(st.pinnedLoads).toBe(1);
    expect(st.pings).toBe(0);
    expect(r.sim.lastRequest('POST /api/v1/models/load')?.body).toEqual({ model: id, context_length: 65536 });
    expect(r.sim.state().loaded).toEqual([{ id, contextLength: 65536 }]); // no expiresAt: explicit loads never expire
    expect(r.events.filter((e) => e.type === 'cold-start')).toEqual([expect.objectContaining({ by: 'warmclaw' })]);
  });

  it('an eject is seen and answered with the same explicit load', async () => {
    const r = await rig('lmstudio', id, { ttl: 60 * MIN, target: { preloadContext: 32768, ttlMs: null } });
    await r.advance(10 * S);
    r.sim.unload(id);
    await r.advance(6 * MIN); // within the re-check interval
    expect(r.sim.stats().pinnedLoads).toBe(2);
    expect(r.sim.state().loaded).toEqual([{ id, contextLength: 32768 }]);
  });

  it('a load someone else made (OpenClaw\'s own preload) counts as a cold start the user waited on', async () => {
    const r = await rig('lmstudio', id, { ttl: 60 * MIN, target: { preloadContext: 32768, ttlMs: null } });
    r.keeper.setPaused(true); // nothing of ours: the client's load is the only one
    await r.advance(10 * S);
    await r.keeper.refresh();
    await r.advance(S);
    // OpenClaw's preflight found nothing and loaded it itself.
    await fetch(`${r.sim.url}/api/v1/models/load`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: id, context_length: 32768 }) });
    await r.keeper.refresh();
    await r.advance(S);
    expect(r.events.filter((e) => e.type === 'cold-start')).toEqual([expect.objectContaining({ by: 'client', modelId: id })]);
    expect(r.warm.get(id)).toMatchObject({ coldStarts: 1 });
  });
});

describe('LM Studio under another provider id (JIT)', () => {
  it('pings carry the user\'s ttl, not a fixed hour', async () => {
    const id = 'google/gemma-4-26b-a4b';
    const r = await rig('lmstudio', id, { ttl: 20 * MIN, target: { keepAliveMs: 20 * MIN } });
    await r.advance(S);
    expect(r.sim.lastRequest('POST /v1/chat/completions')?.body).toMatchObject({ model: id, max_tokens: 1, ttl: 1200 });
    expect(r.sim.state().loaded[0]?.expiresAt).toBe(r.clock.now() - S + 20 * MIN);
  });
});

describe('idle unload outside the schedule (the lifecycle OpenClaw lacks)', () => {
  it('unloads an idle model after the window closes and loads it again before the next one opens', async () => {
    const id = 'google/gemma-4-26b-a4b';
    // ManualClock starts Wednesday 2026-11-25 08:00 UTC; window 08:00–18:00 on weekdays.
    const r = await rig('lmstudio', id, { ttl: 60 * MIN, target: { preloadContext: 32768, ttlMs: null, idleUnloadMs: 30 * MIN }, schedule: { windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }], timeZone: 'UTC' } });
    await r.advance(10 * H); // 18:00
    expect(r.sim.state().loaded).toEqual([{ id, contextLength: 32768 }]);
    await r.advance(20 * MIN); // idle 20 min outside: still loaded
    expect(r.sim.state().loaded).toHaveLength(1);
    await r.advance(15 * MIN); // idle 35 min: unloaded
    expect(r.sim.state().loaded).toEqual([]);
    expect(r.events.filter((e) => e.type === 'idle-unload')).toHaveLength(1);
    await r.advance(13 * H + 20 * MIN); // Thursday 07:55: still unloaded
    expect(r.sim.state().loaded).toEqual([]);
    await r.advance(4 * MIN); // 07:59: loaded ahead of the window, at OpenClaw's context
    expect(r.sim.state().loaded).toEqual([{ id, contextLength: 32768 }]);
    expect(r.sim.stats().pinnedLoads).toBe(2);
  });

  it('is off by default: a model stays loaded all night', async () => {
    const id = 'google/gemma-4-26b-a4b';
    const r = await rig('lmstudio', id, { ttl: 60 * MIN, target: { preloadContext: 32768, ttlMs: null }, schedule: { windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }], timeZone: 'UTC' } });
    await r.advance(20 * H);
    expect(r.sim.state().loaded).toHaveLength(1);
    expect(r.events.filter((e) => e.type === 'idle-unload')).toHaveLength(0);
  });
});
