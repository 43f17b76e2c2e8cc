// The Monitor against every simulator (up/down/degraded, errors in words), with fake adapters where
// only the schedule matters (backoff, wake from sleep, bounded state), a hung server beside a healthy
// one, and the liveness watch that catches a dying server without waiting for a poll.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endpointStatusSchema, type EndpointKind, type EndpointStatus, type MonitorEvent } from '../../../../src/shared/status';
import { ManualClock } from '../../../../src/main/core/clock';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import type { EndpointAdapter, ProbeResult } from '../../../../src/main/core/endpoints/types';
import { LIMITS, Monitor, type MonitoredEndpoint, type MonitorOptions } from '../../../../src/main/core/monitor/index';
import { SIM_KINDS, startSimulator, type FailureMode, type Simulator } from '../../../sim/index';

const S = 1000;
const MIN = 60 * S;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function monitorOn(clock: ManualClock, opts: Partial<MonitorOptions> = {}) {
  // A generous idle cap: nothing hangs here except where a test says so (a busy CI box can be slow).
  const m = new Monitor({ adapterFor, clock, liveness: false, random: () => 0.5, idleCapMs: 10_000, ...opts });
  const events: MonitorEvent[] = [];
  m.on('event', (e) => events.push(e));
  cleanups.push(() => m.stop());
  const advance = (ms: number) => clock.advance(ms, { waitFor: () => m.idle() });
  return { m, events, advance };
}

async function sim(kind: Parameters<typeof startSimulator>[0], opts: Parameters<typeof startSimulator>[1] = {}): Promise<Simulator> {
  const s = await startSimulator(kind, opts);
  cleanups.push(() => s.close());
  return s;
}

const endpoint = (s: Simulator, extra: Partial<MonitoredEndpoint> = {}): MonitoredEndpoint => ({ id: s.url, baseUrl: s.url, source: 'scan', ...extra });

describe('Monitor against each simulator', () => {
  it.each(SIM_KINDS)('%s: detected, up, then down with a plain-words error for each failure, then up again', async (kind) => {
    const clock = new ManualClock();
    const s = await sim(kind, { clock });
    const { m, events } = monitorOn(clock);
    m.setEndpoints([endpoint(s)]);
    await m.refresh();
    const up = m.status(s.url)!;
    expect(up).toMatchObject({ health: 'up', kind });
    expect(up.lastError).toBeUndefined();
    expect(up.models.length).toBeGreaterThan(0);
    expect(up.latencyWindow.length).toBe(1);

    const words: [FailureMode, RegExp][] = [
      ['http-500', /HTTP 500/],
      ['invalid-json', /invalid JSON|not like/i],
      ['wrong-content-type', /HTML|not like/i],
      ['huge-body', /more than 2 MB|not like/i],
      ['refuse', /connection refused on 127\.0\.0\.1:\d+/],
    ];
    for (const [i, [mode, re]] of words.entries()) {
      await s.setFailure(mode);
      await m.refresh();
      // Hysteresis: one bad answer from an up server flips nothing; the second in a row does.
      if (i === 0) {
        expect(m.status(s.url)!.health, mode).toBe('up');
        await m.refresh();
      }
      const st = m.status(s.url)!;
      expect(st.health, mode).toBe('down');
      expect(st.lastError, mode).toMatch(re);
      expect(st.kind).toBe(kind); // a failing server keeps its identity
    }
    await s.setFailure(null);
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('down'); // one good answer is not yet "back"
    await m.refresh();
    expect(m.status(s.url)).toMatchObject({ health: 'up', kind });
    expect(m.status(s.url)!.lastError).toBeUndefined();
    const healths = events.filter((e): e is Extract<MonitorEvent, { type: 'endpoint-changed' }> => e.type === 'endpoint-changed').map((e) => e.endpoint.health);
    expect(healths[0]).toBe('up');
    expect(healths.at(-1)).toBe('up');
  });

  it('degraded: LM Studio with authentication on and no key', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock, apiKey: 'sk-lm-secret-123' });
    const { m } = monitorOn(clock);
    m.setEndpoints([endpoint(s, { kind: 'lmstudio' })]);
    await m.refresh();
    const st = m.status(s.url)!;
    expect(st.health).not.toBe('up');
    expect(st.lastError).toMatch(/API key|token|401/i);
    m.setEndpoints([endpoint(s, { kind: 'lmstudio', apiKey: 'sk-lm-secret-123' })]);
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('up');
    expect(JSON.stringify(m.statuses())).not.toContain('sk-lm-secret-123');
  });

  it('reports loaded models with context, unload time and size (Ollama /api/ps)', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    await s.userRequest('llama3.2', { numCtx: 8192 });
    const { m } = monitorOn(clock);
    m.setEndpoints([endpoint(s, { kind: 'ollama', providerId: 'ollama', models: ['llama3.2'] })]);
    await m.refresh();
    const model = m.status(s.url)!.models[0]!;
    expect(model).toMatchObject({ id: 'llama3.2:latest', ref: 'ollama/llama3.2', state: 'loaded', loadedContext: 8192, expiresAt: clock.now() + 5 * MIN });
    expect(model.vramBytes).toBeGreaterThan(0);
    expect(model.maxContext).toBeGreaterThan(8192);
  });

  it('emits endpoint-changed only on real change, and sees real traffic move expires_at', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock, loaded: ['llama3.2'] });
    const { m, events, advance } = monitorOn(clock);
    m.setEndpoints([endpoint(s, { kind: 'ollama' })]);
    m.start();
    await advance(10 * S);
    const n = events.length;
    expect(n).toBe(1);
    await advance(2 * MIN); // many probes, nothing changes
    expect(events.length).toBe(n);
    await s.userRequest('llama3.2'); // expires_at moves
    await advance(70 * S); // quiet by now: one probe a minute (± jitter)
    expect(events.length).toBe(n + 1);
  });
});

