import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { get, sim } from './helpers';
import { ESCAPES_AFTER, ESCAPES_BEFORE, HUGE_BODY_BYTES, SIM_KINDS, type Simulator } from './index';

type NetError = Error & { cause?: { code?: string } };

const probe = (s: Simulator, ms = 500): Promise<Response> => fetch(`${s.url}/v1/models`, { signal: AbortSignal.timeout(ms) });
const failure = (p: Promise<unknown>): Promise<NetError> =>
  p.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: NetError) => e,
  );
/** Fails the test instead of hanging when close() does not return. */
const closesPromptly = (s: Simulator): Promise<string> => Promise.race([s.close().then(() => 'closed'), new Promise<string>((r) => setTimeout(() => r('close() hung'), 3_000))]);

describe('failure modes', () => {
  it('refuse closes the port; setFailure(null) reopens the same one', async () => {
    const s = await sim('openai-compatible', { clock: new ManualClock() });
    const url = s.url;
    expect((await probe(s)).status).toBe(200);
    await s.setFailure('refuse');
    expect((await failure(probe(s))).cause?.code).toBe('ECONNREFUSED');
    await s.setFailure(null);
    expect(s.url).toBe(url);
    expect((await probe(s)).status).toBe(200);
  });

  it('hang accepts and never answers; close() still returns and frees the socket', async () => {
    const s = await sim('ollama', { clock: new ManualClock() });
    await s.setFailure('hang');
    expect((await failure(probe(s, 300))).name).toBe('TimeoutError');
    const pending = failure(fetch(`${s.url}/api/ps`));
    await expect.poll(() => s.stats().paths['GET /api/ps']).toBe(1);
    expect(await closesPromptly(s)).toBe('closed');
    expect((await pending).message).toBe('fetch failed');
  });

  it('slow-drip sends headers, then a byte a second, forever', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock() });
    await s.setFailure('slow-drip');
    const ac = new AbortController();
    const res = await fetch(`${s.url}/v1/models`, { signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('{');
    const timer = setTimeout(() => ac.abort(new DOMException('client timeout', 'TimeoutError')), 1_200);
    let more = 0;
    const err = await (async () => {
      for (;;) {
        const c = await reader.read();
        if (c.done) return new Error('body ended');
        more += c.value.length;
      }
    })().catch((e: Error) => e);
    clearTimeout(timer);
    expect(err.name).toBe('TimeoutError');
    expect(more).toBeLessThan(5);
    expect(await closesPromptly(s)).toBe('closed');
  });

  it('http-500, invalid-json and wrong-content-type are plain answers a client must reject', async () => {
    const s = await sim('vllm', { clock: new ManualClock() });
    await s.setFailure('http-500');
    expect((await probe(s)).status).toBe(500);
    await s.setFailure('invalid-json');
    const bad = await probe(s);
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow(SyntaxError);
    await s.setFailure('wrong-content-type');
    const html = await probe(s);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    await s.setFailure(null);
    expect((await get(s, '/v1/models')).body.data[0].owned_by).toBe('vllm');
  });

  it('huge-body streams 100 MiB without a content-length', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock() });
    await s.setFailure('huge-body');
    // node:http rather than fetch: counting 100 MiB through web streams is needlessly slow
    const { n, tail, headers } = await new Promise<{ n: number; tail: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const req = httpGet(`${s.url}/v1/models`, { timeout: 20_000 }, (res) => {
        let n = 0;
        let last: Buffer = Buffer.alloc(0);
        res.on('data', (c: Buffer) => {
          n += c.length;
          last = c;
        });
        res.on('end', () => resolve({ n, tail: last.subarray(-2).toString(), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
    expect(headers['content-length']).toBeUndefined();
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(n).toBe(HUGE_BODY_BYTES);
    expect(tail).toBe('"}');
    // a client that stops early (size cap) does not leave the server writing
    const capped = await fetch(`${s.url}/v1/models`);
    const reader = (capped.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    expect(await closesPromptly(s)).toBe('closed');
  });

  it('wrong-types: the normal answer with numbers as strings, strings as numbers (kind markers kept)', async () => {
    const s = await sim('vllm', { clock: new ManualClock() });
    const normal = (await get(s, '/v1/models')).body;
    await s.setFailure('wrong-types');
    const res = await probe(s);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: { id: unknown; owned_by: unknown; max_model_len: unknown; created: unknown }[] };
    expect(body.object).toBe('list');
    expect(body.data[0]!.owned_by).toBe('vllm');
    expect(body.data[0]!.id).toBe(normal.data[0].id.length);
    expect(body.data[0]!.max_model_len).toBe(String(normal.data[0].max_model_len));
    expect(typeof body.data[0]!.created).toBe('string');
    await s.setFailure(null);
    expect((await get(s, '/v1/models')).body.data[0]).toMatchObject({ id: normal.data[0].id, max_model_len: normal.data[0].max_model_len });
  });

  it('escape-codes: model and server names wrapped in terminal escapes, control and bidi characters', async () => {
    const s = await sim('ollama', { clock: new ManualClock() });
    const normal = (await get(s, '/api/tags')).body as { models: { name: string; size: number }[] };
    await s.setFailure('escape-codes');
    const body = (await get(s, '/api/tags')).body as { models: { name: string; model: string; size: number }[] };
    expect(body.models[0]!.name).toBe(`${ESCAPES_BEFORE}${normal.models[0]!.name}${ESCAPES_AFTER}`);
    expect(body.models[0]!.name).toContain('\u001b[2J');
    expect(body.models[0]!.name).toContain('\u202e');
    expect(body.models[0]!.size).toBe(normal.models[0]!.size);
  });

  it('huge-numbers: every number in the answer is 1e308', async () => {
    const s = await sim('lmstudio', { clock: new ManualClock(), loaded: ['qwen2-vl-7b-instruct'] });
    await s.setFailure('huge-numbers');
    const body = (await get(s, '/api/v0/models')).body as { data: { id: string; max_context_length: number; loaded_context_length?: number }[] };
    expect(body.data.length).toBeGreaterThan(0);
    for (const m of body.data) expect(m.max_context_length).toBe(1e308);
    expect(body.data.some((m) => m.loaded_context_length === 1e308)).toBe(true);
    expect(typeof body.data[0]!.id).toBe('string');
  });

  it('random-500: about half the requests fail, the same ones each time the mode is set', async () => {
    const s = await sim('llamacpp', { clock: new ManualClock() });
    const run = async () => {
      await s.setFailure('random-500');
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await probe(s, 2_000)).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 500]));
    const failed = first.filter((x) => x === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect(await run()).toEqual(first);
  });

  it('restart clears the failure; keep-alive clients reconnect', async () => {
    const s = await sim('litellm', { clock: new ManualClock() });
    for (let i = 0; i < 5; i++) {
      await s.setFailure(i % 2 ? 'refuse' : 'http-500');
      await s.restart();
      expect((await get(s, '/health/liveliness')).status).toBe(200);
    }
  });

  it('close() during real-time loads: requests fail, ready() settles, nothing is left pending', async () => {
    const v = await sim('vllm', { loadDelayMs: 10_000, waitUntilReady: false });
    const lm = await sim('lmstudio', { loadDelayMs: 10_000 });
    const loading = failure(lm.userRequest('deepseek-r1'));
    await expect.poll(() => lm.state().loaded[0]?.loading).toBe(true);
    expect(await closesPromptly(lm)).toBe('closed');
    expect((await loading).message).toBe('fetch failed');
    expect(await closesPromptly(v)).toBe('closed');
    await v.ready();
  });

  it.each(SIM_KINDS)('%s: every failure mode applies to every path', async (kind) => {
    const s = await sim(kind, { clock: new ManualClock() });
    await s.setFailure('http-500');
    expect((await fetch(`${s.url}/anything`, { signal: AbortSignal.timeout(500) })).status).toBe(500);
    await s.setFailure('refuse');
    expect((await failure(fetch(`${s.url}/`, { signal: AbortSignal.timeout(500) }))).cause?.code).toBe('ECONNREFUSED');
    await s.setFailure(null);
    expect((await fetch(`${s.url}/v1/models`, { signal: AbortSignal.timeout(2_000) })).status).toBe(200);
    expect(s.stats().requests).toBe(2);
  });
});
