// The test-only loopback guard: with WARMCLAW_LOOPBACK_ONLY=1 (set for every test by the global
// setup, and by CI) no request or TCP probe leaves the machine; loopback servers still answer.
import { describe, expect, it } from 'vitest';
import { guardedConnector, HttpClient } from '../../../../src/main/core/endpoints/http';
import { isLoopbackHost, loopbackRefusal } from '../../../../src/main/core/loopback-guard';
import { canConnect } from '../../../../src/main/core/monitor/liveness';
import { openGatewaySocket } from '../../../../src/main/core/openclaw/gateway-socket';
import { startSimulator } from '../../../sim';

describe('loopback-only guard', () => {
  it('is on in every test worker', () => {
    expect(process.env.WARMCLAW_LOOPBACK_ONLY).toBe('1');
  });

  it('knows what loopback is', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', 'api.localhost', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['10.0.0.1', '192.168.1.20', '128.0.0.1', '0.0.0.0', '::', 'example.com', 'localhost.example.com', '::ffff:10.0.0.1', '127.example.com']) expect(isLoopbackHost(h), h).toBe(false);
    expect(loopbackRefusal('10.0.0.1', {})).toBeUndefined();
    expect(loopbackRefusal('10.0.0.1', { WARMCLAW_LOOPBACK_ONLY: '1' })).toMatch(/not a loopback address/);
  });

  it('refuses a LAN or hosted target before any lookup or connection, and still reaches loopback', async () => {
    const http = new HttpClient({ timeoutMs: 60_000, connectTimeoutMs: 60_000 });
    // A name that does not resolve and an address that would hang: both refused at once, with the
    // guard's own code (not `dns` or `timeout`, which would mean we tried).
    for (const base of ['http://lan-box.invalid:8000', 'http://192.0.2.1:1234', 'https://api.openai.com', 'http://[2001:db8::1]:8000']) {
      const out = await http.send({ baseUrl: base }, '/v1/models');
      expect(out.ok, base).toBe(false);
      if (!out.ok) {
        expect(out.error.code, base).toBe('blocked');
        expect(out.error.message).toContain('WARMCLAW_LOOPBACK_ONLY');
      }
    }
    expect(await canConnect('192.0.2.1', 1234, 60_000)).toMatchObject({ ok: false, code: 'blocked' });
    await expect(openGatewaySocket('ws://192.0.2.1:18789', { timeoutMs: 60_000 })).rejects.toThrow(/WARMCLAW_LOOPBACK_ONLY/);
    const sim = await startSimulator('ollama');
    try {
      const out = await http.send({ baseUrl: sim.url }, '/api/tags');
      expect(out.ok && out.res.status).toBe(200);
      expect((await canConnect('127.0.0.1', sim.port)).ok).toBe(true);
    } finally {
      await sim.close();
      await http.close();
    }
  });
});

describe("the HTTP client's connector", () => {
  // Every socket undici opens for the client goes through this connector, so the guard holds even for
  // a request that never passed exchange()'s own check.
  const connectVia = (hostname: string, port: number) =>
    new Promise<{ err: Error | null; socket: { destroy(): void } | null }>((resolve) => guardedConnector(60_000)({ hostname, host: `${hostname}:${port}`, protocol: 'http:', port: String(port) }, (err, socket) => resolve({ err, socket })));

  it('refuses a non-loopback host at once and connects to loopback', async () => {
    const blocked = await connectVia('192.0.2.1', 1234);
    expect(blocked.socket).toBeNull();
    expect(blocked.err?.message).toContain('WARMCLAW_LOOPBACK_ONLY');
    const sim = await startSimulator('ollama');
    try {
      const ok = await connectVia('127.0.0.1', sim.port);
      expect(ok.err).toBeNull();
      ok.socket?.destroy();
    } finally {
      await sim.close();
    }
  });
});
