// The POST /v1/responses route probe: one rule (classifyResponsesProbe), checked on the bodies real
// servers send and end to end against every simulator with the route on and off. The probe must
// never load or wake a model.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import { classifyResponsesProbe } from '../../../../src/main/core/endpoints/common';
import { createAdapter } from '../../../../src/main/core/endpoints/registry';
import type { SimKind } from '../../../sim/index';
import { sim, testHttp } from './helpers';

const http = testHttp();
const json = (o: unknown) => ({ text: JSON.stringify(o), contentType: 'application/json' });
const text = (t: string) => ({ text: t, contentType: 'text/plain' });

describe('classifyResponsesProbe', () => {
  it.each([
    ['vLLM / FastAPI: route missing', 404, json({ detail: 'Not Found' }), false],
    ['vLLM: body rejected by the route', 400, json({ object: 'error', message: "Field required: 'input'", type: 'BadRequestError', code: 400 }), true],
    ['vLLM: route present, unknown model', 404, json({ object: 'error', message: 'The model `x` does not exist.', type: 'NotFoundError', code: 404 }), true],
    ['FastAPI validation error', 422, json({ detail: [{ msg: 'Field required' }] }), true],
    ['Ollama: gin route missing', 404, text('404 page not found'), false],
    ['Ollama: route present, unknown model', 404, json({ error: { message: "model 'x' not found", type: 'not_found_error' } }), true],
    ['llama.cpp: route missing', 404, json({ error: { message: 'File Not Found', type: 'not_found_error', code: 404 } }), false],
    ['llama.cpp: input required', 400, json({ error: { code: 400, message: "'input' is required", type: 'invalid_request_error' } }), true],
    ['LM Studio < 0.3.29 catch-all', 200, json({ error: 'Unexpected endpoint or method. (POST /v1/responses)' }), false],
    ['LM Studio: unknown model', 400, json({ error: { message: 'Invalid model identifier "x".', code: 'model_not_found' } }), true],
    ['method not allowed', 405, json({ detail: 'Method Not Allowed' }), false],
    ['auth hides the route', 401, json({ error: 'Unauthorized' }), undefined],
    ['outage', 503, text(''), undefined],
  ] as const)('%s', (_name, status, res, want) => {
    expect(classifyResponsesProbe(status, res)).toBe(want);
  });
});

const KINDS: SimKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm', 'openai-compatible'];

describe.each(KINDS)('%s responsesApi against its simulator', (kind) => {
  const adapter = createAdapter(kind, { http });
  it.each([true, false])('route served: %s', async (served) => {
    const s = await sim(kind, { clock: new ManualClock(), responsesApi: served });
    const loadsBefore = s.stats().loads;
    expect(await adapter.responsesApi({ baseUrl: s.url })).toBe(served);
    const st = s.stats();
    expect(st.paths['POST /v1/responses']).toBe(1);
    expect(st.loads).toBe(loadsBefore);
    expect(st.userRequests).toBe(0);
    expect(s.state().loaded.filter((m) => !m.loading && !m.sleeping).length).toBe(kind === 'vllm' || kind === 'llamacpp' ? 1 : 0);
  });
});
