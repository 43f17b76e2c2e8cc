// OpenClaw's own provider knobs (timeoutSeconds, params.keep_alive/num_ctx/preload,
// localService.idleStopMs, per-model contextTokens) through the real json5 layer, the lint that
// suggests a cold-load timeout, and the pinned OpenClaw CLI judging the files we write.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { editCommandSchema } from '../../../../src/shared/config-edits';
import { runEdit } from '../../../../src/main/core/openclaw/edits';
import { getAt, parseDocument } from '../../../../src/main/core/openclaw/json5-document';
import { lintConfig } from '../../../../src/main/core/openclaw/lint';
import { findOpenclaw, validateWithOpenclaw, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { keepWarmTargetsFromConfig, keptWarmByKeeper } from '../../../../src/main/core/warm/index';

const OLLAMA = `{
  // local models
  models: {
    mode: "merge",
    providers: {
      ollama: {
        baseUrl: "http://127.0.0.1:11434", // native API
        api: "ollama",
        apiKey: "ollama-local",
        models: [
          { id: "qwen3:32b", name: "Qwen3 32B", contextWindow: 32768 },
          { id: "llama3.3:70b", name: "Llama 3.3", contextWindow: 131072 },
        ],
      },
    },
  },
}
`;

const set = (text: string, input: Record<string, unknown>) =>
  runEdit(parseDocument(text), editCommandSchema.parse({ type: 'set-provider-options', input: { provider: 'ollama', ...input } }));
const at = (text: string, ...path: (string | number)[]) => getAt(parseDocument(text), ['models', 'providers', 'ollama', ...path]);

describe('set-provider-options', () => {
  it('writes each knob where OpenClaw has it and keeps comments', () => {
    const r = set(OLLAMA, { timeoutSeconds: 300, keepAlive: '30m', numCtx: 32768, preload: false, contextTokens: 24000 });
    expect(at(r.text, 'timeoutSeconds')).toBe(300);
    expect(at(r.text, 'params')).toEqual({ keep_alive: '30m', num_ctx: 32768, preload: false });
    expect(at(r.text, 'models', 0, 'contextTokens')).toBe(24000);
    expect(at(r.text, 'models', 1, 'contextTokens')).toBe(24000);
    expect(r.text).toContain('// native API');
    expect(r.summary).toContain('timeoutSeconds=300');
  });

  it('contextTokens on one model only', () => {
    const r = set(OLLAMA, { contextTokens: 16000, model: 'llama3.3:70b' });
    expect(at(r.text, 'models', 0, 'contextTokens')).toBeUndefined();
    expect(at(r.text, 'models', 1, 'contextTokens')).toBe(16000);
    expect(() => set(OLLAMA, { contextTokens: 16000, model: 'nope' })).toThrow(/no model "nope"/);
  });

  it('null removes a knob; removing the last param removes params; removing an absent knob changes nothing', () => {
    const on = set(OLLAMA, { timeoutSeconds: 300, keepAlive: '30m', numCtx: 8192 }).text;
    const less = set(on, { keepAlive: null }).text;
    expect(at(less, 'params')).toEqual({ num_ctx: 8192 });
    const off = set(less, { numCtx: null, timeoutSeconds: null }).text;
    expect(at(off, 'params')).toBeUndefined();
    expect(at(off, 'timeoutSeconds')).toBeUndefined();
    expect(set(OLLAMA, { preload: null, timeoutSeconds: null }).text).toBe(OLLAMA);
  });

  it('idle stop only on an existing localService, and bad input is refused clearly', () => {
    expect(() => set(OLLAMA, { idleStopMs: 60000 })).toThrow(/has no localService/);
    const withService = OLLAMA.replace('apiKey: "ollama-local",', 'apiKey: "ollama-local",\n        localService: { command: "/usr/local/bin/ollama", args: ["serve"] },');
    expect(at(set(withService, { idleStopMs: 60000 }).text, 'localService')).toEqual({ command: '/usr/local/bin/ollama', args: ['serve'], idleStopMs: 60000 });
    expect(() => editCommandSchema.parse({ type: 'set-provider-options', input: { provider: 'ollama' } })).toThrow(/at least one setting/);
    expect(() => editCommandSchema.parse({ type: 'set-provider-options', input: { provider: 'ollama', keepAlive: 'soon' } })).toThrow(/duration/);
    expect(() => editCommandSchema.parse({ type: 'set-provider-options', input: { provider: 'ollama', timeoutSeconds: 0 } })).toThrow();
    expect(() => set(OLLAMA, { provider: 'nope', timeoutSeconds: 1 })).toThrow(/no provider "nope"/);
  });
});

describe('lint: a local provider without a cold-load timeout', () => {
  it('is found, with a one-click fix (timeout + keep_alive for Ollama) that clears it', () => {
    const w = lintConfig(parseDocument(OLLAMA)).find((x) => x.code === 'no-cold-load-timeout');
    expect(w?.path).toBe('models.providers.ollama.timeoutSeconds');
    expect(w?.fix?.command).toEqual({ type: 'set-provider-options', input: { provider: 'ollama', timeoutSeconds: 300, keepAlive: '30m' } });
    const fixed = runEdit(parseDocument(OLLAMA), w!.fix!.command).text;
    expect(lintConfig(parseDocument(fixed)).some((x) => x.code === 'no-cold-load-timeout')).toBe(false);
  });

  it('keeps a keep_alive the user chose, and suggests none for runtimes that do not read it', () => {
    const chosen = set(OLLAMA, { keepAlive: -1 }).text;
    expect(lintConfig(parseDocument(chosen)).find((x) => x.code === 'no-cold-load-timeout')?.fix?.command.input).toEqual({ provider: 'ollama', timeoutSeconds: 300 });
    const lms = OLLAMA.replace('"http://127.0.0.1:11434"', '"http://127.0.0.1:1234/v1"').replace('api: "ollama"', 'api: "openai-responses"');
    expect(lintConfig(parseDocument(lms)).find((x) => x.code === 'no-cold-load-timeout')?.fix?.command.input).toEqual({ provider: 'ollama', timeoutSeconds: 300 });
  });

  it('says nothing about a hosted provider', () => {
    const hosted = OLLAMA.replace('"http://127.0.0.1:11434"', '"https://api.example.com/v1"').replace('api: "ollama"', 'api: "openai-responses"');
    expect(lintConfig(parseDocument(hosted)).some((x) => x.code === 'no-cold-load-timeout')).toBe(false);
  });
});

describe('OpenClaw itself accepts the knobs', () => {
  let cli: OpenclawCli;
  beforeAll(async () => {
    const found = await findOpenclaw({ configuredPath: await ensureOpenclaw() });
    if (!found) throw new Error('the pinned OpenClaw CLI in .cache/openclaw did not run');
    cli = found;
  });

  it('the lint fix and every knob at once pass `openclaw config validate`', async () => {
    const w = lintConfig(parseDocument(OLLAMA)).find((x) => x.code === 'no-cold-load-timeout')!;
    const fixed = runEdit(parseDocument(OLLAMA), w.fix!.command).text;
    const withService = fixed.replace('apiKey: "ollama-local",', 'apiKey: "ollama-local",\n        localService: { command: "/usr/local/bin/ollama", args: ["serve"] },');
    const all = set(withService, { numCtx: 32768, preload: false, contextTokens: 24000, idleStopMs: 600000 }).text;
    for (const text of [fixed, all]) {
      const report = await validateWithOpenclaw(cli, text);
      expect(report.issues).toEqual([]);
      expect(report.valid).toBe(true);
    }
  }, 120_000);
});

describe('localService.idleStopMs: a server OpenClaw is meant to stop is not kept warm', () => {
  const withIdle = (ms: number) =>
    OLLAMA.replace('apiKey: "ollama-local",', `apiKey: "ollama-local",\n        localService: { command: "/usr/local/bin/ollama", args: ["serve"], idleStopMs: ${ms} },`);

  it('the keeper leaves its models alone, and lint says why', () => {
    const [c] = keepWarmTargetsFromConfig(parseDocument(withIdle(600000)), ['ollama/qwen3:32b']);
    expect(c?.openclawIdleStopMs).toBe(600000);
    expect(keptWarmByKeeper(c!)).toBe(false);
    const w = lintConfig(parseDocument(withIdle(600000))).find((x) => x.code === 'idle-stop-not-kept-warm');
    expect(w?.path).toBe('models.providers.ollama.localService.idleStopMs');
    expect(w?.message).toContain('600000 ms');
  });

  it('0 (OpenClaw keeps it until it exits) and no localService keep warm as before', () => {
    for (const text of [withIdle(0), OLLAMA]) {
      const [c] = keepWarmTargetsFromConfig(parseDocument(text), ['ollama/qwen3:32b']);
      expect(keptWarmByKeeper(c!)).toBe(true);
      expect(lintConfig(parseDocument(text)).some((x) => x.code === 'idle-stop-not-kept-warm')).toBe(false);
    }
  });
});
