// How a dead server is noticed within 2 s without probing every endpoint every 2 s: the monitor keeps
// one idle TCP connection open to each endpoint that is up ("watch"). When the server process exits,
// its kernel closes that socket and we get 'close' at once; we then try to connect again: refused (or
// no answer within the connect timeout) means the server is gone and the monitor re-probes right away.
// If the connect succeeds, that new socket becomes the watch (servers may close idle connections —
// cpp-httplib after ~5 s, uvicorn after its keep-alive — which costs one loopback connect each time).
// Re-opens are spaced at least `minReopenMs` apart, so a server that drops idle connections at once
// degrades to a 1 Hz connect-level check: still inside the 2 s target, and far cheaper than a full
// HTTP probe. Nothing is sent on the socket, so no server counts it as a request (no TTL reset).
// Limits: a host that vanishes from the network without a FIN/RST (LAN box unplugged) is only seen
// by the next probe; a hung-but-alive process keeps accepting TCP and is caught by probe timeouts.
import { connect, type Socket } from 'node:net';
import { loopbackRefusal } from '../loopback-guard';

export interface WatchOptions {
  /** Minimum spacing of connection attempts (ms). */
  minReopenMs?: number;
  /** A connect that takes longer than this counts as "not answering" (ms). */
  connectTimeoutMs?: number;
}

export type LostReason = 'refused' | 'timeout' | 'error';

/** Host and port of a base URL (defaults per scheme); undefined for URLs we cannot watch. */
export function socketAddress(baseUrl: string): { host: string; port: number } | undefined {
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
    if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
    return { host, port };
  } catch {
    return undefined;
  }
}

/** Resolves true when a TCP connect succeeds within timeoutMs; the socket is closed at once. */
export function canConnect(host: string, port: number, timeoutMs = 1_000): Promise<{ ok: boolean; reason?: LostReason; code?: string }> {
  // The test-only loopback guard covers raw TCP probes too.
  if (loopbackRefusal(host)) return Promise.resolve({ ok: false, reason: 'error', code: 'blocked' });
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.unref();
    const timer = setTimeout(() => done({ ok: false, reason: 'timeout' }), timeoutMs);
    timer.unref?.();
    const done = (r: { ok: boolean; reason?: LostReason; code?: string }) => {
      clearTimeout(timer);
      s.removeAllListeners();
      s.on('error', () => {});
      s.destroy();
      resolve(r);
    };
    s.once('connect', () => done({ ok: true }));
    s.once('error', (e: NodeJS.ErrnoException) => done({ ok: false, reason: e.code === 'ECONNREFUSED' ? 'refused' : 'error', code: e.code }));
  });
}

/**
 * One idle TCP connection held open to a server; `onLost` fires (once per loss) when the server
 * stops accepting connections. Call `stop()` when the endpoint goes down or is removed.
 */
export class ConnectionWatch {
  private socket: Socket | undefined;
  private connecting: Socket | undefined;
  private openedAt = 0;
  private lastAttemptAt = -Infinity;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;
  private readonly minReopenMs: number;
  private readonly connectTimeoutMs: number;
  /** Connection attempts made (for benchmarks and tests). */
  attempts = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly onLost: (reason: LostReason, code?: string) => void,
    opts: WatchOptions = {},
  ) {
    this.minReopenMs = opts.minReopenMs ?? 1_000;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 1_000;
  }

  start(): void {
    this.stopped = false;
    if (!this.socket && !this.connecting && !this.cancelTimer) this.open();
  }

  get watching(): boolean {
    return this.socket !== undefined;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    for (const s of [this.socket, this.connecting]) {
      if (!s) continue;
      s.removeAllListeners();
      s.on('error', () => {});
      s.destroy();
    }
    this.socket = undefined;
    this.connecting = undefined;
  }

  private open(): void {
    if (this.stopped) return;
    this.attempts++;
    this.lastAttemptAt = performance.now();
    const s = connect({ host: this.host, port: this.port });
    s.unref();
    s.setNoDelay(true);
    this.connecting = s;
    // A real-time timer (not the injected clock): this bounds real socket I/O.
    const timer = setTimeout(() => fail('timeout'), this.connectTimeoutMs);
    timer.unref?.();
    const fail = (reason: LostReason, code?: string) => {
      clearTimeout(timer);
      s.removeAllListeners();
      s.on('error', () => {});
      s.destroy();
      if (this.connecting === s) this.connecting = undefined;
      if (this.stopped) return;
      this.onLost(reason, code);
    };
    s.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNREFUSED' ? 'refused' : 'error', e.code));
    s.once('connect', () => {
      clearTimeout(timer);
      s.removeAllListeners();
      if (this.stopped) {
        s.destroy();
        return;
      }
      this.connecting = undefined;
      this.socket = s;
      this.openedAt = performance.now();
      s.setKeepAlive(true, 10_000);
      // Anything the server sends (it should send nothing) is discarded.
      s.on('data', () => {});
      s.on('error', () => {});
      s.once('close', () => this.closed(s));
    });
  }

  private closed(s: Socket): void {
    if (this.socket !== s) return;
    this.socket = undefined;
    if (this.stopped) return;
    const since = performance.now() - this.lastAttemptAt;
    const wait = Math.max(0, this.minReopenMs - since);
    if (wait === 0) {
      this.open();
      return;
    }
    // Real time again: the spacing protects real servers from a reconnect loop.
    const t = setTimeout(() => {
      this.cancelTimer = undefined;
      this.open();
    }, wait);
    t.unref?.();
    this.cancelTimer = () => clearTimeout(t);
  }
}