/** A scriptable adapter: probe outcome per call, every call time recorded. */
function fakeAdapter(clock: ManualClock, kind: EndpointKind = 'lmstudio') {
  const calls: number[] = [];
  let outcome: ProbeResult = { ok: true, latencyMs: 1, version: '1.0' };
  let models = [{ id: 'm', state: 'loaded' as const }];
  const adapter: EndpointAdapter = {
    kind,
    probe: async () => {
      calls.push(clock.monotonic());
      return outcome;
    },
    listModels: async () => models,
    loadedModels: async () => {
      calls.push(clock.monotonic());
      return models.filter((x) => (x.state as string) !== 'not-loaded');
    },
    contextOf: async () => ({}),
    warm: async () => ({ ok: true, ms: 1 }),
    fingerprint: async () => true,
  };
  return {
    adapter,
    calls,
    set: (o: ProbeResult) => (outcome = o),
    setModels: (list: typeof models) => (models = list),
  };
}

const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);

describe('Monitor schedule', () => {
  it('backs off exponentially for an endpoint down for long, capped at 60 s (10 s when it holds the primary)', async () => {
    for (const priority of [false, true]) {
      const clock = new ManualClock();
      const fake = fakeAdapter(clock);
      fake.set({ ok: false, latencyMs: 1, error: 'connection refused on 127.0.0.1:1234 — is LM Studio started?' });
      const { m, advance } = monitorOn(clock, { adapterFor: () => fake.adapter });
      m.setEndpoints([{ id: 'x', baseUrl: 'http://127.0.0.1:1234', kind: 'lmstudio', source: 'config', priority }]);
      m.start();
      await advance(10 * MIN);
      const g = gaps(fake.calls);
      expect(g.slice(0, 10).every((x) => x === 2 * S)).toBe(true); // fast while freshly down
      for (let i = 1; i < g.length; i++) expect(g[i]!).toBeGreaterThanOrEqual(g[i - 1]!); // never speeds up
      expect(Math.max(...g)).toBe(priority ? 10 * S : 60 * S);
      expect(g.at(-1)).toBe(priority ? 10 * S : 60 * S);
      expect(m.status('x')).toMatchObject({ health: 'down', lastError: expect.stringContaining('connection refused') });
    }
  });

  it('identifies a few endpoints at a time, and a hung one gives up its slot after the 1 s lease', async () => {
    const clock = new ManualClock();
    const fake = fakeAdapter(clock);
    let active = 0;
    let peak = 0;
    let releaseHung!: () => void;
    const hung = new Promise<void>((r) => (releaseHung = r));
    const detectKind = async (t: { baseUrl: string }): Promise<EndpointKind> => {
      active++;
      peak = Math.max(peak, active);
      try {
        await (t.baseUrl.endsWith(':1') ? hung : clock.sleep(400));
        return 'lmstudio';
      } finally {
        active--;
      }
    };
    const { m, advance } = monitorOn(clock, { adapterFor: () => fake.adapter, detectKind, maxIdentifying: 2, callTimeoutMs: 60 * S, idleCapMs: 20 });
    m.setEndpoints(Array.from({ length: 7 }, (_, i) => ({ id: `e${i}`, baseUrl: `http://127.0.0.1:${i + 1}`, source: 'scan' as const })));
    const all = m.refresh();
    await advance(0);
    expect(peak).toBe(2); // e0 (hung) and e1; the others wait
    const up = () => m.statuses().filter((x) => x.health === 'up').map((x) => x.id);
    await advance(999); // the second slot identifies e1, e2 (400 ms each); e3 is at it
    expect(up()).toEqual(['e1', 'e2']);
    expect(active).toBe(2);
    await advance(1); // e0's 1 s lease ran out: its slot goes to e4
    expect(active).toBe(3);
    await advance(1_000); // two slots again: everyone but e0 (one slot would have reached e5 only)
    expect(up()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(peak).toBe(3);
    releaseHung();
    await all;
    expect(m.statuses().every((x) => x.health === 'up')).toBe(true);
  });

  it('polls slowly when stable and fast right after a change', async () => {
    const clock = new ManualClock();
    const fake = fakeAdapter(clock);
    const { m, advance } = monitorOn(clock, { adapterFor: () => fake.adapter });
    m.setEndpoints([{ id: 'x', baseUrl: 'http://127.0.0.1:1234', kind: 'lmstudio', source: 'config' }]);
    m.start();
    await advance(2 * MIN);
    const rounds = (from: number) => [...new Set(fake.calls.filter((t) => t >= from))];
    expect(Math.min(...gaps(rounds(0)))).toBe(15 * S);
    const changedAt = clock.monotonic();
    fake.setModels([{ id: 'm', state: 'loading' as never }]); // a model starts loading
    await advance(MIN);
    const after = gaps(rounds(changedAt));
    expect(after[0]).toBeLessThanOrEqual(15 * S); // the next slow round sees it…
    expect(after.slice(1, 4)).toEqual([2 * S, 2 * S, 2 * S]); // …then fast while it moves
  });

  it('backs off from a port that answers but not like any runtime (each probe walks six fingerprints)', async () => {
    const clock = new ManualClock();
    const s = await sim('openai-compatible', { clock });
    await s.setFailure('wrong-content-type'); // every path: a router's HTML login page
    const { m, advance } = monitorOn(clock);
    m.setEndpoints([endpoint(s)]);
    m.start();
    await advance(5 * MIN);
    const st = m.status(s.url)!;
    expect(st.health).toBe('degraded');
    expect(st.lastError).toMatch(/answers, but not like/);
    // 4 s, 8 s, 16 s, 32 s, then every 60 s: about ten walks in five minutes, not one every 2 s (150).
    expect(m.diagnostics().probes).toBeLessThanOrEqual(12);
    // Once it turns into a server we know, it is found at the next (backed-off) probe at the latest.
    await s.setFailure(null);
    await advance(MIN + 5 * S);
    expect(m.status(s.url)).toMatchObject({ health: 'up', kind: 'openai-compatible' });
  });

  it('re-probes everything at once after the machine wakes from sleep', async () => {
    const clock = new ManualClock();
    const fake = fakeAdapter(clock);
    const { m, advance } = monitorOn(clock, { adapterFor: () => fake.adapter });
    const wakes: number[] = [];
    m.on('wake', (w) => wakes.push(w.jumpMs));
    m.setEndpoints([{ id: 'x', baseUrl: 'http://127.0.0.1:1234', kind: 'lmstudio', source: 'config' }]);
    m.start();
    await advance(MIN + 1_000);
    const scheduled = new Set(fake.calls.map((t) => t % (15 * S)));
    expect(scheduled.size).toBe(1); // every probe so far on the 15 s grid
    clock.jumpWallClock(3 * 3_600_000); // the laptop lid was closed for 3 h
    await advance(5 * S);
    expect(wakes).toEqual([3 * 3_600_000]);
    // A probe at the wake check (65 s), off the 15 s grid (60 s, 75 s…).
    expect(fake.calls).toContain(65 * S);
  });

  it('keeps memory bounded whatever a server returns', async () => {
    const clock = new ManualClock();
    const fake = fakeAdapter(clock);
    fake.setModels(Array.from({ length: 50_000 }, (_, i) => ({ id: `model-${i}`, state: 'loaded' as const })));
    const { m, advance } = monitorOn(clock, { adapterFor: () => fake.adapter });
    m.setEndpoints([{ id: 'x', baseUrl: 'http://127.0.0.1:1234', kind: 'lmstudio', source: 'config' }]);
    m.start();
    await advance(40 * MIN);
    const st = m.status('x')!;
    expect(st.models.length).toBe(LIMITS.models);
    expect(st.latencyWindow.length).toBe(LIMITS.latencyWindow);
  });
});

describe('loading progress', () => {
  it('a model the runtime reports loading carries when it was first seen loading, across refreshes, until it is loaded', async () => {
    const models = [
      { id: 'qwen3-8b', maxContext: 40960, contextLength: 16384 },
      { id: 'gemma-3-4b', maxContext: 131072, contextLength: 8192 },
    ];
    // llama.cpp's router reports per-model status; a load takes 4 s of real time here (the simulators
    // load instantly on a manual clock). Nothing below depends on how fast this machine is.
    const s = await sim('llamacpp', { router: true, models, loaded: ['gemma-3-4b'], loadDelayMs: 4_000 });
    const m = new Monitor({ adapterFor, liveness: false });
    cleanups.push(() => m.stop());
    m.setEndpoints([endpoint(s, { kind: 'llamacpp' })]);
    await m.refresh();
    const model = (id: string) => m.status(s.url)!.models.find((x) => x.id === id)!;
    expect(model('qwen3-8b')).toMatchObject({ state: 'not-loaded' });
    expect(model('qwen3-8b').loadingSince).toBeUndefined();

    const before = Date.now();
    const res = await fetch(`${s.url}/models/load`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'qwen3-8b' }) });
    expect(res.status).toBe(200);
    await m.refresh();
    const first = model('qwen3-8b');
    expect(first.state).toBe('loading');
    expect(first.loadingSince).toBeGreaterThanOrEqual(before);
    await m.refresh();
    // The same start on the next look: the count runs from when it was first seen loading.
    expect(model('qwen3-8b')).toMatchObject({ state: 'loading', loadingSince: first.loadingSince });
    expect(endpointStatusSchema.parse(m.status(s.url)).models.find((x) => x.id === 'qwen3-8b')?.loadingSince).toBe(first.loadingSince);
    await vi.waitFor(
      async () => {
        await m.refresh();
        expect(model('qwen3-8b').state).toBe('loaded');
      },
      { timeout: 20_000, interval: 500 },
    );
    expect(model('qwen3-8b').loadingSince).toBeUndefined();
  });
});

