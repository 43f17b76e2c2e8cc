// The HTTP client's own contract, against tiny local servers that misbehave on purpose (exact control
// over bytes and timing that the runtime simulators do not need to offer). Runtime-level failure modes
// through the adapters are covered in failures.test.ts against the simulators.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient, Limiter, describeStatus, formatDuration, parseJsonBody, redact } from '../../../../src/main/core/endpoints/http';
import { OVERSIZED_MEMORY_MS, OVERSIZED_RECHECK_BYTES, OVERSIZED_SIBLING_BYTES, OversizedPaths } from '../../../../src/main/core/endpoints/oversized-paths';
import { freePort } from '../../../helpers/ports';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
const sockets = new Set<Socket>();

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const client = new HttpClient({ timeoutMs: 2_000, connectTimeoutMs: 1_000 });

/** Streams `total` bytes of JSON-typed filler in 64 KB chunks, honouring backpressure; stops when the client hangs up. */
function streamBody(res: ServerResponse, total: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (sent = Infinity));
  pump();
}

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});
afterAll(() => client.close());

describe('transport failures become plain words', () => {
  it('connection refused names the host, port and server', async () => {
    const port = await freePort();
    const out = await client.getJson({ baseUrl: `http://127.0.0.1:${port}` }, '/v1/models', { serverName: 'LM Studio' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('refused');
    expect(out.error.message).toBe(`connection refused on 127.0.0.1:${port} — is LM Studio's server started?`);
  });

  it('a server that accepts and never answers times out within the deadline', async () => {
    const base = await serve(() => undefined);
    const out = await client.send({ baseUrl: base }, '/v1/models', { timeoutMs: 300 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('timeout');
    expect(out.error.message).toBe(`no answer from ${base.slice(7)} within 300 ms`);
  });

  it('a body that drips forever hits the same total deadline', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
      const t = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(t));
    });
    const out = await client.send({ baseUrl: base }, '/v1/models', { timeoutMs: 1_000 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('timeout');
    expect(out.error.message).toMatch(/started answering but did not finish within 1 s/);
  });

  it('a server closing mid-answer is a reset, not a crash', async () => {
    const base = await serve((req) => req.socket.destroy());
    const out = await client.send({ baseUrl: base }, '/');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('reset');
  });

  it('an unusable base URL is an error value', async () => {
    const out = await client.send({ baseUrl: 'not a url' }, '/v1/models');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('bad-url');
  });

  it('a cancelled caller gets "cancelled", not a timeout', async () => {
    const base = await serve(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const out = await client.send({ baseUrl: base }, '/', { signal: ac.signal, timeoutMs: 5_000 });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('aborted');
  });
});

describe('size cap', () => {
  it('stops reading a 100 MB chunked body past the cap without buffering it', async () => {
    const base = await serve((_req, res) => streamBody(res, 100 * 1024 * 1024));
    global.gc?.();
    const before = process.memoryUsage().rss;
    const out = await client.send({ baseUrl: base }, '/v1/models', { timeoutMs: 10_000 });
    const growth = process.memoryUsage().rss - before;
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('too-large');
    expect(out.error.message).toBe('the server sent more than 2 MB');
    expect(growth).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a declared Content-Length above the cap before reading', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
      res.write('{');
    });
    const out = await client.send({ baseUrl: base }, '/', { maxBytes: 1024 });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.message).toBe('the server sent more than 1 KB');
  });
});

