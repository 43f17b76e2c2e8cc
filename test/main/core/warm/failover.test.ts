// Auto-failover against a real ConfigFile in a temp dir: the switch waits for `downForMs`, the way back
// needs `stableForMs` of health (hysteresis), each switch is a backed-up, undoable write, and a routing
// the user changed by hand is left alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { EndpointStatus, MonitorEvent } from '../../../../src/shared/status';
import { ManualClock } from '../../../../src/main/core/clock';
import { ConfigFile } from '../../../../src/main/core/openclaw/config-file';
import { AutoFailover, localHealth, wireFailover, type FailoverSwitch, type KeepWarmState } from '../../../../src/main/core/warm/index';
import { tempDir } from '../../../helpers/tmp';

const S = 1000;
const LOCAL = 'lmstudio/qwen3-32b';
const HOSTED = 'anthropic/claude-sonnet-5';

const CONFIG = `// my setup
{
  models: {
    mode: 'merge',
    providers: {
      lmstudio: { baseUrl: 'http://127.0.0.1:1234/v1', api: 'openai-responses', models: [{ id: 'qwen3-32b', name: 'Qwen3 32B', contextWindow: 32768 }] },
    },
  },
  agents: { defaults: { model: { primary: '${HOSTED}', fallbacks: [] } } },
}
`;

async function setup(): Promise<{ dir: string; path: string; file: ConfigFile }> {
  const dir = tempDir('warmclaw-failover-');
  const path = join(dir, 'openclaw.json');
  writeFileSync(path, CONFIG, { mode: 0o600 });
  const file = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: join(dir, 'data') });
  await file.apply({ type: 'local-first-on', input: { localRef: LOCAL } });
  return { dir, path, file };
}

const primary = (path: string) => (JSON5.parse(readFileSync(path, 'utf8')) as { agents: { defaults: { model: { primary: string } } } }).agents.defaults.model.primary;
const bad = { healthy: false, reason: 'connection refused on 127.0.0.1:1234 — is LM Studio running?' } as const;
const good = { healthy: true, reason: 'the local model is loaded and warm' } as const;

function rig(file: ConfigFile, settings: Partial<{ enabled: boolean; downForMs: number; stableForMs: number }> = {}, extra: Partial<ConstructorParameters<typeof AutoFailover>[0]> = {}) {
  const clock = new ManualClock();
  const logs: string[] = [];
  const log = (msg: string) => logs.push(msg);
  const f = new AutoFailover({ config: file, clock, settings: { enabled: true, downForMs: 30 * S, stableForMs: 120 * S, ...settings }, logger: { debug: log, info: log, warn: log, error: log }, ...extra });
  const events: MonitorEvent[] = [];
  f.on('event', (e) => events.push(e));
  const advance = (ms: number) => clock.advance(ms, { waitFor: () => f.idle() });
  return { clock, f, events, logs, advance };
}