describe('a hung server', () => {
  it('never delays another endpoint and ends up down with an explanation', async () => {
    const clock = new ManualClock();
    const hung = await sim('lmstudio', { clock });
    const fine = await sim('ollama', { clock });
    const { m, events, advance } = monitorOn(clock, { callTimeoutMs: 4 * S, idleCapMs: 30 });
    m.setEndpoints([endpoint(hung, { kind: 'lmstudio' }), endpoint(fine, { kind: 'ollama' })]);
    m.start();
    await advance(20 * S);
    await hung.setFailure('hang');
    const requestsBefore = fine.stats().requests;
    await fine.userRequest('llama3.2'); // something changes on the healthy server meanwhile
    await advance(40 * S);
    const changed = events.filter((e): e is Extract<MonitorEvent, { type: 'endpoint-changed' }> => e.type === 'endpoint-changed');
    const fineLoaded = changed.find((e) => e.endpoint.id === fine.url && e.endpoint.models.some((x) => x.state === 'loaded'));
    expect(fineLoaded).toBeDefined();
    expect(fine.stats().requests - requestsBefore).toBeGreaterThanOrEqual(3); // kept polling on schedule
    const hungStatus: EndpointStatus = m.status(hung.url)!;
    expect(hungStatus.health).toBe('down');
    expect(hungStatus.lastError).toMatch(/no answer from 127\.0\.0\.1:\d+/);
  });
});

