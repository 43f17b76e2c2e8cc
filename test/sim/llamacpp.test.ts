import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { fixture, fixtureText } from './fixtures';
import { fixtureShape, get, keys, post, shape, sim } from './helpers';

const SEC = 1000;

describe('llama.cpp simulator', () => {
  it('serves /health, /props, /v1/models, /slots and errors in the documented shapes', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock() });
    const health = await get(s, '/health');
    expect([health.status, health.text]).toEqual([200, fixtureText('llamacpp/health-ok.json').trimEnd()]);
    expect((await get(s, '/v1/health')).status).toBe(200);

    const props = (await get(s, '/props')).body;
    expect(shape(props)).toEqual(fixtureShape('llamacpp/props-current.json'));
    expect(props.default_generation_settings.n_ctx).toBe(8192);
    expect(props).not.toHaveProperty('n_ctx'); // per slot, not top level
    expect(props.is_sleeping).toBe(false);

    const models = (await get(s, '/v1/models')).body;
    expect(shape(models)).toEqual(fixtureShape('llamacpp/v1-models-current.json'));
    expect(models.data[0]).toMatchObject({ owned_by: 'llamacpp', meta: { n_ctx: 8192, n_ctx_train: 131072 } });
    expect((await get(s, '/models')).body).toEqual(models);

    const slots = (await get(s, '/slots')).body;
    expect(shape(slots)).toEqual(fixtureShape('llamacpp/slots.json'));
    expect(slots[0]).toMatchObject({ n_ctx: 8192, is_processing: false });

    const nf = await get(s, '/app');
    expect(nf.status).toBe(404);
    expect(nf.body).toEqual(fixture('llamacpp/error-not-found.json'));
    expect((await post(s, '/v1/responses', { model: 'x', input: 'hi' })).status).toBe(404); // responsesApi off by default
    const chat = await post(s, '/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 });
    expect(keys(chat.body)).toEqual(expect.arrayContaining(keys(fixture('openai-generic/chat-completions.json'))));
    expect(chat.body.timings.predicted_n).toBe(1);
  });

  it('--api-key: /health and /v1/models stay public; Bearer or X-Api-Key', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock(), apiKey: 'k' });
    expect((await get(s, '/health')).status).toBe(200);
    expect((await get(s, '/v1/models')).status).toBe(200);
    const denied = await get(s, '/props');
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual(fixture('llamacpp/error-unauthorized.json'));
    expect((await get(s, '/props', { 'x-api-key': 'k' })).status).toBe(200);
    expect((await post(s, '/completion', { prompt: 'hi', n_predict: 0 }, { authorization: 'Bearer k' })).status).toBe(200);
    expect((await post(s, '/completion', { prompt: 'hi', n_predict: 0 })).status).toBe(401);
  });

  it('answers 503 "Loading model" on every path while loading (real clock)', async () => {
    const s = await sim('llamacpp', { loadDelayMs: 400, waitUntilReady: false });
    const loading = await get(s, '/health');
    expect(loading.status).toBe(503);
    expect(loading.body).toEqual(fixture('llamacpp/health-loading.json'));
    expect((await get(s, '/v1/models')).status).toBe(503);
    expect(s.state().loaded[0]?.loading).toBe(true);
    await s.ready();
    expect((await get(s, '/health')).status).toBe(200);
  });

  it('--sleep-idle-seconds: GETs neither wake nor reset it; the next task reloads the model', async () => {
    const clock = new ManualClock();
    const s = await sim('llamacpp', { clock, idleTtlMs: 60 * SEC });
    await clock.advance(30 * SEC);
    for (const p of ['/health', '/props', '/v1/models', '/slots', '/metrics']) await get(s, p);
    await clock.advance(31 * SEC);
    expect((await get(s, '/props')).body.is_sleeping).toBe(true);
    expect(s.state().loaded[0]?.sleeping).toBe(true);
    expect((await get(s, '/health')).status).toBe(200); // still served while asleep
    expect((await get(s, '/v1/models')).body.data[0].meta.n_ctx).toBe(8192); // from cache

    const p = await post(s, '/completion', { prompt: 'hi', n_predict: 0 });
    expect(p.body).toMatchObject({ content: '', tokens_predicted: 0, stop_type: 'limit' });
    expect((await get(s, '/props')).body.is_sleeping).toBe(false);
    await clock.advance(59 * SEC);
    expect(await s.userRequest('any')).toEqual({ coldStart: false });
    await clock.advance(61 * SEC);
    expect(await s.userRequest('any')).toEqual({ coldStart: true });
    expect(s.stats()).toMatchObject({ loads: 3, wakes: 2, pings: 1, userRequests: 2, coldHits: 1, unloads: 2 });
  });

  it('no sleep without idleTtlMs; unload() sleeps it; restart reloads', async () => {
    const clock = new ManualClock();
    const s = await sim('llamacpp', { clock, models: [{ id: 'qwen3-8b', maxContext: 40960, contextLength: 16384 }] });
    await clock.advance(24 * 3600 * SEC);
    expect(s.state().loaded).toEqual([{ id: 'qwen3-8b', contextLength: 16384 }]);
    s.unload();
    expect((await get(s, '/props')).body.is_sleeping).toBe(true);
    await s.restart();
    expect((await get(s, '/props')).body.is_sleeping).toBe(false);
    expect((await get(s, '/v1/models')).body.data[0].meta.n_ctx_train).toBe(40960);
  });
});
