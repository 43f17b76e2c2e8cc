// The `model.test` command through the contract handler, against simulators that call the tool, send
// broken arguments, or answer in text: the same result shape as `warmclaw test --json`, the context
// the model ran at, clear errors for refs it cannot test, and openclaw.json left byte for byte.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput, ApiResult } from '../../../../src/shared/contract';
import { createApiHandler, type ApiHandler } from '../../../../src/main/core/api/handler';
import { WarmclawService } from '../../../../src/main/core/service';
import { startSimulator, type Simulator } from '../../../sim';
import { tempDir } from '../../../helpers/tmp';

const sims: Record<'call' | 'malformed' | 'ignore', Simulator> = {} as never;
let service: WarmclawService;
let api: ApiHandler;
let config: string;
let text: string;

beforeAll(async () => {
  sims.call = await startSimulator('lmstudio', { loadDelayMs: 0, toolCalls: 'call' });
  sims.malformed = await startSimulator('vllm', { loadDelayMs: 0, toolCalls: 'malformed' });
  sims.ignore = await startSimulator('ollama', { loadDelayMs: 0, toolCalls: 'ignore' });
  const dir = tempDir();
  config = join(dir, 'openclaw.json');
  text = JSON.stringify({
    models: {
      providers: {
        lmstudio: { baseUrl: `${sims.call.url}/v1`, api: 'openai-responses', apiKey: '${LMS_KEY}', models: [{ id: 'meta-llama-3.1-8b-instruct', name: 'l' }] },
        vllm: { baseUrl: `${sims.malformed.url}/v1`, api: 'openai-completions', models: [{ id: sims.malformed.models()[0]!.id, name: 'v' }] },
        ollama: { baseUrl: sims.ignore.url, api: 'ollama', models: [{ id: sims.ignore.models()[0]!.id, name: 'o' }] },
        nourl: { models: [{ id: 'x', name: 'x' }] },
      },
    },
    agents: { defaults: { model: { primary: 'vllm/' + sims.malformed.models()[0]!.id, fallbacks: ['ollama/' + sims.ignore.models()[0]!.id] } } },
  });
  writeFileSync(config, text);
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] } }));
  service = await WarmclawService.open({ env: { HOME: dir, OPENCLAW_CONFIG_PATH: config, LMS_KEY: 'secret-lms' }, dataDir: data, scan: false, openclawBin: join(dir, 'none') });
  api = createApiHandler(service, { env: {}, checkOutputs: true });
}, 30_000);
afterAll(async () => {
  await service.stop();
  for (const s of Object.values(sims)) await s.close();
});

describe('model.test', () => {
  it('a model that calls the tool: well-formed, measured, with the context it ran at', async () => {
    const r = (await api('model.test', { ref: 'lmstudio/meta-llama-3.1-8b-instruct' })) as ApiResult<ApiOutput<'model.test'>>;
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ ref: 'lmstudio/meta-llama-3.1-8b-instruct', reachable: true, api: 'openai-responses', toolCall: 'well-formed', toolName: 'get_weather', toolArguments: { city: 'Hanoi' } });
    expect(r.data.tokensPerSec).toBeGreaterThan(0);
    expect(r.data.contextLength).toBeGreaterThan(0);
    const sent = sims.call.recorded('POST /v1/responses').filter((x) => x.body?.model === 'meta-llama-3.1-8b-instruct');
    expect(sent.map((x) => x.body?.stream)).toEqual([true]);
  });

  it('broken arguments are malformed; a text answer is none, with the text', async () => {
    const bad = await api('model.test', { ref: `vllm/${sims.malformed.models()[0]!.id}` });
    expect(bad.ok && bad.data).toMatchObject({ reachable: true, api: 'openai-completions', toolCall: 'malformed' });
    const silent = await api('model.test', { ref: `ollama/${sims.ignore.models()[0]!.id}` });
    expect(silent.ok && silent.data).toMatchObject({ reachable: true, api: 'ollama', toolCall: 'none', text: expect.any(String) });
  });

  it('refs it cannot test are errors in words; the routing and the file do not change', async () => {
    const missing = await api('model.test', { ref: 'nope/x' });
    expect(missing.ok || missing.error).toMatchObject({ code: 'not-found', message: expect.stringContaining('"nope"') });
    const noUrl = await api('model.test', { ref: 'nourl/x' });
    expect(noUrl.ok || noUrl.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('baseUrl') });
    expect(readFileSync(config, 'utf8')).toBe(text);
  });
});
