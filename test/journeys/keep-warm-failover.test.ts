// The headless journey end to end, on a simulated clock: discover LM Studio by scanning, add it with
// the context length it really reports, turn local first on (real OpenClaw validates every write),
// keep the model warm across several idle TTLs with zero cold starts for the user (one explicit load at
// the context OpenClaw's lmstudio provider asks for, nothing else), then the server
// dies: auto-failover switches OpenClaw to hosted-first, and back when the server returns.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../scripts/ensure-openclaw.mjs';
import { ManualClock } from '../../src/main/core/clock';
import { adapterFor, discover } from '../../src/main/core/endpoints';
import { WarmclawService } from '../../src/main/core/service';
import { runCli } from '../../src/main/daemon/cli';
import { startSimulator, type Simulator } from '../sim';
import { tempDir } from '../helpers/tmp';

const MIN = 60_000;
const TTL = 60 * MIN;

describe('keep warm and fail over (simulated LM Studio, real OpenClaw validator)', () => {
  const dir = tempDir();
  const config = join(dir, 'openclaw.json');
  const clock = new ManualClock();
  let sim: Simulator;
  let service: WarmclawService;
  let openclawBin: string;
  let env: NodeJS.ProcessEnv;
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runCli(['--openclaw-bin', openclawBin, ...args], { out: (s) => out.push(s), err: (s) => out.push(s), env });
    expect(code, out.join('\n')).toBe(0);
    return out.join('\n');
  };
  const routing = () => {
    const m = JSON5.parse(readFileSync(config, 'utf8')).agents.defaults.model as string | { primary: string; fallbacks: string[] };
    return typeof m === 'string' ? { primary: m, fallbacks: [] } : m;
  };
  const advance = (ms: number) => clock.advance(ms, { waitFor: () => service.idle() });

  beforeAll(async () => {
    openclawBin = await ensureOpenclaw();
    sim = await startSimulator('lmstudio', { clock, idleTtlMs: TTL, models: [{ id: 'qwen/qwen3-32b', maxContext: 40960 }] });
    env = { PATH: process.env.PATH, HOME: dir, OPENCLAW_CONFIG_PATH: config, WARMCLAW_DATA_DIR: join(dir, 'data') };
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, failover: { enabled: true, downForSec: 60, stableForSec: 120 } }));
    writeFileSync(config, '{\n  // my OpenClaw setup\n  agents: { defaults: { model: "anthropic/claude-opus-4-6" } },\n}\n');
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await sim?.close();
  });

  it('discovers LM Studio by its answers and adds it with the context it really supports', async () => {
    const found = await discover({ scanPorts: [sim.port] });
    expect(found).toEqual([expect.objectContaining({ baseUrl: sim.url, kind: 'lmstudio', source: 'scan' })]);
    const models = await adapterFor('lmstudio').listModels({ baseUrl: sim.url });
    const ctx = models.find((m) => m.id === 'qwen/qwen3-32b')?.maxContext;
    expect(ctx).toBe(40960);
    await cli('config', 'add-provider', 'lmstudio', '--base-url', `${sim.url}/v1`, '--model', 'qwen/qwen3-32b', '--context-window', String(ctx));
    await cli('local-first', 'on');
    expect(routing()).toEqual({ primary: 'lmstudio/qwen/qwen3-32b', fallbacks: ['anthropic/claude-opus-4-6'] });
    expect(readFileSync(config, 'utf8')).toContain('// my OpenClaw setup');
  }, 120_000);

  it('keeps the model warm across several idle TTLs: zero cold starts for the user', async () => {
    const before = sim.stats(); // the add-provider step probed /v1/responses once (a ping-shaped request)
    service = await WarmclawService.open({ env, clock, scan: false, openclawBin });
    await service.start();
    await advance(1000);
    // A working morning with pauses longer than the TTL, then a long idle afternoon.
    for (const gap of [10 * MIN, 90 * MIN, 5 * MIN, 150 * MIN, 70 * MIN, 240 * MIN]) {
      await advance(gap);
      const r = await sim.userRequest('qwen/qwen3-32b');
      expect(r.coldStart).toBe(false);
    }
    const stats = sim.stats();
    expect(stats.coldHits).toBe(0);
    // Provider id `lmstudio`: OpenClaw preloads explicitly at the model's contextWindow before every turn,
    // so Warmclaw warms the same way, once: an explicit load at 40,960 that never expires. No JIT ping
    // (it would load LM Studio's default 4,096, which OpenClaw would load over).
    expect(stats.pinnedLoads - before.pinnedLoads).toBe(1);
    expect(stats.loads - before.loads).toBe(1);
    expect(stats.paths['POST /v1/chat/completions']).toBeUndefined(); // the JIT ping's endpoint: never used
    expect(stats.userRequests - before.userRequests).toBe(6);
    expect(sim.state().loaded).toEqual([{ id: 'qwen/qwen3-32b', contextLength: 40960 }]);
    expect(sim.lastRequest('POST /api/v1/models/load')?.body).toEqual({ model: 'qwen/qwen3-32b', context_length: 40960 });
  }, 300_000);

  it('Unload: the model goes, the keeper leaves it unloaded, and Warm now brings it back at OpenClaw\'s context', async () => {
    const r = await service.unloadRef('lmstudio/qwen/qwen3-32b');
    expect(r).toMatchObject({ ok: true });
    expect(sim.state().loaded).toEqual([]);
    await advance(30 * MIN);
    expect(sim.state().loaded).toEqual([]); // held: not loaded straight back
    const w = await service.warmRef('lmstudio/qwen/qwen3-32b');
    expect(w).toMatchObject({ ok: true, coldStart: true, contextLength: 40960 });
    await advance(MIN);
    expect(sim.state().loaded).toEqual([{ id: 'qwen/qwen3-32b', contextLength: 40960 }]);
  }, 120_000);

  it('fails over to hosted-first when the server dies, and back when it returns', async () => {
    await sim.setFailure('refuse');
    await advance(3 * MIN);
    // Exactly the order from before local first (a bare string in this file), restored by local-first off.
    expect(routing()).toEqual({ primary: 'anthropic/claude-opus-4-6', fallbacks: [] });
    // The daemon reloads after every config change (its file watcher): the local model, now out of the
    // routing, must stay watched so the failover can see it come back.
    await service.reload();
    await sim.setFailure(null);
    await advance(10 * MIN);
    expect(routing()).toEqual({ primary: 'lmstudio/qwen/qwen3-32b', fallbacks: ['anthropic/claude-opus-4-6'] });
    expect(service.failover.status().switches).toBe(2);
    expect(readFileSync(config, 'utf8')).toContain('// my OpenClaw setup');
  }, 300_000);
});
