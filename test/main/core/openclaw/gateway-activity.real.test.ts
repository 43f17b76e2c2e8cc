// GatewayActivity against the REAL `openclaw gateway` (the pinned OpenClaw from scripts/ensure-openclaw):
// its handshake as a loopback backend client with the shared token, and a real agent run on a local
// LM Studio (the simulator) showing up as activity on `lmstudio/<model>`. Slow (gateway start-up plus
// one agent run), so it is the only real-gateway test for this module; gateway-activity.test.ts covers
// the details with a stand-in.
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayActivity } from '../../../../src/main/core/openclaw/gateway-activity';
import { startSimulator, type Simulator } from '../../../sim';
import { startRealGateway, type RealGateway } from '../../../helpers/openclaw-gateway';

const MODEL = 'qwen2-vl-7b-instruct';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GatewayActivity with a real gateway', () => {
  let gw: RealGateway | undefined;
  let sim: Simulator | undefined;
  let activity: GatewayActivity | undefined;

  afterAll(async () => {
    activity?.stop();
    await gw?.stop();
    await sim?.close();
  });

  it('connects as a read-only backend client and reports an agent run on the local model', { timeout: 300_000 }, async () => {
    sim = await startSimulator('lmstudio', { loadDelayMs: 10 });
    gw = await startRealGateway(
      (quiet) => `{
  ${quiet}
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    lmstudio: { baseUrl: "${sim!.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${MODEL}", name: "q", contextWindow: 32768, maxTokens: 1024 }] },
  } },
  agents: { defaults: { model: { primary: "lmstudio/${MODEL}" } } },
}
`,
    );

    const logs: string[] = [];
    const log = (m: string, f?: Record<string, unknown>) => logs.push(`${m} ${JSON.stringify(f ?? {})}`);
    activity = new GatewayActivity({ target: () => gw!.target, backoffMs: { min: 500, max: 2_000 }, logger: { debug: log, info: log, warn: log, error: log } });
    activity.start();
    const deadline = Date.now() + 60_000;
    while (activity.state !== 'connected') {
      if (Date.now() > deadline) throw new Error(`not connected:\n${logs.join('\n')}\n${await gw.tail()}`);
      await sleep(250);
    }
    expect(activity.latest(`lmstudio/${MODEL}`)).toBeUndefined(); // no session has run yet

    // One real agent run through the gateway (async: the simulator must keep answering meanwhile).
    const before = Date.now();
    const turn = await gw.turn('Say hi', { sessionKey: 'agent:main:main' });
    expect(turn.ok, turn.output.slice(-2000)).toBe(true);
    expect(sim.stats().inferenceRequests).toBeGreaterThanOrEqual(1);

    // The run shows as activity on the local model, no later than now.
    const seenBy = Date.now() + 30_000;
    while (!((activity.latest(`lmstudio/${MODEL}`) ?? 0) >= before) && Date.now() < seenBy) await sleep(200);
    const at = activity.latest(`lmstudio/${MODEL}`);
    expect(at, logs.join('\n')).toBeGreaterThanOrEqual(before);
    expect(at!).toBeLessThanOrEqual(Date.now());
    expect(logs.join('\n')).not.toContain(gw.token);
  });
});
