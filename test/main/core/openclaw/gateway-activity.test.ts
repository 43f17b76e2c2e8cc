// GatewayActivity against a loopback stand-in that speaks the frames OpenClaw 2026.9.6's gateway sends
// (read from its dist/: ws-connection-*.mjs connect.challenge, message-handler-*.mjs hello-ok,
// sessions-subscriptions-*.mjs sessions.subscribe, server-chat-*.mjs sessions.changed with lifecycle
// phases whose model fields are stripped, session-event-payload-*.mjs). The real gateway handshake is
// covered by gateway-activity.real.test.ts.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayActivity, sessionRowRef } from '../../../../src/main/core/openclaw/gateway-activity';
import { MODEL_CALLS_PER_REF } from '../../../../src/shared/status';
import type { GatewayTarget } from '../../../../src/main/core/openclaw/gateway';
import { openGatewaySocket } from '../../../../src/main/core/openclaw/gateway-socket';

const TOKEN = 'gw-token-never-logged-0123456789';

/** Server side of RFC 6455, just enough for the stand-in: unmasked text frames out, masked frames in. */
class StandInConn {
  private buf = Buffer.alloc(0);
  onFrame?: (msg: Record<string, unknown>) => void;
  constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        if (this.buf.length < 2) return;
        const op = this.buf[0]! & 0x0f;
        let len = this.buf[1]! & 0x7f;
        let at = 2;
        if (len === 126) {
          len = this.buf.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          len = Number(this.buf.readBigUInt64BE(2));
          at = 10;
        }
        if (this.buf.length < at + 4 + len) return;
        const mask = this.buf.subarray(at, at + 4);
        const payload = Buffer.from(this.buf.subarray(at + 4, at + 4 + len));
        for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
        this.buf = this.buf.subarray(at + 4 + len);
        if (op === 0x8) {
          socket.end();
          return;
        }
        if (op === 0x1) this.onFrame?.(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
      }
    });
    socket.on('error', () => undefined);
  }
  send(obj: unknown, fragmented = false): void {
    const data = Buffer.from(JSON.stringify(obj), 'utf8');
    const parts = fragmented ? [data.subarray(0, 10), data.subarray(10)] : [data];
    parts.forEach((p, i) => {
      const op = i === 0 ? 0x1 : 0x0;
      const fin = i === parts.length - 1 ? 0x80 : 0;
      const head = p.length < 126 ? Buffer.from([fin | op, p.length]) : p.length < 65536 ? Buffer.from([fin | op, 126, p.length >> 8, p.length & 255]) : Buffer.concat([Buffer.from([fin | op, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(p.length)); return b; })()]);
      this.socket.write(Buffer.concat([head, p]));
    });
  }
}

interface StandIn {
  server: Server;
  port: number;
  conns: StandInConn[];
  requests: { method: string; params: Record<string, unknown> }[];
  rows: Record<string, unknown>[];
  acceptToken: string;
  /** Diagnostic events in the gateway's ring buffer (diagnostics.stability), as diagnostic-stability-*.mjs sanitizes them. */
  diagnostics: Record<string, unknown>[];
  /** hello-ok's server.bootId (a restarted gateway has a new one). */
  bootId: string;
  /** Methods this gateway does not know (an older release): answered as the real one answers them. */
  unknown: Set<string>;
}

