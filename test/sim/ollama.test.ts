import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { fixture, fixtureText } from './fixtures';
import { fixtureShape, get, post, shape, sim } from './helpers';
import { parseGoDuration, parseKeepAlive } from './ollama';

const MIN = 60_000;
const ps = async (s: Awaited<ReturnType<typeof sim>>): Promise<{ name: string; expires_at: string; context_length: number }[]> => (await get(s, '/api/ps')).body.models;

describe('Ollama simulator: fixture shapes', () => {
  it('fingerprint, version, tags, show, v1 models', async () => {
    const s = await sim('ollama', { clock: new ManualClock() });
    const root = await get(s, '/');
    expect(root.text).toBe(fixtureText('ollama/root.txt'));
    expect(root.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await get(s, '/api/version')).body).toEqual(fixture('ollama/api-version.json'));

    const tags = (await get(s, '/api/tags')).body.models;
    expect(shape(tags[0])).toEqual(fixtureShape('ollama/api-tags-2026.json', (f) => f.models[0]));
    const dates = tags.map((t: { modified_at: string }) => Date.parse(t.modified_at));
    expect(dates).toEqual([...dates].sort((a, b) => b - a)); // newest first

    const show = await post(s, '/api/show', fixture('ollama/api-show.request.json'));
    expect(shape(show.body)).toEqual(fixtureShape('ollama/api-show.json'));
    expect(show.body.model_info['gemma4.context_length']).toBe(131072);
    const llama = await post(s, '/api/show', { model: 'llama3.2' });
    expect(llama.body.model_info['general.architecture']).toBe('llama');
    expect(llama.body.model_info['llama.context_length']).toBe(131072);
    const missing = await post(s, '/api/show', { model: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "model 'nope' not found" });

    const v1 = (await get(s, '/v1/models')).body;
    expect(shape(v1)).toEqual(fixtureShape('ollama/v1-models.json'));
    expect(v1.data[0].owned_by).toBe('library');
    const empty = await sim('ollama', { clock: new ManualClock(), models: [] });
    expect((await get(empty, '/v1/models')).body).toEqual(fixture('ollama/v1-models-empty.json'));
    expect((await get(empty, '/api/ps')).body).toEqual(fixture('ollama/api-ps-empty.json'));
    expect((await get(s, '/api/nope')).text).toBe('404 page not found');
  });

  it('load/unload/generate/chat bodies match the documented ones', async () => {
    const s = await sim('ollama', { clock: new ManualClock() });
    const load = await post(s, '/api/generate', fixture('ollama/api-generate-load.request.json'));
    expect(shape(load.body)).toEqual(fixtureShape('ollama/api-generate-load.json'));
    expect(load.body).toMatchObject({ model: 'llama3.2', done_reason: 'load', response: '' });
    const p = await ps(s);
    expect(shape(p[0])).toEqual(fixtureShape('ollama/api-ps.json', (f) => f.models[0]));
    expect(p[0]).toMatchObject({ name: 'llama3.2:latest', context_length: 4096 });

    const gen = await post(s, '/api/generate', { model: 'llama3.2', prompt: 'Why is the sky blue?', stream: false });
    expect(shape(gen.body)).toEqual(fixtureShape('ollama/api-generate.json'));
    const streamed = await post(s, '/api/generate', { model: 'llama3.2', prompt: 'Why is the sky blue?' });
    expect(streamed.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = streamed.text.trim().split('\n').map((l) => JSON.parse(l));
    const { done_reason: _dr, ...last } = lines.at(-1);
    expect(shape(last)).toEqual(fixtureShape('ollama/api-generate-final.json'));

    const chatLoad = await post(s, '/api/chat', { model: 'llama3.2', messages: [] });
    expect(shape(chatLoad.body)).toEqual(fixtureShape('ollama/api-chat-load.json'));
    const chatUnload = await post(s, '/api/chat', { model: 'llama3.2', messages: [], keep_alive: 0 });
    expect(shape(chatUnload.body)).toEqual(fixtureShape('ollama/api-chat-unload.json'));
    expect(chatUnload.body.done_reason).toBe('unload');
    expect(await ps(s)).toEqual([]);
    const unload = await post(s, '/api/generate', fixture('ollama/api-generate-unload.request.json'));
    expect(shape(unload.body)).toEqual(fixtureShape('ollama/api-generate-unload.json'));

    const nf = await post(s, '/api/generate', { model: 'llama3.3', prompt: 'x' });
    expect(nf.status).toBe(404);
    expect(shape(nf.body)).toEqual(fixtureShape('ollama/error-model-not-found.json'));
    const v1nf = await post(s, '/v1/chat/completions', { model: 'llama3.3', messages: [{ role: 'user', content: 'x' }] });
    expect(v1nf.status).toBe(404);
    expect(v1nf.body).toEqual({ error: { ...fixture('ollama/v1-error-not-found.json').error, message: "model 'llama3.3' not found" } });
    const v1chat = await post(s, '/v1/chat/completions', { model: 'llama3.2', messages: [{ role: 'user', content: 'x' }] });
    expect(shape(v1chat.body)).toEqual(fixtureShape('openai-generic/chat-completions.json'));
  });
});

