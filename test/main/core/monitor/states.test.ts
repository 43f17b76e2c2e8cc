// One vocabulary of states (src/shared/states.ts), each derived from a real simulator situation
// through the real Monitor: what the tray, dashboard, `warmclaw status` and notifications all show.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import { Monitor, type MonitoredEndpoint } from '../../../../src/main/core/monitor/index';
import { MODEL_STATE_WORD, modelStateWords, modelView, serverState, SERVER_STATE_WORD } from '../../../../src/shared/states';
import { startSimulator, type Simulator } from '../../../sim/index';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(kind: Parameters<typeof startSimulator>[0], opts: Parameters<typeof startSimulator>[1] = {}): Promise<Simulator> {
  const s = await startSimulator(kind, opts);
  cleanups.push(() => s.close());
  return s;
}

/** One look at one server by the real monitor, with a short call deadline (hangs end quickly). */
async function look(url: string, extra: Partial<MonitoredEndpoint> = {}) {
  const m = new Monitor({ adapterFor, clock: new ManualClock(), liveness: false, random: () => 0.5, idleCapMs: 10_000, callTimeoutMs: 400 });
  cleanups.push(() => m.stop());
  m.setEndpoints([{ id: url, baseUrl: url, source: 'config', providerId: 'local', ...extra }]);
  await m.refresh();
  return m.status(url)!;
}

