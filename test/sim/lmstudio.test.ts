import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { fixture } from './fixtures';
import { fixtureShape, get, keys, post, shape, sim } from './helpers';

const MIN = 60_000;
const GEMMA = 'google/gemma-4-26b-a4b';
const LLAMA = 'meta-llama-3.1-8b-instruct';
const DEEPSEEK = 'deepseek-r1';
const ping = (model: string, extra: object = {}): object => ({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 1, ...extra });

async function v0State(s: Awaited<ReturnType<typeof sim>>, id: string): Promise<{ state: string; loaded_context_length?: number }> {
  const r = await get(s, `/api/v0/models/${id}`);
  return r.body;
}

describe('LM Studio simulator: fixture shapes', () => {
  it('serves /v1/models, /api/v0/models and /api/v1/models in the documented shapes', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: [GEMMA] });
    const v1 = await get(s, '/v1/models');
    expect(Object.keys(v1.body)).toEqual(['data', 'object']); // "object" comes after "data"
    expect(shape(v1.body.data[0])).toEqual(fixtureShape('lmstudio/v1-models.json', (f) => f.data[0]));
    expect(v1.body.data.map((m: { id: string }) => m.id)).toContain(LLAMA); // JIT on: every downloaded model

    const v0 = await get(s, '/api/v0/models');
    const byId = new Map(v0.body.data.map((m: { id: string }) => [m.id, m]));
    expect(shape(byId.get(GEMMA))).toEqual(fixtureShape('lmstudio/api-v0-models.json', (f) => f.data[0])); // loaded entry
    expect(shape(byId.get(LLAMA))).toEqual(fixtureShape('lmstudio/api-v0-models.json', (f) => f.data[1])); // not loaded
    expect(byId.get(GEMMA)).toMatchObject({ state: 'loaded', loaded_context_length: 4096, max_context_length: 262144 });
    expect(shape((await get(s, `/api/v0/models/${LLAMA}`)).body)).toEqual(fixtureShape('lmstudio/api-v0-models-id.json'));

    const v1n = await get(s, '/api/v1/models');
    const entries = new Map(v1n.body.models.map((m: { key: string }) => [m.key, m]));
    expect(shape(entries.get(GEMMA))).toEqual(fixtureShape('lmstudio/api-v1-models.json', (f) => f.models[0]));
    expect(shape(entries.get(DEEPSEEK))).toEqual(fixtureShape('lmstudio/api-v1-models.json', (f) => f.models[1]));
    expect(shape(entries.get('text-embedding-nomic-embed-text-v1.5'))).toEqual(fixtureShape('lmstudio/api-v1-models.json', (f) => f.models[2]));
  });

  it('answers inference in the OpenAI, /api/v0 and explicit-load shapes', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock() });
    const chat = await post(s, '/v1/chat/completions', ping(LLAMA));
    expect(shape(chat.body)).toEqual(fixtureShape('openai-generic/chat-completions.json'));
    expect(chat.body.choices[0].finish_reason).toBe('length');
    expect(chat.body.usage.completion_tokens).toBe(1);

    const v0 = await post(s, '/api/v0/chat/completions', { model: LLAMA, messages: [{ role: 'user', content: 'Hello there' }] });
    expect(shape(v0.body)).toEqual(fixtureShape('lmstudio/api-v0-chat-completions.json'));
    expect(v0.body.model_info.context_length).toBe(4096);

    const resp = await post(s, '/v1/responses', { model: LLAMA, input: 'Tell me a story', max_output_tokens: 16 });
    expect(shape(resp.body)).toEqual(fixtureShape('openai-generic/responses.json', (f) => ({ ...f, incomplete_details: { reason: 'x' }, completed_at: null, max_output_tokens: 1 })));
    expect(resp.body.status).toBe('incomplete');

    // openai/gpt-oss-20b (the docs' example) is not downloaded on this simulated machine
    const load = await post(s, '/api/v1/models/load', fixture('lmstudio/api-v1-models-load.request.json'));
    expect(load.status).toBe(400);
    expect(load.body.error.code).toBe('model_not_found');
  });

  it('/api/v1/models/load and /unload use the documented bodies', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock() });
    const load = await post(s, '/api/v1/models/load', { model: GEMMA, context_length: 16384, flash_attention: true, echo_load_config: true });
    expect(load.status).toBe(200);
    expect(shape(load.body)).toEqual(fixtureShape('lmstudio/api-v1-models-load.json'));
    expect(load.body).toMatchObject({ instance_id: GEMMA, status: 'loaded', load_config: { context_length: 16384 } });
    const unload = await post(s, '/api/v1/models/unload', { instance_id: GEMMA });
    expect(unload.body).toEqual({ instance_id: GEMMA });
    expect(s.state().loaded).toEqual([]);
  });

  it('errors: unknown path is HTTP 200 from Express, auth, unknown model, JIT off', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), apiKey: 'sk-lm' });
    const unauth = await get(s, '/api/v1/models');
    expect(unauth.status).toBe(401);
    expect(unauth.body).toEqual(fixture('lmstudio/error-auth-required.json'));
    const auth = { authorization: 'Bearer sk-lm' };
    const unknown = await get(s, '/api/tags', auth);
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('x-powered-by')).toBe('Express');
    expect(unknown.body).toEqual({ error: 'Unexpected endpoint or method. (GET /api/tags)' });
    const bad = await post(s, '/v1/chat/completions', ping('o4-mini'), auth);
    expect(bad.status).toBe(400);
    expect(shape(bad.body)).toEqual(fixtureShape('lmstudio/error-model-not-found.json'));
    expect(bad.body.error.message).toMatch(/^Invalid model identifier "o4-mini"/);

    const off = await sim('lmstudio', { clock: new ManualClock(), jitLoading: false });
    expect((await get(off, '/v1/models')).body.data).toEqual([]);
    const noModel = await post(off, '/v1/chat/completions', ping(LLAMA));
    expect(noModel.status).toBe(400);
    expect(noModel.body).toEqual(fixture('lmstudio/error-no-models-loaded.json'));
  });
});

