// The daemon's loopback web server against the real WarmclawService, a temp openclaw.json and an LM
// Studio simulator: every contract entry round-trips over HTTP (outputs checked with the contract's
// own zod schemas), and each security rule is exercised with the request a hostile page would send.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEventSchema, apiNames, contract, type ApiName } from '../../../src/shared/contract';
import { WarmclawService } from '../../../src/main/core/service';
import { createLogger } from '../../../src/main/core/log/logger';
import { openRotatingFile, type RotatingFile } from '../../../src/main/core/log/rotating-file';
import { CSP, MAX_BODY_BYTES, startWebServer, type WebServer } from '../../../src/main/daemon/web-server';
import { startSimulator, type Simulator } from '../../sim';
import { tempDir } from '../../helpers/tmp';

const KEY = 'lm-studio-secret-key-0123456789io';
const MODEL = 'qwen/qwen3-32b';
const REF = `lmstudio/${MODEL}`;

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

let sim: Simulator;
let service: WarmclawService;
let web: WebServer;
let port: number;
let config: string;
let rendererDir: string;
let cookie: string;
/** The page's session secret (from the sign-in redirect's fragment). */
let secret: string;
let logPath: string;
let logFile: RotatingFile;
/** What our own page sends: the cookie and the session secret header. */
const session = () => ({ Cookie: cookie, 'X-Warmclaw-Session': secret });

/** A raw request: node:http lets a test send any Host/Origin, which fetch would not. */
function send(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer; noAuth?: boolean } = {}): Promise<Res> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...(opts.noAuth ? {} : { Authorization: `Bearer ${web.token}` }), ...opts.headers };
  if (opts.body !== undefined && !headers['Transfer-Encoding']) headers['Content-Length'] ??= String(Buffer.byteLength(opts.body));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as ReturnType<Res['json']> });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const post = (name: string, input?: unknown, headers: Record<string, string> = {}) =>
  send('POST', `/api/${name}`, { headers: { 'Content-Type': 'application/json', ...headers }, body: input === undefined ? '' : JSON.stringify(input) });

/** Calls one API and checks its data against the contract's output schema. */
async function call<N extends ApiName>(name: N, input?: unknown): Promise<unknown> {
  const res = await post(name, input);
  expect(res.status).toBe(200);
  const body = res.json();
  if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
  const parsed = contract[name].output.safeParse(body.data);
  expect(parsed.success, `${name} output: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
  return body.data;
}

/** Reads an SSE stream until `match` sees an event (bounded). */
function readEvents(match: (ev: unknown) => boolean, ms = 30_000): { events: Promise<unknown>; connected: Promise<void>; close: () => void } {
  let close = () => undefined as void;
  let onConnected!: () => void;
  const connected = new Promise<void>((r) => (onConnected = r));
  const events = new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching SSE event in time')), ms);
    const req = request({ host: '127.0.0.1', port, path: `/api/events?session=${secret}`, headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes(': connected')) onConnected();
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const ev: unknown = JSON.parse(data.slice(6));
          expect(apiEventSchema.safeParse(ev).success).toBe(true);
          if (match(ev)) {
            clearTimeout(timer);
            resolve(ev);
          }
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
    close = () => req.destroy();
  });
  return { events, connected, close: () => close() };
}

beforeAll(async () => {
  sim = await startSimulator('lmstudio', { loadDelayMs: 10, apiKey: KEY, models: [{ id: MODEL, maxContext: 40960 }] });
  const dir = tempDir();
  config = join(dir, 'openclaw.json');
  writeFileSync(
    config,
    `{\n  // my OpenClaw setup: keep this comment\n  models: { mode: "merge", providers: { lmstudio: { baseUrl: "${sim.url}/v1", apiKey: "${KEY}", api: "openai-responses", models: [{ id: "${MODEL}", name: "Qwen3 32B", contextWindow: 32768, maxTokens: 4096 }] } } },\n  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["${REF}"] } } },\n}\n`,
  );
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, warm: { paused: true } }));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Warmclaw</title><script type="module" src="./app.js"></script>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("hi")');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const env = { PATH: process.env.PATH, HOME: dir, OPENCLAW_CONFIG_PATH: config, WARMCLAW_DATA_DIR: data };
  // Logs to a file as the daemon does, so log.recent has lines to read back.
  mkdirSync(join(data, 'logs'));
  logPath = join(data, 'logs', 'daemon.log');
  logFile = openRotatingFile(logPath);
  const logger = createLogger({ write: (l) => logFile.writeLine(l), secrets: () => service?.secretsNow() ?? [] });
  service = await WarmclawService.open({ env, dataDir: data, scan: false, openclawBin: join(dir, 'no-openclaw'), logger, logFile: logPath });
  web = await startWebServer({ service, host: '127.0.0.1', rendererDir, heartbeatMs: 200 });
  port = Number(new URL(web.url).port);
}, 60_000);

