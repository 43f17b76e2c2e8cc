// Discovery against the simulators: every kind identified from bodies (never ports), LM Studio's
// 200-with-error-body quirk, a scan that stays fast when ports hang, config/scan merging, localhost
// vs 127.0.0.1, and API keys that only ever reach their own endpoint.
import { lookup } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/core/clock';
import {
  candidateEndpoints,
  DEFAULT_SCAN_PORTS,
  describeLocalhostMismatch,
  discover,
  identify,
  normalizeBaseUrl,
} from '../../../../src/main/core/endpoints/discovery';
import { createAdapter, FINGERPRINT_ORDER } from '../../../../src/main/core/endpoints/registry';
import type { Simulator, SimKind } from '../../../sim/index';
import { recordingProxy, sim, testHttp } from './helpers';

const http = testHttp({ maxInFlight: 16 });
const KINDS: SimKind[] = ['lmstudio', 'ollama', 'vllm', 'llamacpp', 'litellm', 'openai-compatible'];

async function allSims(): Promise<Record<SimKind, Simulator>> {
  const clock = new ManualClock();
  const list = await Promise.all(KINDS.map((k) => sim(k, { clock })));
  return Object.fromEntries(KINDS.map((k, i) => [k, list[i]])) as Record<SimKind, Simulator>;
}

describe('fingerprinting', () => {
  it('identifies every kind from response bodies', async () => {
    const sims = await allSims();
    const found = await discover({ user: KINDS.map((k) => ({ baseUrl: `${sims[k].url}/v1` })), scanPorts: [], http });
    expect(found.map((e) => e.kind)).toEqual(KINDS);
    for (const e of found) expect(e).toMatchObject({ reachable: true, source: 'user' });
    expect(found.find((e) => e.kind === 'ollama')?.version).toBe('0.12.6');
    expect(found.find((e) => e.kind === 'vllm')?.version).toBe('0.22.1');
    // LiteLLM's full health check (one real call per model) is never part of identification.
    expect(sims.litellm.stats().fullHealthChecks).toBe(0);
    // Identification only reads: nothing loaded, nothing pinged.
    for (const k of KINDS) expect(sims[k].stats().inferenceRequests).toBe(0);
  });

  it('each adapter recognises only its own server (the generic one: any OpenAI model list)', async () => {
    const sims = await allSims();
    for (const server of KINDS) {
      const matches: SimKind[] = [];
      for (const kind of FINGERPRINT_ORDER) if (await createAdapter(kind, { http }).fingerprint({ baseUrl: sims[server].url })) matches.push(kind);
      expect(matches, `on ${server}`).toEqual(server === 'openai-compatible' ? ['openai-compatible'] : [server, 'openai-compatible']);
    }
  });

  it("recognises LM Studio from its 200-with-error-body answer when the native list is missing", async () => {
    const lms = await sim('lmstudio', { clock: new ManualClock() });
    // A build without /api/v0 and /api/v1: the real catch-all answers 200 {"error":"Unexpected endpoint…"}.
    const proxy = await recordingProxy(lms, (p) => (p.startsWith('/api/') ? `/api/gone${p}` : p));
    expect((await identify({ baseUrl: proxy.url }, { http })).kind).toBe('lmstudio');
    // Without the quirk rule the bare 200 on /health/liveliness etc. would look like anything.
    expect(proxy.seen.some((r) => r.path === '/api/v0/models')).toBe(true);
    // And its listing falls back to /v1/models (no state).
    expect((await createAdapter('lmstudio', { http }).listModels({ baseUrl: proxy.url }))[0]).toMatchObject({ state: 'unknown' });
  });

  it('identifies LM Studio with auth on and llama.cpp while it loads', async () => {
    const lms = await sim('lmstudio', { clock: new ManualClock(), apiKey: 'lms-key' });
    const loading = await sim('llamacpp', { loadDelayMs: 60_000, waitUntilReady: false });
    const found = await discover({ user: [{ baseUrl: lms.url }, { baseUrl: loading.url }], scanPorts: [], http });
    expect(found[0]).toMatchObject({ kind: 'lmstudio', degraded: 'HTTP 401: LM Studio wants an API key' });
    expect(found[1]).toMatchObject({ kind: 'llamacpp', activity: 'loading', note: 'llama-server is still loading the model (HTTP 503)' });
  });

  it('reports an HTTP server that is not a model server in words', async () => {
    const s = await sim('openai-compatible', { clock: new ManualClock() });
    await s.setFailure('wrong-content-type');
    const [e] = await discover({ user: [{ baseUrl: s.url }], scanPorts: [], http });
    expect(e).toMatchObject({ reachable: true, source: 'user' });
    expect(e?.kind).toBeUndefined();
    expect(e?.error).toBe(`127.0.0.1:${s.port} answers HTTP, but not like a model server (no OpenAI-style /v1/models)`);
  });
});

