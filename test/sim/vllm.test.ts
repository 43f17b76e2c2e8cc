import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { fixture, fixtureText } from './fixtures';
import { fixtureShape, get, keys, post, shape, sim } from './helpers';

const MIN = 60_000;
const MODEL = 'Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8';
const ping = { model: MODEL, messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 };

describe('vLLM simulator', () => {
  it('serves /v1/models, /health, /version, /load in the documented shapes', async () => {
    const s = await sim('vllm', { clock: new ManualClock(), models: [{ id: MODEL, maxContext: 32768 }, { id: 'qwen-alias' }] });
    const models = (await get(s, '/v1/models')).body;
    expect(shape(models)).toEqual(fixtureShape('vllm/v1-models.json'));
    expect(Object.keys(models.data[0])).toEqual(['id', 'object', 'created', 'owned_by', 'root', 'parent', 'max_model_len', 'permission']);
    expect(models.data.map((m: { id: string }) => m.id)).toEqual([MODEL, 'qwen-alias']);
    expect(models.data[1]).toMatchObject({ owned_by: 'vllm', root: MODEL, max_model_len: 32768 });
    const health = await get(s, '/health');
    expect([health.status, health.text]).toEqual([200, fixtureText('vllm/health.txt')]);
    expect((await get(s, '/version')).body).toEqual(fixture('vllm/version.json'));
    expect((await get(s, '/load')).body).toEqual(fixture('vllm/load.json'));
    expect((await get(s, '/nope')).body).toEqual({ detail: 'Not Found' });
    const chat = await post(s, '/v1/chat/completions', ping);
    expect(keys(chat.body)).toEqual(expect.arrayContaining(keys(fixture('openai-generic/chat-completions.json'))));
    const nf = await post(s, '/v1/chat/completions', { ...ping, model: 'Qwen1.5-14B-Chat-GPTQ-Int8' });
    expect(nf.status).toBe(404);
    expect(nf.body).toEqual({ ...fixture('vllm/error-model-not-found.json'), message: 'The model `Qwen1.5-14B-Chat-GPTQ-Int8` does not exist.' });
    expect(s.state().loaded).toEqual([{ id: MODEL, contextLength: 32768 }]);
    expect(s.stats().loads).toBe(1); // loaded at startup
  });

  it('--api-key protects everything but /health, /version, /load, /metrics', async () => {
    const s = await sim('vllm', { clock: new ManualClock(), apiKey: 'k' });
    expect((await get(s, '/health')).status).toBe(200);
    expect((await get(s, '/version')).status).toBe(200);
    const denied = await get(s, '/v1/models');
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual(fixture('vllm/error-unauthorized.json'));
    expect((await get(s, '/v1/models', { authorization: 'Bearer k' })).status).toBe(200);
    expect(await s.userRequest(MODEL)).toEqual({ coldStart: false });
  });

  it('the port is closed until the model has loaded (real clock)', async () => {
    const s = await sim('vllm', { loadDelayMs: 400, waitUntilReady: false });
    const err = await fetch(`${s.url}/health`, { signal: AbortSignal.timeout(2_000) }).catch((e: Error & { cause?: { code?: string } }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(s.state().loaded[0]?.loading).toBe(true);
    await s.ready();
    expect((await get(s, '/health')).status).toBe(200);
    expect(s.state().loaded[0]).not.toHaveProperty('loading');
  });

  it('sleep mode endpoints exist only with sleepMode; manual sleep holds inference until /wake_up', async () => {
    const plain = await sim('vllm', { clock: new ManualClock() });
    expect((await post(plain, '/sleep?level=1')).status).toBe(404);
    expect((await get(plain, '/is_sleeping')).status).toBe(404);

    const s = await sim('vllm', { clock: new ManualClock(), sleepMode: true });
    expect((await get(s, '/is_sleeping')).body).toEqual(fixture('vllm/is-sleeping.json'));
    const slept = await post(s, '/sleep?level=1');
    expect([slept.status, slept.text]).toEqual([200, '']);
    expect((await get(s, '/is_sleeping')).body).toEqual(fixture('vllm/is-sleeping-true.json'));
    expect((await get(s, '/health')).status).toBe(200); // health does not wake it
    let settled = false;
    const req = s.userRequest(MODEL).then((r) => {
      settled = true;
      return r;
    });
    await expect.poll(() => s.stats().paths['POST /v1/responses']).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false); // held, never auto-woken (vllm#45268)
    expect((await post(s, '/wake_up')).status).toBe(200);
    expect(await req).toEqual({ coldStart: true });
    expect((await get(s, '/is_sleeping')).body.is_sleeping).toBe(false);
    expect(s.stats()).toMatchObject({ coldHits: 1, wakes: 1, loads: 2, unloads: 1 });
  });

  it('--sleep-idle-ttl: sleeps after idle, GETs do not reset it, the next inference wakes it', async () => {
    const clock = new ManualClock();
    const s = await sim('vllm', { clock, idleTtlMs: 10 * MIN, sleepMode: true });
    await clock.advance(6 * MIN);
    await get(s, '/v1/models');
    await get(s, '/health');
    await clock.advance(5 * MIN);
    expect(s.state().loaded[0]?.sleeping).toBe(true);
    expect((await get(s, '/is_sleeping')).body.is_sleeping).toBe(true);
    // a POST ping wakes it (not a cold hit: pings are not user traffic) and resets the timer
    await post(s, '/v1/chat/completions', ping);
    expect(s.state().loaded[0]).not.toHaveProperty('sleeping');
    await clock.advance(9 * MIN);
    expect(await s.userRequest(MODEL)).toEqual({ coldStart: false });
    await clock.advance(11 * MIN);
    expect(await s.userRequest(MODEL)).toEqual({ coldStart: true });
    expect(s.stats()).toMatchObject({ wakes: 2, coldHits: 1, pings: 1, userRequests: 2 });
  });

  it('unload() sleeps the engine; restart reloads it on the same port', async () => {
    const s = await sim('vllm', { clock: new ManualClock() });
    s.unload();
    expect(s.state().loaded[0]?.sleeping).toBe(true);
    const port = s.port;
    await s.restart();
    expect(s.port).toBe(port);
    expect(s.state().loaded).toEqual([{ id: MODEL, contextLength: 32768 }]);
    expect((await get(s, '/health')).status).toBe(200);
    expect(s.stats().loads).toBe(2);
  });
});
