// The CLI through its real entry point (in-process runCli for breadth, one real `bin/warmclaw.mjs`
// spawn to prove `npx warmclaw` works). No validator here: that is covered with the real OpenClaw.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/daemon/cli';
import { ManualClock } from '../../../src/main/core/clock';
import { startSimulator } from '../../sim';
import { cliRunner } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

const repo = resolve(__dirname, '../../..');

function setup(text?: string) {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  if (text !== undefined) writeFileSync(path, text, { mode: 0o600 });
  // PATH without an openclaw binary: these tests cover the CLI itself, not the validator.
  const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
  const run = cliRunner(env);
  return { dir, path, env, run };
}

describe('warmclaw CLI', () => {
  it('builds the guide LM Studio setup from an empty file, then undoes it', async () => {
    const { path, run } = setup();
    expect((await run('config', 'add-provider', 'lmstudio', '--model', 'minimax/minimax-m2.1', '--name', 'MiniMax M2.1')).code).toBe(0);
    expect((await run('config', 'set-primary', 'anthropic/claude-opus-4-6')).code).toBe(0);
    const on = await run('local-first', 'on');
    expect(on.code).toBe(0);
    expect(on.out).toContain('Local first on');
    const cfg = JSON5.parse(readFileSync(path, 'utf8'));
    expect(cfg.agents.defaults.model).toEqual({ primary: 'lmstudio/minimax/minimax-m2.1', fallbacks: ['anthropic/claude-opus-4-6'] });
    expect(cfg.models.providers.lmstudio.models[0]).toMatchObject({ contextWindow: 196608, maxTokens: 8192 });
    const status = await run('--json', 'local-first', 'status');
    expect(JSON.parse(status.out)).toMatchObject({ ok: true, data: { on: true, remembered: true } });
    expect((await run('local-first', 'off')).code).toBe(0);
    expect(JSON5.parse(readFileSync(path, 'utf8')).agents.defaults.model).toBe('anthropic/claude-opus-4-6');
    const backups = JSON.parse((await run('config', 'backups', '--json')).out);
    expect(backups.data.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a model the provider does not list (exit 2, closest names) and prints only the warnings a write adds', async () => {
    const { path, run } = setup();
    expect((await run('config', 'add-provider', 'litellm', '--model', 'gpt-4o')).code).toBe(0);
    const typo = await run('config', 'set-primary', 'litellm/gpt-4oo');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('Did you mean litellm/gpt-4o?');
    const json = await run('--json', 'config', 'fallbacks', 'litellm/gpt-4o', 'litellm/gpt-40');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: { code: 'invalid-input', suggestions: ['litellm/gpt-4o'] } });
    expect(JSON5.parse(readFileSync(path, 'utf8')).agents).toBeUndefined();
    // A ref to a provider nobody declared: warned once, by the write that added it.
    const first = await run('config', 'fallbacks', 'nosuch/model-a');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/warning: nosuch\/model-a: no provider "nosuch"/);
    const second = await run('config', 'set-primary', 'litellm/gpt-4o');
    expect(second.code).toBe(0);
    expect(second.out).not.toContain('nosuch');
  });

  it('config set-model sets reasoning (on and off) and input kinds, and refuses an empty change', async () => {
    const { path, run } = setup();
    expect((await run('config', 'add-provider', 'lmstudio', '--model', 'qwen/qwen3-32b', '--context-window', '32768')).code).toBe(0);
    expect((await run('config', 'set-model', 'lmstudio/qwen/qwen3-32b', '--reasoning', '--input', 'text,image', '--name', 'Qwen3 32B')).code).toBe(0);
    let model = JSON5.parse(readFileSync(path, 'utf8')).models.providers.lmstudio.models[0];
    expect(model).toMatchObject({ id: 'qwen/qwen3-32b', name: 'Qwen3 32B', reasoning: true, input: ['text', 'image'], contextWindow: 32768 });
    expect((await run('config', 'set-model', 'lmstudio/qwen/qwen3-32b', '--no-reasoning')).code).toBe(0);
    model = JSON5.parse(readFileSync(path, 'utf8')).models.providers.lmstudio.models[0];
    expect(model.reasoning).toBe(false);
    expect((await run('config', 'set-model', 'lmstudio/qwen/qwen3-32b')).code).toBe(2);
    expect((await run('config', 'set-model', 'lmstudio/qwen/qwen3-32b', '--input', 'audio')).code).toBe(2);
  });

  it('status is read-only: no inference, no load, no unload, and it shows the state the server has', async () => {
    const sim = await startSimulator('lmstudio', { clock: new ManualClock(), models: [{ id: 'qwen/qwen3-8b', maxContext: 131072 }] });
    try {
      const { run } = setup(`{
  models: { providers: { lmstudio: { baseUrl: "${sim.url}/v1", api: "openai-completions", models: [{ id: "qwen/qwen3-8b", name: "q", contextWindow: 32768 }] } } },
  agents: { defaults: { model: "lmstudio/qwen/qwen3-8b" } },
}
`);
      const r = await run('--json', 'status', '--no-scan');
      expect(r.code, r.err).toBe(0);
      const data = JSON.parse(r.out).data;
      expect(data.endpoints[0].models.find((m: { id: string }) => m.id === 'qwen/qwen3-8b')).toMatchObject({ state: 'not-loaded' });
      const st = sim.stats();
      expect(st.inferenceRequests - st.pings).toBe(0); // the only POST allowed is the no-such-model route probe
      expect(st.loads).toBe(0);
      expect(st.pinnedLoads).toBe(0);
      expect(st.unloads).toBe(0);
      expect(sim.state().loaded).toEqual([]);
      expect(Object.keys(st.paths).filter((k) => k.startsWith('POST') && k !== 'POST /v1/responses')).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('local-first status says when and why auto-failover set the routing', async () => {
    const { env, run } = setup('{\n  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: [] } } },\n}\n');
    mkdirSync(env.WARMCLAW_DATA_DIR, { recursive: true });
    const sw = { direction: 'to-hosted', at: Date.UTC(2026, 11, 4, 14, 2), localRef: 'lmstudio/qwen/qwen3-8b', primary: 'anthropic/claude-opus-4-6', reason: 'lmstudio/qwen/qwen3-8b has been unusable for 61 s: connection refused' };
    writeFileSync(join(env.WARMCLAW_DATA_DIR, 'failover.json'), JSON.stringify(sw));
    const text = await run('local-first', 'status');
    expect(text.out).toMatch(/^Local first is off: primary anthropic\/claude-opus-4-6\.\nAuto-failover switched to hosted first at .+: lmstudio\/qwen\/qwen3-8b has been unusable for 61 s: connection refused\.$/);
    expect(JSON.parse((await run('--json', 'local-first', 'status')).out).data.failover).toEqual(sw);
    // A routing the user changed since then is theirs: no failover line.
    writeFileSync(join(env.WARMCLAW_DATA_DIR, 'failover.json'), JSON.stringify({ ...sw, primary: 'openai/gpt-5.1' }));
    expect((await run('local-first', 'status')).out).not.toMatch(/Auto-failover/);
  });

  it('config diff prints a unified diff and writes nothing', async () => {
    const text = '{\n  // mine\n  agents: { defaults: { model: "a/b" } },\n}\n';
    const { path, run } = setup(text);
    const r = await run('config', 'diff', 'set-primary', 'c/d');
    expect(r.code).toBe(0);
    expect(r.out).toContain('-  agents: { defaults: { model: "a/b" } },');
    expect(r.out).toContain('+  agents: { defaults: { model: "c/d" } },');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('exit codes: 1 usage, 2 invalid file/input, 3 read-only, with a JSON error shape', async () => {
    const { run, env } = setup('{ a: 1, # nope\n}');
    expect((await run('config', 'frobnicate')).code).toBe(1);
    expect((await run('--bogus')).code).toBe(1);
    const bad = await run('--json', 'config', 'set-primary', 'x/y');
    expect(bad.code).toBe(2);
    const payload = JSON.parse(bad.out);
    expect(payload).toMatchObject({ ok: false, error: { code: 'invalid-file', line: 1, column: 9 } });
    expect((await run('config', 'set-primary', 'not-a-ref')).code).toBe(2);
    const ro = await runCli(['config', 'set-primary', 'a/b'], { out: () => {}, err: () => {}, env: { ...env, OPENCLAW_CONFIG_READONLY: '1' } });
    expect(ro).toBe(3);
  });

  it('errors are one readable paragraph on stderr', async () => {
    const { run } = setup('{}');
    const r = await run('config', 'set-limits', 'lmstudio/x', '--context-window', '2048');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^warmclaw: There is no provider "lmstudio"/);
    // A missing argument says which, and shows that command's usage line (not zod's "Invalid input").
    const missing = await run('config', 'alias', 'openai/gpt-4.1');
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toBe('warmclaw: config alias: alias is missing. Usage: warmclaw config alias <provider/model> <alias> | config alias <provider/model> --remove');
    expect((await run('config', 'set-primary')).err).toMatch(/^warmclaw: config set-primary: ref is missing\. Usage: warmclaw config set-primary <provider\/model>$/m);
  });

  it('runs as a real process through bin/warmclaw.mjs (what npx warmclaw runs)', () => {
    const { path, env } = setup('{}\n');
    const out = execFileSync(process.execPath, [join(repo, 'bin', 'warmclaw.mjs'), 'config', 'path', '--json'], { env: { ...env, PATH: process.env.PATH }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ ok: true, data: { path, source: 'OPENCLAW_CONFIG_PATH', readOnly: false, readOnlyReason: null, writable: true } });
    const help = spawnSync(process.execPath, [join(repo, 'bin', 'warmclaw.mjs'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('local-first on');
  });
});
