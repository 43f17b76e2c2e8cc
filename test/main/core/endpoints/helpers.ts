// Shared pieces of the endpoint suites: a private HTTP client per file (its own concurrency limit, so
// parallel files never queue behind each other) and the simulator lifecycle from test/sim.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, onTestFinished } from 'vitest';
import { HttpClient, type HttpClientOptions } from '../../../../src/main/core/endpoints/http';

export { sim } from '../../../sim/helpers';

/** A client with test-sized deadlines; closed after the file. */
export function testHttp(opts: HttpClientOptions = {}): HttpClient {
  const c = new HttpClient({ timeoutMs: 3_000, connectTimeoutMs: 1_000, maxInFlight: 8, ...opts });
  afterAll(() => c.close());
  return c;
}

export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
}

/**
 * A transparent HTTP proxy in front of a simulator that records what arrives (method, path, the
 * Authorization header) and can rewrite paths, e.g. to make the LM Studio simulator answer a path it
 * does not serve with its real catch-all. Closed when the test ends.
 */
export async function recordingProxy(upstream: { url: string }, rewrite: (path: string) => string = (p) => p): Promise<{ url: string; port: number; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ method: req.method ?? 'GET', path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const up = httpRequest(`${upstream.url}${rewrite(path)}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onTestFinished(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, seen };
}
