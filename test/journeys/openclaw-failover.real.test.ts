// Auto-failover against real OpenClaw: the local server stops answering in the middle of an agent turn.
// A config write during a running turn makes OpenClaw's fallbacks fail too ("prepared model catalog
// owner config was replaced during the read", measured with 2026.9.6), so Warmclaw, which hears the
// gateway's run start/end, must hold the switch until the turn is over and then write at once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WarmclawService } from '../../src/main/core/service';
import { startSimulator, type Simulator } from '../sim';
import { GATEWAY_TOKEN_ENV, startRealGateway, type RealGateway } from '../helpers/openclaw-gateway';
import { tempDir } from '../helpers/tmp';

const MODEL = 'qwen/qwen3-8b';
const LOCAL = `lmstudio/${MODEL}`;
const HOSTED = 'anthropic/claude-opus-4-6';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('auto-failover with a real OpenClaw turn in flight', () => {
  let sim: Simulator;
  let gw: RealGateway | undefined;
  let service: WarmclawService | undefined;
  const data = tempDir();

  beforeAll(async () => {
    sim = await startSimulator('lmstudio', { loadDelayMs: 4000, models: [{ id: MODEL, maxContext: 131072 }] });
    gw = await startRealGateway(
      (quiet) => `{
  ${quiet}
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    lmstudio: { baseUrl: "${sim.url}/v1", api: "openai-completions", apiKey: "lm-studio", timeoutSeconds: 15, models: [{ id: "${MODEL}", name: "Qwen3 8B", contextWindow: 32768, maxTokens: 1024 }] },
  } },
  agents: { defaults: { model: { primary: "${HOSTED}", fallbacks: [] } } },
}
`,
      { logLevel: 'debug' },
    );
    mkdirSync(join(data, 'data'), { recursive: true });
    // Keep-warm paused: this test controls every load itself. Failover after 3 s down, back after 60 s.
    writeFileSync(join(data, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { paused: true, models: [LOCAL] }, failover: { enabled: true, downForSec: 5, stableForSec: 60 } }));
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    await gw?.stop();
    await sim?.close();
  });

  // One retry: a real gateway on a shared 2-core CI machine can be slow enough to miss the 150 s window.
  it('waits for the running turn to end, then switches to hosted first at once', { timeout: 300_000, retry: 1 }, async () => {
    // A retry starts clean: the server answers again, nothing loaded, the last attempt's service gone.
    await sim.setFailure(null);
    sim.unload();
    await service?.stop();
    const env = { ...process.env, OPENCLAW_CONFIG_PATH: gw!.configPath, WARMCLAW_DATA_DIR: join(data, 'data'), HOME: data, [GATEWAY_TOKEN_ENV]: gw!.token };
    const logs: string[] = [];
    const log = (m: string, f?: Record<string, unknown>) => logs.push(`${m} ${JSON.stringify(f ?? {})}`);
    service = await WarmclawService.open({ env, scan: false, logger: { debug: log, info: log, warn: log, error: log } });
    await service.config.file.apply({ type: 'local-first-on', input: { localRef: LOCAL } }); // remembered, so failover can go back
    await service.start();
    const primary = () => (JSON5.parse(readFileSync(gw!.configPath, 'utf8')) as { agents: { defaults: { model: { primary: string } } } }).agents.defaults.model.primary;
    expect(primary()).toBe(LOCAL);
    const connected = Date.now() + 60_000;
    while (service.gatewayActivity?.state !== 'connected' && Date.now() < connected) await sleep(200);
    expect(service.gatewayActivity?.state, logs.join('\n') + (await gw!.tail())).toBe('connected');
    await sleep(3_000); // the gateway has reloaded the local-first write

    // A cold turn: OpenClaw's preload is loading (4 s) when the server stops answering.
    const mark = Math.max(0, ...sim.recorded().map((r) => r.seq));
    const loadRequested = () => (sim.lastRequest('POST /api/v1/models/load')?.seq ?? -1) > mark;
    const turn = gw!.turn('Reply with the single word: ready.');
    const loadSeen = Date.now() + 60_000;
    while (!loadRequested() && Date.now() < loadSeen) await sleep(100);
    expect(loadRequested()).toBe(true);
    await sim.setFailure('hang'); // accepts, never answers: OpenClaw waits up to timeoutSeconds
    const deadAt = Date.now();

    let sawWaiting = false;
    let turnEndedAt: number | undefined;
    void turn.then(() => (turnEndedAt = Date.now()));
    const until = Date.now() + 150_000;
    let switchedAt: number | undefined; // when the file itself changed (apply then still waits for the gateway's reload)
    while ((turnEndedAt === undefined || primary() === LOCAL) && Date.now() < until) {
      if (service.failover.status().waitingForRun) sawWaiting = true;
      if (switchedAt === undefined && primary() === HOSTED) switchedAt = Date.now();
      await sleep(100);
    }
    if (switchedAt === undefined && primary() === HOSTED) switchedAt = Date.now(); // changed during the last sleep (within 100 ms)
    const diag = () => `${JSON.stringify(service!.failover.status())}\nrunning: ${JSON.stringify([...((service!.gatewayActivity as unknown as { running: Map<string, number> }).running ?? [])])}\n${logs.slice(-40).join('\n')}`;
    expect(turnEndedAt, diag()).toBeDefined();
    expect(primary(), diag()).toBe(HOSTED);
    // OpenClaw's own record of when the run ended (its debug log), against when Warmclaw wrote.
    const runLines = (await gw!.log()).split('\n').filter((l) => /embedded run|run agent|agent end|runId=warmclaw/.test(l));
    const ended = runLines
      .filter((l) => /embedded run (done|agent end|prompt end|failed|error)/.test(l))
      .map((l) => Date.parse((JSON.parse(l) as { time: string }).time))
      .at(-1);
    expect(ended, `no run end in the gateway log:\n${runLines.map((l) => l.slice(0, 300)).join('\n')}`).toBeDefined();
    expect(ended! - deadAt).toBeGreaterThan(5_000); // the switch was due while the run still went on…
    expect(sawWaiting, diag()).toBe(true); // …so it waited…
    // The switch is recorded once the write returns, after the gateway confirmed its reload.
    const recorded = Date.now() + 60_000;
    while (!service.failover.status().lastSwitch && Date.now() < recorded) await sleep(100);
    const sw = service.failover.status().lastSwitch!;
    expect(sw).toMatchObject({ direction: 'to-hosted', localRef: LOCAL, primary: HOSTED });
    expect(sw.reason).toMatch(/unusable/);
    expect(switchedAt).toBeDefined();
    expect(switchedAt!).toBeGreaterThanOrEqual(ended!); // …and wrote only after OpenClaw's run was over
    expect(switchedAt! - ended!).toBeLessThan(10_000); // promptly (run end event + one look; a loaded CI machine is slow)
    await sim.setFailure(null);
  });
});
