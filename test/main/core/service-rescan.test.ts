// Servers started after Warmclaw: the service looks again on the scan ports every slow-poll interval
// (only ports nobody watches), keeps a server that stopped as "down", and a full Refresh drops it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/core/clock';
import { WarmclawService } from '../../../src/main/core/service';
import { startSimulator, type Simulator } from '../../sim';
import { tempDir } from '../../helpers/tmp';
import { freePort } from '../../helpers/ports';

describe('WarmclawService rescans the usual ports', () => {
  const clock = new ManualClock();
  let service: WarmclawService | undefined;
  let sim: Simulator | undefined;
  afterAll(async () => {
    await service?.stop();
    await sim?.close();
  });

  it('finds a server started later, keeps it as down when it stops, and Refresh forgets it', async () => {
    const dir = tempDir();
    const port = await freePort();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: true, ports: [port] }, poll: { fastMs: 1000, slowMs: 5000 } }));
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, '{ agents: { defaults: { model: "anthropic/claude-opus-4-6" } } }\n');
    service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: config }, dataDir: data, clock, openclawBin: join(dir, 'none'), gatewayActivity: false });
    const s = service;
    const advance = (ms: number) => clock.advance(ms, { waitFor: () => s.idle() });
    await s.start();
    await advance(1000);
    expect(s.statuses()).toEqual([]);

    sim = await startSimulator('lmstudio', { port, clock });
    await advance(5000); // one slow interval: the rescan runs
    await advance(2000); // and the new endpoint's first probe
    expect(s.statuses()).toEqual([expect.objectContaining({ baseUrl: `http://127.0.0.1:${port}`, kind: 'lmstudio', source: 'scan', health: 'up' })]);

    await sim.close();
    sim = undefined;
    await advance(30_000);
    expect(s.statuses()).toEqual([expect.objectContaining({ baseUrl: `http://127.0.0.1:${port}`, health: 'down' })]);

    await s.refresh();
    expect(s.statuses()).toEqual([]);
  }, 60_000);
});
