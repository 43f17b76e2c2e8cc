import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { fixture, fixtureText } from './fixtures';
import { fixtureShape, get, post, shape, sim } from './helpers';

const MIN = 60_000;

describe('LiteLLM simulator', () => {
  it('serves the documented liveliness/readiness/models/model-info bodies', async () => {
    const s = await sim('litellm', { clock: new ManualClock() });
    const live = await get(s, '/health/liveliness');
    expect(live.text).toBe(fixtureText('litellm/health-liveliness.json').trim());
    expect(live.body).toBe("I'm alive!");
    expect((await get(s, '/health/liveness')).body).toBe("I'm alive!");
    expect((await get(s, '/health/readiness')).body).toEqual(fixture('litellm/health-readiness.json'));
    const models = (await get(s, '/v1/models')).body;
    expect(models.data[0]).toEqual(fixture('litellm/v1-models.json').data[0]);
    expect(models.data.every((m: { created: number; owned_by: string }) => m.created === 1677610602 && m.owned_by === 'openai')).toBe(true);
    const info = (await get(s, '/model/info')).body.data;
    const local = info.find((d: { model_name: string }) => d.model_name === 'Qwen2.5-32B');
    const { litellm_provider: _p, mode: _m, ...baseInfo } = local.model_info;
    expect(shape({ ...local, model_info: baseInfo })).toEqual(fixtureShape('litellm/model-info.json', (f) => f.data[0]));
    expect(local.model_info.max_input_tokens).toBeNull(); // local backend: context unknown to LiteLLM
    expect(local.litellm_params.api_base).toMatch(/^http:\/\/127\.0\.0\.1:/); // never a network address
    const hosted = info.find((d: { model_name: string }) => d.model_name === 'my-gpt-4o');
    expect(hosted.model_info.max_input_tokens).toBe(128000);
    expect((await get(s, '/nope')).body).toEqual({ detail: 'Not Found' });
  });

  it('master key: 401 bodies with a string code; health probes stay public', async () => {
    const s = await sim('litellm', { clock: new ManualClock(), apiKey: 'sk-master' });
    expect((await get(s, '/health/liveliness')).status).toBe(200);
    const none = await get(s, '/v1/models');
    expect(none.status).toBe(401);
    expect(none.body).toEqual(fixture('litellm/error-no-api-key.json'));
    const wrong = await get(s, '/v1/models', { authorization: 'Bearer sk-wrong' });
    expect(wrong.status).toBe(401);
    expect(shape(wrong.body)).toEqual(fixtureShape('litellm/error-unauthorized.json'));
    expect(wrong.body.error.code).toBe('401');
    expect((await get(s, '/v1/models', { authorization: 'Bearer sk-master' })).status).toBe(200);
    const bad = await post(s, '/v1/chat/completions', { model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] }, { authorization: 'Bearer sk-master' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('400');
  });

  it('forwards inference to its upstream (cold starts happen there) and /health calls every model', async () => {
    const clock = new ManualClock();
    const ollama = await sim('ollama', { clock });
    const s = await sim('litellm', { clock, upstream: ollama });
    const info = (await get(s, '/model/info')).body.data;
    expect(info[0].litellm_params).toMatchObject({ api_base: ollama.url, model: expect.stringMatching(/^ollama_chat\//) });
    expect(await s.userRequest('llama3.2:latest')).toEqual({ coldStart: true });
    expect(await s.userRequest('llama3.2:latest')).toEqual({ coldStart: false });
    expect(ollama.stats()).toMatchObject({ userRequests: 2, coldHits: 1, loads: 1 });
    expect(s.stats()).toMatchObject({ userRequests: 2, coldHits: 1, fullHealthChecks: 0 });

    const health = await get(s, '/health');
    expect(Object.keys(fixture('litellm/health.json')).every((k) => k in health.body)).toBe(true);
    expect(health.body.healthy_count).toBe(4);
    expect(s.stats().fullHealthChecks).toBe(1);
    expect(ollama.state().loaded).toHaveLength(4); // it loaded every cold model
    await ollama.setFailure('http-500');
    const broken = await post(s, '/v1/chat/completions', { model: 'llama3.2:latest', messages: [{ role: 'user', content: 'x' }] });
    expect(broken.status).toBe(500);
    expect(broken.body.error.code).toBe('500');
  });
});

describe('generic OpenAI-compatible simulator', () => {
  it('serves the spec shapes and loads a model on first use', async () => {
    const clock = new ManualClock();
    const s = await sim('openai-compatible', { clock, idleTtlMs: 5 * MIN, models: [{ id: 'model-id-0' }] });
    const models = (await get(s, '/v1/models')).body;
    const { shutdown_date: _sd, ...entry } = fixture('openai-generic/v1-models.json').data[0];
    expect(models).toEqual({ object: 'list', data: [entry] });
    const req = fixture('openai-generic/chat-completions.request.json');
    const chat = await post(s, '/v1/chat/completions', { ...req, model: 'model-id-0' });
    expect(shape(chat.body)).toEqual(fixtureShape('openai-generic/chat-completions.json'));
    expect(chat.body.choices[0].finish_reason).toBe('length');
    const resp = await post(s, '/v1/responses', { ...fixture<Record<string, unknown>>('openai-generic/responses.request.json'), model: 'model-id-0', max_output_tokens: 64 });
    // the spec example shows max_output_tokens null; a server echoes the request's value (nullable integer)
    expect(shape(resp.body)).toEqual(fixtureShape('openai-generic/responses.json', (f) => ({ ...f, max_output_tokens: 64 })));
    expect(resp.body.status).toBe('completed');
    const stream = await post(s, '/v1/chat/completions', { model: 'model-id-0', messages: [{ role: 'user', content: 'x' }], stream: true });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(s.stats()).toMatchObject({ loads: 1, pings: 1, userRequests: 2, coldHits: 0 }); // the ping paid the load

    await clock.advance(6 * MIN);
    expect(s.state().loaded).toEqual([]);
    expect(await s.userRequest('model-id-0')).toEqual({ coldStart: true });
    const nf = await post(s, '/v1/chat/completions', { model: 'nope', messages: [{ role: 'user', content: 'x' }] });
    expect(nf.status).toBe(404);
    expect(Object.keys(nf.body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('responses can be turned off; api key gives an OpenAI 401', async () => {
    const s = await sim('openai-compatible', { clock: new ManualClock(), responsesApi: false, apiKey: 'k' });
    expect((await get(s, '/v1/models')).status).toBe(401);
    expect((await get(s, '/v1/models')).body.error.code).toBe('invalid_api_key');
    const h = { authorization: 'Bearer k' };
    expect((await post(s, '/v1/responses', { model: 'qwen2.5-7b-instruct', input: 'x' }, h)).status).toBe(404);
    expect(await s.userRequest('qwen2.5-7b-instruct')).toEqual({ coldStart: true });
  });
});
