// llama.cpp adapter against the llama-server simulator: n_ctx from /v1/models meta and /props (both
// fixture shapes), the 503 loading phase, sleep on idle, and the /completion n_predict:0 ping.
import { english } from '../../../../src/shared/messages';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { createLlamaCppAdapter, readLlamaCppProps } from '../../../../src/main/core/endpoints/llamacpp';
import { fixture } from '../../../sim/fixtures';
import { sim, testHttp } from './helpers';

const http = testHttp();
const llama = createLlamaCppAdapter({ http, warmTimeoutMs: 10_000 });
const MODEL = '../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf';

describe('llama.cpp adapter', () => {
  it('probes /health and lists n_ctx_train as max and n_ctx as loaded context', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock(), models: [{ id: 'qwen3-8b', maxContext: 40960, contextLength: 8192 }] });
    const t = { baseUrl: s.url };
    expect(await llama.probe(t)).toMatchObject({ ok: true, kind: 'llamacpp', version: 'b(build number)-(build commit hash)' });
    expect(await llama.listModels(t)).toMatchObject([{ id: 'qwen3-8b', state: 'loaded', maxContext: 40960, loadedContext: 8192 }]);
    expect(await llama.contextOf(t, 'qwen3-8b')).toEqual({ maxContext: 40960, loadedContext: 8192 });
  });

  it('warms with POST /completion {prompt, n_predict: 0}', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock() });
    expect(await llama.warm({ baseUrl: s.url }, MODEL)).toMatchObject({ ok: true, loaded: false });
    const st = s.stats();
    expect(st.paths['POST /completion']).toBe(1);
    expect(st.pings).toBe(1);
    expect(st.userRequests).toBe(0);
  });

  it('a server asleep on idle shows as sleeping and the ping reloads it', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock(), idleTtlMs: 60_000 });
    const t = { baseUrl: s.url };
    s.unload();
    expect((await llama.listModels(t))[0]?.state).toBe('sleeping');
    // Asleep by design is an activity, not a fault (the shared state vocabulary shows "sleeping").
    expect(await llama.probe(t)).toMatchObject({ ok: true, activity: 'sleeping', note: { code: 'server.llamacpp-asleep', params: {} } });
    expect((await llama.probe(t)).degraded).toBeUndefined();
    expect(english((await llama.probe(t)).note!)).toMatch(/asleep/);
    expect(await llama.responsesApi(t)).toBeUndefined(); // never wake it just to look at a route
    expect(await llama.warm(t, MODEL)).toMatchObject({ ok: true, loaded: true });
    expect(s.stats().wakes).toBe(1);
    expect((await llama.listModels(t))[0]?.state).toBe('loaded');
  });

  it('answers 503 "Loading model" during startup: degraded, still identified', async () => {
    const s = await sim('llamacpp', { loadDelayMs: 60_000, waitUntilReady: false });
    const t = { baseUrl: s.url };
    const loading = await llama.probe(t);
    expect(loading).toMatchObject({ ok: true, kind: 'llamacpp' });
    expect(loading.activity).toBe('loading');
    expect(english(loading.note!)).toBe('llama-server is still loading the model (HTTP 503)');
    expect(await llama.fingerprint(t)).toBe(true);
    expect(await llama.listModels(t)).toEqual([]);
  });

  it('keeps /v1/models public with --api-key; the ping needs the key', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock(), apiKey: 'cpp-key' });
    expect(await llama.fingerprint({ baseUrl: s.url })).toBe(true);
    expect(await llama.warm({ baseUrl: s.url }, MODEL)).toMatchObject({ ok: false, error: 'HTTP 401: llama.cpp wants an API key' });
    expect(await llama.warm({ baseUrl: s.url, apiKey: 'cpp-key' }, MODEL)).toMatchObject({ ok: true });
  });

  it('reads n_ctx from both /props shapes (README and current source)', () => {
    expect(readLlamaCppProps(fixture('llamacpp/props.json'))).toMatchObject({ nCtx: 1024 });
    expect(readLlamaCppProps(fixture('llamacpp/props-current.json'))).toMatchObject({ nCtx: 8192, isSleeping: false });
    expect(readLlamaCppProps({ default_generation_settings: { n_ctx: 0 } })).toEqual({}); // router placeholder
    expect(readLlamaCppProps(fixture('llamacpp/health-ok.json'))).toBeNull();
  });
});
