// `warmclaw daemon --ui`: the contract over loopback HTTP (+ SSE for events) and the built renderer.
// Any web page the user visits can reach 127.0.0.1, so every request needs the per-run token (Bearer
// header, for scripts) or a browser session: the HttpOnly cookie from a one-time sign-in link PLUS the
// session secret the page sends in a header (cookies ignore ports, so every other server on 127.0.0.1
// gets the cookie; the secret only our own page knows). Host must be a loopback name (DNS rebinding),
// writes must come from our own page (Fetch Metadata, Origin as one signal), and no CORS headers at all.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contract, isApiName, type ApiEvent } from '../../shared/contract';
import { createApiHandler, type ApiHandler } from '../core/api/handler';
import type { Logger } from '../core/log/logger';
import type { WarmclawService } from '../core/service';
import { SESSION_FRAGMENT, SESSION_HEADER, SESSION_QUERY } from '../../shared/web-session';
import { DEFAULT_SESSION_LIMITS, WebSessions, sameSecret, type SessionLimits } from './web-sessions';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const COOKIE = 'warmclaw_session';

export interface WebServerOptions {
  service: WarmclawService;
  /** 0 or absent: any free port. */
  port?: number;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  /** The built renderer (default: out/renderer of this checkout). */
  rendererDir?: string;
  /** A handler to reuse (default: one over `service`). */
  handler?: ApiHandler;
  logger?: Logger;
  heartbeatMs?: number;
  /** Idle and absolute session lifetimes (default: 12 h idle, 7 days). */
  sessionLimits?: SessionLimits;
  /** Wall clock for session expiry (tests move it). */
  now?: () => number;
  /** Gets the next one-time sign-in link each time a browser signs in (to print it; never log it). */
  onSignInLink?: (url: string) => void;
}