async function standIn(): Promise<StandIn> {
  const s: StandIn = { server: createServer((_q, r) => r.end('control ui')), port: 0, conns: [], requests: [], rows: [], acceptToken: TOKEN, diagnostics: [], bootId: 'boot-1', unknown: new Set() };
  s.server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const c = new StandInConn(socket);
    s.conns.push(c);
    c.send({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n-1', ts: Date.now(), capabilities: ['model-catalog-snapshot'] } });
    let authed = false;
    c.onFrame = (f) => {
      const method = String(f.method);
      const params = (f.params ?? {}) as Record<string, unknown>;
      s.requests.push({ method, params });
      if (method === 'connect') {
        const token = (params.auth as { token?: string } | undefined)?.token;
        if (token !== s.acceptToken) {
          c.send({ type: 'res', id: f.id, ok: false, error: { code: 'INVALID_REQUEST', message: 'unauthorized: gateway token mismatch', details: { code: 'AUTH_TOKEN_MISMATCH' } } });
          socket.end();
          return;
        }
        authed = true;
        c.send({ type: 'res', id: f.id, ok: true, payload: { type: 'hello-ok', protocol: 4, server: { version: '2026.9.6', connId: 'c1', bootId: s.bootId }, features: { methods: ['sessions.list', 'sessions.subscribe'] } } }, true);
      } else if (!authed) {
        socket.destroy();
      } else if (method === 'sessions.subscribe') {
        c.send({ type: 'res', id: f.id, ok: true, payload: { subscribed: true, list: { ts: Date.now(), count: s.rows.length, sessions: s.rows } } });
      } else if (s.unknown.has(method)) {
        c.send({ type: 'res', id: f.id, ok: false, error: { code: 'INVALID_REQUEST', message: `unknown method: ${method}` } });
      } else if (method === 'sessions.list') {
        c.send({ type: 'res', id: f.id, ok: true, payload: { ts: Date.now(), count: s.rows.length, sessions: s.rows } });
      } else if (method === 'diagnostics.stability') {
        // diagnostics-*.mjs: type and sinceSeq filter, the newest `limit` (default 50) kept, oldest first.
        const since = typeof params.sinceSeq === 'number' ? params.sinceSeq : -1;
        const hits = s.diagnostics.filter((e) => (!params.type || e.type === params.type) && (e.seq as number) > since);
        const events = hits.slice(-Number(params.limit ?? 50));
        c.send({ type: 'res', id: f.id, ok: true, payload: { generatedAt: new Date().toISOString(), capacity: 1000, count: hits.length, dropped: 0, events, summary: { byType: {} } } });
      } else {
        c.send({ type: 'res', id: f.id, ok: false, error: { code: 'INVALID_REQUEST', message: `unknown method: ${method}` } });
      }
    };
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
  s.port = (s.server.address() as { port: number }).port;
  return s;
}

/** Upgraded sockets are not the HTTP server's any more: end them, or close() waits for them forever. */
function closeStandIn(s: StandIn): Promise<void> {
  for (const c of s.conns) c.socket.destroy();
  return new Promise((r) => s.server.close(() => r()));
}

const target = (port: number, token = TOKEN): GatewayTarget => ({ host: '127.0.0.1', port, tls: false, url: `ws://127.0.0.1:${port}`, token, credentialSource: 'config' });

async function until(what: string, pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('sessionRowRef', () => {
  it('prefers the model actually serving the session', () => {
    expect(sessionRowRef({ modelProvider: 'lmstudio', model: 'qwen3-8b' })).toBe('lmstudio/qwen3-8b');
    expect(sessionRowRef({ modelProvider: 'lmstudio', model: 'qwen3-8b', activeModelProvider: 'anthropic', activeModel: 'claude-opus-4-6' })).toBe('anthropic/claude-opus-4-6');
    expect(sessionRowRef({ modelProvider: 'openrouter', model: 'openrouter/auto' })).toBe('openrouter/auto');
    expect(sessionRowRef({ model: 'x' })).toBeUndefined();
  });
});

describe('GatewayActivity', () => {
  it('learns each session model from rows and takes run starts and ends as activity on it', async () => {
    const s = await standIn();
    cleanup.push(() => closeStandIn(s));
    const t0 = Date.now() - 60_000;
    s.rows = [
      { key: 'agent:main:main', kind: 'direct', modelProvider: 'lmstudio', model: 'qwen3-8b', lastActivityAt: t0 },
      { key: 'agent:main:other', kind: 'direct', modelProvider: 'anthropic', model: 'claude-opus-4-6', lastActivityAt: t0 + 5 },
    ];
    const logs: string[] = [];
    const log = (m: string, f?: unknown) => logs.push(m + JSON.stringify(f ?? {}));
    const g = new GatewayActivity({ target: () => target(s.port), logger: { debug: log, info: log, warn: log, error: log } });
    cleanup.push(() => g.stop());
    g.start();
    await until('connected', () => g.state === 'connected');
    expect(g.latest('lmstudio/qwen3-8b')).toBe(t0);
    expect(g.latest('anthropic/claude-opus-4-6')).toBe(t0 + 5);
    const connect = s.requests.find((r) => r.method === 'connect')!.params;
    expect(connect).toMatchObject({ minProtocol: 4, maxProtocol: 4, role: 'operator', scopes: ['operator.read'], client: { id: 'gateway-client', mode: 'backend' }, auth: { token: TOKEN } });
    expect(s.requests.find((r) => r.method === 'sessions.subscribe')!.params).toMatchObject({ sortBy: 'activity' });

    // A run on the main session ends: lifecycle events carry no model fields, the session's row did.
    const end = Date.now() - 1_000;
    s.conns[0]!.send({ type: 'event', event: 'sessions.changed', payload: { sessionKey: 'agent:main:main', agentId: 'main', phase: 'end', runId: 'r1', ts: end, session: { key: 'agent:main:main', kind: 'direct', status: 'done' } } });
    await until('activity', () => g.latest('lmstudio/qwen3-8b') === end);

    // A new session appears mid-run: the list is read again to learn its model.
    s.rows.push({ key: 'agent:main:new', kind: 'direct', modelProvider: 'lmstudio', model: 'gemma-4', lastActivityAt: end + 1 });
    s.conns[0]!.send({ type: 'event', event: 'sessions.changed', payload: { sessionKey: 'agent:main:new', phase: 'start', runId: 'r2', ts: end } });
    await until('list refresh', () => g.latest('lmstudio/gemma-4') === end + 1, 5_000);
    // A gateway clock ahead of ours never moves activity into the future.
    s.conns[0]!.send({ type: 'event', event: 'sessions.changed', payload: { sessionKey: 'agent:main:main', phase: 'end', ts: Date.now() + 3_600_000 } });
    await until('clamped', () => (g.latest('lmstudio/qwen3-8b') ?? 0) > end);
    expect(g.latest('lmstudio/qwen3-8b')!).toBeLessThanOrEqual(Date.now());
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it("reads OpenClaw's model-call timings: the recent ones on connect, new ones after each run, bounded per model", async () => {
    const s = await standIn();
    cleanup.push(() => closeStandIn(s));
    const t0 = Date.now() - 120_000;
    const call = (seq: number, model: string, ms: number, extra: Record<string, unknown> = {}) => ({ seq, ts: t0 + seq * 1_000, type: 'model.call.completed', provider: 'lmstudio', model, durationMs: ms, requestBytes: 51_282, responseBytes: 703, timeToFirstByteMs: ms - 100, ...extra });
    s.rows = [{ key: 'agent:main:main', kind: 'direct', modelProvider: 'lmstudio', model: 'qwen3-8b', lastActivityAt: t0 }];
    s.diagnostics = [
      { seq: 1, ts: t0, type: 'model.call.started', provider: 'lmstudio', model: 'qwen3-8b' },
      call(2, 'qwen3-8b', 1_162),
      { seq: 3, ts: t0 + 3_000, type: 'model.call.completed', provider: 'lmstudio', model: 'qwen3-8b' }, // no duration: not a timing
      call(4, 'lmstudio/gemma-4', 2_400, { timeToFirstByteMs: undefined }),
    ];
    const g = new GatewayActivity({ target: () => target(s.port) });
    cleanup.push(() => g.stop());
    const seen: unknown[] = [];
    g.on('model-call', (c) => seen.push(c));
    g.start();
    await until('backfilled calls', () => g.modelCalls().length === 2);
    expect(g.modelCalls()).toEqual([
      { ref: 'lmstudio/qwen3-8b', at: t0 + 2_000, ms: 1_162, ttfbMs: 1_062 },
      { ref: 'lmstudio/gemma-4', at: t0 + 4_000, ms: 2_400 },
    ]);
    expect(seen).toEqual(g.modelCalls());
    expect(s.requests.find((r) => r.method === 'diagnostics.stability')!.params).toEqual({ type: 'model.call.completed', limit: 200 });

    // A run ends: the calls it made are read, only those after the last seq seen.
    for (let i = 5; i < 5 + 40; i++) s.diagnostics.push(call(i, 'qwen3-8b', 900 + i));
    s.conns[0]!.send({ type: 'event', event: 'sessions.changed', payload: { sessionKey: 'agent:main:main', phase: 'end', runId: 'r1', ts: Date.now() } });
    await until('the run’s calls', () => g.modelCalls().some((c) => c.ms === 900 + 44));
    const reads = s.requests.filter((r) => r.method === 'diagnostics.stability');
    expect(reads[reads.length - 1]!.params).toMatchObject({ sinceSeq: 4 });
    // 41 calls on qwen3-8b, the newest 30 kept, oldest first.
    const qwen = g.modelCalls().filter((c) => c.ref === 'lmstudio/qwen3-8b');
    expect(qwen).toHaveLength(MODEL_CALLS_PER_REF);
    expect(qwen.map((c) => c.ms)).toEqual(Array.from({ length: 30 }, (_, i) => 900 + 15 + i));
    // A gateway clock ahead of ours: never a call in the future.
    s.diagnostics.push(call(100, 'qwen3-8b', 5_000, { ts: Date.now() + 3_600_000 }));
    s.conns[0]!.send({ type: 'event', event: 'sessions.changed', payload: { sessionKey: 'agent:main:main', phase: 'end', runId: 'r2', ts: Date.now() } });
    await until('future call clamped', () => g.modelCalls().some((c) => c.ms === 5_000));
    expect(g.modelCalls().find((c) => c.ms === 5_000)!.at).toBeLessThanOrEqual(Date.now());
    expect(g.state).toBe('connected');
  });

  it('a restarted gateway is read from its start; one that lacks diagnostics.stability is not asked again', async () => {
    const s = await standIn();
    cleanup.push(() => closeStandIn(s));
    s.diagnostics = [{ seq: 7, ts: Date.now() - 5_000, type: 'model.call.completed', provider: 'ollama', model: 'llama3.2:latest', durationMs: 800 }];
    const g = new GatewayActivity({ target: () => target(s.port), backoffMs: { min: 50, max: 100 } });
    cleanup.push(() => g.stop());
    g.start();
    await until('first read', () => g.modelCalls().length === 1);
    // Restarted: a new boot, seq from 1 again; the read must not skip its calls as "seen".
    s.bootId = 'boot-2';
    s.diagnostics = [{ seq: 1, ts: Date.now() - 1_000, type: 'model.call.completed', provider: 'ollama', model: 'llama3.2:latest', durationMs: 650 }];
    for (const c of s.conns) c.socket.destroy();
    await until('the restarted gateway’s call', () => g.modelCalls().some((c) => c.ms === 650));
    const reads = s.requests.filter((r) => r.method === 'diagnostics.stability');
    expect(reads[reads.length - 1]!.params).not.toHaveProperty('sinceSeq');

    // An older gateway: "unknown method" once, then no more asking; the activity connection stays up.
    s.unknown.add('diagnostics.stability');
    for (const c of s.conns) c.socket.destroy();
    await until('reconnected', () => g.state === 'connected' && s.requests.filter((r) => r.method === 'diagnostics.stability').length === reads.length + 1);
    for (let i = 0; i < 3; i++) s.conns[s.conns.length - 1]!.send({ type: 'event', event: 'sessions.changed', payload: { sessionKey: 'k', phase: 'end', ts: Date.now() } });
    await until('a list re-read after the runs', () => s.requests.filter((r) => r.method === 'sessions.list').length >= 1, 5_000);
    expect(s.requests.filter((r) => r.method === 'diagnostics.stability')).toHaveLength(reads.length + 1);
    expect(g.state).toBe('connected');
    expect(g.modelCalls().map((c) => c.ms)).toEqual([800, 650]);
  });

  it('stays quiet and retries while no gateway runs, then connects when one starts', async () => {
    const s = await standIn();
    const port = s.port;
    await new Promise((r) => s.server.close(r));
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const g = new GatewayActivity({ target: () => target(port), backoffMs: { min: 50, max: 200 }, logger: { debug: log, info: log, warn: log, error: log } });
    cleanup.push(() => g.stop());
    g.start();
    await new Promise((r) => setTimeout(r, 500));
    expect(g.state).not.toBe('connected');
    expect(logs.filter((l) => l.includes('no gateway is listening'))).toHaveLength(1); // once, not per attempt
    // The gateway starts on that port.
    s.server.listen(port, '127.0.0.1');
    cleanup.push(() => closeStandIn(s));
    await until('connected', () => g.state === 'connected');
    // It goes away (connections drop): back to retrying, and connected again when it is back.
    for (const c of s.conns) c.socket.destroy();
    await until('disconnected', () => g.state !== 'connected');
    await until('reconnected', () => g.state === 'connected');
  });

  it('a refused credential is a warning without the token, and retried with backoff', async () => {
    const s = await standIn();
    cleanup.push(() => closeStandIn(s));
    s.acceptToken = 'the-right-one';
    const warns: string[] = [];
    const g = new GatewayActivity({ target: () => target(s.port), backoffMs: { min: 50, max: 100 }, logger: { debug: () => undefined, info: () => undefined, warn: (m) => warns.push(m), error: () => undefined } });
    cleanup.push(() => g.stop());
    g.start();
    await until('two attempts', () => s.requests.filter((r) => r.method === 'connect').length >= 2);
    expect(g.state).not.toBe('connected');
    expect(warns.join('\n')).toContain('refused the credential');
    expect(warns.join('\n')).not.toContain(TOKEN);
  });

  it('gives up on a server that accepts TCP but never upgrades, within the deadline', async () => {
    const sockets: Socket[] = [];
    const silent = createServer();
    silent.on('connection', (sock: Socket) => sockets.push(sock));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => (sockets.forEach((x) => x.destroy()), silent.close(r))));
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    await expect(openGatewaySocket(`ws://127.0.0.1:${port}`, { timeoutMs: 300 })).rejects.toThrow(/within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