describe('LM Studio simulator: JIT, idle TTL, Auto-Evict', () => {
  it('JIT-loads on a request and unloads after 60 idle minutes; every request resets the timer', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock });
    expect(await s.userRequest(LLAMA)).toEqual({ coldStart: true });
    expect(await v0State(s, LLAMA)).toMatchObject({ state: 'loaded', loaded_context_length: 4096 });
    expect(s.state().loaded[0]?.expiresAt).toBe(clock.now() + 60 * MIN);

    await clock.advance(59 * MIN);
    expect((await v0State(s, LLAMA)).state).toBe('loaded');
    await post(s, '/v1/chat/completions', ping(LLAMA)); // a 1-token ping resets the idle timer
    await clock.advance(59 * MIN);
    expect((await v0State(s, LLAMA)).state).toBe('loaded');
    await clock.advance(2 * MIN);
    const gone = await v0State(s, LLAMA);
    expect(gone.state).toBe('not-loaded');
    expect(gone).not.toHaveProperty('loaded_context_length');
    expect((await get(s, '/api/v1/models')).body.models.find((m: { key: string }) => m.key === LLAMA).loaded_instances).toEqual([]);

    expect(await s.userRequest(LLAMA)).toEqual({ coldStart: true });
    expect(s.stats()).toMatchObject({ loads: 2, coldHits: 2, pings: 1, userRequests: 2, inferenceRequests: 3, unloads: 1 });
  });

  it('listing endpoints do not reset the idle timer', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock, loaded: [LLAMA] });
    await clock.advance(59 * MIN);
    await get(s, '/api/v0/models');
    await get(s, '/v1/models');
    await get(s, '/api/v1/models');
    await clock.advance(2 * MIN);
    expect(s.state().loaded).toEqual([]);
  });

  it('`ttl` in the request that JIT-loads a model sets its idle TTL', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock });
    await post(s, '/v1/chat/completions', fixture('lmstudio/keep-warm-chat-completions.request.json')); // deepseek-r1-distill… is unknown
    const r = await post(s, '/v1/chat/completions', ping(LLAMA, { ttl: 300 }));
    expect(r.status).toBe(200);
    await clock.advance(299_000);
    expect(s.state().loaded.map((m) => m.id)).toEqual([LLAMA]);
    await clock.advance(2_000);
    expect(s.state().loaded).toEqual([]);
    expect(s.stats().pings).toBe(2);
  });

  it('Auto-Evict: JIT-loading another model unloads the previous JIT model, not a pinned one', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock, pinned: [DEEPSEEK] });
    await s.userRequest(LLAMA);
    expect(s.state().loaded.map((m) => m.id).sort()).toEqual([DEEPSEEK, LLAMA]);
    expect(await s.userRequest(GEMMA)).toEqual({ coldStart: true });
    expect(s.state().loaded.map((m) => m.id).sort()).toEqual([DEEPSEEK, GEMMA]);
    expect((await v0State(s, LLAMA)).state).toBe('not-loaded');
    expect(await s.userRequest(LLAMA)).toEqual({ coldStart: true });
    expect(s.stats().coldHits).toBe(3);
    // the pinned model never expires
    await clock.advance(10 * 60 * MIN);
    expect(s.state().loaded.map((m) => m.id)).toEqual([DEEPSEEK]);
  });

  it('an explicit /api/v1/models/load pins the model (no TTL) and is counted as such', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock });
    await s.userRequest(LLAMA);
    await post(s, '/api/v1/models/load', { model: LLAMA });
    expect(s.state().loaded[0]).not.toHaveProperty('expiresAt');
    await clock.advance(5 * 60 * MIN);
    expect(s.state().loaded.map((m) => m.id)).toEqual([LLAMA]);
    expect(s.stats()).toMatchObject({ pinnedLoads: 1, loads: 1 });
  });

  it('refuses a request longer than the loaded context, as LM Studio does, and an explicit load at a larger context fixes it', async () => {
    const clock = new ManualClock();
    const s = await sim('lmstudio', { clock, loaded: [LLAMA] }); // JIT default 4096
    // An agent turn: a ~20k-token system prompt (OpenClaw's is 19–24k tokens).
    const body = { model: LLAMA, messages: [{ role: 'system', content: 'x '.repeat(40_000) }, { role: 'user', content: 'hi' }] };
    const refused = await post(s, '/v1/chat/completions', body);
    expect(refused.status).toBe(400);
    expect(String(refused.body.error)).toMatch(/loaded with context length of 4096 tokens, which is not enough/);
    await post(s, '/api/v1/models/load', { model: LLAMA, context_length: 32768 });
    expect((await post(s, '/v1/chat/completions', body)).status).toBe(200);
  });

  it('eject and restart unload; keys of state() entries are documented', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: [LLAMA] });
    expect(keys(s.state().loaded[0])).toEqual(['contextLength', 'expiresAt', 'id']);
    s.unload(LLAMA);
    expect(s.state().loaded).toEqual([]);
    await s.userRequest(LLAMA);
    const port = s.port;
    await s.restart();
    expect(s.port).toBe(port);
    expect(s.state().loaded).toEqual([]);
    expect((await v0State(s, LLAMA)).state).toBe('not-loaded');
  });

  it('with the real clock a JIT load takes loadDelayMs and shows state "loading" meanwhile', async () => {
    const s = await sim('lmstudio', { loadDelayMs: 300 });
    const req = s.userRequest(LLAMA);
    await expect.poll(async () => (await v0State(s, LLAMA)).state).toBe('loading');
    expect(await req).toEqual({ coldStart: true });
    expect((await v0State(s, LLAMA)).state).toBe('loaded');
    const stats = await post(s, '/api/v0/chat/completions', { model: LLAMA, messages: [{ role: 'user', content: 'x' }] });
    expect(stats.body.stats.time_to_first_token).toBeLessThan(0.3);
  });
});
