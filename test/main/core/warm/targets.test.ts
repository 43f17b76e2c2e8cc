// Which model to keep warm (the local primary, else the first local fallback) and what its warm request
// must carry, read from a real-looking openclaw.json.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { keepWarmRefs, keepWarmTargetsFromConfig } from '../../../../src/main/core/warm/index';

const doc = (routing: string) =>
  parseDocument(`{
  models: {
    providers: {
      ollama: { baseUrl: 'http://localhost:11434', api: 'ollama', params: { num_ctx: 8192 },
        models: [{ id: 'qwen3:32b', name: 'Qwen3', contextWindow: 131072, contextTokens: 32768, params: { keep_alive: '30m', num_gpu: 99 } }] },
      lmstudio: { baseUrl: 'http://127.0.0.1:1234/v1', api: 'openai-responses', models: [{ id: 'gemma-4', name: 'Gemma', contextWindow: 65536 }] },
      anthropic: { baseUrl: 'https://api.anthropic.com', models: [{ id: 'claude-sonnet-5', name: 'Sonnet' }] },
    },
  },
  agents: { defaults: { model: ${routing} } },
}`);

describe('keep-warm targets from the config', () => {
  it('the local primary, else the first local fallback, else nothing; an explicit list wins', () => {
    expect(keepWarmRefs(doc(`{ primary: 'lmstudio/gemma-4', fallbacks: ['anthropic/claude-sonnet-5'] }`))).toEqual(['lmstudio/gemma-4']);
    expect(keepWarmRefs(doc(`{ primary: 'anthropic/claude-sonnet-5', fallbacks: ['ollama/qwen3:32b', 'lmstudio/gemma-4'] }`))).toEqual(['ollama/qwen3:32b']);
    expect(keepWarmRefs(doc(`'anthropic/claude-sonnet-5'`))).toEqual([]);
    expect(keepWarmRefs(doc(`'anthropic/claude-sonnet-5'`), ['lmstudio/gemma-4'])).toEqual(['lmstudio/gemma-4']);
    // Every switch turned off in the dashboard is an empty list, not "back to the default".
    expect(keepWarmRefs(doc(`{ primary: 'lmstudio/gemma-4' }`), [])).toEqual([]);
    expect(keepWarmRefs(doc(`{ primary: 'lmstudio/gemma-4' }`), null)).toEqual(['lmstudio/gemma-4']);
  });

  it('carries what OpenClaw sends: Ollama num_ctx from params (model over provider), keep_alive, 127.0.0.1', () => {
    const [o, l] = keepWarmTargetsFromConfig(doc(`'ollama/qwen3:32b'`), ['ollama/qwen3:32b', 'lmstudio/gemma-4']);
    expect(o).toEqual({
      ref: 'ollama/qwen3:32b',
      providerId: 'ollama',
      modelId: 'qwen3:32b',
      baseUrl: 'http://127.0.0.1:11434',
      api: 'ollama',
      contextWindow: 131072,
      options: { num_ctx: 8192, num_gpu: 99 },
      keepAliveMs: 30 * 60_000,
    });
    expect(l).toMatchObject({ modelId: 'gemma-4', baseUrl: 'http://127.0.0.1:1234', options: {} });
  });
});
