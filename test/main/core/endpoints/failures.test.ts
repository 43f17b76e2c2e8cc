// Every simulator failure mode, through every adapter: a clear, plain-words error within the deadline
// and bounded memory. Deadlines here are limits (the test would hang without them), not measurements.
import { describe, expect, it, type TestContext } from 'vitest';
import { english, type Message } from '../../../../src/shared/messages';
import { sayMessage } from '../../../../src/renderer/src/i18n/messages';
import type { EndpointError } from '../../../../src/main/core/endpoints/common';
import { ManualClock } from '../../../../src/main/core/clock';
import { createAdapter } from '../../../../src/main/core/endpoints/registry';
import { startSimulator, type FailureMode, type SimKind } from '../../../sim/index';
import { sim, testHttp } from './helpers';

// A private, roomy limiter: the cases run concurrently and each hung request holds its slot until the deadline.
const http = testHttp({ timeoutMs: 1_000, maxInFlight: 64 });

/** A simulator closed when this (concurrent) test ends. */
async function own(kind: SimKind, ctx: TestContext) {
  const s = await startSimulator(kind, { clock: new ManualClock() });
  ctx.onTestFinished(() => s.close());
  return s;
}
const KINDS: SimKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm', 'llamaswap', 'openai-compatible'];
const NAME: Record<SimKind, string> = { lmstudio: "LM Studio's server", ollama: "Ollama's server", vllm: "vLLM's server", llamacpp: "llama.cpp's server", litellm: "LiteLLM's server", llamaswap: "llama-swap's server", 'openai-compatible': 'the server' };

// The hostile-JSON modes and random-500 answer normally (some or all of the time): see the monitor's hostile test.
const expected: Record<Exclude<FailureMode, 'refuse' | 'wrong-types' | 'escape-codes' | 'huge-numbers' | 'random-500'>, RegExp> = {
  hang: /^no answer from 127\.0\.0\.1:\d+ within 1 s$/,
  // Usually "started answering but did not finish"; on a loaded machine the first byte itself may miss the deadline.
  'slow-drip': /^(127\.0\.0\.1:\d+ started answering but did not finish|no answer from 127\.0\.0\.1:\d+) within 1 s$/,
  'http-500': /^HTTP 500: .+ had an internal error \(Internal Server Error\)$/,
  'invalid-json': /^the server sent invalid JSON$/,
  'huge-body': /^the server sent more than 2 MB$/,
  'wrong-content-type': /^the server answered with HTML, not JSON$/,
};

describe.concurrent.each(KINDS)('%s adapter under failure', (kind) => {
  // Short deadlines where the deadline is the point (hang, slow-drip); roomy ones where a busy machine
  // must not turn "too large" or "invalid JSON" into a timeout.
  const quick = createAdapter(kind, { http, timeoutMs: 1_000, warmTimeoutMs: 1_000 });
  const roomy = createAdapter(kind, { http, timeoutMs: 10_000, warmTimeoutMs: 10_000 });
  const model = 'some-model';

  it('refuse: names host, port and server', async (ctx) => {
    const s = await own(kind, ctx);
    await s.setFailure('refuse');
    const t = { baseUrl: s.url };
    const adapter = quick;
    const msg = `connection refused on 127.0.0.1:${s.port} — is ${NAME[kind]} started?`;
    const [list, p, w, fp] = await Promise.all([adapter.listModels(t).catch((e: Error) => e), adapter.probe(t), adapter.warm(t, model), adapter.fingerprint(t)]);
    ctx.expect(list).toBeInstanceOf(Error);
    ctx.expect((list as Error).message).toBe(msg);
    ctx.expect(p.ok).toBe(false);
    ctx.expect(english(p.error ?? '').startsWith(msg)).toBe(true);
    ctx.expect(sayMessage(p.error as Message, '', 'vi')).toMatch(/^kết nối bị từ chối trên 127\.0\.0\.1:\d+ — (máy chủ của .+|máy chủ) đã được khởi động chưa\?/);
    ctx.expect(w).toMatchObject({ ok: false, error: msg });
    ctx.expect(fp).toBe(false);
  });

  for (const mode of Object.keys(expected) as (keyof typeof expected)[]) it(mode, async (ctx) => {
    const s = await own(kind, ctx);
    await s.setFailure(mode);
    const t = { baseUrl: s.url };
    const adapter = mode === 'hang' || mode === 'slow-drip' ? quick : roomy;
    const [list, p, w, fp] = await Promise.all([adapter.listModels(t).catch((e: Error) => e), adapter.probe(t), adapter.warm(t, model), adapter.fingerprint(t)]);
    ctx.expect(list).toBeInstanceOf(Error);
    ctx.expect((list as Error).message).toMatch(expected[mode]);
    ctx.expect(p.ok).toBe(false);
    ctx.expect(english(p.error ?? '')).toMatch(/\S/);
    // Both failures are codes the Vietnamese UI words in Vietnamese (their English is the text above).
    for (const said of [p.error, (list as EndpointError).msg]) {
      ctx.expect(typeof said, JSON.stringify(said)).toBe('object');
      ctx.expect(sayMessage(said as Message, '', 'vi')).not.toBe(english(said as Message));
    }
    ctx.expect(w.ok).toBe(false);
    ctx.expect(w.error).toMatch(expected[mode]);
    ctx.expect(w.errorMsg, 'the warm failure carries its code').toBeDefined();
    ctx.expect(fp).toBe(false);
  });
});

describe('huge body', () => {
  it('reading a 100 MB answer keeps memory bounded', async () => {
    const s = await sim('openai-compatible', { clock: new ManualClock() });
    await s.setFailure('huge-body');
    const adapter = createAdapter('openai-compatible', { http: testHttp({ timeoutMs: 30_000 }) });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      for (let i = 0; i < 3; i++) await expect(adapter.listModels({ baseUrl: s.url })).rejects.toThrow('the server sent more than 2 MB');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});
