// The real `warmclaw daemon` process against a simulator: single instance, structured logs without
// secrets, graceful stop on SIGTERM, and a config edit picked up while it runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { cliRunner } from '../../helpers/cli';
import { exited } from '../../helpers/child';
import { tempDir } from '../../helpers/tmp';

const bin = resolve(__dirname, '../../../bin/warmclaw.mjs');
const SECRET = 'sk-warmclaw-test-secret-0123456789';
let sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

/** Waits for a line matching `re` on the child's stderr (bounded; not a timing assertion). */
function waitForLine(child: ReturnType<typeof spawn>, re: RegExp, ms = 60_000): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms; got:\n${buf}`)), ms);
    child.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => re.test(l));
      if (line) {
        clearTimeout(timer);
        resolveLine(line);
      }
    });
  });
}

describe('warmclaw daemon', () => {
  it('runs once per user, logs JSON without secrets, reloads on config edits and stops on SIGTERM', async () => {
    const sim = await startSimulator('lmstudio', { loadDelayMs: 10, apiKey: SECRET });
    sims.push(sim);
    const dir = tempDir();
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, `{\n  models: { mode: "merge", providers: { lmstudio: { baseUrl: "${sim.url}/v1", apiKey: "\${LMS_KEY}", api: "openai-responses", models: [{ id: "qwen2-vl-7b-instruct", name: "q", contextWindow: 32768, maxTokens: 4096 }] } } },\n  agents: { defaults: { model: { primary: "lmstudio/qwen2-vl-7b-instruct", fallbacks: ["anthropic/claude-opus-4-6"] } } },\n}\n`);
    const env = { PATH: process.env.PATH, HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: config, LMS_KEY: SECRET };
    // No port scan: only this simulator is watched (other tests' servers may be on the usual ports).
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));

    // --verbose: the JSON log lines on stderr too (without it the terminal gets only the status line).
    const daemon = spawn(process.execPath, [bin, 'daemon', '--verbose'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const up = await waitForLine(daemon, /"msg":"endpoint".*"health":"up"/);
      expect(JSON.parse(up)).toMatchObject({ level: 'info', kind: 'lmstudio', health: 'up' });
      expect(existsSync(join(dir, 'data', 'daemon.pid'))).toBe(true);

      // A second daemon refuses clearly (exit 4 = conflict) and leaves the first one alone.
      const second = spawnSync(process.execPath, [bin, 'daemon'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(second.status).toBe(4);
      expect(second.stderr).toContain('already running');

      // A config edit is picked up while running.
      writeFileSync(config, readFileSync(config, 'utf8').replace('contextWindow: 32768', 'contextWindow: 16384'));
      await waitForLine(daemon, /reloaded config and settings/);

      daemon.kill('SIGTERM');
      expect(await exited(daemon)).toBe(0);
      expect(existsSync(join(dir, 'data', 'daemon.pid'))).toBe(false);
      const log = readFileSync(join(dir, 'data', 'logs', 'daemon.log'), 'utf8');
      expect(log).toContain('"msg":"daemon started"');
      expect(log).not.toContain(SECRET);
      for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      // `warmclaw log` reads the file this daemon wrote.
      const shown = await cliRunner(env)('log', '--grep', 'daemon started');
      expect(shown.out).toMatch(/INFO +daemon started +\{"pid":\d+/);
    } finally {
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
  }, 120_000);
});
