// Unload per runtime against the simulators: LM Studio unloads every instance, Ollama takes keep_alive 0,
// vLLM goes to sleep (and says plainly when it has no sleep mode).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { createOllamaAdapter } from '../../../../src/main/core/endpoints/ollama';
import { createVllmAdapter } from '../../../../src/main/core/endpoints/vllm';
import { sim, testHttp } from './helpers';

const http = testHttp();

describe('unload', () => {
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
});
