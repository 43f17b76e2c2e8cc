// OpenClaw's own latency, from the real gateway (pinned OpenClaw): a real agent turn on a local model
// reaches Warmclaw's status as timed model calls (the gateway's diagnostics.stability, the events
// behind openclaw_model_call_duration_seconds), one per request the server saw, pushed as events, and
// measured by OpenClaw: a cold JIT load shows in the time to first byte. The report also makes Warmclaw
// look at that server at once, so its status shows the model OpenClaw just loaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiOutput, ApiResult } from '../../src/shared/contract';
import { createApiHandler } from '../../src/main/core/api/handler';
import { WarmclawService } from '../../src/main/core/service';
import { startSimulator, type Simulator } from '../sim';
import { GATEWAY_TOKEN_ENV, startRealGateway, type RealGateway } from '../helpers/openclaw-gateway';
import { tempDir } from '../helpers/tmp';

const MODEL = 'mistralai/mistral-small-3.2';
const REF = `lms-jit/${MODEL}`;
/** The simulator's JIT load: OpenClaw's first request waits this long before its first byte. */
const LOAD_MS = 1_500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("OpenClaw's model-call timings in Warmclaw's status (real gateway)", () => {
  let gw: RealGateway | undefined;
  let sim: Simulator | undefined;
  let service: WarmclawService | undefined;

  afterAll(async () => {
    await service?.stop();
    await gw?.stop();
    await sim?.close();
  });

  it('a real turn shows up as timed calls on its model: status, events, one per request', { timeout: 400_000 }, async () => {
    // LM Studio under a provider id other than `lmstudio`: OpenClaw sends plain requests, which load
    // the model just in time (the load is inside the call, before its first byte).
    sim = await startSimulator('lmstudio', { loadDelayMs: LOAD_MS, models: [{ id: MODEL, maxContext: 131072, contextLength: 65536 }] });
    gw = await startRealGateway(
      (quiet) => `{
  ${quiet}
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    "lms-jit": { baseUrl: "${sim!.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${MODEL}", name: "Mistral Small", contextWindow: 65536, maxTokens: 1024 }] },
  } },
  agents: { defaults: { model: { primary: "${REF}" } } },
}
`,
    );
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    // Nothing of Warmclaw's own reaches the server (no warm pings): every request it sees is OpenClaw's.
    // Polling so slow that no scheduled probe falls inside this test: only OpenClaw's traffic can make
    // Warmclaw look at the server again.
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { enabled: false }, poll: { fastMs: 60_000, slowMs: 600_000 } }));
    service = await WarmclawService.open({ env: { PATH: process.env.PATH, HOME: dir, OPENCLAW_CONFIG_PATH: gw.configPath, [GATEWAY_TOKEN_ENV]: gw.token }, dataDir: join(dir, 'data'), scan: false, openclawBin: join(dir, 'none') });
    const api = createApiHandler(service, { checkOutputs: true });
    const events: ApiEvent[] = [];
    const off = api.subscribe((ev) => events.push(ev));
    await service.start();
    for (const deadline = Date.now() + 60_000; service.gatewayActivity?.state !== 'connected'; await sleep(250)) {
      if (Date.now() > deadline) throw new Error(`Warmclaw did not connect to the gateway:\n${await gw.tail()}`);
    }
    const status = async () => {
      const r = (await api('status', {})) as ApiResult<ApiOutput<'status'>>;
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.data;
    };
    expect((await status()).modelCalls).toBeUndefined(); // no turn yet
    const modelState = async () => (await status()).endpoints.find((e) => e.providerId === 'lms-jit')?.models.find((m) => m.id === MODEL)?.state;
    for (const deadline = Date.now() + 30_000; (await modelState()) === undefined && Date.now() < deadline; ) await sleep(250);
    expect(await modelState()).toBe('not-loaded');

    const before = Date.now();
    const seenBefore = sim.stats().userRequests;
    const turn = await gw.turn('Reply with the single word: ready.');
    expect(turn.ok, turn.output.slice(-2000) + (await gw.tail())).toBe(true);
    const requests = sim.stats().userRequests - seenBefore;
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(sim.stats().loads).toBe(1); // the turn's first request loaded the model

    // Read after the run ends (bounded wait): one timed call per request the server answered.
    let calls: NonNullable<ApiOutput<'status'>['modelCalls']> = [];
    for (const deadline = Date.now() + 30_000; calls.length < requests && Date.now() < deadline; await sleep(250)) calls = (await status()).modelCalls ?? [];
    expect(calls.map((c) => c.ref)).toEqual(Array(requests).fill(REF));
    for (const c of calls) {
      expect(c.at).toBeGreaterThanOrEqual(before - 1_000);
      expect(c.at).toBeLessThanOrEqual(Date.now());
      expect(c.ttfbMs).toBeDefined();
      expect(c.ms).toBeGreaterThanOrEqual(c.ttfbMs!);
    }
    // OpenClaw's clock ran through the JIT load: the first call waited for it before its first byte.
    expect(calls[0]!.ttfbMs!).toBeGreaterThanOrEqual(LOAD_MS);
    // The turn loaded the model: the gateway's report made Warmclaw look again at once (its own next
    // probe is a minute away), so the status says loaded rather than what it saw before the turn.
    for (const deadline = Date.now() + 30_000; (await modelState()) !== 'loaded' && Date.now() < deadline; ) await sleep(250);
    expect(await modelState()).toBe('loaded');
    // The same calls were pushed to the UI as they came.
    expect(events.filter((e) => e.type === 'model-call').map(({ type: _t, ...c }) => c)).toEqual(calls);
    off();
  });
});
