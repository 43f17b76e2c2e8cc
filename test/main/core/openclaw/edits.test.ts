import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { WarmclawError } from '../../../../src/main/core/errors';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';

const doc = (t: string) => parseDocument(t);
const withModel = `{
  // local box
  models: {
    mode: "merge",
    providers: {
      lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", apiKey: "lmstudio", api: "openai-responses",
        models: [{ id: "qwen3-32b", name: "Qwen 3 32B", contextWindow: 32768, maxTokens: 4096, cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 } }] },
    },
  },
  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5"] } } },
}
`;

function thrown(fn: () => unknown): WarmclawError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WarmclawError);
    return e as WarmclawError;
  }
  throw new Error('expected an error');
}

describe('set-limits', () => {
  it("refuses a window below OpenClaw's 4000-token minimum", () => {
    const e = thrown(() => runEdit(doc(withModel), { type: 'set-limits', input: { ref: 'lmstudio/qwen3-32b', contextWindow: 3999 } }));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toContain('4000');
  });
  it('refuses maxTokens that would not fit the window (existing window counts)', () => {
    expect(thrown(() => runEdit(doc(withModel), { type: 'set-limits', input: { ref: 'lmstudio/qwen3-32b', maxTokens: 32768 } })).message).toContain('smaller than the context window');
  });
  it('warns below 16000, mentioning OpenClaw warns below 8000', () => {
    const r = runEdit(doc(withModel), { type: 'set-limits', input: { ref: 'lmstudio/qwen3-32b', contextWindow: 6000 } });
    expect(r.warnings.map((w) => w.code)).toEqual(['context-small']);
    expect(r.warnings[0]!.message).toContain('8000');
    expect(runEdit(doc(withModel), { type: 'set-limits', input: { ref: 'lmstudio/qwen3-32b', contextWindow: 16000 } }).warnings).toEqual([]);
  });
  it('names the models a provider has when the model is unknown', () => {
    const e = thrown(() => runEdit(doc(withModel), { type: 'set-limits', input: { ref: 'lmstudio/nope', contextWindow: 8192 } }));
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('qwen3-32b');
  });
});

describe('add-provider', () => {
  it('updates only the given fields of an existing model, keeping hand-tuned cost and name', () => {
    const r = runEdit(doc(withModel), { type: 'add-provider', input: { kind: 'lmstudio', models: [{ id: 'qwen3-32b', contextWindow: 65536 }] } });
    const m = JSON5.parse(r.text).models.providers.lmstudio.models[0];
    expect(m).toMatchObject({ name: 'Qwen 3 32B', contextWindow: 65536, cost: { input: 1, output: 2 } });
    expect(r.summary).toMatch(/^Updated/);
  });
  it('uses the native Ollama URL and api', () => {
    const p = JSON5.parse(runEdit(doc('{}'), { type: 'add-provider', input: { kind: 'ollama', models: [{ id: 'llama3.3:70b' }] } }).text).models.providers.ollama;
    expect(p).toMatchObject({ baseUrl: 'http://127.0.0.1:11434', api: 'ollama' });
    expect(p.models[0]).toMatchObject({ contextWindow: 196608, maxTokens: 8192, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } });
  });
  it('never flips an explicit "replace": it warns instead', () => {
    const r = runEdit(doc('{ models: { mode: "replace" } }'), { type: 'add-provider', input: { kind: 'vllm', models: [{ id: 'x' }] } });
    expect(JSON5.parse(r.text).models.mode).toBe('replace');
    expect(r.warnings.map((w) => w.code)).toContain('mode-replace');
  });
});

describe('routing', () => {
  it('set-primary removes the new primary from the fallbacks', () => {
    const r = runEdit(doc(withModel), { type: 'set-primary', input: { ref: 'openai/gpt-5' } });
    expect(JSON5.parse(r.text).agents.defaults.model).toEqual({ primary: 'openai/gpt-5', fallbacks: [] });
  });
  it('keeps a bare-string model a string when there are no fallbacks', () => {
    const r = runEdit(doc('{ agents: { defaults: { model: "a/b" } } }'), { type: 'set-primary', input: { ref: 'c/d' } });
    expect(r.text).toBe('{ agents: { defaults: { model: "c/d" } } }');
  });
  it('adds routed refs to an existing allowlist (agents.defaults.models)', () => {
    const r = runEdit(doc('{ agents: { defaults: { models: { "a/b": {} } } } }'), { type: 'set-fallbacks', input: { refs: ['c/d'] } });
    expect(JSON5.parse(r.text).agents.defaults.models).toEqual({ 'a/b': {}, 'c/d': {} });
  });
  it('refuses an alias already used by another model', () => {
    const t = '{ agents: { defaults: { models: { "a/b": { alias: "fast" } } } } }';
    expect(thrown(() => runEdit(doc(t), { type: 'set-alias', input: { ref: 'c/d', alias: 'fast' } })).message).toContain('a/b');
  });
  it('remove-alias keeps the allowlist entry', () => {
    const r = runEdit(doc('{ agents: { defaults: { models: { "a/b": { alias: "fast" } } } } }'), { type: 'remove-alias', input: { ref: 'a/b' } });
    expect(JSON5.parse(r.text).agents.defaults.models).toEqual({ 'a/b': {} });
  });
});