describe('a URL that answered above the cap', () => {
  it('is read with a small cap next time, and in full again once it answers small', async () => {
    let huge = true;
    const base = await serve((_req, res) => {
      if (!huge) return void res.end('{"object":"list","data":[]}');
      streamBody(res, 8 * 1024 * 1024);
    });
    const c = new HttpClient({ timeoutMs: 5_000 });
    try {
      const target = { baseUrl: base };
      // What the next read of a path may take, and how the last one ended.
      const read = async (path = '/v1/models') => {
        const out = await c.send(target, path);
        return { outcome: out.ok ? 'ok' : out.error.message, nextCap: c.oversized.capFor(`${base}\n${path}`, c.maxBytes) };
      };
      expect(await read()).toEqual({ outcome: 'the server sent more than 2 MB', nextCap: OVERSIZED_RECHECK_BYTES });
      // Refused the same way (the message names the real limit); read with the small cap.
      expect(await read()).toEqual({ outcome: 'the server sent more than 2 MB', nextCap: OVERSIZED_RECHECK_BYTES });
      // Other paths of the same server get a lower cap (128 KB); other servers are untouched.
      const origin = new URL(base).origin;
      expect(c.oversized.capFor(`${base}\n/api/tags`, c.maxBytes, origin)).toBe(OVERSIZED_SIBLING_BYTES);
      expect(c.oversized.capFor(`http://127.0.0.1:1\n/api/tags`, c.maxBytes, 'http://127.0.0.1:1')).toBe(c.maxBytes);
      huge = false;
      expect(await read()).toEqual({ outcome: 'ok', nextCap: c.maxBytes });
      // A POST is never marked (warm pings and chats are not status reads).
      huge = true;
      const post = await c.send(target, '/v1/chat', { json: {} });
      expect(post.ok).toBe(false);
      expect(c.oversized.capFor(`${base}\n/v1/chat`, c.maxBytes)).toBe(c.maxBytes);
      // A path that answers within its cap clears its own mark.
      huge = false;
      expect(await read('/api/tags')).toEqual({ outcome: 'ok', nextCap: c.maxBytes });
    } finally {
      await c.close();
    }
  });

  it('stays marked for a while, then expires; the marks are bounded', () => {
    let now = 0;
    const marks = new OversizedPaths(() => now);
    marks.record('a', true);
    expect(marks.capFor('a', 2_000_000)).toBe(OVERSIZED_RECHECK_BYTES);
    expect(marks.capFor('a', 1_000)).toBe(1_000);
    now += OVERSIZED_MEMORY_MS;
    expect(marks.capFor('a', 2_000_000)).toBe(2_000_000);
    for (let i = 0; i < 2_000; i++) marks.record(`u${i}`, true);
    expect(marks.size).toBeLessThanOrEqual(512);
    expect(marks.capFor('u1999', 2_000_000)).toBe(OVERSIZED_RECHECK_BYTES);
  });
});

describe('JSON and status handling', () => {
  it('HTML where JSON was expected', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body>Swagger</body></html>');
    });
    const out = await client.getJson({ baseUrl: base }, '/v1/models');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatchObject({ code: 'not-json', message: 'the server answered with HTML, not JSON' });
  });

  it('invalid JSON and other content types never throw', async () => {
    let body = '{"data": [';
    let type = 'application/json';
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    const bad = await client.getJson({ baseUrl: base }, '/v1/models');
    expect(!bad.ok && bad.error).toMatchObject({ code: 'invalid-json', message: 'the server sent invalid JSON' });
    body = '{"data": []}';
    type = 'application/octet-stream';
    const wrong = await client.getJson({ baseUrl: base }, '/v1/models');
    expect(!wrong.ok && wrong.error.message).toBe('the server answered with application/octet-stream, not JSON');
    type = 'application/json; charset=utf-8';
    const good = await client.getJson({ baseUrl: base }, '/v1/models');
    expect(good.ok && good.json).toEqual({ data: [] });
  });

  it('parseJsonBody accepts a missing content type when the body parses', () => {
    expect(parseJsonBody({ text: '"I\'m alive!"', contentType: '' })).toEqual({ ok: true, json: "I'm alive!" });
    expect(parseJsonBody({ text: '', contentType: 'application/json' }).ok).toBe(false);
  });

  it('status codes in words, with the server detail when it has one', async () => {
    const base = await serve((req, res) => {
      const status = Number(req.url?.slice(1));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `boom ${status}` } }));
    });
    const msg = async (status: number, apiKey?: string) => {
      const out = await client.getJson({ baseUrl: base, apiKey }, `/${status}`, { serverName: 'vLLM' });
      return out.ok ? 'ok' : out.error.message;
    };
    expect(await msg(401)).toBe('HTTP 401: vLLM wants an API key');
    expect(await msg(401, 'sk-test-1')).toBe('HTTP 401: vLLM rejected the API key');
    expect(await msg(500)).toBe('HTTP 500: vLLM had an internal error (boom 500)');
    expect(await msg(503)).toBe('HTTP 503: vLLM is unavailable (still loading, or overloaded) (boom 503)');
    expect(await msg(404)).toBe('HTTP 404: vLLM does not serve /404 (boom 404)');
  });

  it('describeStatus leaves out auth-error details (they can echo key fragments)', () => {
    const res = { text: '{"error":{"message":"Invalid proxy server token passed. key=abc123"}}', contentType: 'application/json' };
    expect(describeStatus(401, res, { path: '/v1/models', apiKey: 'abc123' })).toBe('HTTP 401: the server rejected the API key');
  });
});

