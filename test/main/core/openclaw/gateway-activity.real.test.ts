// GatewayActivity against the REAL `openclaw gateway` (the pinned OpenClaw from scripts/ensure-openclaw):
// its handshake as a loopback backend client with the shared token, and a real agent run on a local
// LM Studio (the simulator) showing up as activity on `lmstudio/<model>`. Slow (gateway start-up plus
// one agent run), so it is the only real-gateway test for this module; gateway-activity.test.ts covers
// the details with a stand-in.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { gatewayTarget, isGatewayUp } from '../../../../src/main/core/openclaw/gateway';
import { GatewayActivity } from '../../../../src/main/core/openclaw/gateway-activity';
import { isolatedEnv, openclawCommand } from '../../../../src/main/core/openclaw/openclaw-cli';
import { startSimulator, type Simulator } from '../../../sim';
import { freePort } from '../../../helpers/ports';
import { descendants } from '../../../helpers/process-tree';

const MODEL = 'qwen2-vl-7b-instruct';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GatewayActivity with a real gateway', () => {
  let dir: string | undefined;
  let gw: ChildProcess | undefined;
  let sim: Simulator | undefined;
  let activity: GatewayActivity | undefined;
  const family = new Set<number>();

  afterAll(async () => {
    activity?.stop();
    if (gw?.pid && gw.exitCode === null) {
      for (const p of descendants(gw.pid)) family.add(p);
      try {
        process.kill(-gw.pid, 'SIGTERM');
      } catch {
        // gone
      }
      const deadline = Date.now() + 15_000;
      while (gw.exitCode === null && gw.signalCode === null && Date.now() < deadline) await sleep(100);
      if (gw.exitCode === null && gw.signalCode === null) process.kill(-gw.pid, 'SIGKILL');
    }
    for (const p of family) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('connects as a read-only backend client and reports an agent run on the local model', { timeout: 300_000 }, async () => {
    const bin = await ensureOpenclaw();
    sim = await startSimulator('lmstudio', { loadDelayMs: 10 });
    dir = await mkdtemp(join(tmpdir(), 'warmclaw-gw-activity-'));
    const port = await freePort();
    const token = randomBytes(24).toString('hex');
    await writeFile(
      join(dir, 'openclaw.json'),
      `{
  gateway: { mode: "local", port: ${port}, bind: "loopback", auth: { mode: "token", token: "\${WARMCLAW_TEST_GATEWAY_TOKEN}" } },
  logging: { file: ${JSON.stringify(join(dir, 'openclaw.log'))} },
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    lmstudio: { baseUrl: "${sim.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${MODEL}", name: "q", contextWindow: 32768, maxTokens: 1024 }] },
  } },
  agents: { defaults: { model: { primary: "lmstudio/${MODEL}" } } },
}
`,
      { mode: 0o600 },
    );
    const { command, args } = await openclawCommand({ bin });
    const env = isolatedEnv(dir, process.env, {
      WARMCLAW_TEST_GATEWAY_TOKEN: token,
      OPENCLAW_SKIP_CHANNELS: '1',
      OPENCLAW_SKIP_CRON: '1',
      OPENCLAW_DISABLE_BONJOUR: '1',
      OPENCLAW_NO_AUTO_UPDATE: '1',
    });
    const out = openSync(join(dir, 'gateway.out'), 'a');
    gw = spawn(command, [...args, 'gateway', 'run', '--allow-unconfigured', '--auth', 'token', '--port', String(port), '--bind', 'loopback'], { env, cwd: dir, detached: true, stdio: ['ignore', out, out] });
    const gwLog = async () => (await readFile(join(dir!, 'gateway.out'), 'utf8').catch(() => '')).split('\n').slice(-20).join('\n');

    // Started before the gateway answers: it must stay quiet and connect once the gateway is ready.
    const target = gatewayTarget({ gateway: { port, auth: { mode: 'token', token: '${WARMCLAW_TEST_GATEWAY_TOKEN}' } } }, { WARMCLAW_TEST_GATEWAY_TOKEN: token });
    const logs: string[] = [];
    const log = (m: string, f?: Record<string, unknown>) => logs.push(`${m} ${JSON.stringify(f ?? {})}`);
    activity = new GatewayActivity({ target: () => target, backoffMs: { min: 500, max: 2_000 }, logger: { debug: log, info: log, warn: log, error: log } });
    activity.start();
    const deadline = Date.now() + 150_000;
    while (activity.state !== 'connected') {
      if (gw.exitCode !== null) throw new Error(`gateway exited early:\n${await gwLog()}`);
      if (Date.now() > deadline) throw new Error(`not connected (up: ${await isGatewayUp(target)}):\n${logs.join('\n')}\n${await gwLog()}`);
      for (const p of descendants(gw.pid!)) family.add(p);
      await sleep(250);
    }
    expect(activity.latest(`lmstudio/${MODEL}`)).toBeUndefined(); // no session has run yet

    // One real agent run through the gateway (async: the simulator must keep answering meanwhile).
    const before = Date.now();
    const call = spawn(command, [...args, 'gateway', 'call', 'agent', '--json', '--port', String(port), '--timeout', '180000', '--expect-final', '--params', JSON.stringify({ message: 'Say hi', sessionKey: 'agent:main:main', idempotencyKey: `warmclaw-${before}` })], {
      env: { ...env, OPENCLAW_GATEWAY_TOKEN: token },
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let callOut = '';
    call.stdout!.on('data', (d: Buffer) => (callOut += d.toString()));
    call.stderr!.on('data', (d: Buffer) => (callOut += d.toString()));
    const code = await new Promise<number | null>((r) => call.once('exit', r));
    expect(code, callOut.slice(-2000)).toBe(0);
    expect(sim.stats().inferenceRequests).toBeGreaterThanOrEqual(1);

    // The run shows as activity on the local model, no later than now.
    const seenBy = Date.now() + 30_000;
    while (!((activity.latest(`lmstudio/${MODEL}`) ?? 0) >= before) && Date.now() < seenBy) await sleep(200);
    const at = activity.latest(`lmstudio/${MODEL}`);
    expect(at, logs.join('\n')).toBeGreaterThanOrEqual(before);
    expect(at!).toBeLessThanOrEqual(Date.now());
    expect(logs.join('\n')).not.toContain(token);
  });
});
