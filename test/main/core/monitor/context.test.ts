// Context-window truth: the configured window against what each server really loaded, with
// config-engine fixes, and windows too small for an agent.
import { describe, expect, it } from 'vitest';
import type { EndpointKind, EndpointStatus, ModelStatus } from '../../../../src/shared/status';
import { ManualClock } from '../../../../src/main/core/clock';
import { adapterFor } from '../../../../src/main/core/endpoints/index';
import { contextMismatches, Monitor } from '../../../../src/main/core/monitor/index';
import { startSimulator } from '../../../sim/index';

function ep(kind: EndpointKind, models: ModelStatus[], providerId = kind as string): EndpointStatus {
  return { id: `http://127.0.0.1/${kind}`, baseUrl: 'http://127.0.0.1', kind, source: 'config', providerId, health: 'up', latencyWindow: [], models };
}

describe('contextMismatches', () => {
  it('a configured window larger than what a fixed-context server loaded: lower it (set-limits fix)', () => {
    const out = contextMismatches([ep('vllm', [{ id: 'qwen3-32b', state: 'loaded', loadedContext: 32768, maxContext: 131072 }])], [{ ref: 'vllm/qwen3-32b', contextWindow: 131072 }]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      code: 'context-above-loaded',
      severity: 'warning',
      configured: 131072,
      loaded: 32768,
      blocks: false,
      fix: { command: { type: 'set-limits', input: { ref: 'vllm/qwen3-32b', contextWindow: 32768 } } },
    });
    expect(out[0]!.message).toMatch(/vLLM loaded it with 32,768/);
    expect(out[0]!.path).toBeUndefined();
    // With the model's place in the file, the finding carries it (the UI shows it beside that model).
    const placed = contextMismatches([ep('vllm', [{ id: 'qwen3-32b', state: 'loaded', loadedContext: 32768 }])], [{ ref: 'vllm/qwen3-32b', contextWindow: 131072, path: 'models.providers.vllm.models[0].contextWindow' }]);
    expect(placed[0]!.path).toBe('models.providers.vllm.models[0].contextWindow');
  });

  it('LM Studio via OpenClaw\'s lmstudio provider: never "lower contextWindow to 4,096"; says OpenClaw will reload and offers to load now', () => {
    const e = ep('lmstudio', [{ id: 'qwen3-32b', state: 'loaded', loadedContext: 4096, maxContext: 131072 }]);
    const out = contextMismatches([e], [{ ref: 'lmstudio/qwen3-32b', contextWindow: 65536, lmstudioPreload: 65536 }]);
    expect(out.map((f) => f.code)).toEqual(['context-reload-pending']);
    expect(out[0]!.message).toMatch(/OpenClaw will reload it at 65,536 on the next turn: a cold start/);
    expect(out[0]!.fix).toBeUndefined();
    expect(out[0]!.load).toEqual({ label: 'Load now at 65,536', labelMsg: { code: 'fix.load-now-at', params: { tokens: 65536 } }, ref: 'lmstudio/qwen3-32b', contextLength: 65536 });
    // Capped by the model's max, like OpenClaw's preload.
    const capped = contextMismatches([ep('lmstudio', [{ id: 'q', state: 'loaded', loadedContext: 4096, maxContext: 40960 }])], [{ ref: 'lmstudio/q', contextWindow: 65536, lmstudioPreload: 65536 }]);
    expect(capped.map((f) => [f.code, f.load?.contextLength])).toEqual([
      ['context-above-max', undefined],
      ['context-reload-pending', 40960],
    ]);
    // Loaded at least that large: nothing to say.
    expect(contextMismatches([ep('lmstudio', [{ id: 'q', state: 'loaded', loadedContext: 65536, maxContext: 131072 }])], [{ ref: 'lmstudio/q', contextWindow: 65536, lmstudioPreload: 65536 }])).toEqual([]);
  });

  it('LM Studio under another provider id: warns that JIT uses LM Studio\'s default context, with the fix; no file fix to the JIT value', () => {
    const e = ep('lmstudio', [{ id: 'q', state: 'loaded', loadedContext: 4096, maxContext: 131072 }], 'lms');
    const out = contextMismatches([e], [{ ref: 'lms/q', contextWindow: 65536 }]);
    expect(out.map((f) => f.code)).toEqual(['context-jit-default']);
    expect(out[0]!.message).toMatch(/just-in-time at its default context: 4,096 tokens now, not the 65,536/);
    expect(out[0]!.message).toMatch(/Rename the provider to "lmstudio"/);
    expect(out.some((f) => f.fix?.command.type === 'set-limits' && f.fix.command.input.contextWindow === 4096)).toBe(false);
  });

  it('flags windows OpenClaw blocks (< 4000), warns about (< 8000), and that cannot hold OpenClaw\'s own prompt (< 32768)', () => {
    const models = [
      { id: 'tiny', state: 'loaded' as const, loadedContext: 2048 },
      { id: 'small', state: 'loaded' as const, loadedContext: 4096 },
      { id: 'mid', state: 'loaded' as const, loadedContext: 12288 },
      { id: 'big', state: 'loaded' as const, loadedContext: 65536 },
    ];
    const out = contextMismatches([ep('ollama', models)], [
      { ref: 'ollama/tiny', contextWindow: 2048 },
      { ref: 'ollama/small', contextWindow: 4096 },
      { ref: 'ollama/mid', contextWindow: 12288 },
      { ref: 'ollama/big', contextWindow: 65536 },
    ]);
    expect(out.map((f) => [f.modelId, f.code, f.blocks])).toEqual([
      ['tiny', 'context-blocked', true],
      ['small', 'context-too-small', false],
      ['mid', 'context-below-prompt', false],
    ]);
    expect(out[2]!.message).toMatch(/19,000–24,000 tokens/);
    // The server is the limit here: no file fix, but the words say how to raise it on Ollama.
    expect(out[0]!.fix).toBeUndefined();
    expect(out[0]!.message).toMatch(/num_ctx/);
  });

  it('a small configured window on a big server: raise it (fix to the loaded size)', () => {
    const out = contextMismatches([ep('vllm', [{ id: 'q', state: 'loaded', loadedContext: 32768 }])], [{ ref: 'vllm/q', contextWindow: 6000 }]);
    expect(out.map((f) => f.code)).toEqual(['context-too-small']);
    expect(out[0]!.fix?.command).toEqual({ type: 'set-limits', input: { ref: 'vllm/q', contextWindow: 32768 } });
  });

  it('not loaded: compares with the trained maximum; unknown providers and models are skipped', () => {
    const e = ep('ollama', [{ id: 'm', state: 'not-loaded', maxContext: 8192 }]);
    expect(contextMismatches([e], [{ ref: 'ollama/m', contextWindow: 32768 }]).map((f) => f.code)).toEqual(['context-above-max', 'context-below-prompt']);
    expect(contextMismatches([e], [{ ref: 'other/m', contextWindow: 1 }, { ref: 'ollama/zzz', contextWindow: 1 }])).toEqual([]);
  });

  it('a loaded model without a contextWindow in the file gets one', () => {
    const out = contextMismatches([ep('llamacpp', [{ id: 'x', state: 'loaded', loadedContext: 32768 }])], [{ ref: 'llamacpp/x' }]);
    expect(out[0]).toMatchObject({ code: 'context-missing', fix: { command: { type: 'set-limits', input: { ref: 'llamacpp/x', contextWindow: 32768 } } } });
  });

  it('reads the real loaded contexts of the simulators (LM Studio default load 4096, Ollama num_ctx)', async () => {
    const clock = new ManualClock();
    const lms = await startSimulator('lmstudio', { clock });
    const oll = await startSimulator('ollama', { clock });
    try {
      await lms.userRequest('google/gemma-4-26b-a4b');
      await oll.userRequest('llama3.2', { numCtx: 2048 });
      const m = new Monitor({ adapterFor, clock, liveness: false, idleCapMs: 10_000 });
      m.setEndpoints([
        { id: lms.url, baseUrl: lms.url, kind: 'lmstudio', source: 'config', providerId: 'lmstudio', models: ['google/gemma-4-26b-a4b'] },
        { id: oll.url, baseUrl: oll.url, kind: 'ollama', source: 'config', providerId: 'ollama', models: ['llama3.2:latest'] },
      ]);
      await m.refresh();
      const out = m.contextMismatches([
        { ref: 'lmstudio/google/gemma-4-26b-a4b', contextWindow: 131072, lmstudioPreload: 131072 },
        { ref: 'ollama/llama3.2:latest', contextWindow: 2048 },
      ]);
      expect(out.map((f) => [f.ref, f.code, f.loaded])).toEqual([
        ['lmstudio/google/gemma-4-26b-a4b', 'context-reload-pending', 4096],
        ['ollama/llama3.2:latest', 'context-blocked', 2048],
      ]);
      await m.stop();
    } finally {
      await lms.close();
      await oll.close();
    }
  });
});
