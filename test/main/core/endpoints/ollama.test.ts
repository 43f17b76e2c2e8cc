// Ollama adapter against the Ollama simulator: tags + ps merge, expires_at, trained context from
// /api/show, and the keep-warm that sends OpenClaw's own num_ctx so the runner is never reloaded.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { createOllamaAdapter, expiresAtMs, readOllamaPs, readOllamaTags, sameOllamaModel, trainedContextFromShow } from '../../../../src/main/core/endpoints/ollama';
import { fixture } from '../../../sim/fixtures';
import { sim, testHttp } from './helpers';

const http = testHttp();
const ollama = createOllamaAdapter({ http, warmTimeoutMs: 10_000 });

describe('Ollama adapter', () => {
  it('reads capabilities from newer /api/tags bodies (vision, thinking), and nothing from older ones', () => {
    expect(readOllamaTags(fixture('ollama/api-tags-2026.json'))[0]).toMatchObject({ id: 'qwen2.5:latest', vision: false, reasoning: false });
    const withCaps = { models: [{ name: 'gemma4:latest', capabilities: ['completion', 'vision', 'thinking'] }] };
    expect(readOllamaTags(withCaps)[0]).toMatchObject({ vision: true, reasoning: true });
    expect(readOllamaTags({ models: [{ name: 'old:latest' }] })[0]).not.toHaveProperty('vision');
  });

  it('probes (root text + version) and merges /api/tags with /api/ps', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock, loaded: ['llama3.2'] });
    const t = { baseUrl: s.url };
    expect(await ollama.probe(t)).toMatchObject({ ok: true, kind: 'ollama', version: fixture('ollama/api-version.json').version });
    const models = await ollama.listModels(t);
    expect(models).toHaveLength(4);
    const llama = models.find((m) => m.id === 'llama3.2:latest');
    expect(llama).toMatchObject({ state: 'loaded', maxContext: 131072, loadedContext: 4096, expiresAt: clock.now() + 5 * 60_000 });
    expect(llama?.vramBytes).toBeGreaterThan(0);
    expect(models.find((m) => m.id === 'qwen2.5:latest')).toMatchObject({ state: 'not-loaded', maxContext: 32768 });
    expect((await ollama.loadedModels(t)).map((m) => m.id)).toEqual(['llama3.2:latest']);
  });

  it('reads the trained context from /api/show model_info[<arch>.context_length]', async () => {
    const s = await sim('ollama', { clock: new ManualClock(), loaded: ['gemma4'], models: [{ id: 'gemma4', maxContext: 131072 }, { id: 'qwen2.5', maxContext: 32768 }] });
    expect(await ollama.contextOf({ baseUrl: s.url }, 'gemma4')).toEqual({ maxContext: 131072, loadedContext: 4096 });
    expect(await ollama.contextOf({ baseUrl: s.url }, 'qwen2.5:latest')).toEqual({ maxContext: 32768 });
    await expect(ollama.contextOf({ baseUrl: s.url }, 'missing')).rejects.toThrow('Ollama has no model "missing" (ollama pull missing)');
  });

  it('warms with a prompt-less /api/generate carrying keep_alive and the num_ctx OpenClaw sends', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock });
    const t = { baseUrl: s.url };
    const first = await ollama.warm(t, 'qwen2.5', { keepAlive: '30m', options: { num_ctx: 16384 } });
    expect(first).toMatchObject({ ok: true, loaded: true });
    expect(s.state().loaded).toEqual([{ id: 'qwen2.5:latest', contextLength: 16384, expiresAt: clock.now() + 30 * 60_000 }]);

    const again = await ollama.warm(t, 'qwen2.5', { keepAlive: '30m', options: { num_ctx: 16384 } });
    expect(again).toMatchObject({ ok: true, loaded: false });
    // OpenClaw's real request with the same context finds the runner warm: no reload.
    expect(await s.userRequest('qwen2.5', { numCtx: 16384 })).toEqual({ coldStart: false });
    const st = s.stats();
    expect(st.loads).toBe(1);
    expect(st.paths['POST /api/generate']).toBe(2);
    expect(st.pings).toBe(2);
    expect(st.coldHits).toBe(0);
  });

  it('detects the reload a different num_ctx causes', async () => {
    const s = await sim('ollama', { clock: new ManualClock(), loaded: ['qwen2.5'] });
    const r = await ollama.warm({ baseUrl: s.url }, 'qwen2.5', { options: { num_ctx: 8192 } });
    expect(r).toMatchObject({ ok: true, loaded: true });
    expect(s.stats().loads).toBe(1);
    expect(s.state().loaded[0]?.contextLength).toBe(8192);
  });

  it('without keepAlive/options the ping sends neither (the runner keeps its own duration)', async () => {
    const clock = new ManualClock();
    const s = await sim('ollama', { clock, loaded: ['qwen2.5'], idleTtlMs: 10 * 60_000 });
    await clock.advance(60_000);
    expect(await ollama.warm({ baseUrl: s.url }, 'qwen2.5:latest')).toMatchObject({ ok: true, loaded: false });
    expect(s.state().loaded[0]).toMatchObject({ contextLength: 4096, expiresAt: clock.now() + 10 * 60_000 });
  });

  it('an unknown model fails the warm in words', async () => {
    const s = await sim('ollama', { clock: new ManualClock() });
    expect(await ollama.warm({ baseUrl: s.url }, 'nope')).toMatchObject({ ok: false, error: 'Ollama has no model "nope" (ollama pull nope)' });
  });

  it('reads fixture bodies: expires_at with ns and offset, show, ps without context', () => {
    expect(expiresAtMs('2025-10-17T16:47:07.93355-07:00')).toBe(Date.UTC(2025, 9, 17, 23, 47, 7, 933));
    expect(expiresAtMs('not a date')).toBeUndefined();
    expect(trainedContextFromShow(fixture('ollama/api-show.json'))).toBe(131072);
    expect(readOllamaPs(fixture('ollama/api-ps.json'))[0]).toMatchObject({ id: 'gemma4', state: 'loaded', loadedContext: 4096, vramBytes: 5333539264 });
    expect(readOllamaPs(fixture('ollama/api-ps-empty.json'))).toEqual([]);
    expect(sameOllamaModel('gemma4', 'gemma4:latest')).toBe(true);
    expect(sameOllamaModel('gemma4:2b', 'gemma4:latest')).toBe(false);
  });
});