describe('hysteresis: up and down need two results in a row', () => {
  const healths = (events: MonitorEvent[]) => events.filter((e): e is Extract<MonitorEvent, { type: 'endpoint-changed' }> => e.type === 'endpoint-changed').map((e) => e.endpoint.health);

  it('a flapping server (every other answer a 500) never flips, on refreshes or on its own schedule', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    const { m, events, advance } = monitorOn(clock);
    m.setEndpoints([endpoint(s, { kind: 'ollama' })]);
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('up');
    for (let i = 0; i < 6; i++) {
      await s.setFailure(i % 2 === 0 ? 'http-500' : null);
      await m.refresh();
      expect(m.status(s.url)!.health, `round ${i}`).toBe('up');
    }
    // On the monitor's own schedule too: one bad probe, then good ones.
    m.start();
    await advance(20 * S);
    // One scheduled probe meets the 500s (bounded: the stable interval is 15 s, 60 s once quiet), then they stop.
    const before = s.stats().requests;
    await s.setFailure('http-500');
    for (let i = 0; i < 90 && s.stats().requests === before; i++) await advance(S);
    expect(s.stats().requests).toBeGreaterThan(before);
    await s.setFailure(null);
    const healed = s.stats().requests;
    await advance(3 * MIN);
    expect(healths(events)).toEqual(['up']);
    expect(s.stats().requests - healed).toBeGreaterThanOrEqual(3); // polled on, at least once a minute
  });

  it('a server that stays down flips once, after the second bad result; back up after two good ones', async () => {
    const clock = new ManualClock();
    const s = await sim('vllm', { clock });
    const { m, events } = monitorOn(clock);
    m.setEndpoints([endpoint(s)]);
    await m.refresh();
    await s.setFailure('http-500');
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('up');
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('down');
    await m.refresh();
    await s.setFailure(null);
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('down');
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('up');
    expect(healths(events)).toEqual(['up', 'down', 'up']);
  });

  it('the first result sets the state at once, down as well as up', async () => {
    const clock = new ManualClock();
    const s = await sim('llamacpp', { clock });
    await s.setFailure('refuse');
    const { m, events } = monitorOn(clock);
    m.setEndpoints([endpoint(s, { kind: 'llamacpp' })]);
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('down');
    expect(healths(events)).toEqual(['down']);
  });

  it('asks again soon when a flip waits for confirmation, even when polling slowly', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock });
    const { m, events, advance } = monitorOn(clock, { poll: { fastMs: 2 * S, slowMs: 10 * MIN } });
    m.setEndpoints([endpoint(s, { kind: 'lmstudio' })]);
    m.start();
    await advance(10 * S);
    expect(m.status(s.url)!.health).toBe('up');
    await s.setFailure('http-500');
    await advance(10 * MIN); // the slow probe sees the first 500 …
    await advance(3 * S); // … and the confirmation follows at the fast interval
    expect(healths(events)).toEqual(['up', 'down']);
  });
});

