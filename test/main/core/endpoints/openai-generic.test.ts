// Generic OpenAI-compatible adapter against the generic simulator.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { contextFromEntry, createOpenAiGenericAdapter } from '../../../../src/main/core/endpoints/openai-generic';
import { sim, testHttp } from './helpers';

const http = testHttp();
const generic = createOpenAiGenericAdapter({ http, warmTimeoutMs: 10_000 });

describe('generic OpenAI-compatible adapter', () => {
  it('probes, lists, and warms with a 1-token chat completion', async () => {
    const s = await sim('openai-compatible', { clock: new ManualClock() });
    const t = { baseUrl: s.url };
    expect(await generic.probe(t)).toMatchObject({ ok: true, kind: 'openai-compatible' });
    expect(await generic.listModels(t)).toEqual([
      { id: 'qwen2.5-7b-instruct', state: 'unknown' },
      { id: 'llama-3.1-8b-instruct', state: 'unknown' },
    ]);
    expect(await generic.loadedModels(t)).toEqual([]);
    expect(await generic.contextOf(t, 'qwen2.5-7b-instruct')).toEqual({});
    expect(await generic.warm(t, 'qwen2.5-7b-instruct')).toMatchObject({ ok: true });
    expect(s.stats()).toMatchObject({ pings: 1, userRequests: 0 });
    expect(s.state().loaded.map((m) => m.id)).toEqual(['qwen2.5-7b-instruct']);
  });

  it('an API key it needs: degraded probe without it, works with it', async () => {
    const s = await sim('openai-compatible', { clock: new ManualClock(), apiKey: 'gen-key' });
    expect(await generic.probe({ baseUrl: s.url })).toMatchObject({ ok: true, degraded: 'HTTP 401: the server wants an API key' });
    expect(await generic.listModels({ baseUrl: s.url, apiKey: 'gen-key' })).toHaveLength(2);
  });

  it('reads context fields some servers add to /v1/models entries', () => {
    expect(contextFromEntry({ id: 'a', max_model_len: 4096 })).toBe(4096);
    expect(contextFromEntry({ id: 'a', context_length: 8192 })).toBe(8192);
    expect(contextFromEntry({ id: 'a', meta: { n_ctx_train: 131072 } })).toBe(131072);
    expect(contextFromEntry({ id: 'a' })).toBeUndefined();
  });
});
