// remove-provider: the block goes losslessly (comments and the rest byte-for-byte), a provider still
// named by routing, aliases or agents is refused with the list, and --with-refs drops them in one diff.
import { describe, expect, it } from 'vitest';
import JSON5 from 'json5';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { WarmclawError } from '../../../../src/main/core/errors';

const FILE = `{
  // my setup
  models: {
    mode: "merge",
    providers: {
      lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-responses", models: [{ id: "qwen3-8b", name: "Qwen" }] },
      // the GPU box
      ollama: {
        baseUrl: "http://127.0.0.1:11434",
        api: "ollama",
        models: [{ id: "qwen3:32b", name: "Qwen 32B" }],
      },
    },
  },
  agents: {
    defaults: {
      model: { primary: "ollama/qwen3:32b", fallbacks: ["lmstudio/qwen3-8b", "anthropic/claude-sonnet-4-6"] }, // hosted last
      models: { "ollama/qwen3:32b": { alias: "big" }, "lmstudio/qwen3-8b": {} },
    },
    list: [{ id: "coder", model: "ollama/qwen3:32b" }, { id: "writer", model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: ["ollama/qwen3:32b"] } }],
  },
}
`;

describe('remove-provider', () => {
  it('refuses while routing, aliases or agents name it, listing each place', () => {
    const doc = parseDocument(FILE);
    let err: unknown;
    try {
      runEdit(doc, { type: 'remove-provider', input: { id: 'ollama' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WarmclawError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/4 places still name a model of "ollama"/);
    expect(msg).toContain('agents.defaults.model: ollama/qwen3:32b (the primary model)');
    expect(msg).toContain('(an alias)');
    expect(msg).toContain("agents.list[0].model: ollama/qwen3:32b (an agent's model)");
    expect(msg).toContain("agents.list[1].model: ollama/qwen3:32b (an agent's fallback)");
    expect(msg).toMatch(/--with-refs/);
  });

  it('with refs: one change, the next fallback becomes primary, every other byte kept', () => {
    const doc = parseDocument(FILE);
    const r = runEdit(doc, { type: 'remove-provider', input: { id: 'ollama', withRefs: true } });
    const v = JSON5.parse(r.text);
    expect(v.models.providers).not.toHaveProperty('ollama');
    expect(v.models.providers.lmstudio.models[0].id).toBe('qwen3-8b');
    expect(v.agents.defaults.model).toEqual({ primary: 'lmstudio/qwen3-8b', fallbacks: ['anthropic/claude-sonnet-4-6'] });
    expect(v.agents.defaults.models).toEqual({ 'lmstudio/qwen3-8b': {} });
    // The coder agent follows the defaults again; the writer keeps its hosted primary without the fallback.
    expect(v.agents.list[0]).toEqual({ id: 'coder' });
    expect(v.agents.list[1].model).toBe('anthropic/claude-sonnet-4-6');
    expect(r.text).toContain('// my setup');
    expect(r.text).toContain('// hosted last');
    // Lossless: a hand-written comment is never deleted, even one above the removed block.
    expect(r.text).toContain('// the GPU box');
    expect(r.summary).toBe('Removed provider ollama and 4 references to it');
  });

  it('a provider nobody names goes alone; an unknown id says which ones exist', () => {
    const doc = parseDocument(FILE.replace('"lmstudio/qwen3-8b", ', '').replace(', "lmstudio/qwen3-8b": {}', ''));
    const r = runEdit(doc, { type: 'remove-provider', input: { id: 'lmstudio' } });
    expect(JSON5.parse(r.text).models.providers).toHaveProperty('ollama');
    expect(JSON5.parse(r.text).models.providers).not.toHaveProperty('lmstudio');
    expect(() => runEdit(doc, { type: 'remove-provider', input: { id: 'vllm' } })).toThrow(/no provider "vllm".*declared: lmstudio, ollama/);
  });
});