describe('hostile servers (test/sim hostile modes)', () => {
  it.each(SIM_KINDS)('%s: wrong types, escape codes, 1e308 and random 500s never break a status', async (kind) => {
    const clock = new ManualClock();
    const healthy = await sim('ollama', { clock });
    const s = await sim(kind, { clock, loaded: kind === 'lmstudio' ? ['qwen2-vl-7b-instruct'] : kind === 'ollama' ? ['llama3.2'] : [] });
    const { m, events } = monitorOn(clock);
    m.setEndpoints([endpoint(healthy), endpoint(s)]);
    await m.refresh();
    for (const mode of ['wrong-types', 'escape-codes', 'huge-numbers', 'random-500'] as FailureMode[]) {
      await s.setFailure(mode);
      for (let i = 0; i < 4; i++) await m.refresh();
      const st = m.status(s.url)!;
      // Whatever came back, what the monitor publishes fits the contract the UI and CLI rely on.
      expect(endpointStatusSchema.safeParse(st).success, `${mode}: ${JSON.stringify(st)}`).toBe(true);
      for (const model of st.models) {
        for (const n of [model.maxContext, model.loadedContext, model.sizeBytes, model.vramBytes]) if (n !== undefined) expect(Number.isSafeInteger(n), `${mode} ${model.id}`).toBe(true);
      }
      expect(m.status(healthy.url)!.health, mode).toBe('up');
    }
    for (const ev of events) if (ev.type === 'endpoint-changed') expect(endpointStatusSchema.safeParse(ev.endpoint).success).toBe(true);
    await s.setFailure(null);
    await m.refresh();
    await m.refresh();
    expect(m.status(s.url)!.health).toBe('up');
  });
});

describe('liveness watch (real clock)', () => {
  it('sees a server die at once, without waiting for the next poll', async () => {
    const s = await startSimulator('vllm', { loadDelayMs: 0 });
    const m = new Monitor({ adapterFor, poll: { fastMs: 10 * MIN, slowMs: 10 * MIN } });
    cleanups.push(() => m.stop());
    const up = new Promise<void>((r) => m.on('event', (e) => e.type === 'endpoint-changed' && e.endpoint.health === 'up' && r()));
    const down = new Promise<EndpointStatus>((r) => m.on('event', (e) => e.type === 'endpoint-changed' && e.endpoint.health === 'down' && r(e.endpoint)));
    m.setEndpoints([endpoint(s, { kind: 'vllm' })]);
    m.start();
    await up;
    while (m.diagnostics().watching === 0) await new Promise((r) => setTimeout(r, 10));
    await s.close();
    // With polling every 10 min, only the watch can report this before the test times out.
    const st = await down;
    expect(st.lastError).toMatch(/connection refused/);
  });
});
