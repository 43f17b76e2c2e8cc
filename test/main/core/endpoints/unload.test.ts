// Unload per runtime against the simulators: LM Studio unloads every instance, Ollama takes keep_alive 0,
// vLLM goes to sleep (and says plainly when it has no sleep mode), llama.cpp's router unloads one model
// (a single-model llama-server says it cannot).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { createLlamaCppAdapter } from '../../../../src/main/core/endpoints/llamacpp';
import { createOllamaAdapter } from '../../../../src/main/core/endpoints/ollama';
import { createVllmAdapter } from '../../../../src/main/core/endpoints/vllm';
import { adapterFactories } from '../../../../src/main/core/endpoints/registry';
import { UNLOADABLE_KINDS } from '../../../../src/shared/states';
import { endpointKinds } from '../../../../src/shared/status';
import { sim, testHttp } from './helpers';

const http = testHttp();

describe('unload', () => {
  it('the UI offers Unload exactly for the runtimes whose adapter can unload', () => {
    for (const kind of endpointKinds) expect(UNLOADABLE_KINDS.includes(kind), kind).toBe(typeof adapterFactories[kind]({ http }).unload === 'function');
  });

  it('Ollama: keep_alive 0 unloads the runner', async () => {
    const s = await sim('ollama', { clock: new ManualClock(), loaded: ['llama3.2'] });
    expect(s.state().loaded).toHaveLength(1);
    expect(await createOllamaAdapter({ http }).unload!({ baseUrl: s.url }, 'llama3.2:latest')).toMatchObject({ ok: true });
    expect(s.state().loaded).toEqual([]);
    expect(s.lastRequest('POST /api/generate')?.body).toMatchObject({ model: 'llama3.2:latest', keep_alive: 0 });
  });

  it('vLLM: sleep level 1 with sleep mode, a plain refusal without it', async () => {
    const sleepy = await sim('vllm', { clock: new ManualClock(), sleepMode: true });
    const vllm = createVllmAdapter({ http });
    expect(await vllm.unload!({ baseUrl: sleepy.url }, 'any')).toMatchObject({ ok: true });
    expect(sleepy.state().loaded[0]).toMatchObject({ sleeping: true });
    const plain = await sim('vllm', { clock: new ManualClock() });
    const r = await vllm.unload!({ baseUrl: plain.url }, 'any');
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/no sleep mode/);
  });

  it('llama.cpp router mode: POST /models/unload for that model only; a task loads it again on demand', async () => {
    const models = [
      { id: 'qwen3-8b', maxContext: 40960, contextLength: 16384 },
      { id: 'gemma-3-4b', maxContext: 131072, contextLength: 8192 },
    ];
    const s = await sim('llamacpp', { clock: new ManualClock(), router: true, models, loaded: ['qwen3-8b', 'gemma-3-4b'], loadDelayMs: 0 });
    const llama = createLlamaCppAdapter({ http });
    expect((await llama.listModels({ baseUrl: s.url })).map((m) => [m.id, m.state, m.loadedContext])).toEqual([
      ['qwen3-8b', 'loaded', 16384],
      ['gemma-3-4b', 'loaded', 8192],
    ]);
    expect(await llama.unload!({ baseUrl: s.url }, 'qwen3-8b')).toMatchObject({ ok: true });
    expect(s.lastRequest('POST /models/unload')?.body).toEqual({ model: 'qwen3-8b' });
    expect((await llama.listModels({ baseUrl: s.url })).map((m) => [m.id, m.state])).toEqual([
      ['qwen3-8b', 'not-loaded'],
      ['gemma-3-4b', 'loaded'],
    ]);
    // Unloading it again, or a model the router does not have: the router's own words, no throw.
    const again = await llama.unload!({ baseUrl: s.url }, 'qwen3-8b');
    expect(again).toMatchObject({ ok: false, error: 'model is not running' });
    expect(await llama.unload!({ baseUrl: s.url }, 'nope')).toMatchObject({ ok: false, error: 'llama-server does not serve "nope"' });
    // Warming routes the task by name: the router loads the model first (a cold start).
    expect(await llama.warm({ baseUrl: s.url }, 'qwen3-8b')).toMatchObject({ ok: true, loaded: true });
    expect((await llama.loadedModels({ baseUrl: s.url })).map((m) => m.id).sort()).toEqual(['gemma-3-4b', 'qwen3-8b']);
  });

  it('a single-model llama-server cannot unload, and says how to get there', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock(), loadDelayMs: 0 });
    await s.ready();
    const r = await createLlamaCppAdapter({ http }).unload!({ baseUrl: s.url }, s.models()[0]!.id);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/runs one model and cannot unload it .*router mode.*--sleep-idle-seconds/);
    expect(s.recorded('POST /models/unload')).toEqual([]);
  });
});
