// llama-swap proven by real OpenClaw turns (pinned gateway): OpenClaw reaches it as a plain
// OpenAI-completions provider, and llama-swap stops a model `ttl` seconds after its last request.
// Control: after the ttl, OpenClaw's turn waits for a start. With Warmclaw keeping it warm (the
// backend's own /health through /upstream, which resets the ttl and generates nothing), the model
// outlives its ttl and OpenClaw's turn starts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WarmclawService } from '../../src/main/core/service';
import { startSimulator, type Simulator } from '../sim';
import { startRealGateway, type RealGateway } from '../helpers/openclaw-gateway';
import { tempDir } from '../helpers/tmp';

const MODEL = 'qwen3-8b';
const REF = `llamaswap/${MODEL}`;
/** llama-swap's `ttl` for the model, in real time: short so the test can outlive it. */
const TTL_MS = 12_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('llama-swap kept warm, proven by real OpenClaw turns', () => {
  let swap: Simulator;
  let gw: RealGateway | undefined;
  let service: WarmclawService | undefined;
  const data = tempDir();

  beforeAll(async () => {
    swap = await startSimulator('llamaswap', { loadDelayMs: 1_500, idleTtlMs: TTL_MS, models: [{ id: MODEL, maxContext: 65536, contextLength: 65536 }] });
    gw = await startRealGateway(
      (quiet) => `{
  ${quiet}
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    llamaswap: { baseUrl: "${swap.url}/v1", api: "openai-completions", apiKey: "llamaswap-local", timeoutSeconds: 300, models: [{ id: "${MODEL}", name: "Qwen3 8B", contextWindow: 65536, maxTokens: 1024 }] },
  } },
  agents: { defaults: { model: { primary: "${REF}" } } },
}
`,
    );
    mkdirSync(join(data, 'data'), { recursive: true });
    writeFileSync(join(data, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { models: [REF] } }));
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    await gw?.stop();
    await swap?.close();
  });

  async function turnLoads() {
    const before = swap.stats();
    const t = await gw!.turn('Reply with the single word: ready.');
    expect(t.ok, t.output.slice(-3000) + (await gw!.tail())).toBe(true);
    const after = swap.stats();
    expect(after.userRequests, 'no inference reached llama-swap').toBeGreaterThan(before.userRequests);
    return after.loads - before.loads;
  }

  it("control: past its ttl the model is stopped, and OpenClaw's turn waits for a start", { timeout: 300_000 }, async () => {
    expect(await turnLoads()).toBe(1); // first use starts it
    for (const deadline = Date.now() + TTL_MS + 15_000; swap.state().loaded.length && Date.now() < deadline; ) await sleep(250);
    expect(swap.state().loaded).toEqual([]); // llama-swap stopped it after the ttl
    expect(await turnLoads()).toBe(1);
  });

  it("Warmclaw keeps it past its ttl without a token generated, and OpenClaw's turn starts nothing", { timeout: 300_000 }, async () => {
    swap.unload();
    service = await WarmclawService.open({ env: { ...process.env, OPENCLAW_CONFIG_PATH: gw!.configPath, WARMCLAW_DATA_DIR: join(data, 'data'), HOME: data }, scan: false, gatewayActivity: false });
    await service.start();
    for (const deadline = Date.now() + 60_000; service.keeper.states()[0]?.modelState !== 'loaded' && Date.now() < deadline; ) await sleep(200);
    expect(service.keeper.states().map((s) => [s.target.ref, s.target.kind, s.modelState, s.warm.lastError])).toEqual([[REF, 'llamaswap', 'loaded', undefined]]);
    const before = swap.stats();
    // Twice the ttl without any traffic of OpenClaw's: only the keeper's pings keep it running.
    await sleep(2 * TTL_MS);
    expect(swap.state().loaded.map((m) => m.id)).toEqual([MODEL]);
    const during = swap.stats();
    expect(during.loads - before.loads).toBe(0);
    expect(during.inferenceRequests - before.inferenceRequests).toBe(0);
    expect((during.paths[`GET /upstream/${MODEL}/health`] ?? 0) - (before.paths[`GET /upstream/${MODEL}/health`] ?? 0)).toBeGreaterThanOrEqual(2);
    expect(await turnLoads()).toBe(0);
    // The dashboard's view of it: llama-swap, its ttl, loaded.
    const st = service.statuses().find((e) => e.providerId === 'llamaswap');
    expect(st).toMatchObject({ kind: 'llamaswap', health: 'up' });
    expect(st?.models.find((m) => m.id === MODEL)).toMatchObject({ state: 'loaded', idleUnloadMs: 12_000, ref: REF });
  });
});
