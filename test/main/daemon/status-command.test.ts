// `warmclaw status` through the real CLI and a simulator: the shared state words, the routing role of
// each model (a dead server's configured primary is named as such), and rows that fit the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/daemon/cli';
import { startSimulator, type Simulator } from '../../sim';
import { tempDir } from '../../helpers/tmp';

async function run(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A port nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('warmclaw status', () => {
  let sim: Simulator | undefined;
  afterAll(async () => sim?.close());

  it('names a dead server\'s configured primary, uses the shared state words and fits COLUMNS', async () => {
    sim = await startSimulator('lmstudio', { loaded: ['meta-llama-3.1-8b-instruct'] });
    const deadPort = await freePort();
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
    const config = join(dir, 'openclaw.json');
    writeFileSync(
      config,
      JSON.stringify({
        models: {
          providers: {
            ollama: { baseUrl: `http://127.0.0.1:${deadPort}`, api: 'ollama', models: [{ id: 'qwen3:32b-a-very-long-model-name-that-would-push-the-table-wide', name: 'q' }] },
            lmstudio: { baseUrl: `${sim.url}/v1`, api: 'openai-completions', models: [{ id: 'meta-llama-3.1-8b-instruct', name: 'l' }] },
          },
        },
        agents: { defaults: { model: { primary: 'ollama/qwen3:32b-a-very-long-model-name-that-would-push-the-table-wide', fallbacks: ['lmstudio/meta-llama-3.1-8b-instruct'] } } },
      }),
    );
    const env = { HOME: dir, WARMCLAW_DATA_DIR: data, OPENCLAW_CONFIG_PATH: config, PATH: '/usr/bin:/bin' };
    const table = async (columns: number) => {
      const r = await run({ ...env, COLUMNS: String(columns) }, 'status', '--no-scan');
      expect(r.code).toBe(0);
      // The table (findings after it are prose and may wrap like any paragraph).
      const lines = r.out.split('\n').filter((l) => !/^(warning|info|error): /.test(l));
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
      return lines;
    };
    const wide = await table(220);
    expect(wide[0]).toMatch(/^ENDPOINT\s+KIND\s+STATE\s+LATENCY\s+MODEL\s+MODEL STATE\s+CONTEXT server\/config\s+UNLOADS IN\s+WARM\s+ROUTING$/);
    // Not "?" and "(no models)": what it is not, and which model the config expects of it, as primary.
    expect(wide.find((l) => l.includes(`:${deadPort}`))).toMatch(/not identified\s+down\s+—\s+qwen3:32b-a-very-long-model-name-that-would-push-the-table-wide\s+server down.*primary$/);

    const lines = await table(100);
    const dead = lines.find((l) => l.includes(`:${deadPort}`))!;
    expect(dead).toMatch(/down\s+qwen3:32b.*…\s+server down.*primary$/);
    const live = wide.find((l) => l.includes('meta-llama-3.1-8b-instruct'))!;
    expect(live).toMatch(/LM Studio\s+up/);
    // The server's columns only on its first row.
    const next = wide[wide.indexOf(live) + 1]!;
    expect(next).toMatch(/^\s+\S/);
    expect(next).not.toContain('LM Studio');
    expect(live).toMatch(/loaded at [\d,]+ context/);
    expect(live).toMatch(/fallback 1$/);
  });

  it('a model the runtime is loading reads "loading… N s"', async () => {
    // llama.cpp's router loads a model for 60 s (real time; the simulator closes before that).
    const router = await startSimulator('llamacpp', { router: true, models: [{ id: 'qwen3-8b', maxContext: 40960 }], loadDelayMs: 60_000 });
    try {
      const res = await fetch(`${router.url}/models/load`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'qwen3-8b' }) });
      expect(res.status).toBe(200);
      const dir = tempDir();
      const data = join(dir, 'data');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
      const config = join(dir, 'openclaw.json');
      writeFileSync(config, JSON.stringify({ models: { providers: { llamacpp: { baseUrl: `${router.url}/v1`, api: 'openai-completions', models: [{ id: 'qwen3-8b', name: 'q' }] } } } }));
      const r = await run({ HOME: dir, WARMCLAW_DATA_DIR: data, OPENCLAW_CONFIG_PATH: config, PATH: '/usr/bin:/bin', COLUMNS: '200' }, 'status', '--no-scan');
      expect(r.code).toBe(0);
      expect(r.out.split('\n').find((l) => l.includes('qwen3-8b'))).toMatch(/llama\.cpp\s+up.*qwen3-8b\s+loading… \d+ s/);
    } finally {
      await router.close();
    }
  });
});
