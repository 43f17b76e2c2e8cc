// `warmclaw test <ref>` against the simulators, in each API OpenClaw uses: a model that calls the tool
// well, one that sends broken arguments, one that answers in text; a stopped server; and the context
// the model ran at. Nothing in openclaw.json changes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testModel } from '../../../../src/main/core/model-test/tool-call-test';
import { runCli } from '../../../../src/main/daemon/cli';
import { startSimulator, type Simulator } from '../../../sim';
import { tempDir } from '../../../helpers/tmp';

const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});
async function sim(kind: Parameters<typeof startSimulator>[0], opts: Parameters<typeof startSimulator>[1] = {}) {
  const s = await startSimulator(kind, { loadDelayMs: 0, toolCalls: 'call', ...opts });
  sims.push(s);
  return s;
}

describe('model test (tool call)', () => {
  it.each([
    ['lmstudio', 'openai-responses', '/v1', 'meta-llama-3.1-8b-instruct'],
    ['vllm', 'openai-completions', '/v1', undefined],
    ['ollama', 'ollama', '', undefined],
  ] as const)('%s over %s: a well-formed call, time to first token, tokens/s', async (kind, api, suffix, id) => {
    const s = await sim(kind);
    const model = id ?? s.models()[0]!.id;
    const r = await testModel({ baseUrl: `${s.url}${suffix}`, api, model });
    expect(r).toMatchObject({ reachable: true, api, toolCall: 'well-formed', toolName: 'get_weather', toolArguments: { city: 'Hanoi' } });
    expect(r.ttftMs).toBeGreaterThanOrEqual(0);
    expect(r.outputTokens).toBeGreaterThan(0);
    expect(r.tokensPerSec).toBeGreaterThan(0);
    // What was sent: the one tool, streamed, in that API's shape.
    const sent = s.recorded().at(-1)!;
    expect(sent.body).toMatchObject({ model, stream: true });
    expect(JSON.stringify(sent.body)).toContain('get_weather');
  });

  it('tells a model that answers in text from one with broken arguments', async () => {
    const text = await sim('ollama', { toolCalls: 'ignore' });
    const model = text.models()[0]!.id;
    expect(await testModel({ baseUrl: text.url, api: 'ollama', model })).toMatchObject({ reachable: true, toolCall: 'none', text: expect.stringContaining('Hello') });
    const broken = await sim('vllm', { toolCalls: 'malformed' });
    const r = await testModel({ baseUrl: `${broken.url}/v1`, api: 'openai-completions', model: broken.models()[0]!.id });
    expect(r).toMatchObject({ reachable: true, toolCall: 'malformed' });
  });

  it('a stopped server is not reachable, in words', async () => {
    const s = await sim('ollama');
    await s.setFailure('refuse');
    const r = await testModel({ baseUrl: s.url, api: 'ollama', model: 'x', timeoutMs: 5_000 });
    expect(r.reachable).toBe(false);
    expect(r.error).toMatch(/refused/);
  });

  it('the CLI reports the context it ran at, exits 0 for a working model and 2 for a silent one, and writes nothing', async () => {
    const good = await sim('lmstudio');
    const silent = await sim('ollama', { toolCalls: 'ignore' });
    const dir = tempDir();
    mkdirSync(join(dir, 'data'), { recursive: true });
    const config = join(dir, 'openclaw.json');
    const text = JSON.stringify({
      models: {
        providers: {
          lmstudio: { baseUrl: `${good.url}/v1`, api: 'openai-responses', models: [{ id: 'meta-llama-3.1-8b-instruct', name: 'l' }] },
          ollama: { baseUrl: silent.url, api: 'ollama', models: [{ id: silent.models()[0]!.id, name: 'o' }] },
        },
      },
    });
    writeFileSync(config, text);
    const env = { HOME: dir, WARMCLAW_DATA_DIR: join(dir, 'data'), OPENCLAW_CONFIG_PATH: config, PATH: '/usr/bin:/bin' };
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli(args, { out: (s) => out.push(s), err: (s) => out.push(s), env });
      return { code, out: out.join('\n') };
    };
    const ok = await run('test', 'lmstudio/meta-llama-3.1-8b-instruct');
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/tool call: well-formed/);
    expect(ok.out).toMatch(/ran at [\d,]+ tokens of context/);
    const bad = await run('test', `ollama/${silent.models()[0]!.id}`);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/tool call: NONE/);
    expect(readFileSync(config, 'utf8')).toBe(text);
  });
});
