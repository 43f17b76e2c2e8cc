// `warmclaw config set-provider`: OpenClaw's provider knobs from the command line, through the real
// entry point and the real file writer (no validator here: provider-options.test.ts runs OpenClaw).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

const FILE = `{
  models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", api: "ollama", models: [{ id: "qwen3:32b", name: "Qwen3" }] } } },
}
`;

function setup() {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, FILE, { mode: 0o600 });
  const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
  const run = cliRunner(env);
  const provider = () => JSON5.parse(readFileSync(path, 'utf8')).models.providers.ollama;
  return { run, provider };
}

describe('warmclaw config set-provider', () => {
  it('sets and unsets the knobs at OpenClaw\'s levels', async () => {
    const { run, provider } = setup();
    const r = await run('config', 'set-provider', 'ollama', '--timeout-seconds', '300', '--keep-alive', '30m', '--num-ctx', '32768', '--no-preload', '--context-tokens', '24000');
    expect(r.code, r.err).toBe(0);
    expect(provider()).toMatchObject({ timeoutSeconds: 300, params: { keep_alive: '30m', num_ctx: 32768, preload: false } });
    expect(provider().models[0].contextTokens).toBe(24000);
    expect((await run('config', 'set-provider', 'ollama', '--keep-alive=-1')).code).toBe(0);
    expect(provider().params.keep_alive).toBe(-1);
    expect((await run('config', 'set-provider', 'ollama', '--unset', 'keep-alive', '--unset', 'num-ctx', '--unset', 'preload', '--unset', 'context-tokens')).code).toBe(0);
    expect(provider().params).toBeUndefined();
    expect(provider().models[0].contextTokens).toBeUndefined();
    expect(provider().timeoutSeconds).toBe(300);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const { run, provider } = setup();
    const before = provider();
    const cases = [
      ['config', 'set-provider', 'ollama'],
      ['config', 'set-provider', 'ollama', '--keep-alive', 'soon'],
      ['config', 'set-provider', 'ollama', '--timeout-seconds', 'ten'],
      ['config', 'set-provider', 'ollama', '--unset', 'colour'],
      ['config', 'set-provider', 'ollama', '--idle-stop-ms', '60000'],
    ];
    for (const c of cases) {
      const r = await run(...c);
      expect(r.code, c.join(' ')).toBeGreaterThan(0);
      expect(r.err.length, c.join(' ')).toBeGreaterThan(0);
    }
    expect(provider()).toEqual(before);
  });
});
