// `warmclaw config add-provider` asks the server first, as the UI's two-click add does: the names,
// context, thinking and vision the simulator reports end up in the file; flags the user typed win;
// a server that does not answer leaves OpenClaw's defaults and says so.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim';
import { cliRunner } from '../../helpers/cli';
import { tempDir } from '../../helpers/tmp';

function setup() {
  const dir = tempDir();
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, '{\n  // mine\n}\n');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: path, PATH: '/usr/bin:/bin' };
  const run = cliRunner(env);
  return { path, run };
}

describe('config add-provider uses the server\'s facts', () => {
  let sim: Simulator | undefined;
  afterAll(async () => sim?.close());

  it('names, context, reasoning and vision from LM Studio; typed flags win', async () => {
    sim = await startSimulator('lmstudio', { loaded: ['meta-llama-3.1-8b-instruct'] });
    const { path, run } = setup();
    const r = await run('config', 'add-provider', 'lmstudio', '--base-url', `${sim.url}/v1`, '--model', 'deepseek-r1', '--model', 'qwen2-vl-7b-instruct', '--model', 'meta-llama-3.1-8b-instruct');
    expect(r.code, r.err).toBe(0);
    const models = JSON5.parse(readFileSync(path, 'utf8')).models.providers.lmstudio.models as Record<string, unknown>[];
    const byId = (id: string) => models.find((m) => m.id === id)!;
    expect(byId('deepseek-r1')).toMatchObject({ name: 'DeepSeek R1', reasoning: true, input: ['text'], contextWindow: 131072 });
    expect(byId('qwen2-vl-7b-instruct')).toMatchObject({ name: 'Qwen2 VL 7B Instruct', input: ['text', 'image'] });
    expect(byId('qwen2-vl-7b-instruct').contextWindow).not.toBe(196608);
    // Loaded: the context it is loaded at is what OpenClaw will get.
    const llama = await sim.state();
    expect(byId('meta-llama-3.1-8b-instruct').contextWindow).toBe(llama.loaded.find((l) => l.id === 'meta-llama-3.1-8b-instruct')!.contextLength);

    const typed = setup();
    expect((await typed.run('config', 'add-provider', 'lmstudio', '--base-url', `${sim.url}/v1`, '--model', 'deepseek-r1', '--name', 'Mine', '--context-window', '65536')).code).toBe(0);
    expect(JSON5.parse(readFileSync(typed.path, 'utf8')).models.providers.lmstudio.models[0]).toMatchObject({ name: 'Mine', contextWindow: 65536, reasoning: true });
  });

  it('a server that does not answer: defaults, and a note that says so', async () => {
    const { run } = setup();
    const r = await run('config', 'add-provider', 'ollama', '--base-url', 'http://127.0.0.1:9', '--model', 'qwen3:8b');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/note: The server did not answer .*defaults/);
  });
});
