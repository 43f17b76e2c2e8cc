// "Loading… N s" for a runtime that says nothing while it loads: Ollama lists a runner in /api/ps from
// the moment it starts, with no loading state (its ps handler even makes up expires_at then). While Warmclaw's own request loads it (keep-warm or "Warm now"), the model
// shows as loading from the moment Warmclaw asked, then as loaded; a failed load shows what the
// runtime says afterwards, never a stuck "loading".
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WarmclawService } from '../../../../src/main/core/service';
import type { ModelStatus, MonitorEvent } from '../../../../src/shared/status';
import { startSimulator, type Simulator } from '../../../sim';
import { tempDir } from '../../../helpers/tmp';

const MODEL = 'qwen3:32b';

describe("a load Warmclaw itself started shows as loading", () => {
  let service: WarmclawService | undefined;
  let sim: Simulator | undefined;
  afterEach(async () => {
    await service?.stop();
    await sim?.close();
    service = sim = undefined;
  });

  async function open(warm: boolean) {
    // A 2 s load in real time: the states are read from the events, so a slow machine changes nothing.
    sim = await startSimulator('ollama', { models: [{ id: MODEL }], loadDelayMs: 2_000 });
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { enabled: warm } }));
    const config = join(dir, 'openclaw.json');
    writeFileSync(config, `{ models: { mode: "merge", providers: { ollama: { baseUrl: "${sim.url}", api: "ollama", timeoutSeconds: 300, models: [{ id: "${MODEL}", name: "Qwen3", contextWindow: 32768 }] } } }, agents: { defaults: { model: "ollama/${MODEL}" } } }\n`);
    service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: config }, dataDir: data, scan: false, openclawBin: join(dir, 'none'), gatewayActivity: false });
    const seen: ModelStatus[] = [];
    service.monitor.on('event', (ev: MonitorEvent) => {
      if (ev.type !== 'endpoint-changed') return;
      const m = ev.endpoint.models.find((x) => x.id === MODEL);
      if (m) seen.push(m);
    });
    return { s: service, seen, sim };
  }

  const states = (seen: ModelStatus[]) => seen.map((m) => m.state).filter((st, i, all) => st !== all[i - 1]);

  it('"Warm now": not loaded, then loading (from when it was asked, whatever the runtime lists meanwhile), then loaded', async () => {
    const { s, seen, sim } = await open(false);
    await s.start();
    await s.monitor.refresh();
    expect(s.monitor.status(sim.url)?.models.find((m) => m.id === MODEL)?.state).toBe('not-loaded');
    const asked = Date.now();
    const warming = s.warmRef(`ollama/${MODEL}`);
    // The status says loading from the ask; the runtime only once the request has reached it (on a
    // busy machine that is later): wait for both before looking mid-load.
    for (let i = 0; i < 100 && !(seen.some((m) => m.state === 'loading') && sim.state().loaded.some((m) => m.loading)); i++) await new Promise((r) => setTimeout(r, 20));
    // Mid-load: the runtime's own list already names the runner, with nothing saying it still loads;
    // the status says loading, since the ask, until Warmclaw's request returns.
    const ps = (await (await fetch(`${sim.url}/api/ps`)).json()) as { models: { name: string }[] };
    expect(ps.models.map((m) => m.name)).toEqual([MODEL]);
    expect(sim.state().loaded[0]).toMatchObject({ loading: true });
    await s.monitor.refresh();
    const mid = s.monitor.status(sim.url)!.models.find((m) => m.id === MODEL)!;
    expect(mid.state).toBe('loading');
    expect(mid.loadingSince).toBeGreaterThanOrEqual(asked - 5);
    expect(mid.loadingSince).toBeLessThanOrEqual(Date.now());
    expect((await warming).ok).toBe(true);
    for (let i = 0; i < 50 && s.monitor.status(sim.url)!.models.find((m) => m.id === MODEL)!.state !== 'loaded'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(states(seen)).toEqual(['not-loaded', 'loading', 'loaded']);
    expect(seen.at(-1)!.loadingSince).toBeUndefined();
  }, 60_000);

  it('keep-warm loading the primary at start shows it loading, then loaded; a load that fails ends the loading state', async () => {
    const { s, seen, sim } = await open(true);
    await s.start();
    for (let i = 0; i < 100 && !seen.some((m) => m.state === 'loaded'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(states(seen).slice(-2)).toEqual(['loading', 'loaded']);
    expect(seen.find((m) => m.state === 'loading')!.loadingSince).toBeTypeOf('number');

    // "Warm now" again after it is unloaded, against a server that now fails every request.
    await s.unloadRef(`ollama/${MODEL}`);
    await s.monitor.refresh();
    await sim.setFailure('http-500');
    seen.length = 0;
    const r = await s.warmRef(`ollama/${MODEL}`);
    expect(r.ok).toBe(false);
    await sim.setFailure(null);
    for (let i = 0; i < 50 && seen.at(-1)?.state === 'loading'; i++) await new Promise((res) => setTimeout(res, 100));
    expect(seen.at(-1)?.state).not.toBe('loading');
  }, 60_000);
});
