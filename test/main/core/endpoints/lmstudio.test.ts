// LM Studio adapter against the LM Studio simulator: native state, contexts, TTL keep-warm that never
// touches the explicit load API, and auth.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { EndpointError } from '../../../../src/main/core/endpoints/common';
import { createLmStudioAdapter, readLmStudioV0, readLmStudioV1 } from '../../../../src/main/core/endpoints/lmstudio';
import { fixture } from '../../../sim/fixtures';
import { sim, testHttp } from './helpers';

const http = testHttp();
const lms = createLmStudioAdapter({ http, warmTimeoutMs: 10_000 });
const LLAMA = 'meta-llama-3.1-8b-instruct';
const GEMMA = 'google/gemma-4-26b-a4b';

describe('LM Studio adapter', () => {
  it('probes and lists models with state and both contexts, without embedding models', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: [LLAMA] });
    const t = { baseUrl: s.url };
    expect(await lms.probe(t)).toMatchObject({ ok: true, kind: 'lmstudio' });
    const models = await lms.listModels(t);
    expect(models.map((m) => m.id)).not.toContain('text-embedding-nomic-embed-text-v1.5');
    // /api/v1/models first (what OpenClaw reads): sizes and capabilities come with it.
    expect(models.find((m) => m.id === LLAMA)).toEqual({ id: LLAMA, displayName: 'Meta Llama 3.1 8B Instruct', state: 'loaded', maxContext: 131072, loadedContext: 4096, sizeBytes: 4920734656, vision: false });
    expect(models.find((m) => m.id === GEMMA)).toEqual({ id: GEMMA, displayName: 'Gemma 4 26B A4B', state: 'not-loaded', maxContext: 262144, sizeBytes: 17990911801, vision: true, reasoning: true });
    expect((await lms.loadedModels(t)).map((m) => m.id)).toEqual([LLAMA]);
    expect(await lms.contextOf(t, LLAMA)).toEqual({ maxContext: 131072, loadedContext: 4096 });
    expect(await lms.contextOf(t, GEMMA)).toEqual({ maxContext: 262144 });
    await expect(lms.contextOf(t, 'nope')).rejects.toThrow(/no model "nope"/);
  });

  it('warms with a 1-token chat completion whose ttl sets the JIT idle timer — never the load API', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock });
    const t = { baseUrl: s.url };
    const cold = await lms.warm(t, GEMMA, { keepAlive: '30m' });
    expect(cold).toMatchObject({ ok: true, loaded: true });
    const loaded = s.state().loaded.find((m) => m.id === GEMMA);
    expect(loaded?.expiresAt).toBe(clock.now() + 30 * 60_000);

    const warm = await lms.warm(t, GEMMA, { keepAlive: 1800 });
    expect(warm).toMatchObject({ ok: true, loaded: false });

    const st = s.stats();
    expect(st.pinnedLoads).toBe(0);
    expect(st.paths['POST /api/v1/models/load']).toBeUndefined();
    expect(st.paths['POST /v1/chat/completions']).toBe(2);
    expect(st.pings).toBe(2);
    expect(st.userRequests).toBe(0);
    expect(st.loads).toBe(1);
  });

  it('warms for OpenClaw\'s lmstudio provider with its own preflight and explicit load at the context it will ask for', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock, loaded: [LLAMA] }); // JIT-loaded at LM Studio's default 4096
    const t = { baseUrl: s.url };
    // 4096 < 32768: OpenClaw would load again, so Warmclaw loads it now, exactly as OpenClaw would.
    const first = await lms.warm(t, LLAMA, { preloadContext: 32768 });
    expect(first).toMatchObject({ ok: true, loaded: true, contextLength: 32768 });
    expect(s.lastRequest('POST /api/v1/models/load')?.body).toEqual({ model: LLAMA, context_length: 32768 });
    expect(s.state().loaded.find((m) => m.id === LLAMA)).toMatchObject({ contextLength: 32768 });
    expect(s.state().loaded.find((m) => m.id === LLAMA)?.expiresAt).toBeUndefined(); // explicit loads never expire

    // Now OpenClaw's preflight is satisfied: no second load, no inference.
    expect(await lms.warm(t, LLAMA, { preloadContext: 32768 })).toMatchObject({ ok: true, loaded: false, contextLength: 32768 });
    // A request above the model's max is capped like OpenClaw caps it.
    expect(await lms.warm(t, 'qwen2-vl-7b-instruct', { preloadContext: 200_000 })).toMatchObject({ ok: true, loaded: true, contextLength: 32768 });
    const st = s.stats();
    expect(st.pinnedLoads).toBe(2);
    expect(st.inferenceRequests).toBe(0);

    // A quantized variant id resolves to its key, as in OpenClaw.
    expect(await lms.warm(t, 'google/gemma-4-26b-a4b@q4_k_m', { preloadContext: 65536 })).toMatchObject({ ok: true, loaded: true, contextLength: 65536 });
    expect(s.lastRequest('POST /api/v1/models/load')?.body).toEqual({ model: GEMMA, context_length: 65536 });
  });

  it('unloads every instance of a model', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), pinned: [LLAMA] });
    expect(await lms.unload!({ baseUrl: s.url }, LLAMA)).toMatchObject({ ok: true });
    expect(s.state().loaded).toEqual([]);
  });

  it('uses LM Studio\'s 60-minute default TTL when the keeper gives none', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock, idleTtlMs: 5 * 60_000 });
    expect(await lms.warm({ baseUrl: s.url }, LLAMA)).toMatchObject({ ok: true, loaded: true });
    expect(s.state().loaded[0]?.expiresAt).toBe(clock.now() + 60 * 60_000);
  });

  it('reports an unknown model as a failed warm, not a throw', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock() });
    const r = await lms.warm({ baseUrl: s.url }, 'no-such-model');
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/Invalid model identifier "no-such-model"/);
  });

  it('with "Require Authentication": degraded without a key, full access with it', async () => {
    const key = 'lms-token-abc';
    const s = await sim('lmstudio', { clock: new ManualClock(), apiKey: key });
    const probe = await lms.probe({ baseUrl: s.url });
    expect(probe).toMatchObject({ ok: true, kind: 'lmstudio', degraded: 'HTTP 401: LM Studio wants an API key' });
    expect(await lms.fingerprint({ baseUrl: s.url })).toBe(true);
    await expect(lms.listModels({ baseUrl: s.url })).rejects.toThrow(EndpointError);
    await expect(lms.listModels({ baseUrl: s.url, apiKey: 'wrong' })).rejects.toThrow('HTTP 401: LM Studio rejected the API key');
    expect((await lms.listModels({ baseUrl: s.url, apiKey: key })).length).toBe(4);
  });

  it('reads both native list shapes from the fixtures', () => {
    const v0 = readLmStudioV0(fixture('lmstudio/api-v0-models.json'));
    expect(v0?.find((m) => m.id === 'gemma-3-4b-it')).toEqual({ id: 'gemma-3-4b-it', state: 'loaded', maxContext: 131072, loadedContext: 4096, vision: true });
    const v1 = readLmStudioV1(fixture('lmstudio/api-v1-models.json'));
    expect(v1?.[0]).toEqual({ id: 'google/gemma-4-26b-a4b', displayName: 'Gemma 4 26B A4B', state: 'loaded', maxContext: 262144, loadedContext: 4096, sizeBytes: 17990911801, vision: true, reasoning: true });
    expect(v1?.find((m) => m.id === 'deepseek-r1')).toMatchObject({ vision: false, reasoning: true });
    expect(v1?.find((m) => m.id === 'deepseek-r1')?.state).toBe('not-loaded');
    // The catch-all 200 body is neither list.
    expect(readLmStudioV0(fixture('lmstudio/error-unexpected-endpoint.json'))).toBeNull();
    expect(readLmStudioV1(fixture('lmstudio/error-unexpected-endpoint.json'))).toBeNull();
  });
});