describe('state vocabulary from simulator situations', () => {
  it('up, and a model loaded at N context', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: ['meta-llama-3.1-8b-instruct'] });
    const e = await look(s.url, { kind: 'lmstudio' });
    expect(serverState(e)).toBe('up');
    const loaded = e.models.find((m) => m.state === 'loaded')!;
    const view = modelView(e, loaded);
    expect(view.state).toBe('loaded');
    expect(modelStateWords(view)).toMatch(/^loaded at [\d,]+ context$/);
    const other = e.models.find((m) => m.state !== 'loaded')!;
    expect(modelStateWords(modelView(e, other))).toBe('not loaded');
  });

  it('llama.cpp asleep after idle is "sleeping", not a problem; loading is "loading a model"', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock() });
    s.unload(); // as if --sleep-idle-seconds fired
    const asleep = await look(s.url, { kind: 'llamacpp' });
    expect(asleep.health).toBe('up');
    expect(asleep.lastError).toBeUndefined();
    expect(serverState(asleep)).toBe('sleeping');
    expect(asleep.note).toMatch(/asleep/);
    expect(modelView(asleep, asleep.models[0]!).state).toBe('sleeping');

    const booting = await sim('llamacpp', { waitUntilReady: false, loadDelayMs: 60_000 });
    const loading = await look(booting.url, { kind: 'llamacpp' });
    expect(serverState(loading)).toBe('loading');
  });

  it('down when nothing listens, unreachable when the server takes the connection and never answers', async () => {
    const s = await sim('ollama', { clock: new ManualClock() });
    await s.setFailure('refuse');
    const stopped = await look(s.url, { kind: 'ollama' });
    expect(serverState(stopped)).toBe('down');

    const h = await sim('ollama', { clock: new ManualClock() });
    await h.setFailure('hang');
    const hung = await look(h.url, { kind: 'ollama' });
    expect(serverState(hung)).toBe('unreachable');

    // It answers, but every answer is HTTP 500: it runs and is failing (the dashboard does not call it absent).
    const f = await sim('ollama', { clock: new ManualClock() });
    await f.setFailure('http-500');
    const failing = await look(f.url, { kind: 'ollama' });
    expect(failing.health).toBe('down');
    expect(serverState(failing)).toBe('failing');
    expect(SERVER_STATE_WORD[serverState(failing)]).toBe('answers with errors');
  });

  it('a model on a dead server is "server down", never "not loaded"', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: ['meta-llama-3.1-8b-instruct'] });
    const m = new Monitor({ adapterFor, clock: new ManualClock(), liveness: false, random: () => 0.5, idleCapMs: 10_000, callTimeoutMs: 400 });
    cleanups.push(() => m.stop());
    m.setEndpoints([{ id: s.url, baseUrl: s.url, source: 'config', providerId: 'lmstudio', kind: 'lmstudio', models: ['meta-llama-3.1-8b-instruct'] }]);
    await m.refresh();
    await s.setFailure('refuse');
    await m.refresh();
    await m.refresh(); // two results in a row before up flips to down (hysteresis)
    const e = m.status(s.url)!;
    const model = e.models.find((x) => x.id === 'meta-llama-3.1-8b-instruct')!;
    // Kept warm, but nothing can be warmed until the server is back: waiting, not "warming".
    expect(modelView(e, model, { keptWarm: true })).toMatchObject({ state: 'server-down', keep: 'waiting' });
    expect(modelView(e, model, { keptWarm: true, paused: true }).keep).toBe('paused');

    // Answering with HTTP 500: the model's word says the server fails, not that it is down.
    await s.setFailure('http-500');
    await m.refresh();
    await m.refresh();
    const f = m.status(s.url)!;
    expect(serverState(f)).toBe('failing');
    const fm = f.models.find((x) => x.id === 'meta-llama-3.1-8b-instruct')!;
    expect(modelView(f, fm, { keptWarm: true })).toMatchObject({ state: 'server-failing', keep: 'waiting' });
    expect(MODEL_STATE_WORD['server-failing']).toBe('server failing');
  });

  it('needs attention when the server refuses us (API key); not recognised when it answers like no runtime', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), apiKey: 'secret-key-123' });
    const locked = await look(s.url, { kind: 'lmstudio' });
    expect(serverState(locked)).toBe('needs-attention');

    const other: Server = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => other.close(() => r())));
    const port = (other.address() as { port: number }).port;
    const stranger = await look(`http://127.0.0.1:${port}`);
    expect(serverState(stranger)).toBe('not-recognised');
  });

  it('keep-warm states: kept warm when loaded, warming when not, paused when paused, blocked by config', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: ['meta-llama-3.1-8b-instruct'] });
    const e = await look(s.url, { kind: 'lmstudio' });
    const loaded = e.models.find((m) => m.state === 'loaded')!;
    const cold = e.models.find((m) => m.state !== 'loaded')!;
    expect(modelView(e, loaded, { keptWarm: true }).keep).toBe('kept-warm');
    expect(modelView(e, cold, { keptWarm: true }).keep).toBe('warming');
    expect(modelView(e, loaded, { keptWarm: true, paused: true }).keep).toBe('paused');
    expect(modelView(e, loaded, { keptWarm: false }).keep).toBe('off');
    expect(modelView(e, loaded, { blocked: true }).state).toBe('blocked');
    // Blocked says what OpenClaw will refuse, not what the server holds: the loaded copy is still kept warm.
    expect(modelView(e, loaded, { blocked: true, keptWarm: true }).keep).toBe('kept-warm');
    expect(modelView(e, cold, { blocked: true, keptWarm: true }).keep).toBe('warming');
  });
});

describe('memory held', () => {
  it('sums what loaded models hold, where the runtime reports it (Ollama size_vram, LM Studio sizes)', async () => {
    const { memoryHeld } = await import('../../../../src/shared/states');
    const lm = await sim('lmstudio', { clock: new ManualClock(), loaded: ['meta-llama-3.1-8b-instruct'] });
    const e = await look(lm.url, { kind: 'lmstudio' });
    const loaded = e.models.find((m) => m.state === 'loaded')!;
    expect(loaded.sizeBytes).toBeGreaterThan(0);
    // Only the loaded model counts; models on disk cost nothing while not loaded.
    expect(memoryHeld([e])).toEqual({ bytes: loaded.sizeBytes, models: 1 });
  });
});
