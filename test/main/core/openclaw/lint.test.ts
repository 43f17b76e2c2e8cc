import { describe, expect, it } from 'vitest';
import { lintConfig } from '../../../../src/main/core/openclaw/lint';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { noteSharedCorpus, realConfigs } from '../../../helpers/corpus';

const codes = (text: string, facts?: Parameters<typeof lintConfig>[1]) => lintConfig(parseDocument(text), facts).map((w) => w.code);

const provider = (id: string, baseUrl: string, api: string, modelId = 'qwen3-32b', extra = '') =>
  `{ models: { mode: "merge", providers: { ${JSON.stringify(id)}: { baseUrl: ${JSON.stringify(baseUrl)}, api: ${JSON.stringify(api)}, models: [{ id: ${JSON.stringify(modelId)}, name: "m", contextWindow: 32768, maxTokens: 4096 }] } } }${extra} }`;

describe('lintConfig', () => {
  it('flags Ollama behind /v1 and offers the native URL as the fix', () => {
    const ws = lintConfig(parseDocument(provider('ollama', 'http://127.0.0.1:11434/v1', 'openai-completions')));
    const w = ws.find((x) => x.code === 'ollama-v1');
    expect(w?.fix?.command).toEqual({ type: 'set-base-url', input: { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', api: 'ollama' } });
  });

  it('the ollama-v1 fix, applied, clears the warning', () => {
    const doc = parseDocument(provider('ollama', 'http://127.0.0.1:11434/v1', 'openai-completions'));
    const fix = lintConfig(doc).find((x) => x.code === 'ollama-v1')!.fix!.command;
    expect(codes(runEdit(doc, fix).text)).not.toContain('ollama-v1');
  });

  it('flags localhost, and plain http to a LAN host', () => {
    expect(codes(provider('lmstudio', 'http://localhost:1234/v1', 'openai-responses'))).toContain('localhost');
    expect(codes(provider('vllm', 'http://192.168.1.20:8000/v1', 'openai-responses'))).toContain('plain-http-remote');
    expect(codes(provider('vllm', 'http://127.0.0.1:8000/v1', 'openai-responses'))).not.toContain('plain-http-remote');
  });

  it.each(['llama3.2:3b', 'qwen2.5-7b-instruct', 'Qwen3-8B-GGUF', 'mistral-small-q2_k', 'phi-3-mini-IQ2_XS', 'gemma-2b'])('warns that %s looks small or heavily quantized', (id) => {
    expect(codes(provider('lmstudio', 'http://127.0.0.1:1234/v1', 'openai-responses', id))).toContain('small-model');
  });

  it.each(['qwen3-32b', 'llama3.3:70b', 'MiniMax-M2.1', 'gpt-oss-120b', 'qwen3-coder-30b-a3b-q8_0'])('does not flag %s', (id) => {
    expect(codes(provider('lmstudio', 'http://127.0.0.1:1234/v1', 'openai-responses', id))).not.toContain('small-model');
  });

  it('flags unknown refs but not built-in hosted providers', () => {
    const extra = ', agents: { defaults: { model: { primary: "lmstudio/qwen3-32b", fallbacks: ["lmstudio/nope", "madeup/x", "anthropic/claude-opus-4-6"] } } }';
    const ws = codes(provider('lmstudio', 'http://127.0.0.1:1234/v1', 'openai-responses', 'qwen3-32b', extra));
    expect(ws).toContain('unknown-model');
    expect(ws).toContain('unknown-provider');
    expect(ws.filter((c) => c.startsWith('unknown-'))).toHaveLength(2);
  });

  it('flags a context window above what the server loaded, with the fix', () => {
    const doc = parseDocument(provider('lmstudio', 'http://127.0.0.1:1234/v1', 'openai-responses'));
    const w = lintConfig(doc, new Map([['lmstudio/qwen3-32b', { maxContext: 131072, loadedContext: 8192 }]])).find((x) => x.code === 'context-above-server');
    expect(w?.fix?.command).toEqual({ type: 'set-limits', input: { ref: 'lmstudio/qwen3-32b', contextWindow: 8192 } });
  });

  it('flags a local primary without compaction, and the fix clears it', () => {
    const extra = ', agents: { defaults: { model: "lmstudio/qwen3-32b" } }';
    const doc = parseDocument(provider('lmstudio', 'http://127.0.0.1:1234/v1', 'openai-responses', 'qwen3-32b', extra));
    const w = lintConfig(doc).find((x) => x.code === 'compaction-off');
    expect(w).toBeDefined();
    expect(codes(runEdit(doc, w!.fix!.command).text)).not.toContain('compaction-off');
  });

  it('flags models.mode missing or replace while fallbacks name hosted models', () => {
    const routing = 'agents: { defaults: { model: { primary: "lmstudio/q", fallbacks: ["openai/gpt-5"] } } }';
    expect(codes(`{ models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", models: [{ id: "q", name: "q" }] } } }, ${routing} }`)).toContain('mode-missing');
    expect(codes(`{ models: { mode: "replace", providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", models: [{ id: "q", name: "q" }] } } }, ${routing} }`)).toContain('mode-replace');
    expect(codes(`{ models: { mode: "merge", providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", models: [{ id: "q", name: "q" }] } } }, ${routing} }`)).not.toContain('mode-replace');
  });

  noteSharedCorpus();
  it('runs on every corpus config without throwing', () => {
    for (const f of realConfigs()) expect(() => lintConfig(parseDocument(f.text)), f.name).not.toThrow();
  });
});
