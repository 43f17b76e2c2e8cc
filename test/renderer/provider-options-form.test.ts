// The provider settings form: what it shows from the file and the one command it proposes, checked by
// the same zod union the engine parses, then run on the real json5 layer.
import { describe, expect, it } from 'vitest';
import { editCommandSchema } from '../../src/shared/config-edits';
import type { ConfigView } from '../../src/shared/contract';
import { runEdit } from '../../src/main/core/openclaw/edits';
import { getAt, parseDocument } from '../../src/main/core/openclaw/json5-document';
import { initialOptions, optionsCommand } from '../../src/renderer/src/screens/providers/provider-options-form';

const provider: ConfigView['providers'][number] = {
  id: 'ollama',
  api: 'ollama',
  baseUrl: 'http://127.0.0.1:11434',
  local: true,
  apiKey: { state: 'not-set' },
  options: { keepAlive: '30m', numCtx: 8192 },
  models: [{ id: 'qwen3:32b', contextTokens: 16000 }, { id: 'llama3:8b', contextTokens: 16000 }],
};
const FILE = `{ models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", api: "ollama", params: { keep_alive: "30m", num_ctx: 8192 },
  models: [{ id: "qwen3:32b", contextTokens: 16000 }, { id: "llama3:8b", contextTokens: 16000 }] } } } }`;

describe('provider settings form', () => {
  it('shows what the file has, and proposes only the changed knobs (emptied = removed)', () => {
    const initial = initialOptions(provider);
    expect(initial).toMatchObject({ timeoutSeconds: '', keepAlive: '30m', numCtx: '8192', contextTokens: '16000', preload: true });
    const r = optionsCommand(provider, initial, { ...initial, timeoutSeconds: '300', numCtx: '', keepAlive: '-1' });
    expect(r.command).toEqual({ type: 'set-provider-options', input: { provider: 'ollama', timeoutSeconds: 300, numCtx: null, keepAlive: -1 } });
    const cmd = editCommandSchema.parse(r.command);
    const text = runEdit(parseDocument(FILE), cmd).text;
    expect(getAt(parseDocument(text), ['models', 'providers', 'ollama'])).toMatchObject({ timeoutSeconds: 300, params: { keep_alive: -1 } });
    expect(getAt(parseDocument(text), ['models', 'providers', 'ollama', 'params', 'num_ctx'])).toBeUndefined();
  });

  it('refuses bad values field by field, and an unchanged form proposes nothing', () => {
    const initial = initialOptions(provider);
    expect(optionsCommand(provider, initial, { ...initial, timeoutSeconds: '0', keepAlive: 'soon' }).errors).toEqual({ timeoutSeconds: 'errPositive', keepAlive: 'errKeepAlive' });
    expect(optionsCommand(provider, initial, initial)).toEqual({ errors: {} });
    expect(optionsCommand(provider, initial, { ...initial, preload: false }).command?.input).toEqual({ provider: 'ollama', preload: false });
  });
});
