// Refs a declared provider does not list are refused, with the closest names; everything else passes
// (OpenClaw's catalog is checked by its CLI, see openclaw-knows-refs.test.ts). One rule for every path.
import { describe, expect, it } from 'vitest';
import { WarmclawError } from '../../../../src/main/core/errors';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { addedRefs, closestNames, editDistance } from '../../../../src/main/core/openclaw/model-refs';

const TEXT = `{
  models: {
    mode: "merge",
    providers: {
      litellm: { baseUrl: "http://127.0.0.1:4000/v1", api: "openai-responses", models: [{ id: "gpt-4o", name: "GPT-4o" }, { id: "claude-haiku", name: "Haiku" }] },
      lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses", models: [{ id: "qwen/qwen3-32b", name: "Qwen" }] },
      empty: { baseUrl: "http://127.0.0.1:9000/v1", models: [] },
      // a hosted provider listing one model to tune it: the rest of its catalog stays usable
      anthropic: { models: [{ id: "claude-opus-4-6", name: "Opus", contextWindow: 200000 }] },
    },
  },
  agents: { defaults: { model: { primary: "litellm/gpt-4o", fallbacks: ["litellm/gpt-4-legacy"] }, models: { "litellm/gpt-4o": { alias: "fast" } } } },
}
`;
const doc = () => parseDocument(TEXT);

function refusal(fn: () => unknown): WarmclawError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WarmclawError);
    return e as WarmclawError;
  }
  throw new Error('expected a refusal');
}

describe('closest names', () => {
  it('counts edits case-insensitively', () => {
    expect(editDistance('gpt-4oo', 'gpt-4o')).toBe(1);
    expect(editDistance('GPT-4o', 'gpt-4o')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests typos, closest first, and not unrelated names', () => {
    expect(closestNames('litellm/gpt-4oo', ['litellm/gpt-4o', 'litellm/claude-haiku', 'lmstudio/qwen/qwen3-32b'])).toEqual(['litellm/gpt-4o']);
    expect(closestNames('lmstudio/qwen3-32b', ['lmstudio/qwen/qwen3-32b', 'litellm/gpt-4o'])).toEqual(['lmstudio/qwen/qwen3-32b']);
    expect(closestNames('litellm/mistral-large', ['litellm/gpt-4o'])).toEqual([]);
  });
});

describe('refs a declared provider does not list', () => {
  it('set-primary refuses a typo with the closest listed name (exit 2: invalid-input)', () => {
    const e = refusal(() => runEdit(doc(), { type: 'set-primary', input: { ref: 'litellm/gpt-4oo' } }));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toContain('Did you mean litellm/gpt-4o?');
    expect(e.suggestions).toEqual(['litellm/gpt-4o']);
    expect(e.toPayload().suggestions).toEqual(['litellm/gpt-4o']);
  });

  it('set-fallbacks and set-alias refuse it too; a model id with a slash is matched whole', () => {
    expect(refusal(() => runEdit(doc(), { type: 'set-fallbacks', input: { refs: ['lmstudio/qwen/qwen3-32b', 'lmstudio/qwen3-32b'] } })).suggestions).toEqual(['lmstudio/qwen/qwen3-32b']);
    expect(refusal(() => runEdit(doc(), { type: 'set-alias', input: { ref: 'litellm/gpt4o', alias: 'g' } })).suggestions).toEqual(['litellm/gpt-4o']);
  });

  it('passes listed models, providers that list nothing, undeclared providers and hosted catalogs', () => {
    for (const ref of ['litellm/gpt-4o', 'empty/anything', 'openrouter/some/model', 'anthropic/claude-sonnet-4-6']) {
      expect(() => runEdit(doc(), { type: 'set-primary', input: { ref } })).not.toThrow();
    }
  });

  it('never blocks reordering refs the file already names (a hand-written fallback stays movable)', () => {
    const r = runEdit(doc(), { type: 'set-primary', input: { ref: 'litellm/gpt-4-legacy' } });
    expect(r.text).toContain('primary: "litellm/gpt-4-legacy"');
    expect(() => runEdit(doc(), { type: 'set-fallbacks', input: { refs: ['litellm/gpt-4-legacy', 'litellm/claude-haiku'] } })).not.toThrow();
  });

  it('set-limits names the closest model when the ref is off by a typo', () => {
    const e = refusal(() => runEdit(doc(), { type: 'set-limits', input: { ref: 'litellm/gpt-4oo', contextWindow: 32768 } }));
    expect(e.message).toContain('Did you mean litellm/gpt-4o?');
  });
});

describe('addedRefs', () => {
  it('lists the routing and alias refs an edit added, not those already there', () => {
    const before = doc();
    const after = parseDocument(runEdit(before, { type: 'set-fallbacks', input: { refs: ['openai/gpt-6-sol', 'litellm/gpt-4-legacy'] } }).text);
    expect(addedRefs(before, after)).toEqual(['openai/gpt-6-sol']);
  });
});