afterAll(async () => {
  await web?.close();
  await service?.stop();
  await sim?.close();
  logFile?.close();
});

describe('web server: auth', () => {
  it('binds 127.0.0.1 and hands out a 64-hex-char token and a sign-in link', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(web.token).toMatch(/^[0-9a-f]{64}$/);
    expect(web.authUrl).toBe(`${web.url}/auth?token=${web.token}`);
  });

  it('refuses requests without a token, or with a wrong one', async () => {
    expect((await send('GET', '/api/status', { noAuth: true })).status).toBe(401);
    expect((await send('GET', '/api/status', { noAuth: true, headers: { Authorization: `Bearer ${'0'.repeat(64)}` } })).status).toBe(401);
    expect((await send('GET', '/', { noAuth: true })).status).toBe(401);
    expect((await send('GET', '/api/events', { noAuth: true })).status).toBe(401);
    const wrong = await send('GET', `/auth?token=${'f'.repeat(64)}`, { noAuth: true });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie and a secret in the redirect fragment', async () => {
    const res = await send('GET', `/auth?token=${web.token}`, { noAuth: true });
    expect(res.status).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/#session=[0-9a-f]{64}$/);
    secret = location.split('=')[1]!;
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Max-Age=\d+/);
    expect(set).not.toContain(web.token);
    expect(set).not.toContain(secret);
    cookie = set.split(';')[0]!;
    const page = await send('GET', '/', { noAuth: true, headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Warmclaw</title>');
    // The page itself never carries the secret: a cookie holder cannot read it from there.
    expect(page.text).not.toContain(secret);
    expect((await send('GET', '/api/settings.get', { noAuth: true, headers: session() })).json().ok).toBe(true);
    expect((await send('GET', '/api/settings.get', { noAuth: true, headers: { Cookie: 'warmclaw_session=forged', 'X-Warmclaw-Session': secret } })).status).toBe(401);
  });

  it('makes a stolen cookie useless alone: every API call also needs the session secret', async () => {
    // Cookies ignore ports: another server on 127.0.0.1 gets ours and can forge any header but the secret.
    const forged = { Cookie: cookie, Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };
    const read = await send('GET', '/api/config.get', { noAuth: true, headers: forged });
    expect(read.status).toBe(403);
    expect(read.json().error?.code).toBe('session-secret');
    expect(read.text).not.toContain('providers');
    const write = await send('POST', '/api/settings.update', { noAuth: true, headers: forged, body: '{"notifications":false}' });
    expect(write.status).toBe(403);
    const wrong = await send('POST', '/api/settings.update', { noAuth: true, headers: { ...forged, 'X-Warmclaw-Session': 'f'.repeat(64) }, body: '{"notifications":false}' });
    expect(wrong.status).toBe(403);
    expect((await send('GET', '/api/events', { noAuth: true, headers: forged })).status).toBe(403);
    expect(service.settings.get().notifications).toBe(true);
    expect((await send('POST', '/api/settings.update', { noAuth: true, headers: { ...forged, ...session() }, body: '{}' })).status).toBe(200);
  });

  it('lets each sign-in link work once, says so on a second use, and hands out the next link', async () => {
    // The first link (the run token) was used above.
    const again = await send('GET', `/auth?token=${web.token}`, { noAuth: true });
    expect(again.status).toBe(410);
    expect(again.text).toContain('already used');
    expect(again.text).toContain('new link');
    expect(again.headers['set-cookie']).toBeUndefined();
    const next = web.authUrl;
    expect(next).not.toContain(web.token);
    const code = new URL(next).searchParams.get('token')!;
    expect((await send('GET', `/auth?token=${code}`, { noAuth: true })).status).toBe(303);
    expect((await send('GET', `/auth?token=${code}`, { noAuth: true })).status).toBe(410);
    // The run token still serves scripts as a Bearer token.
    expect((await send('GET', '/api/status')).status).toBe(200);
  });
});

