// vLLM adapter against the vLLM simulator: max_model_len, version, sleep mode (wake before any
// inference), and the closed port while the engine loads.
import { describe, expect, it } from 'vitest';
import { english } from '../../../../src/shared/messages';
import { ManualClock } from '../../../../src/main/core/clock';
import { createVllmAdapter } from '../../../../src/main/core/endpoints/vllm';
import { post } from '../../../sim/helpers';
import { sim, testHttp } from './helpers';

const http = testHttp();
const vllm = createVllmAdapter({ http, warmTimeoutMs: 10_000 });
const MODEL = 'Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8';

describe('vLLM adapter', () => {
  it('probes /health + /version and lists max_model_len as max and loaded context', async () => {
    const s = await sim('vllm', { clock: new ManualClock(), models: [{ id: 'served', maxContext: 16384 }, { id: 'alias' }] });
    const t = { baseUrl: s.url };
    expect(await vllm.probe(t)).toMatchObject({ ok: true, kind: 'vllm', version: '0.22.1' });
    expect(await vllm.listModels(t)).toEqual([
      { id: 'served', state: 'loaded', maxContext: 16384, loadedContext: 16384 },
      { id: 'alias', state: 'loaded', maxContext: 16384, loadedContext: 16384 },
    ]);
    expect(await vllm.contextOf(t, 'served')).toEqual({ maxContext: 16384, loadedContext: 16384 });
    await expect(vllm.contextOf(t, 'other')).rejects.toThrow('vLLM does not serve "other"');
  });

  it('warms an awake engine with a 1-token chat completion', async () => {
    const s = await sim('vllm', { clock: new ManualClock() });
    expect(await vllm.warm({ baseUrl: s.url }, MODEL)).toMatchObject({ ok: true, loaded: false });
    const st = s.stats();
    expect(st.paths['POST /v1/chat/completions']).toBe(1);
    expect(st.pings).toBe(1);
  });

  it('a manually slept engine is woken with /wake_up, and no inference is sent to it while asleep', async () => {
    const s = await sim('vllm', { clock: new ManualClock(), sleepMode: true });
    const t = { baseUrl: s.url };
    expect((await post(s, '/sleep?level=1')).status).toBe(200);
    expect(await vllm.listModels(t)).toEqual([{ id: MODEL, state: 'sleeping', maxContext: 32768, loadedContext: 32768 }]);
    expect(await vllm.loadedModels(t)).toEqual([]);
    // The /v1/responses route probe is a POST to /v1/*: skipped while asleep.
    expect(await vllm.responsesApi(t)).toBeUndefined();
    expect(await vllm.warm(t, MODEL)).toMatchObject({ ok: true, loaded: true });
    const st = s.stats();
    expect(st.paths['POST /wake_up']).toBe(1);
    expect(st.paths['POST /v1/chat/completions']).toBeUndefined();
    expect(st.paths['POST /v1/responses']).toBeUndefined();
    expect(st.wakes).toBe(1);
    expect((await vllm.listModels(t))[0]?.state).toBe('loaded');
  });

  it('says why the port is closed while the engine loads', async () => {
    const s = await sim('vllm', { loadDelayMs: 60_000, waitUntilReady: false });
    const p = await vllm.probe({ baseUrl: s.url });
    expect(p.ok).toBe(false);
    expect(english(p.error ?? '')).toBe(`connection refused on 127.0.0.1:${s.port} — is vLLM's server started? (vLLM opens its port only once the model has loaded)`);
  });

  it('with --api-key: identified from the public /version, models need the key', async () => {
    const s = await sim('vllm', { clock: new ManualClock(), apiKey: 'vllm-key' });
    expect(await vllm.fingerprint({ baseUrl: s.url })).toBe(true);
    await expect(vllm.listModels({ baseUrl: s.url })).rejects.toThrow('HTTP 401: vLLM wants an API key');
    expect(await vllm.listModels({ baseUrl: s.url, apiKey: 'vllm-key' })).toHaveLength(1);
  });
});
