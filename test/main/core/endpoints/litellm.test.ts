// LiteLLM adapter against the LiteLLM simulator: liveliness, /model/info contexts, the proxy ping,
// and never GET /health (it calls every configured model).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { discover } from '../../../../src/main/core/endpoints/discovery';
import { createLiteLlmAdapter, readLiteLlmModelInfo } from '../../../../src/main/core/endpoints/litellm';
import { fixture } from '../../../sim/fixtures';
import { sim, testHttp } from './helpers';

const http = testHttp();
const litellm = createLiteLlmAdapter({ http, warmTimeoutMs: 10_000 });

describe('LiteLLM adapter', () => {
  it('does everything it does without ever calling GET /health', async () => {
    const s = await sim('litellm', { clock: new ManualClock() });
    const t = { baseUrl: s.url };
    expect(await litellm.probe(t)).toMatchObject({ ok: true, kind: 'litellm' });
    expect(await litellm.fingerprint(t)).toBe(true);
    expect(await litellm.listModels(t)).toEqual([
      { id: 'my-gpt-4o', state: 'unknown', maxContext: 128000 },
      { id: 'Qwen2.5-32B', state: 'unknown' },
    ]);
    expect(await litellm.loadedModels(t)).toEqual([]);
    expect(await litellm.contextOf(t, 'my-gpt-4o')).toEqual({ maxContext: 128000 });
    expect(await litellm.contextOf(t, 'Qwen2.5-32B')).toEqual({});
    await expect(litellm.contextOf(t, 'nope')).rejects.toThrow('LiteLLM has no model named "nope"');
    expect(await litellm.warm(t, 'my-gpt-4o')).toMatchObject({ ok: true });
    expect(await litellm.responsesApi(t)).toBe(true);
    await discover({ user: [{ baseUrl: `${s.url}/v1` }], scanPorts: [], http });
    const st = s.stats();
    expect(st.fullHealthChecks).toBe(0);
    expect(st.paths['GET /health']).toBeUndefined();
    expect(st.paths['POST /v1/chat/completions']).toBe(1);
  });

  it('the ping goes through the proxy to its backend (which then holds the model)', async () => {
    const clock = new ManualClock();
    const backend = await sim('ollama', { clock });
    const s = await sim('litellm', { clock, upstream: backend });
    expect(await litellm.warm({ baseUrl: s.url }, 'qwen2.5:latest')).toMatchObject({ ok: true });
    expect(backend.state().loaded.map((m) => m.id)).toEqual(['qwen2.5:latest']);
  });

  it('with a master key: liveliness stays public; model calls need the key; the key never shows', async () => {
    const key = 'sk-litellm-master-1234';
    const s = await sim('litellm', { clock: new ManualClock(), apiKey: key });
    expect(await litellm.probe({ baseUrl: s.url })).toMatchObject({ ok: true, kind: 'litellm' });
    await expect(litellm.listModels({ baseUrl: s.url })).rejects.toThrow('HTTP 401: LiteLLM wants an API key');
    const wrong = await litellm.warm({ baseUrl: s.url, apiKey: 'sk-wrong-key-999' }, 'my-gpt-4o');
    expect(wrong).toEqual({ ok: false, ms: expect.any(Number), error: 'HTTP 401: LiteLLM rejected the API key', errorMsg: { code: 'http.401-key-rejected', params: { who: 'LiteLLM' } } });
    expect(await litellm.listModels({ baseUrl: s.url, apiKey: key })).toHaveLength(2);
  });

  it('reads /model/info with and without context', () => {
    expect(readLiteLlmModelInfo(fixture('litellm/model-info.json'))).toEqual([{ modelName: 'Qwen2.5-32B', apiBase: 'http://192.168.0.208:5000/v1' }]);
    expect(readLiteLlmModelInfo(fixture('litellm/model-info-with-context.json'))[0]?.maxContext).toBeGreaterThan(0);
  });
});