describe('web server: session expiry', () => {
  it('ends a session after its idle time and after its absolute age, with a clear sign-in-again answer', async () => {
    let now = 1_000_000;
    const links: string[] = [];
    const other = await startWebServer({ service, rendererDir, sessionLimits: { idleMs: 1_000, maxMs: 5_000 }, now: () => now, onSignInLink: (u) => links.push(u), heartbeatMs: 50 });
    const otherPort = Number(new URL(other.url).port);
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: otherPort, path, headers }, (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
        })
          .on('error', reject)
          .end();
      });
    const signIn = async () => {
      const r = await new Promise<{ location: string; cookie: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: otherPort, path: new URL(other.authUrl).pathname + new URL(other.authUrl).search }, (res) => {
          res.resume();
          resolve({ location: String(res.headers.location), cookie: String(res.headers['set-cookie']).split(';')[0]! });
        })
          .on('error', reject)
          .end();
      });
      return { Cookie: r.cookie, 'X-Warmclaw-Session': r.location.split('=')[1]! };
    };
    try {
      // Idle: used now and then within the idle time it lives on; left alone past it, it ends.
      const a = await signIn();
      expect(links).toHaveLength(1);
      now += 900;
      expect((await raw('/api/status', a)).status).toBe(200);
      now += 900;
      expect((await raw('/api/status', a)).status).toBe(200);
      now += 1_000;
      const idle = await raw('/api/status', a);
      expect(idle.status).toBe(401);
      expect(idle.text).toContain('expired');
      expect(idle.text).toContain('sign-in link');
      const pageAfter = await raw('/', { Cookie: a.Cookie });
      expect(pageAfter.status).toBe(401);
      expect(pageAfter.text).toContain('session has expired');

      // Absolute: even a session in constant use ends at its maximum age.
      const b = await signIn();
      for (let i = 0; i < 5; i++) {
        now += 900;
        expect((await raw('/api/status', b)).status, `call ${i}`).toBe(200);
      }
      now += 900;
      expect((await raw('/api/status', b)).status).toBe(401);

      // An open event stream ends when its session does, so the page learns it must sign in again.
      const c = await signIn();
      const ended = new Promise<boolean>((resolve, reject) => {
        const timer = setTimeout(() => resolve(false), 10_000);
        request({ host: '127.0.0.1', port: otherPort, path: `/api/events?session=${c['X-Warmclaw-Session']}`, headers: { Cookie: c.Cookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.on('data', () => undefined);
          res.on('end', () => (clearTimeout(timer), resolve(true)));
          now += 6_000;
        })
          .on('error', reject)
          .end();
      });
      expect(await ended).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('web server: browser guards', () => {
  it('refuses a Host that is not a loopback name on its port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const res = await send('GET', '/api/status', { headers: { Host: host } });
      expect(res.status, host).toBe(421);
    }
    for (const host of [`localhost:${port}`, `[::1]:${port}`]) expect((await send('GET', '/api/status', { headers: { Host: host } })).status, host).toBe(200);
  });

  it('refuses writes from another Origin, and cookie writes without an Origin', async () => {
    const evil = await post('settings.update', { notifications: false }, { ...session(), Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const evilBearer = await post('settings.update', { notifications: false }, { Origin: `http://localhost:${port + 1}` });
    expect(evilBearer.status).toBe(403);
    const noOrigin = await send('POST', '/api/settings.update', { noAuth: true, headers: { ...session(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    expect(service.settings.get().notifications).toBe(true);
    const own = await send('POST', '/api/settings.update', { noAuth: true, headers: { ...session(), 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` }, body: '{}' });
    expect(own.status).toBe(200);
    expect(own.json().ok).toBe(true);
  });

  it('accepts a cookie write without Origin when Fetch Metadata says same-origin (Chromium 147), never cross-site', async () => {
    const headers = { ...session(), 'Content-Type': 'application/json' };
    const sameOrigin = await send('POST', '/api/settings.update', { noAuth: true, headers: { ...headers, 'Sec-Fetch-Site': 'same-origin' }, body: '{}' });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.json().ok).toBe(true);
    for (const site of ['cross-site', 'same-site']) {
      const noOrigin = await send('POST', '/api/settings.update', { noAuth: true, headers: { ...headers, 'Sec-Fetch-Site': site }, body: '{"notifications":false}' });
      expect(noOrigin.status, site).toBe(403);
      // Our own Origin does not launder a cross-site request either.
      const withOrigin = await send('POST', '/api/settings.update', { noAuth: true, headers: { ...headers, Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': site }, body: '{"notifications":false}' });
      expect(withOrigin.status, site).toBe(403);
    }
    // A foreign Origin stays refused whatever Sec-Fetch-Site claims.
    const evil = await post('settings.update', { notifications: false }, { ...session(), Origin: 'http://evil.example', 'Sec-Fetch-Site': 'same-origin' });
    expect(evil.status).toBe(403);
    expect(service.settings.get().notifications).toBe(true);
  });

  it('takes commands by POST only, and never sends CORS headers', async () => {
    const get = await send('GET', '/api/config.undo');
    expect(get.status).toBe(405);
    const preflight = await send('OPTIONS', '/api/config.apply', { headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    for (const res of [get, preflight, await send('GET', '/api/status'), await send('GET', '/')]) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves HTML with a strict CSP, and nothing outside the renderer folder', async () => {
    for (const path of ['/', '/settings', '/index.html']) {
      const res = await send('GET', path);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(CSP);
    }
    const js = await send('GET', '/app.js');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/../secret.txt', '/missing.js']) {
      const res = await send('GET', path);
      expect(res.text, path).not.toContain('outside the renderer');
      expect([404, 200], path).toContain(res.status);
    }
    expect((await send('GET', '/..%2fsecret.txt')).status).toBe(404);
  });

  it('says to build the UI when out/renderer is missing', async () => {
    const other = await startWebServer({ service, rendererDir: join(rendererDir, 'nope') });
    try {
      const res = await new Promise<{ status: number; csp?: string | string[]; text: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: Number(new URL(other.url).port), path: '/', headers: { Authorization: `Bearer ${other.token}` } }, (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, csp: r.headers['content-security-policy'], text }));
        })
          .on('error', reject)
          .end();
      });
      expect(res.status).toBe(200);
      expect(res.csp).toBe(CSP);
      expect(res.text).toContain('npm run build');
      // Each run has its own token.
      expect(other.token).not.toBe(web.token);
    } finally {
      await other.close();
    }
  });

  it('caps request bodies', async () => {
    const res = await post('settings.update', { openclawBin: 'x'.repeat(MAX_BODY_BYTES + 10) });
    expect(res.status).toBe(413);
    expect(res.json().error?.code).toBe('too-large');
    // Without a Content-Length the cap applies while the body streams in.
    const chunked = await send('POST', '/api/settings.update', {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ openclawBin: 'y'.repeat(MAX_BODY_BYTES + 10) }),
    });
    expect(chunked.status).toBe(413);
    expect(service.settings.get().openclawBin).toBeUndefined();
  });

  it('answers malformed JSON, wrong content types and unknown APIs without running anything', async () => {
    const bad = await send('POST', '/api/config.apply', { headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(bad.json().error?.code).toBe('invalid-input');
    const form = await send('POST', '/api/config.apply', { headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect((await post('nope')).status).toBe(404);
  });
});

describe('web server: the contract over HTTP', () => {
  it('delivers an endpoint-changed event over SSE when monitoring starts', async () => {
    const sse = readEvents((ev) => (ev as { type: string }).type === 'endpoint-changed' && (ev as { endpoint: { health: string } }).endpoint.health === 'up');
    try {
      await sse.connected;
      await service.start();
      const ev = (await sse.events) as { endpoint: { baseUrl: string; kind: string } };
      expect(ev.endpoint.kind).toBe('lmstudio');
    } finally {
      sse.close();
    }
  }, 60_000);

  it('refuses invalid input for every entry with invalid-input', async () => {
    const invalid: Record<ApiName, unknown> = {
      status: { extra: 1 },
      'config.get': { extra: 1 },
      'config.backups': [],
      'settings.get': 'x',
      'log.recent': { limit: 0 },
      'config.preview': { type: 'set-primary', input: {} },
      'config.apply': { type: 'no-such-edit', input: {} },
      'config.previewUndo': { extra: 1 },
      'config.previewRestore': { id: 5 },
      'config.undo': { extra: 1 },
      'config.restore': { id: 5 },
      'settings.update': { poll: { fastMs: 'soon' } },
      'warm.now': { ref: 'no-slash' },
      'model.unload': { ref: 'no-slash' },
      'model.test': { ref: 'no-slash' },
      'endpoints.add': { baseUrl: 3 },
      'endpoints.remove': {},
      'monitor.refresh': { now: true },
    };
    expect(Object.keys(invalid).sort()).toEqual([...apiNames].sort());
    for (const name of apiNames) {
      const res = await post(name, invalid[name]);
      expect(res.status, name).toBe(200);
      const body = res.json();
      expect(body.ok, name).toBe(false);
      expect(body.error?.code, name).toBe('invalid-input');
    }
    const before = readFileSync(config, 'utf8');
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('round-trips every query and command, outputs matching the contract', async () => {
    const seen = new Set<ApiName>();
    const run = async <N extends ApiName>(name: N, input?: unknown) => {
      seen.add(name);
      return call(name, input);
    };

    // Queries also answer GET.
    const get = await send('GET', '/api/status');
    expect(get.json().ok).toBe(true);
    const status = (await run('status')) as { endpoints: { kind?: string; health: string }[]; summary: { state: string } };
    expect(status.endpoints.some((e) => e.kind === 'lmstudio' && e.health === 'up')).toBe(true);
    expect(status.summary.state).toBe('paused');

    const view = (await run('config.get')) as { providers: { id: string; apiKey: { state: string; hint?: string } }[]; routing: { fallbacks: string[] }; openclaw: { ran: boolean } };
    expect(view.providers[0]!.apiKey).toEqual({ state: 'set', hint: 'lm••••io' });
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(view.routing.fallbacks).toEqual([REF]);
    expect(view.openclaw.ran).toBe(false);

    expect(await run('config.backups')).toEqual([]);
    expect((await run('settings.get')) as { warm: { paused: boolean } }).toMatchObject({ warm: { paused: true } });

    const edit = { type: 'set-alias', input: { ref: REF, alias: 'qwen' } };
    const before = readFileSync(config, 'utf8');
    const preview = (await run('config.preview', edit)) as { changed: boolean; diff: string };
    expect(preview.changed).toBe(true);
    expect(preview.diff).toContain('qwen');
    expect(readFileSync(config, 'utf8')).toBe(before);

    // A write through HTTP is the same lossless write as the CLI's: the comment survives.
    const changed = readEvents((ev) => (ev as { type: string }).type === 'config-changed');
    await changed.connected;
    const applied = (await run('config.apply', edit)) as { changed: boolean; backup?: { id: string } };
    expect(applied.changed).toBe(true);
    const after = readFileSync(config, 'utf8');
    expect(after).toContain('// my OpenClaw setup: keep this comment');
    expect(after).toContain('alias');
    expect(await changed.events).toMatchObject({ type: 'config-changed', what: 'config', path: config });
    changed.close();
    expect(((await run('config.get')) as { aliases: unknown[] }).aliases).toEqual([{ ref: REF, alias: 'qwen' }]);

    const backups = (await run('config.backups')) as { id: string }[];
    expect(backups).toHaveLength(1);
    // Previews of undo and restore show the way back and write nothing.
    const undoPreview = (await run('config.previewUndo')) as { changed: boolean; diff: string };
    expect(undoPreview.changed).toBe(true);
    expect(undoPreview.diff).toMatch(/^-.*alias/m);
    expect(readFileSync(config, 'utf8')).toBe(after);
    // Undo names the backup its preview showed; a stale one is refused as a conflict and writes nothing.
    expect((undoPreview as { backupId?: string }).backupId).toBe(backups[0]!.id);
    expect((await post('config.undo', { backupId: 'not-the-newest' })).json()).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(config, 'utf8')).toBe(after);
    await run('config.undo', { backupId: backups[0]!.id });
    expect(readFileSync(config, 'utf8')).toBe(before);
    expect((await post('config.previewUndo')).json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await run('config.apply', edit);
    const [latest] = (await run('config.backups')) as { id: string }[];
    const restorePreview = (await run('config.previewRestore', { id: latest!.id })) as { changed: boolean; diff: string };
    expect(restorePreview.diff).toMatch(/^-.*alias/m);
    await run('config.restore', { id: latest!.id });
    expect(readFileSync(config, 'utf8')).toBe(before);
    const missing = (await post('config.restore', { id: 'nope' })).json();
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });

    // A settings patch changes only what it names.
    const settings = (await run('settings.update', { warm: { keepAlive: '10m' } })) as { warm: { keepAlive: string; paused: boolean } };
    expect(settings.warm).toMatchObject({ keepAlive: '10m', paused: true });
    const refused = (await post('settings.update', { poll: { fastMs: 1 } })).json();
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const warmed = (await run('warm.now', { ref: REF })) as { ok: boolean; ref: string };
    expect(warmed).toMatchObject({ ok: true, ref: REF });
    expect((await post('warm.now', { ref: 'anthropic/claude-opus-4-6' })).json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await run('model.unload', { ref: REF })).toMatchObject({ ok: true, ref: REF });
    // The tool-call test answers (this simulator ignores tools); the file is never touched by it.
    const fileBefore = readFileSync(config, 'utf8');
    expect(await run('model.test', { ref: REF })).toMatchObject({ ref: REF, reachable: true });
    expect(readFileSync(config, 'utf8')).toBe(fileBefore);

    expect(await run('endpoints.add', { baseUrl: 'http://127.0.0.1:9/', kind: 'vllm' })).toEqual([{ baseUrl: 'http://127.0.0.1:9', kind: 'vllm' }]);
    expect(await run('endpoints.remove', { baseUrl: 'http://127.0.0.1:9' })).toEqual([]);
    expect((await post('endpoints.remove', { baseUrl: 'http://127.0.0.1:9' })).json()).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const refreshed = (await run('monitor.refresh')) as { kind?: string }[];
    expect(refreshed.some((e) => e.kind === 'lmstudio')).toBe(true);

    // The log view: this process's file, newest first, the key redacted as in the file, filters applied.
    service.logger.warn('warm-keeper ping failed \u001b[2J', { endpoint: sim.url, model: MODEL, apiKey: KEY, error: `HTTP 401 with key ${KEY}` });
    service.logger.info('reloaded config and settings');
    const log = (await run('log.recent', { level: 'warn', server: sim.url })) as { file: string; entries: { level: string; msg: string; fields: string; server?: string }[] };
    expect(log.file).toBe(logPath);
    expect(log.entries[0]).toMatchObject({ level: 'warn', msg: 'warm-keeper ping failed \\u001b[2J', server: sim.url });
    expect(log.entries.every((e) => e.level === 'warn' || e.level === 'error')).toBe(true);
    expect(JSON.stringify(log)).not.toContain(KEY);
    expect(readFileSync(logPath, 'utf8')).toContain(`"msg":"${log.entries[0]!.msg}"`);
    const newest = (await send('GET', '/api/log.recent')).json() as { ok: boolean; data: { entries: { msg: string }[] } };
    expect(newest.data.entries[0]!.msg).toBe('reloaded config and settings');
    expect((await post('log.recent', { limit: 100_000 })).json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    expect([...seen].sort()).toEqual([...apiNames].sort());
  }, 60_000);

  it('sends SSE heartbeats', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `localhost:${port}`, Authorization: `Bearer ${web.token}` } }, (res) => {
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes(': heartbeat')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? undefined : reject(err)));
      req.end();
    });
    expect(text).toContain(': heartbeat');
  });
});