describe('scan', () => {
  it('finds servers on the scanned ports and stays fast when others hang, drip or refuse', async () => {
    const clock = new ManualClock();
    const [ollama, lms, hang, drip, refused] = await Promise.all([
      sim('ollama', { clock }),
      sim('lmstudio', { clock }),
      sim('vllm', { clock }),
      sim('openai-compatible', { clock }),
      sim('llamacpp', { clock }),
    ]);
    await Promise.all([hang.setFailure('hang'), drip.setFailure('slow-drip'), refused.setFailure('refuse')]);
    const found = await discover({ scanPorts: [ollama.port, hang.port, lms.port, drip.port, refused.port], timeoutMs: 1_500, http });
    expect(found.map((e) => [e.kind, e.baseUrl, e.source])).toEqual([
      ['ollama', ollama.url, 'scan'],
      ['lmstudio', lms.url, 'scan'],
    ]);
    // A port that does not answer GET / costs exactly one request.
    expect(hang.stats().requests).toBe(1);
    expect(drip.stats().requests).toBe(1);
  });

  it('scans 127.0.0.1 on the six default ports unless told otherwise', () => {
    expect(DEFAULT_SCAN_PORTS).toEqual([1234, 11434, 8000, 4000, 8080, 9931]);
    expect(candidateEndpoints({}).map((c) => c.baseUrl)).toEqual(DEFAULT_SCAN_PORTS.map((p) => `http://127.0.0.1:${p}`));
    expect(candidateEndpoints({ scanPorts: [] })).toEqual([]);
  });
});