describe('local first', () => {
  it('on: local model leads, the previous primary heads the safety net; off restores the exact bytes', () => {
    const on = runEdit(doc(withModel), { type: 'local-first-on', input: {} });
    expect(JSON5.parse(on.text).agents.defaults.model).toEqual({ primary: 'lmstudio/qwen3-32b', fallbacks: ['anthropic/claude-opus-4-6', 'openai/gpt-5'] });
    expect(on.localFirst?.previous).toEqual({ primary: 'anthropic/claude-opus-4-6', fallbacks: ['openai/gpt-5'] });
    const off = runEdit(doc(on.text), { type: 'local-first-off', input: {} }, { localFirst: on.localFirst });
    expect(off.text).toBe(withModel);
    expect(off.localFirst).toBeNull();
  });
  it('on twice changes nothing and keeps the first memory', () => {
    const on = runEdit(doc(withModel), { type: 'local-first-on', input: {} });
    const again = runEdit(doc(on.text), { type: 'local-first-on', input: {} });
    expect(again.text).toBe(on.text);
    expect(again.localFirst).toBeUndefined();
  });
  it('refuses a hosted model as the local one, and a file without local providers', () => {
    expect(thrown(() => runEdit(doc(withModel), { type: 'local-first-on', input: { localRef: 'openai/gpt-5' } })).code).toBe('invalid-input');
    expect(thrown(() => runEdit(doc('{}'), { type: 'local-first-on', input: {} })).code).toBe('not-found');
  });
  it('off without memory explains what to do', () => {
    expect(thrown(() => runEdit(doc(withModel), { type: 'local-first-off', input: {} })).message).toContain('set-primary');
  });
});

describe('$include', () => {
  it('edits beside an include without inlining it, and says so', () => {
    const t = '{\n  agents: { "$include": "./agents.json5" },\n}\n';
    const r = runEdit(doc(t), { type: 'set-primary', input: { ref: 'a/b' } });
    expect(JSON5.parse(r.text).agents).toEqual({ $include: './agents.json5', defaults: { model: 'a/b' } });
    expect(r.warnings.find((w) => w.code === 'include-override')?.message).toContain('./agents.json5');
  });
});

describe('add-provider defaults', () => {
  it('keeps the default maxTokens below a small window', () => {
    const r = runEdit(doc('{}'), { type: 'add-provider', input: { kind: 'ollama', models: [{ id: 'gemma4', contextWindow: 8192 }] } });
    expect(JSON5.parse(r.text).models.providers.ollama.models[0]).toMatchObject({ contextWindow: 8192, maxTokens: 4096 });
  });
});

describe('add-provider layout in a one-line container', () => {
  const oneLine = `{
  // mine
  "models": { "mode": "merge", "providers": { "ollama": { "baseUrl": "http://127.0.0.1:11434", "api": "ollama", "models": [{ "id": "q", "name": "q" }] } } },
  "agents": { "defaults": { "model": "ollama/q" } }
}
`;

  it('puts the new block on its own lines, indented like the file, and removing it gives back the exact bytes', () => {
    const added = runEdit(doc(oneLine), { type: 'add-provider', input: { kind: 'lmstudio', models: [{ id: 'qwen3-8b', contextWindow: 32768 }] } });
    const lines = added.text.split('\n');
    expect(Math.max(...lines.map((l) => l.length)), added.text).toBeLessThanOrEqual(160);
    expect(lines.find((l) => l.includes('"lmstudio": {'))).toMatch(/^ {4}"lmstudio": \{$/);
    // Everything up to the end of the existing entry is byte-for-byte the same; only new bytes follow it.
    const kept = oneLine.indexOf('"name": "q" }] }') + '"name": "q" }] }'.length;
    expect(added.text.slice(0, kept)).toBe(oneLine.slice(0, kept));
    expect(added.text.endsWith(oneLine.slice(kept))).toBe(true);
    expect(JSON5.parse(added.text).models.providers.lmstudio.models[0].contextWindow).toBe(32768);
    const removed = runEdit(doc(added.text), { type: 'remove-provider', input: { id: 'lmstudio' } });
    expect(removed.text).toBe(oneLine);
  });

  it('keeps a short addition to a short one-line container on that line', () => {
    const t = '{\n  agents: { defaults: { models: { "a/b": {} } } },\n}\n';
    const r = runEdit(doc(t), { type: 'set-alias', input: { ref: 'c/d', alias: 'fast' } });
    expect(r.text.split('\n')[1]).toBe('  agents: { defaults: { models: { "a/b": {}, "c/d": { "alias": "fast" } } } },');
  });

  it('leaves a file written on one line on one line', () => {
    const t = oneLine.replace(/\n\s*/g, ' ').replace('// mine ', '');
    const r = runEdit(doc(t), { type: 'add-provider', input: { kind: 'lmstudio', models: [{ id: 'qwen3-8b' }] } });
    expect(r.text.trimEnd()).not.toMatch(/\n/);
  });
});
