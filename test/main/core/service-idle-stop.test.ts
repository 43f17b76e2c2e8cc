// localService.idleStopMs end to end: the service keeps a simulated Ollama's model warm, except when
// OpenClaw is meant to stop that provider's server when idle; then it sends nothing at all.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/core/clock';
import { WarmclawService } from '../../../src/main/core/service';
import { startSimulator, type Simulator } from '../../sim';
import { tempDir } from '../../helpers/tmp';

const MIN = 60_000;

describe('keep-warm and localService.idleStopMs', () => {
  let service: WarmclawService | undefined;
  let sim: Simulator | undefined;
  afterEach(async () => {
    await service?.stop();
    await sim?.close();
    service = sim = undefined;
  });

  async function run(localService: string) {
    const clock = new ManualClock();
    sim = await startSimulator('ollama', { clock, models: [{ id: 'qwen3:32b' }] });
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
    const config = join(dir, 'openclaw.json');
    writeFileSync(
      config,
      `{ models: { mode: "merge", providers: { ollama: { baseUrl: "${sim.url}", api: "ollama", timeoutSeconds: 300, ${localService}
         models: [{ id: "qwen3:32b", name: "Qwen3", contextWindow: 32768 }] } } },
         agents: { defaults: { model: "ollama/qwen3:32b" } } }\n`,
    );
    service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: config }, dataDir: data, clock, scan: false, openclawBin: join(dir, 'none'), gatewayActivity: false });
    const s = service;
    await s.start();
    for (let i = 0; i < 4; i++) await clock.advance(10 * MIN, { waitFor: () => s.idle() });
    return sim.stats();
  }

  it('a provider without an idle stop is kept warm (the control)', async () => {
    const stats = await run('');
    expect(stats.paths['POST /api/generate']).toBeGreaterThan(0); // Ollama keep-warm requests
    expect(stats.loads).toBe(1);
  }, 60_000);

  it('a provider whose server OpenClaw stops when idle gets no keep-warm traffic and is never loaded by Warmclaw', async () => {
    const stats = await run('localService: { command: "/usr/local/bin/ollama", args: ["serve"], idleStopMs: 600000 },');
    // (The monitor's one capability probe on /v1/responses loads nothing and is not keep-warm.)
    expect(stats.paths['POST /api/generate']).toBeUndefined();
    expect(stats.loads).toBe(0);
  }, 60_000);

  it('idleStopMs 0 means OpenClaw keeps it until it exits: kept warm as usual', async () => {
    const stats = await run('localService: { command: "/usr/local/bin/ollama", idleStopMs: 0 },');
    expect(stats.paths['POST /api/generate']).toBeGreaterThan(0);
  }, 60_000);
});
