// One server answering nonsense numbers (context_length 1e308) must not take the dashboard down: its
// bad values are dropped, /api/status still passes its contract and the other servers still show.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../src/shared/contract';
import { contract } from '../../../../src/shared/contract';
import { ManualClock } from '../../../../src/main/core/clock';
import { createApiHandler } from '../../../../src/main/core/api/handler';
import { WarmclawService } from '../../../../src/main/core/service';
import { posInt, nonNeg } from '../../../../src/main/core/endpoints/common';
import { contractSafe } from '../../../../src/main/core/monitor/state';
import { endpointStatusSchema } from '../../../../src/shared/status';
import { startSimulator, type Simulator } from '../../../sim';
import { tempDir } from '../../../helpers/tmp';

describe('a hostile server among good ones', () => {
  const clock = new ManualClock();
  const sims: Simulator[] = [];
  let service: WarmclawService | undefined;
  afterAll(async () => {
    await service?.stop();
    await Promise.all(sims.map((s) => s.close()));
  });

  it('context 1e308 on one server: status and refresh still validate and list every server', async () => {
    const hostile = await startSimulator('vllm', { clock, models: [{ id: 'huge/model', maxContext: 1e308 }] });
    const good = await startSimulator('lmstudio', { clock });
    sims.push(hostile, good);
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(
      join(data, 'settings.json'),
      JSON.stringify({ scan: { enabled: false, ports: [] }, endpoints: [{ baseUrl: hostile.url, kind: 'vllm' }, { baseUrl: good.url, kind: 'lmstudio' }] }),
    );
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, '{ agents: { defaults: { model: "anthropic/claude-opus-4-6" } } }\n');
    service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: config }, dataDir: data, clock, scan: false, openclawBin: join(dir, 'none'), gatewayActivity: false });
    const s = service;
    const api = createApiHandler(s, { env: {}, checkOutputs: true });
    const events: ApiEvent[] = [];
    const off = api.subscribe((ev) => events.push(ev));
    await s.start();
    await clock.advance(3000, { waitFor: () => s.idle() });

    const status = await api('status', undefined);
    expect(status.ok, JSON.stringify(status)).toBe(true);
    if (!status.ok) return;
    const parsed = contract.status.output.safeParse(status.data);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const byUrl = new Map(parsed.data.endpoints.map((e) => [e.baseUrl.replace(/\/$/, ''), e]));
    const h = byUrl.get(hostile.url);
    const g = byUrl.get(good.url);
    expect(g).toMatchObject({ health: 'up', kind: 'lmstudio' });
    expect(g!.models.length).toBeGreaterThan(0);
    // The hostile server is still there, its impossible context unknown rather than 1e308.
    expect(h).toBeDefined();
    for (const m of h!.models) {
      expect(m.maxContext === undefined || Number.isSafeInteger(m.maxContext)).toBe(true);
      expect(m.loadedContext === undefined || Number.isSafeInteger(m.loadedContext)).toBe(true);
    }

    const refreshed = await api('monitor.refresh', undefined);
    expect(refreshed.ok, JSON.stringify(refreshed)).toBe(true);
    // Its change events reached subscribers (the contract-checked stream drops invalid ones).
    const changed = events.filter((ev) => ev.type === 'endpoint-changed').map((ev) => (ev as { endpoint: { baseUrl: string } }).endpoint.baseUrl.replace(/\/$/, ''));
    expect(changed).toContain(hostile.url);
    expect(changed).toContain(good.url);
    off();
  }, 60_000);
});

describe('numbers from servers', () => {
  it('posInt/nonNeg keep only usable counts', () => {
    for (const bad of [1e308, 2 ** 53 + 2, -1, 0, Number.NaN, Infinity, '32768', null, {}, [4096], true]) expect(posInt(bad)).toBeUndefined();
    expect(posInt(32768)).toBe(32768);
    expect(posInt(4095.6)).toBe(4096);
    for (const bad of [1e308, -1, Number.NaN, '1', null]) expect(nonNeg(bad)).toBeUndefined();
    expect(nonNeg(0)).toBe(0);
  });

  it('contractSafe turns a model outside the contract into the endpoint error and keeps the rest', () => {
    const s = {
      id: 'http://127.0.0.1:1', baseUrl: 'http://127.0.0.1:1', source: 'user' as const, health: 'up' as const, latencyWindow: [],
      models: [{ id: 'ok', state: 'loaded' as const, maxContext: 8192 }, { id: 'bad', state: 'loaded' as const, maxContext: -5 }],
    };
    const out = contractSafe(s);
    expect(endpointStatusSchema.safeParse(out).success).toBe(true);
    expect(out.models.map((m) => m.id)).toEqual(['ok']);
    expect(out.lastError).toContain('bad');
  });
});