describe('AutoFailover', () => {
  it('is off by default', async () => {
    const { path, file } = await setup();
    const f = new AutoFailover({ config: file, clock: new ManualClock() });
    f.update(bad);
    await f.idle();
    expect(f.status().enabled).toBe(false);
    expect(primary(path)).toBe(LOCAL);
  });

  it('switches to hosted first only after the local primary has been unusable for downForMs', async () => {
    const { path, file } = await setup();
    const r = rig(file);
    r.f.update(good);
    await r.advance(10 * S);
    r.f.update(bad);
    await r.advance(29 * S);
    expect(primary(path)).toBe(LOCAL);
    expect(r.events).toHaveLength(0);
    await r.advance(2 * S);
    expect(primary(path)).toBe(HOSTED);
    expect(r.events).toEqual([
      {
        type: 'failover',
        direction: 'to-hosted',
        reason: expect.stringContaining('connection refused'),
        // The same sentence as a code the UI translates, the server's own words nested in it.
        reasonMsg: { code: 'failover.to-hosted', params: { ref: LOCAL, seconds: expect.any(Number), why: expect.stringContaining('connection refused') } },
      },
    ]);
    expect(r.f.status()).toMatchObject({ mode: 'hosted', localRef: LOCAL, switches: 1 });
    expect(r.logs).toContain('failover: switched to hosted first');
    // A normal ConfigFile write: backed up, so the user can undo it.
    expect((await file.backups.list()).length).toBeGreaterThanOrEqual(2);
    await file.undo();
    expect(primary(path)).toBe(LOCAL);
  });

  it('a short outage (shorter than downForMs) changes nothing', async () => {
    const { path, file } = await setup();
    const r = rig(file);
    r.f.update(bad);
    await r.advance(20 * S);
    r.f.update(good);
    await r.advance(5 * 60 * S);
    expect(primary(path)).toBe(LOCAL);
    expect(r.events).toHaveLength(0);
  });

  it('comes back to local only after stableForMs of health, and never flaps on a flapping server', async () => {
    const { path, file } = await setup();
    const r = rig(file);
    r.f.update(bad);
    await r.advance(31 * S);
    expect(primary(path)).toBe(HOSTED);
    // Flapping: up 60 s, down 10 s, for ten minutes — never stable for 120 s.
    for (let i = 0; i < 9; i++) {
      r.f.update(good);
      await r.advance(60 * S);
      r.f.update(bad);
      await r.advance(10 * S);
    }
    expect(primary(path)).toBe(HOSTED);
    expect(r.events.map((e) => (e as { direction: string }).direction)).toEqual(['to-hosted']);
    // Now stable.
    r.f.update(good);
    await r.advance(119 * S);
    expect(primary(path)).toBe(HOSTED);
    await r.advance(2 * S);
    expect(primary(path)).toBe(LOCAL);
    expect(r.events.map((e) => (e as { direction: string }).direction)).toEqual(['to-hosted', 'to-local']);
    expect(r.f.status()).toMatchObject({ mode: 'local', switches: 2 });
    // The original file's comment survived both switches.
    expect(readFileSync(path, 'utf8')).toContain('// my setup');
  });

  it('leaves the routing alone when the user changed it by hand after the switch', async () => {
    const { path, file } = await setup();
    const r = rig(file);
    r.f.update(bad);
    await r.advance(31 * S);
    await file.apply({ type: 'set-primary', input: { ref: 'openai/gpt-6' } });
    r.f.update(good);
    await r.advance(10 * 60 * S);
    expect(primary(path)).toBe('openai/gpt-6');
    expect(r.events).toHaveLength(1);
    expect(r.f.status().mode).toBe('local');
  });

  it('does not touch a config whose primary is not local, nor retry a switch that cannot be made', async () => {
    const dir = tempDir('warmclaw-failover-');
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, CONFIG.replace(`primary: '${HOSTED}'`, `primary: '${LOCAL}'`), { mode: 0o600 });
    // Local primary set by hand: Warmclaw has no remembered order, so local-first-off cannot run.
    const file = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: join(dir, 'data') });
    const r = rig(file);
    r.f.update(bad);
    await r.advance(5 * 60 * S);
    expect(primary(path)).toBe(LOCAL);
    expect(r.events).toHaveLength(0);
    expect(r.f.status().lastError).toMatch(/no remembered order/);
  });

  it('reads health from the monitor and the keeper', async () => {
    const { path, file } = await setup();
    const r = rig(file);
    const endpoint: EndpointStatus = { id: 'http://127.0.0.1:1234', baseUrl: 'http://127.0.0.1:1234', source: 'config', health: 'up', latencyWindow: [], models: [] };
    const warm: KeepWarmState = { target: { endpointId: endpoint.id, baseUrl: endpoint.baseUrl, kind: 'lmstudio', modelId: 'qwen3-32b' }, warm: { enabled: true, pings: 1, coldStarts: 0 }, modelState: 'loaded' };
    expect(localHealth(endpoint, warm).healthy).toBe(true);
    expect(localHealth({ ...endpoint, health: 'down', lastError: 'connection refused' }, warm)).toEqual({ healthy: false, reason: 'connection refused' });
    expect(localHealth(endpoint, { ...warm, failingSince: 1, warm: { ...warm.warm, lastError: 'HTTP 500' } })).toEqual({ healthy: false, reason: 'HTTP 500' });
    // A warm failure the HTTP layer worded keeps its code, so the failover reason is translated in the UI.
    const coded = { code: 'http.5xx', params: { status: 500, who: 'LM Studio' } } as const;
    expect(localHealth(endpoint, { ...warm, failingSince: 1, warm: { ...warm.warm, lastError: 'HTTP 500: LM Studio had an internal error', lastErrorMsg: coded } })).toEqual({ healthy: false, reason: 'HTTP 500: LM Studio had an internal error', reasonMsg: coded });
    expect(localHealth(endpoint, { ...warm, modelState: 'loading' }).healthy).toBeNull();

    const listeners = { monitor: [] as ((e: MonitorEvent) => void)[], keeper: [] as ((e: MonitorEvent) => void)[] };
    let current = endpoint;
    const monitor = { on: (_: 'event', l: (e: MonitorEvent) => void) => listeners.monitor.push(l), off: () => {}, status: () => current };
    const keeper = { on: (_: 'event', l: (e: MonitorEvent) => void) => listeners.keeper.push(l), off: () => {}, state: () => warm };
    const off = wireFailover(r.f, monitor, keeper, { endpointId: endpoint.id, modelId: 'qwen3-32b' });
    current = { ...endpoint, health: 'down', lastError: 'connection refused' };
    for (const l of listeners.monitor) l({ type: 'endpoint-changed', endpoint: current });
    await r.advance(31 * S);
    expect(primary(path)).toBe(HOSTED);
    off();
  });

  it('never writes while an OpenClaw turn runs on the local model: waits for it to end, then switches at once', async () => {
    const { path, file } = await setup();
    let running = true;
    const switches: FailoverSwitch[] = [];
    const r = rig(file, { downForMs: 10 * S }, { busy: (ref) => ref === LOCAL && running, onSwitch: (sw) => switches.push(sw) });
    r.f.setLocalRef(LOCAL);
    r.f.update(bad);
    await r.advance(40 * S); // due at 10 s, but a turn is still running
    expect(primary(path)).toBe(LOCAL);
    expect(r.f.status().waitingForRun).toBe(true);
    running = false; // the turn ended (it failed over inside OpenClaw, or errored)
    await r.advance(1 * S);
    expect(primary(path)).toBe(HOSTED);
    expect(r.f.status()).toMatchObject({ mode: 'hosted', waitingForRun: false });
    expect(switches).toEqual([expect.objectContaining({ direction: 'to-hosted', localRef: LOCAL, primary: HOSTED, reason: expect.stringMatching(/unusable for 41 s: connection refused/) })]);
    expect(r.f.status().lastSwitch).toEqual(switches[0]);
    // History says who made that write and why.
    const [latest] = await file.backups.list();
    expect(latest?.origin).toEqual({ by: 'failover', why: switches[0]!.reason, whyMsg: switches[0]!.reasonMsg });
  });

  it('a turn that never reports its end cannot hold the switch for ever', async () => {
    const { path, file } = await setup();
    const r = rig(file, { downForMs: 10 * S }, { busy: () => true });
    r.f.setLocalRef(LOCAL);
    r.f.update(bad);
    await r.advance(4 * 60 * S);
    expect(primary(path)).toBe(LOCAL);
    await r.advance(2 * 60 * S); // past maxDeferMs (5 min)
    expect(primary(path)).toBe(HOSTED);
  });

  it('switches within a second of downForMs (no hidden delay of its own)', async () => {
    const { path, file } = await setup();
    const r = rig(file, { downForMs: 10 * S });
    r.f.update(bad);
    await r.advance(9.5 * S);
    expect(primary(path)).toBe(LOCAL);
    await r.advance(0.5 * S);
    expect(primary(path)).toBe(HOSTED);
  });
});