describe('candidates', () => {
  it('strips /v1, probes localhost as 127.0.0.1, and merges a scan hit into the config entry', () => {
    const c = candidateEndpoints({
      providers: [
        { id: 'lmstudio', baseUrl: 'http://localhost:1234/v1/', apiKey: 'k' },
        { id: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
      ],
      user: [{ baseUrl: 'http://gpu-box.lan:8000/v1' }, { baseUrl: 'ftp://nope' }],
      scanPorts: [1234, 11434, 4000],
    });
    expect(c).toEqual([
      { baseUrl: 'http://127.0.0.1:1234', source: 'config', configuredUrl: 'http://localhost:1234/v1/', providerId: 'lmstudio', apiKey: 'k', localhostUrl: 'http://localhost:1234' },
      { baseUrl: 'http://127.0.0.1:11434', source: 'config', configuredUrl: 'http://127.0.0.1:11434', providerId: 'ollama' },
      { baseUrl: 'http://gpu-box.lan:8000', source: 'user', configuredUrl: 'http://gpu-box.lan:8000/v1' },
      { baseUrl: 'http://127.0.0.1:4000', source: 'scan', kindHint: 'litellm' },
    ]);
    expect(normalizeBaseUrl('https://proxy.example/lmstudio/v1')).toBe('https://proxy.example/lmstudio');
    expect(normalizeBaseUrl('not a url')).toBeUndefined();
  });
});

describe('localhost vs 127.0.0.1', () => {
  it('a config that says localhost is probed both ways; agreement reports nothing', async () => {
    const lms = await sim('lmstudio', { clock: new ManualClock() });
    const found = await discover({ providers: [{ id: 'lmstudio', baseUrl: `http://localhost:${lms.port}/v1` }], scanPorts: [lms.port], http });
    expect(found).toEqual([
      { reachable: true, kind: 'lmstudio', latencyMs: expect.any(Number), baseUrl: lms.url, source: 'config', configuredUrl: `http://localhost:${lms.port}/v1`, providerId: 'lmstudio' },
    ]);
  });

  it('a disagreement is reported in words', async (ctx) => {
    // *.localhost names count as localhost; where the resolver does not know them they fail like an
    // IPv6-only ::1 would, while 127.0.0.1 reaches the server.
    const name = 'warmclaw-test.localhost';
    const resolves = await lookup(name).then(
      () => true,
      () => false,
    );
    if (resolves) ctx.skip(`${name} resolves on this machine, so it cannot stand in for a broken localhost`);
    const lms = await sim('lmstudio', { clock: new ManualClock() });
    const [e] = await discover({ providers: [{ id: 'lms', baseUrl: `http://${name}:${lms.port}/v1` }], scanPorts: [], http });
    expect(e).toMatchObject({ kind: 'lmstudio', baseUrl: lms.url });
    expect(e?.localhostMismatch).toBe(
      `127.0.0.1:${lms.port} reaches LM Studio but ${name}:${lms.port} does not (cannot find the host ${name} (the name does not resolve)): localhost may resolve to IPv6 ::1 while the server listens on IPv4 only — use ${lms.url} in openclaw.json`,
    );
  });

  it('describeLocalhostMismatch covers each way they can differ', () => {
    const up = (kind?: 'ollama' | 'lmstudio') => ({ reachable: true, kind, latencyMs: 1 });
    const down = { reachable: false, latencyMs: 1, error: 'connection refused on localhost:1234 — is the server started?' };
    const L = 'http://localhost:1234';
    const V4 = 'http://127.0.0.1:1234';
    expect(describeLocalhostMismatch(L, up('lmstudio'), V4, up('lmstudio'))).toBeUndefined();
    expect(describeLocalhostMismatch(L, down, V4, up('lmstudio'))).toMatch(/^127\.0\.0\.1:1234 reaches LM Studio but localhost:1234 does not/);
    expect(describeLocalhostMismatch(L, up('ollama'), V4, { ...down, error: 'refused' })).toMatch(/^localhost:1234 reaches Ollama but 127\.0\.0\.1:1234 does not \(refused\): the server may listen on IPv6/);
    expect(describeLocalhostMismatch(L, up('ollama'), V4, up('lmstudio'))).toMatch(/reach different servers \(Ollama vs LM Studio\)/);
  });
});

describe('API keys', () => {
  it('go only to their own endpoint and never appear in results', async () => {
    const clock = new ManualClock();
    const keyA = 'sk-lmstudio-only-7f3a';
    const a = await sim('lmstudio', { clock, apiKey: keyA });
    const b = await sim('openai-compatible', { clock });
    const pa = await recordingProxy(a);
    const pb = await recordingProxy(b);
    const found = await discover({
      providers: [
        { id: 'a', baseUrl: `${pa.url}/v1`, apiKey: keyA },
        { id: 'b', baseUrl: `${pb.url}/v1` },
      ],
      scanPorts: [pa.port, pb.port],
      http,
    });
    expect(found.map((e) => [e.providerId, e.kind, e.degraded])).toEqual([
      ['a', 'lmstudio', undefined],
      ['b', 'openai-compatible', undefined],
    ]);
    expect(pa.seen.length).toBeGreaterThan(0);
    expect(pa.seen.every((r) => r.authorization === `Bearer ${keyA}`)).toBe(true);
    expect(pb.seen.length).toBeGreaterThan(0);
    expect(pb.seen.every((r) => r.authorization === undefined)).toBe(true);
    expect(JSON.stringify(found)).not.toContain(keyA);
  });

  it('a wrong key is reported without the key', async () => {
    const a = await sim('litellm', { clock: new ManualClock(), apiKey: 'sk-master' });
    const wrong = 'sk-wrong-key-4242';
    const [e] = await discover({ providers: [{ id: 'litellm', baseUrl: a.url, apiKey: wrong }], scanPorts: [], http });
    expect(e?.kind).toBe('litellm');
    const adapter = createAdapter('litellm', { http });
    const list = await adapter.listModels({ baseUrl: a.url, apiKey: wrong }).catch((err: Error) => err.message);
    expect(list).toBe('HTTP 401: LiteLLM rejected the API key');
    expect(JSON.stringify(e)).not.toContain(wrong);
  });
});