describe('Ollama simulator: keep_alive and the scheduler', () => {
  it('keep_alive from a load-only request sets expires_at; the model goes when it passes', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    await post(s, '/api/generate', { model: 'qwen2.5', keep_alive: '10m' });
    const [m] = await ps(s);
    expect(Date.parse(m?.expires_at ?? '')).toBe(clock.now() + 10 * MIN);
    expect(s.stats()).toMatchObject({ loads: 1, pings: 1, userRequests: 0, coldHits: 0 });
    await clock.advance(9 * MIN);
    expect(await ps(s)).toHaveLength(1);
    await clock.advance(2 * MIN);
    expect(await ps(s)).toEqual([]);
    // listing calls never count as traffic
    expect(s.stats().inferenceRequests).toBe(1);
  });

  it('default keep_alive is 5 minutes; a request without keep_alive keeps the runner its current duration', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    await s.userRequest('llama3.2');
    expect(s.state().loaded[0]?.expiresAt).toBe(clock.now() + 5 * MIN);
    await post(s, '/api/generate', { model: 'llama3.2', keep_alive: '1h' });
    await clock.advance(30 * MIN);
    expect(await s.userRequest('llama3.2')).toEqual({ coldStart: false });
    // no keep_alive in the user's request: the runner keeps its 1h
    expect(Date.parse((await ps(s))[0]?.expires_at ?? '')).toBe(clock.now() + 60 * MIN);
    await clock.advance(59 * MIN);
    expect(await ps(s)).toHaveLength(1);
    await clock.advance(2 * MIN);
    expect(await ps(s)).toEqual([]);
    expect(await s.userRequest('llama3.2')).toEqual({ coldStart: true });
    expect(s.stats()).toMatchObject({ coldHits: 2, loads: 2, userRequests: 3, pings: 1 });
  });

  it('keep_alive as seconds, negative = forever, 0 = unload now; bad durations are 400', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    await post(s, '/api/chat', { model: 'gemma4', messages: [], keep_alive: 90 });
    expect(Date.parse((await ps(s))[0]?.expires_at ?? '')).toBe(clock.now() + 90_000);
    await post(s, '/api/generate', { model: 'gemma4', keep_alive: -1 });
    await clock.advance(1000 * 60 * MIN);
    const [forever] = await ps(s);
    expect(Date.parse(forever?.expires_at ?? '')).toBeGreaterThan(clock.now() + 200 * 365 * 24 * 60 * MIN);
    expect(s.state().loaded[0]).not.toHaveProperty('expiresAt');
    // a prompt with keep_alive 0: answered, then unloaded as soon as it finishes
    const r = await post(s, '/api/generate', { model: 'gemma4', prompt: 'hi', stream: false, keep_alive: 0 });
    expect(r.body.done_reason).toBe('stop');
    expect(await ps(s)).toEqual([]);
    const bad = await post(s, '/api/generate', { model: 'gemma4', keep_alive: '3600' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'time: missing unit in duration "3600"' });
  });

  it('a different num_ctx than the loaded runner reloads it (the keep-warm trap)', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    expect(await s.userRequest('qwen2.5', { numCtx: 16384 })).toEqual({ coldStart: true });
    expect((await ps(s))[0]?.context_length).toBe(16384);
    // a naive ping without options reloads the runner at the default context...
    await post(s, '/api/generate', { model: 'qwen2.5', keep_alive: '30m' });
    expect((await ps(s))[0]?.context_length).toBe(4096);
    // ...so the next real request is cold again
    expect(await s.userRequest('qwen2.5', { numCtx: 16384 })).toEqual({ coldStart: true });
    // a ping with the client's options keeps the runner
    await post(s, '/api/generate', { model: 'qwen2.5', keep_alive: '30m', options: { num_ctx: 16384 } });
    expect(await s.userRequest('qwen2.5', { numCtx: 16384 })).toEqual({ coldStart: false });
    expect(s.stats()).toMatchObject({ loads: 3, coldHits: 2, pings: 2, userRequests: 3, unloads: 2 });
    // num_ctx above the trained context is capped to it
    await post(s, '/api/generate', { model: 'qwen2.5', options: { num_ctx: 1_000_000 } });
    expect((await ps(s))[0]?.context_length).toBe(32768);
  });

  it('Modelfile num_ctx is the default context; /v1 requests use it too', async () => {
    const s = await sim('ollama', { clock: new ManualClock(), models: [{ id: 'coder', contextLength: 8192, maxContext: 65536 }] });
    const show = await post(s, '/api/show', { model: 'coder' });
    expect(show.body.parameters).toContain('num_ctx 8192');
    await post(s, '/v1/chat/completions', { model: 'coder:latest', messages: [{ role: 'user', content: 'x' }] });
    expect(s.state().loaded).toEqual([expect.objectContaining({ id: 'coder:latest', contextLength: 8192 })]);
  });

  it('/api/ps lists the longest-remaining model first; eject and restart empty it', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock, loaded: ['llama3.2'] });
    await post(s, '/api/generate', { model: 'gemma4', keep_alive: '1h' });
    expect((await ps(s)).map((m) => m.name)).toEqual(['gemma4:latest', 'llama3.2:latest']);
    s.unload('gemma4');
    expect((await ps(s)).map((m) => m.name)).toEqual(['llama3.2:latest']);
    await s.restart();
    expect(await ps(s)).toEqual([]);
  });

  it('a real-clock load is reported in load_duration and blocks the request', async () => {
    const s = await sim('ollama', { loadDelayMs: 200 });
    const cold = await post(s, '/api/generate', { model: 'llama3.2', prompt: 'hi', stream: false });
    expect(cold.body.load_duration).toBe(200 * 1e6);
    const warm = await post(s, '/api/generate', { model: 'llama3.2', prompt: 'hi', stream: false });
    expect(warm.body.load_duration).toBeLessThan(10 * 1e6);
  });

  it('parses Go durations like api.Duration', () => {
    expect(parseGoDuration('1h30m')).toBe(90 * MIN);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('0')).toBe(0);
    expect(() => parseGoDuration('10')).toThrow('missing unit');
    expect(() => parseGoDuration('10x')).toThrow('unknown unit');
    expect(parseKeepAlive('-1m')).toBe(Infinity);
    expect(parseKeepAlive(-1)).toBe(Infinity);
    expect(parseKeepAlive(3600)).toBe(60 * MIN);
    expect(parseKeepAlive(undefined)).toBeUndefined();
  });
});
