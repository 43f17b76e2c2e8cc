// A minimal WebSocket client (RFC 6455) over node:http, for the one long-lived connection to the local
// OpenClaw gateway. Why not Node's global WebSocket: it is undici's, and loading it (undici's fetch
// stack plus its WebAssembly HTTP parser) adds ~18 MB of RSS to the daemon, measured: 41 MB -> 59 MB
// for a bare process (docs/decisions/0003-node-http-client.md). This speaks exactly what the gateway
// needs: text frames both ways, fragmented messages, ping/pong, close; no extensions (we offer none,
// so the server sends uncompressed frames). Every wait has a deadline; messages are capped in size.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { loopbackRefusal } from '../loopback-guard';

export interface WsConnection {
  send(text: string): void;
  /** Sends a close frame and ends the socket (idempotent). */
  close(code?: number): void;
  onMessage?: (text: string) => void;
  /** Called once, however the connection ends. */
  onClose?: (info: { code?: number; reason: string }) => void;
}

export interface WsConnectOptions {
  /** Deadline for TCP connect + HTTP upgrade, ms. */
  timeoutMs: number;
  /** Largest message accepted (bytes); a bigger one closes the connection (1009). */
  maxMessageBytes?: number;
  headers?: Record<string, string>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Opens ws:// or wss:// `url`; rejects on refusal, a non-101 answer, a bad accept key, or the deadline. */
export function wsConnect(url: string, opts: WsConnectOptions): Promise<WsConnection> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new Error('bad WebSocket URL'));
      return;
    }
    const tls = u.protocol === 'wss:';
    if (!tls && u.protocol !== 'ws:') {
      reject(new Error('bad WebSocket URL'));
      return;
    }
    // The test-only loopback guard (a config may name a remote gateway).
    const refusal = loopbackRefusal(u.hostname);
    if (refusal) {
      reject(new Error(refusal));
      return;
    }
    const key = randomBytes(16).toString('base64');
    const request = tls ? (process.getBuiltinModule('node:https').request as unknown as typeof httpRequest) : httpRequest;
    const req = request({
      host: u.hostname,
      port: u.port || (tls ? 443 : 80),
      path: `${u.pathname}${u.search}`,
      agent: false,
      // A local gateway's self-signed certificate: the connection never leaves loopback.
      ...(tls ? { rejectUnauthorized: false } : {}),
      headers: { ...opts.headers, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key },
    });
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`no WebSocket handshake within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.once('error', (err) => fail(err));
    req.once('response', (res: IncomingMessage) => {
      res.resume();
      fail(new Error(`the server answered HTTP ${res.statusCode} instead of upgrading`));
    });
    req.once('upgrade', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      const expected = createHash('sha1').update(key + GUID).digest('base64');
      if (res.headers['sec-websocket-accept'] !== expected) {
        socket.destroy();
        fail(new Error('the server sent a wrong Sec-WebSocket-Accept'));
        return;
      }
      if (settled) {
        socket.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(new Connection(socket, head, opts.maxMessageBytes ?? 16 * 1024 * 1024));
    });
    req.end();
  });
}

class Connection implements WsConnection {
  onMessage?: (text: string) => void;
  onClose?: (info: { code?: number; reason: string }) => void;
  private buf: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private closed = false;
  private closeInfo: { code?: number; reason: string } = { reason: 'connection lost' };

  constructor(
    private readonly socket: Socket,
    head: Buffer,
    private readonly maxBytes: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.finish());
    // Bytes that came with the upgrade (the gateway greets at once): after the caller has set onMessage.
    if (head.length > 0) setImmediate(() => this.onData(head));
  }

  send(text: string): void {
    if (this.closed) return;
    this.socket.write(frame(0x1, Buffer.from(text, 'utf8')));
  }

  close(code = 1000): void {
    if (this.closed) return;
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    this.closeInfo = { code, reason: 'closed by us' };
    this.socket.end(frame(0x8, payload));
    // A server that does not finish the closing handshake does not keep the socket alive.
    setTimeout(() => this.socket.destroy(), 2_000).unref();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.buf = Buffer.alloc(0);
    this.fragments = [];
    this.onClose?.(this.closeInfo);
  }

  private protocolError(code: number, reason: string): void {
    this.closeInfo = { code, reason };
    this.close(code);
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    if (this.closed) return;
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0]!;
      const b1 = this.buf[1]!;
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if ((b0 & 0x70) !== 0 || (b1 & 0x80) !== 0) return this.protocolError(1002, 'unexpected frame bits'); // no extensions; servers never mask
      let len = b1 & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        const big = this.buf.readBigUInt64BE(2);
        if (big > BigInt(this.maxBytes)) return this.protocolError(1009, 'message too big');
        len = Number(big);
        at = 10;
      }
      if (len > this.maxBytes || this.fragmentBytes + len > this.maxBytes) return this.protocolError(1009, 'message too big');
      if (this.buf.length < at + len) return;
      const payload = this.buf.subarray(at, at + len);
      this.buf = this.buf.subarray(at + len);
      if (opcode === 0x8) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
        this.closeInfo = { code, reason: payload.subarray(2).toString('utf8') };
        if (!this.socket.destroyed) this.socket.end(frame(0x8, payload.subarray(0, 2)));
        this.finish();
        return;
      }
      if (opcode === 0x9) {
        this.socket.write(frame(0xa, payload));
        continue;
      }
      if (opcode === 0xa) continue;
      if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
        if (opcode !== 0x0 && this.fragments.length > 0) return this.protocolError(1002, 'interleaved message');
        this.fragments.push(Buffer.from(payload));
        this.fragmentBytes += payload.length;
        if (!fin) continue;
        const message = this.fragments.length === 1 ? this.fragments[0]! : Buffer.concat(this.fragments);
        this.fragments = [];
        this.fragmentBytes = 0;
        this.onMessage?.(message.toString('utf8'));
        if (this.closed) return;
        continue;
      }
      return this.protocolError(1002, 'unknown opcode');
    }
  }
}

/** A client frame: FIN, the opcode, masked payload (clients must mask). */
function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const headLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.alloc(headLen + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, headLen);
  for (let i = 0; i < len; i++) out[headLen + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}
