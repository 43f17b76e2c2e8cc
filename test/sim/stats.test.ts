import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { get, post, sim } from './helpers';
import { startSimulator, type SimKind } from './index';

const msg = [{ role: 'user', content: 'Explain the stack trace in the build log.' }];

describe('stats: pings vs user traffic', () => {
  const cases: { kind: SimKind; model: string; pings: [string, object][]; users: [string, object][] }[] = [
    {
      kind: 'lmstudio',
      model: 'meta-llama-3.1-8b-instruct',
      pings: [
        ['/v1/chat/completions', { max_tokens: 1, messages: msg }],
        ['/v1/chat/completions', { max_completion_tokens: 0, messages: msg }],
        ['/v1/responses', { input: 'hi', max_output_tokens: 16 }],
        ['/api/v0/chat/completions', { messages: [] }],
      ],
      users: [
        ['/v1/chat/completions', { messages: msg }],
        ['/v1/responses', { input: 'Explain the stack trace.' }],
        ['/v1/completions', { prompt: 'def fib(n):', max_tokens: 64 }],
      ],
    },
    {
      kind: 'ollama',
      model: 'llama3.2',
      pings: [
        ['/api/generate', { keep_alive: '30m' }],
        ['/api/chat', { messages: [] }],
        ['/api/generate', { prompt: 'hi', options: { num_predict: 1 }, stream: false }],
        ['/v1/chat/completions', { max_tokens: 1, messages: msg }],
      ],
      users: [
        ['/api/chat', { messages: msg, stream: false }],
        ['/api/generate', { prompt: 'Explain the stack trace.' }],
        ['/v1/chat/completions', { messages: msg }],
      ],
    },
    {
      kind: 'llamacpp',
      model: 'any',
      pings: [
        ['/completion', { prompt: 'hi', n_predict: 0 }],
        ['/v1/chat/completions', { max_tokens: 1, messages: msg }],
      ],
      users: [
        ['/completion', { prompt: 'Explain the stack trace.', n_predict: 128 }],
        ['/v1/chat/completions', { messages: msg, stream: true }],
      ],
    },
    {
      kind: 'vllm',
      model: 'Qwen/Qwen2.5-32B-Instruct-GPTQ-Int8',
      pings: [['/v1/chat/completions', { max_tokens: 1, messages: msg }]],
      users: [['/v1/responses', { input: 'Explain the stack trace.', stream: true }]],
    },
  ];

  it.each(cases)('$kind', async ({ kind, model, pings, users }) => {
    const s = await sim(kind, { clock: new ManualClock() });
    await get(s, '/v1/models');
    for (const [path, body] of pings) expect((await post(s, path, { model, ...body })).status).toBe(200);
    for (const [path, body] of users) expect((await post(s, path, { model, ...body })).status).toBe(200);
    const st = s.stats();
    expect(st).toMatchObject({ pings: pings.length, userRequests: users.length, inferenceRequests: pings.length + users.length });
    expect(st.requests).toBe(1 + pings.length + users.length);
    // the first request paid the load and was a ping: no user cold hit
    expect(st.coldHits).toBe(0);
  });

  it('an Ollama unload request is neither a ping nor user traffic', async () => {
    const s = await sim('ollama', { clock: new ManualClock(), loaded: ['llama3.2'] });
    await post(s, '/api/generate', { model: 'llama3.2', keep_alive: 0 });
    expect(s.stats()).toMatchObject({ inferenceRequests: 1, pings: 0, userRequests: 0, unloads: 1 });
  });
});

describe('lifecycle', () => {
  it('close() cancels every clock timer and is idempotent', async () => {
    const clock = new ManualClock();
    const lm = await startSimulator('lmstudio', { clock, loaded: ['meta-llama-3.1-8b-instruct'] });
    const ol = await startSimulator('ollama', { clock, loaded: ['llama3.2'] });
    const vl = await startSimulator('vllm', { clock, idleTtlMs: 60_000 });
    expect(clock.pendingTimers()).toBe(3);
    await Promise.all([lm.close(), ol.close(), vl.close()]);
    await lm.close();
    expect(clock.pendingTimers()).toBe(0);
    await expect(fetch(`${lm.url}/v1/models`, { signal: AbortSignal.timeout(500) })).rejects.toThrow();
  });

  it('TTLs longer than setTimeout can hold (24.8 days) still fire at the right time', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    await post(s, '/api/generate', { model: 'llama3.2', keep_alive: '720h' });
    await clock.advance(719 * 3600_000);
    expect(s.state().loaded).toHaveLength(1);
    await clock.advance(2 * 3600_000);
    expect(s.state().loaded).toEqual([]);
  });

  it('parallel simulators of the same kind are independent (random ports)', async () => {
    const [a, b] = await Promise.all([sim('lmstudio', { clock: new ManualClock() }), sim('lmstudio', { clock: new ManualClock() })]);
    expect(a?.port).not.toBe(b?.port);
    await a?.userRequest('deepseek-r1');
    expect(a?.state().loaded).toHaveLength(1);
    expect(b?.state().loaded).toHaveLength(0);
  });
});