describe('API key', () => {
  it('is sent as a Bearer token only when the target has one, and never appears in errors', async () => {
    const seen: (string | undefined)[] = [];
    const base = await serve((req, res) => {
      seen.push(req.headers.authorization);
      // A hostile or buggy server echoing the header back in its error.
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `bad request with ${req.headers.authorization ?? 'no auth'}` }));
    });
    const key = 'sk-secret-XYZ-123';
    const withKey = await client.getJson({ baseUrl: base, apiKey: key }, '/v1/models');
    const without = await client.getJson({ baseUrl: base }, '/v1/models');
    expect(seen).toEqual([`Bearer ${key}`, undefined]);
    expect(withKey.ok).toBe(false);
    if (!withKey.ok) {
      expect(withKey.error.message).not.toContain(key);
      expect(withKey.res?.text ?? '').not.toContain(key);
      expect(withKey.error.message).toContain('[redacted]');
    }
    expect(without.ok).toBe(false);
  });

  it('is absent from a transport error too', async () => {
    const port = await freePort();
    const out = await client.getJson({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sk-never-shown' }, '/v1/models');
    expect(JSON.stringify(out)).not.toContain('sk-never-shown');
  });

  it('redact() also strips any Bearer token', () => {
    expect(redact('Authorization: Bearer abc.def', undefined)).toBe('Authorization: Bearer [redacted]');
  });
});

describe('concurrency', () => {
  it('never has more than the limit in flight', async () => {
    let active = 0;
    let peak = 0;
    const base = await serve((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }, 30);
    });
    const limited = new HttpClient({ maxInFlight: 3 });
    const outs = await Promise.all(Array.from({ length: 12 }, () => limited.getJson({ baseUrl: base }, '/')));
    await limited.close();
    expect(outs.every((o) => o.ok)).toBe(true);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it('a cancelled waiter leaves the queue without taking a slot', async () => {
    const lim = new Limiter(1);
    let release!: () => void;
    const first = lim.run(() => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const second = lim.run(async () => 'ran', ac.signal);
    ac.abort();
    await expect(second).rejects.toBeDefined();
    expect(lim.queued).toBe(0);
    release();
    await first;
    expect(lim.inFlight).toBe(0);
  });
});

describe('hung servers do not hold the queue', () => {
  it('a slot past its lease passes on, and a free slot goes first to a server with nothing running', async () => {
    const hung = await Promise.all(Array.from({ length: 6 }, () => serve(() => undefined)));
    const healthy = await serve((_req, res) => res.end('{"ok":true}'));
    const limiter = new Limiter(2, { leaseMs: 100, maxStalled: 16 });
    const c = new HttpClient({ timeoutMs: 5_000, limiter });
    try {
      const order: string[] = [];
      // Three calls per hung server, queued before the healthy one.
      const hungCalls = hung.flatMap((base) => [0, 1, 2].map(() => c.send({ baseUrl: base }, '/v1/models').then(() => order.push('hung'))));
      const ok = await c.send({ baseUrl: healthy }, '/v1/models');
      order.push('healthy');
      expect(ok.ok).toBe(true);
      // Without leases it waited for nine rounds of 5 s deadlines; without fairness, behind 18 hung calls.
      expect(order).toEqual(['healthy']);
      expect(limiter.stalled).toBeGreaterThan(0);
      await Promise.all(hungCalls);
      expect(limiter.stalled).toBe(0);
      expect(limiter.inFlight).toBe(0);
    } finally {
      await c.close();
    }
  });

  it('stalled calls are bounded: past maxStalled a call keeps its slot to the end', async () => {
    const lim = new Limiter(1, { leaseMs: 10, maxStalled: 1 });
    const releases: (() => void)[] = [];
    const hang = () => lim.run(() => new Promise<void>((r) => releases.push(r)));
    const a = hang();
    const b = hang(); // gets the slot once a's lease runs out
    await vi.waitFor(() => expect(releases).toHaveLength(2), { timeout: 5_000, interval: 5 });
    const c = hang(); // b cannot stall (a already is): c waits for b to end
    await new Promise((r) => setTimeout(r, 50));
    expect(releases).toHaveLength(2);
    expect(lim.stalled).toBe(1);
    releases[1]!();
    await b;
    await vi.waitFor(() => expect(releases).toHaveLength(3), { timeout: 5_000, interval: 5 });
    releases[0]!();
    releases[2]!();
    await Promise.all([a, c]);
    expect(lim.stalled).toBe(0);
    expect(lim.inFlight).toBe(0);
  });
});

describe('formatting', () => {
  it('durations read like speech', () => {
    expect(formatDuration(3000)).toBe('3 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(250)).toBe('250 ms');
  });
});