export interface WebServer {
  /** http://127.0.0.1:PORT (no token). */
  url: string;
  /** Per-run secret for scripts: `Authorization: Bearer <token>`; also the first sign-in link's code. */
  token: string;
  /** The current one-time sign-in link: trades its code for a session and redirects to `/`. */
  readonly authUrl: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function defaultRendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../out/renderer');
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function baseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, cap: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > cap) {
      // Drain (the connection closes after the 413) so the client reads the answer instead of a reset.
      req.resume();
      return reject(new BodyTooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > cap) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the loopback UI/API server. Never logs the token. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  if (opts.host !== undefined && opts.host !== '127.0.0.1') throw new Error('The web UI binds 127.0.0.1 only.');
  const handler = opts.handler ?? createApiHandler(opts.service);
  const rendererDir = resolve(opts.rendererDir ?? defaultRendererDir());
  const token = randomBytes(32).toString('hex');
  const limits = opts.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  // The first link's code is the run token (so the printed link also tells scripts their token);
  // every later link gets a fresh code that only signs in.
  const sessions = new WebSessions(token, limits, opts.now);
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const linkFor = (code: string) => `http://127.0.0.1:${port}/auth?token=${code}`;

  type Auth = { kind: 'bearer' } | { kind: 'cookie'; session: string } | { kind: 'refused'; status: number; code: string; message: string; expired: boolean };
  const SIGN_IN_AGAIN = 'Open the newest sign-in link in the terminal of `warmclaw daemon --ui` (each link works once; the daemon prints a new one after every sign-in).';

  /** Bearer token, or cookie + the page's secret (header; query on the event stream, which cannot send headers). */
  const authorize = (req: IncomingMessage, url: URL): Auth => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && sameSecret(auth.slice(7).trim(), token)) return { kind: 'bearer' };
    const cookie = cookieValue(req, COOKIE);
    const header = req.headers[SESSION_HEADER.toLowerCase()];
    const secret = (typeof header === 'string' ? header : undefined) ?? (url.pathname === '/api/events' ? (url.searchParams.get(SESSION_QUERY) ?? undefined) : undefined);
    const state = sessions.check(cookie, secret);
    switch (state) {
      case 'ok':
        return { kind: 'cookie', session: sessions.idOf(cookie)! };
      case 'missing-secret':
      case 'wrong-secret':
        // A cookie alone is what any other server on 127.0.0.1 may have been sent: worth nothing.
        return { kind: 'refused', status: 403, code: 'session-secret', message: `The session cookie alone is not enough: the page sends its session secret in ${SESSION_HEADER}.`, expired: false };
      case 'expired':
        return { kind: 'refused', status: 401, code: 'unauthorized', message: `Your Warmclaw session has expired. ${SIGN_IN_AGAIN}`, expired: true };
      default:
        return { kind: 'refused', status: 401, code: 'unauthorized', message: `Not signed in. ${SIGN_IN_AGAIN} Scripts send Authorization: Bearer <token>.`, expired: false };
    }
  };

  const serveStatic = async (res: ServerResponse, pathname: string): Promise<void> => {
    const index = join(rendererDir, 'index.html');
    if (!existsSync(index)) {
      sendHtml(res, 200, page('Warmclaw', 'The UI is not built yet. Run <code>npm run build</code>, then reload this page. The API under /api works already.'));
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      sendHtml(res, 400, page('Bad request', 'Malformed path.'));
      return;
    }
    let file = resolve(rendererDir, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      sendHtml(res, 404, page('Not found', 'No such file.'));
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      // Client-side routes fall back to the app; missing assets are a plain 404.
      if (extname(rel)) {
        sendHtml(res, 404, page('Not found', 'No such file.'));
        return;
      }
      file = index;
    }
    const body = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string | number> = { 'Content-Type': type, 'Content-Length': body.length };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    res.end(body);
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse, session?: string): void => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 3000\n\n: connected\n\n');
    streams.add(res);
    // Unnamed events: EventSource's onmessage sees them all; the JSON carries `type`.
    const unsubscribe = handler.subscribe((ev: ApiEvent) => {
      res.write(`data: ${JSON.stringify(ev)}\n\n`);
    });
    const beat = setInterval(() => {
      // An open stream is a tab showing the UI: it keeps the session from going idle, but not past its
      // absolute age; once the session ends the stream ends, and the page finds out it must sign in.
      if (session !== undefined && !sessions.isAlive(session)) return void res.end();
      if (session !== undefined) sessions.touch(session);
      res.write(': heartbeat\n\n');
    }, opts.heartbeatMs ?? HEARTBEAT_MS);
    const done = () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    baseHeaders(res);
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends Host: evil.example.
    if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) {
      sendError(res, 421, 'forbidden', 'This server only answers to 127.0.0.1, localhost or [::1] on its own port.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';
    const safe = method === 'GET' || method === 'HEAD';

    if (url.pathname === '/auth') {
      if (method !== 'GET') return sendError(res, 405, 'method', 'Use GET.');
      const redeemed = sessions.redeem(url.searchParams.get('token') ?? '');
      if (redeemed.state === 'used') {
        sendHtml(res, 410, page('This sign-in link was already used', 'Each sign-in link works once. The terminal running <code>warmclaw daemon --ui</code> shows a new link after every sign-in: open the newest one. Restarting the daemon also prints a new link.'));
        return;
      }
      if (redeemed.state === 'wrong') {
        sendHtml(res, 401, page('Wrong or expired link', 'Open the newest link printed by <code>warmclaw daemon --ui</code> (links change each time the daemon starts, and each works once).'));
        return;
      }
      opts.onSignInLink?.(linkFor(sessions.signInCode));
      // Redirect so the code leaves the address bar. The cookie is the browser's credential; the secret
      // rides in the fragment, which browsers never send to a server, so only our page's script sees it.
      const maxAge = Math.floor(limits.maxMs / 1000);
      res.writeHead(303, { Location: `/#${SESSION_FRAGMENT}=${redeemed.secret}`, 'Set-Cookie': `${COOKIE}=${redeemed.session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}` });
      res.end();
      return;
    }

    const isApi = url.pathname.startsWith('/api/');
    let auth = authorize(req, url);
    // Pages and assets are not secret and a navigation cannot send the header: a live cookie will do.
    if (!isApi && auth.kind === 'refused' && auth.status === 403) auth = { kind: 'cookie', session: sessions.idOf(cookieValue(req, COOKIE))! };
    if (auth.kind === 'refused') {
      if (isApi) return sendError(res, auth.status, auth.code, auth.message);
      if (auth.expired) sendHtml(res, 401, page('Your Warmclaw session has expired', 'Sign in again: open the newest sign-in link in the terminal of <code>warmclaw daemon --ui</code> (each link works once; the daemon prints a new one after every sign-in).'));
      else sendHtml(res, 401, page('Warmclaw', 'Open the link printed by <code>warmclaw daemon --ui</code> to sign in to this page.'));
      return;
    }

    // CSRF: a state change must come from our own page. A foreign Origin is refused. Without an
    // Origin, a cookie write needs Fetch Metadata saying same-origin: Chromium 147 omits Origin on
    // same-origin POSTs under our Referrer-Policy: no-referrer, but always sends Sec-Fetch-Site (a
    // header pages cannot set). A bearer client (curl, scripts) may send neither.
    if (!safe) {
      const origin = req.headers.origin;
      const own = `http://${req.headers.host!.toLowerCase()}`;
      const fetchSite = req.headers['sec-fetch-site'];
      if (origin !== undefined ? origin !== own : auth.kind === 'cookie' && fetchSite !== 'same-origin') {
        return sendError(res, 403, 'forbidden', 'Cross-origin request refused.');
      }
      if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return sendError(res, 403, 'forbidden', 'Cross-site request refused.');
    }

    if (url.pathname === '/api/events') {
      if (method !== 'GET') return sendError(res, 405, 'method', 'Use GET.');
      serveEvents(req, res, auth.kind === 'cookie' ? auth.session : undefined);
      return;
    }

    if (isApi) {
      const name = url.pathname.slice(5);
      if (!isApiName(name)) return sendError(res, 404, 'not-found', `Unknown API "${name}".`);
      // Commands change things: POST only, so they always pass the Origin check above.
      if (method !== 'POST' && !(method === 'GET' && contract[name].kind === 'query')) {
        res.setHeader('Allow', contract[name].kind === 'query' ? 'GET, POST' : 'POST');
        return sendError(res, 405, 'method', `${name} takes ${contract[name].kind === 'query' ? 'GET or POST' : 'POST'}.`);
      }
      let input: unknown;
      if (method === 'POST') {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        let text: string;
        try {
          text = await readBody(req, MAX_BODY_BYTES);
        } catch (err) {
          if (err instanceof BodyTooLarge) {
            res.setHeader('Connection', 'close');
            return sendError(res, 413, 'too-large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
          }
          throw err;
        }
        if (text.trim() !== '') {
          if (type !== 'application/json') return sendError(res, 415, 'invalid-input', 'Send the input as application/json.');
          try {
            input = JSON.parse(text);
          } catch {
            return sendError(res, 400, 'invalid-input', 'The body is not valid JSON.');
          }
        }
      }
      sendJson(res, 200, await handler(name, input));
      return;
    }

    if (!safe) return sendError(res, 405, 'method', 'Only the API takes POST.');
    await serveStatic(res, url.pathname);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      opts.logger?.warn('web request failed', { path: (req.url ?? '').split('?')[0], error: (err as Error).message });
      if (!res.headersSent) sendError(res, 500, 'io', 'Internal error.');
      else res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  opts.logger?.info('web UI listening', { url });

  return {
    url,
    token,
    get authUrl() {
      return linkFor(sessions.signInCode);
    },
    close: async () => {
      for (const s of streams) s.end();
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
