// The one long-lived connection to the local OpenClaw gateway, over undici's WebSocket (the card's
// maintained client; it replaced a hand-written RFC 6455 client, docs/decisions/0006-card-libraries.md).
// This file only adds what the WHATWG WebSocket API leaves out and the daemon needs:
// - a deadline for TCP connect + upgrade (the API has none: a server that accepts and never answers
//   would keep it CONNECTING forever);
// - the loopback guard before any socket (the dispatcher's connector, shared with the HTTP client);
// - a message size cap (undici's webSocket.maxPayloadSize on the dispatcher);
// - a deadline for the closing handshake (undici waits for the server's close frame without a timer):
//   the connector hands us the socket, which is destroyed if the server never finishes closing.
// The callback shape (onMessage/onClose) is what GatewayActivity consumes.
import type { Socket } from 'node:net';
import { Agent, WebSocket, type CloseEvent, type MessageEvent } from 'undici';
import { guardedConnector } from '../endpoints/http';
import { loopbackRefusal } from '../loopback-guard';

export interface GatewaySocket {
  send(text: string): void;
  /** Starts the closing handshake (1000) and ends the socket within CLOSE_GRACE_MS whatever the server does; idempotent. */
  close(): void;
  onMessage?: (text: string) => void;
  /** Called once, however the connection ends. */
  onClose?: (info: { code?: number; reason: string }) => void;
}

export interface GatewaySocketOptions {
  /** Deadline for TCP connect + HTTP upgrade, ms. */
  timeoutMs: number;
  /** Largest message accepted (bytes); a bigger one fails the connection. */
  maxMessageBytes?: number;
  headers?: Record<string, string>;
}

/** A server that does not answer our close frame within this long loses the socket. */
export const CLOSE_GRACE_MS = 2_000;

/** Opens ws:// or wss:// `url`; rejects on a refusal, a failed upgrade, the loopback guard, or the deadline. */
export function openGatewaySocket(url: string, opts: GatewaySocketOptions): Promise<GatewaySocket> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.reject(new Error('bad WebSocket URL'));
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return Promise.reject(new Error('bad WebSocket URL'));
  // Said here in words; the connector below refuses too, before any socket.
  const refusal = loopbackRefusal(u.hostname);
  if (refusal) return Promise.reject(new Error(refusal));

  // One dispatcher per connection: it carries this connection's limits, and its connector gives us the
  // socket (the upgraded connection is that same socket).
  let socket: Socket | undefined;
  // A local gateway's self-signed certificate: GatewayTarget is always 127.0.0.1, so nothing leaves loopback.
  const connect = guardedConnector(opts.timeoutMs, u.protocol === 'wss:' ? { rejectUnauthorized: false } : {});
  const agent = new Agent({
    connect: (o, cb) =>
      connect(o, (err, s) => {
        if (s) socket = s;
        (cb as (e: Error | null, s: Socket | null) => void)(err, s);
      }),
    connections: 1,
    headersTimeout: opts.timeoutMs,
    webSocket: { maxPayloadSize: opts.maxMessageBytes ?? 16 * 1024 * 1024 },
  });

  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { dispatcher: agent, ...(opts.headers ? { headers: opts.headers } : {}) });
    ws.binaryType = 'arraybuffer';
    let opened = false;
    let closed = false;
    let conn: Connection | undefined;
    const dispose = () => {
      clearTimeout(deadline);
      void agent.destroy().catch(() => undefined);
    };
    const deadline = setTimeout(() => {
      if (opened) return;
      reject(new Error(`no WebSocket handshake within ${opts.timeoutMs} ms`));
      ws.close(); // CONNECTING: fails the connection (aborts the upgrade request)
      socket?.destroy();
      dispose();
    }, opts.timeoutMs);

    ws.addEventListener('open', () => {
      opened = true;
      clearTimeout(deadline);
      conn = new Connection(ws, () => socket);
      resolve(conn);
    });
    ws.addEventListener('error', () => {
      // Before 'open' this is a refused connection or a failed upgrade (undici says no more; neither do we).
      if (!opened) reject(new Error('the WebSocket connection failed (refused, or not a WebSocket endpoint)'));
    });
    ws.addEventListener('message', (ev: MessageEvent) => conn?.deliver(ev.data));
    ws.addEventListener('close', (ev: CloseEvent) => {
      if (closed) return;
      closed = true;
      dispose();
      if (!opened) reject(new Error('the WebSocket connection failed (refused, or not a WebSocket endpoint)'));
      conn?.finish({ code: ev.code, reason: ev.reason });
    });
  });
}

class Connection implements GatewaySocket {
  onMessage?: (text: string) => void;
  onClose?: (info: { code?: number; reason: string }) => void;
  private done = false;
  private closing = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: () => Socket | undefined,
  ) {}

  send(text: string): void {
    if (!this.done && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  close(): void {
    if (this.closing || this.done) return;
    this.closing = true;
    this.ws.close(1000);
    // undici waits for the server's close frame without a timer: a server that never sends it does not keep the socket.
    setTimeout(() => this.socket()?.destroy(), CLOSE_GRACE_MS).unref();
  }

  deliver(data: unknown): void {
    if (this.done) return;
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : undefined;
    if (text !== undefined) this.onMessage?.(text);
  }

  finish(info: { code?: number; reason: string }): void {
    if (this.done) return;
    this.done = true;
    this.onClose?.(this.closing ? { code: info.code, reason: 'closed by us' } : info);
  }
}
