// `warmclaw daemon --ui`: the contract over loopback HTTP (+ SSE for events) and the built renderer.
// Any web page the user visits can reach 127.0.0.1, so every request needs the per-run token (header
// or the HttpOnly cookie from /auth), Host must be a loopback name (DNS rebinding), writes must come
// from our own Origin (CSRF), and there are no CORS headers at all.
import { randomBytes, timingSafeEqual } from 'node:crypto';
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
}

export interface WebServer {
  /** http://127.0.0.1:PORT (no token). */
  url: string;
  /** Per-run secret: `Authorization: Bearer <token>` or `GET /auth?token=<token>` once per browser. */
  token: string;
  /** The link to print: exchanges the token for a cookie and redirects to `/`. */
  authUrl: string;
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

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
  const sessions = new Set<string>();
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const authorized = (req: IncomingMessage): 'bearer' | 'cookie' | null => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && sameSecret(auth.slice(7).trim(), token)) return 'bearer';
    const session = cookieValue(req, COOKIE);
    if (session && [...sessions].some((s) => sameSecret(s, session))) return 'cookie';
    return null;
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

  const serveEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 3000\n\n: connected\n\n');
    streams.add(res);
    // Unnamed events: EventSource's onmessage sees them all; the JSON carries `type`.
    const unsubscribe = handler.subscribe((ev: ApiEvent) => {
      res.write(`data: ${JSON.stringify(ev)}\n\n`);
    });
    const beat = setInterval(() => res.write(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
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
      const given = url.searchParams.get('token') ?? '';
      if (!sameSecret(given, token)) {
        sendHtml(res, 401, page('Wrong or expired link', 'Open the link printed by <code>warmclaw daemon --ui</code> (it changes each time the daemon starts).'));
        return;
      }
      const session = randomBytes(32).toString('hex');
      sessions.add(session);
      // Redirect so the token leaves the address bar; the cookie is the browser's credential from now on.
      res.writeHead(303, { Location: '/', 'Set-Cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/` });
      res.end();
      return;
    }

    const auth = authorized(req);
    if (!auth) {
      if (url.pathname.startsWith('/api/')) return sendError(res, 401, 'unauthorized', 'Missing or wrong token. Open the link printed by `warmclaw daemon --ui`, or send Authorization: Bearer <token>.');
      sendHtml(res, 401, page('Warmclaw', 'Open the link printed by <code>warmclaw daemon --ui</code> to sign in to this page.'));
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
      if (origin !== undefined ? origin !== own : auth === 'cookie' && fetchSite !== 'same-origin') {
        return sendError(res, 403, 'forbidden', 'Cross-origin request refused.');
      }
      if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return sendError(res, 403, 'forbidden', 'Cross-site request refused.');
    }

    if (url.pathname === '/api/events') {
      if (method !== 'GET') return sendError(res, 405, 'method', 'Use GET.');
      serveEvents(req, res);
      return;
    }

    if (url.pathname.startsWith('/api/')) {
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
    authUrl: `${url}/auth?token=${token}`,
    close: async () => {
      for (const s of streams) s.end();
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
