// The oracle for keep-warm is real OpenClaw: the pinned `openclaw` gateway runs real agent turns against
// the simulators, and a model Warmclaw kept warm must cost OpenClaw's turn ZERO loads — through OpenClaw's
// own `lmstudio` provider (which preflights and explicitly loads at its context before every turn), an LM
// Studio under another provider id (plain requests: JIT), and Ollama (num_ctx must match or it reloads).
// Controls in the same run show the harness catches what it claims to: a cold turn loads once, and the
// old JIT ping (LM Studio's default 4,096 context) is loaded over by OpenClaw.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENCLAW_PROMPT_MIN_CONTEXT } from '../../src/shared/openclaw-constants';
import { adapterFor } from '../../src/main/core/endpoints';
import { WarmclawService } from '../../src/main/core/service';
import { startSimulator, type Simulator } from '../sim';
import { startRealGateway, type RealGateway } from '../helpers/openclaw-gateway';
import { tempDir } from '../helpers/tmp';

const LMS_MODEL = 'qwen/qwen3-8b';
const JIT_MODEL = 'mistralai/mistral-small-3.2';
const OLLAMA_MODEL = 'llama3.2:latest';
const REFS = { preload: `lmstudio/${LMS_MODEL}`, jit: `lms-jit/${JIT_MODEL}`, ollama: `ollama/${OLLAMA_MODEL}` };
/** The agent whose model is each ref (per-agent models: OpenClaw refuses per-call model overrides). */
const AGENT: Record<string, string> = { [REFS.preload]: 'main', [REFS.jit]: 'jit', [REFS.ollama]: 'oll' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keep-warm proven by real OpenClaw turns (pinned gateway, simulators)', () => {
  let lms: Simulator;
  let jit: Simulator;
  let ollama: Simulator;
  let gw: RealGateway | undefined;
  let service: WarmclawService | undefined;
  const data = tempDir();

  beforeAll(async () => {
    // LM Studio JIT-loads at its default context (4,096 here, as in a fresh install); the second server's
    // model has a default context large enough for OpenClaw's prompt, as the JIT warning tells users to set.
    lms = await startSimulator('lmstudio', { loadDelayMs: 1500, models: [{ id: LMS_MODEL, maxContext: 131072 }] });
    jit = await startSimulator('lmstudio', { loadDelayMs: 1500, models: [{ id: JIT_MODEL, maxContext: 131072, contextLength: 65536 }] });
    ollama = await startSimulator('ollama', { loadDelayMs: 1500 });
    gw = await startRealGateway(
      (quiet) => `{
  ${quiet}
  models: { catalogRefresh: { enabled: false }, mode: "merge", providers: {
    lmstudio: { baseUrl: "${lms.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${LMS_MODEL}", name: "Qwen3 8B", contextWindow: 32768, maxTokens: 1024 }] },
    "lms-jit": { baseUrl: "${jit.url}/v1", api: "openai-completions", apiKey: "lm-studio", models: [{ id: "${JIT_MODEL}", name: "Mistral Small", contextWindow: 65536, maxTokens: 1024 }] },
    ollama: { baseUrl: "${ollama.url}", api: "ollama", apiKey: "ollama-local", models: [{ id: "${OLLAMA_MODEL}", name: "Llama 3.2", contextWindow: 32768, maxTokens: 1024, params: { num_ctx: 32768 } }] },
  } },
  agents: {
    ownership: "explicit",
    defaults: { model: { primary: "${REFS.preload}" } },
    entries: { main: {}, jit: { model: "${REFS.jit}" }, oll: { model: "${REFS.ollama}" } },
  },
}
`,
    );
    mkdirSync(join(data, 'data'), { recursive: true });
    writeFileSync(join(data, 'data', 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { models: Object.values(REFS) } }));
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    await gw?.stop();
    await Promise.all([lms?.close(), jit?.close(), ollama?.close()]);
  });

  /** One real turn on `ref`; returns how many loads each server counted during it. */
  async function turnLoads(ref: string, sim: Simulator) {
    const before = sim.stats();
    const t = await gw!.turn('Reply with the single word: ready.', { agentId: AGENT[ref] });
    expect(t.ok, t.output.slice(-3000) + (await gw!.tail())).toBe(true);
    const after = sim.stats();
    expect(after.userRequests, `no inference reached the ${sim.kind} simulator`).toBeGreaterThan(before.userRequests);
    return { loads: after.loads - before.loads, pinnedLoads: after.pinnedLoads - before.pinnedLoads, ms: t.ms };
  }

  it('control: a cold model costs OpenClaw\'s turn a load (the harness sees loads)', { timeout: 300_000 }, async () => {
    lms.unload();
    const r = await turnLoads(REFS.preload, lms);
    expect(r.loads).toBe(1);
    expect(r.pinnedLoads).toBe(1); // OpenClaw's lmstudio provider loads explicitly…
    expect(lms.lastRequest('POST /api/v1/models/load')?.body).toEqual({ model: LMS_MODEL, context_length: 32768 }); // …at contextWindow
  });

  it('control: the old JIT ping loads LM Studio\'s default 4,096 context, which OpenClaw loads over', { timeout: 300_000 }, async () => {
    lms.unload();
    const ping = await adapterFor('lmstudio').warm({ baseUrl: lms.url }, LMS_MODEL, { keepAlive: '30m' });
    expect(ping).toMatchObject({ ok: true, loaded: true });
    expect(lms.state().loaded).toEqual([expect.objectContaining({ id: LMS_MODEL, contextLength: 4096 })]);
    expect((await turnLoads(REFS.preload, lms)).loads).toBe(1);
  });

  it('Warmclaw\'s keeper warms all three as OpenClaw will ask, and OpenClaw\'s turns then load nothing', { timeout: 420_000 }, async () => {
    lms.unload();
    jit.unload();
    ollama.unload();
    const mark = Math.max(0, ...lms.recorded().map((r) => r.seq));
    service = await WarmclawService.open({ env: { ...process.env, OPENCLAW_CONFIG_PATH: gw!.configPath, WARMCLAW_DATA_DIR: join(data, 'data'), HOME: data }, scan: false, gatewayActivity: false });
    await service.start();
    const deadline = Date.now() + 60_000;
    const warmNow = () => service!.keeper.states().filter((s) => s.modelState === 'loaded').length === 3;
    while (!warmNow() && Date.now() < deadline) await sleep(200);
    const states = service.keeper.states().map((s) => [s.target.ref, s.modelState, s.warm.lastError]);
    expect(states).toHaveLength(3);
    expect(states).toEqual(expect.arrayContaining(Object.values(REFS).map((r) => [r, 'loaded', undefined])));

    // LM Studio via OpenClaw's lmstudio provider: one explicit load at OpenClaw's context, never a JIT ping.
    expect(lms.lastRequest('POST /api/v1/models/load')?.body).toEqual({ model: LMS_MODEL, context_length: 32768 });
    expect(lms.recorded('POST /v1/chat/completions').filter((r) => r.seq > mark && r.body?.max_tokens === 1)).toEqual([]);
    const preload = await turnLoads(REFS.preload, lms);
    expect(preload).toMatchObject({ loads: 0, pinnedLoads: 0 });
    // OpenClaw's own prompt, measured: what the context findings' OPENCLAW_PROMPT_MIN_CONTEXT must hold.
    const sent = JSON.stringify(lms.lastRequest('POST /v1/chat/completions')?.body ?? {});
    expect(sent.length).toBeGreaterThan(30_000); // ~49,800 characters with 2026.9.6
    expect(Math.ceil(sent.length / 4) + 1024).toBeLessThan(OPENCLAW_PROMPT_MIN_CONTEXT);

    // LM Studio under another id: OpenClaw sends plain requests; Warmclaw's JIT ping carried the user's ttl.
    expect(jit.lastRequest('POST /v1/chat/completions')?.body).toMatchObject({ model: JIT_MODEL, max_tokens: 1, ttl: 1800 });
    expect(await turnLoads(REFS.jit, jit)).toMatchObject({ loads: 0, pinnedLoads: 0 });

    // Ollama: the warm request carried the num_ctx OpenClaw sends, so its turn does not reload the runner.
    const ours = ollama.lastRequest('POST /api/generate')?.body;
    expect(ours).toMatchObject({ model: OLLAMA_MODEL, options: { num_ctx: 32768 } });
    expect((await turnLoads(REFS.ollama, ollama)).loads).toBe(0);
    const theirs = ollama.lastRequest('POST /api/chat')?.body as { options?: { num_ctx?: number } } | undefined;
    expect(theirs?.options?.num_ctx).toBe((ours as { options: { num_ctx: number } }).options.num_ctx);

    // Nothing the keeper did counted as a cold start a user waited on.
    for (const s of service.keeper.states()) expect(s.warm.coldStarts, s.target.ref).toBeLessThanOrEqual(1);
  });
});
