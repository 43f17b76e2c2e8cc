// openGatewaySocket: undici's WebSocket plus the limits the WHATWG API leaves out (handshake deadline,
// message cap, closing-handshake deadline), against a loopback server that speaks raw RFC 6455 so it
// can misbehave exactly: oversized messages, binary frames, a close frame it never answers.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_GRACE_MS, openGatewaySocket } from '../../../../src/main/core/openclaw/gateway-socket';

/** An unmasked server frame (FIN set). */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), Buffer.from(BigInt(n).toString(16).padStart(16, '0'), 'hex')]);
  return Buffer.concat([head, payload]);
}

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Upgrades every request and hands the raw socket to `onOpen` (the server never answers a close frame). */
async function rawServer(onOpen: (socket: Socket) => void): Promise<string> {
  const server = createServer((_q, r) => r.end('not a websocket'));
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    onOpen(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function until(what: string, pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() > end ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 20));
    tick();
  });
}

describe('openGatewaySocket', () => {
  it('delivers text and binary messages as text, and reports the server closing once', async () => {
    let server!: Socket;
    const url = await rawServer((s) => (server = s));
    const ws = await openGatewaySocket(url, { timeoutMs: 2_000 });
    const got: string[] = [];
    const closes: { code?: number; reason: string }[] = [];
    ws.onMessage = (t) => got.push(t);
    ws.onClose = (i) => closes.push(i);
    server.write(frame(0x1, Buffer.from('{"type":"event"}')));
    server.write(frame(0x2, Buffer.from('bin ✓')));
    await until('two messages', () => got.length === 2, 5_000);
    expect(got).toEqual(['{"type":"event"}', 'bin ✓']);
    server.write(frame(0x8, Buffer.from([0x03, 0xe9, ...Buffer.from('bye')]))); // 1001 "bye"
    server.end();
    await until('close', () => closes.length > 0, 5_000);
    expect(closes).toEqual([{ code: 1001, reason: 'bye' }]);
  });

  it('fails the connection on a message over the cap instead of buffering it', async () => {
    let server!: Socket;
    const url = await rawServer((s) => (server = s));
    const ws = await openGatewaySocket(url, { timeoutMs: 2_000, maxMessageBytes: 1024 });
    const got: string[] = [];
    let closed = false;
    ws.onMessage = (t) => got.push(t);
    ws.onClose = () => (closed = true);
    server.write(frame(0x1, Buffer.alloc(4096, 0x61)));
    await until('closed', () => closed, 5_000);
    expect(got).toEqual([]);
  });

  it('ends the socket when the server never answers our close frame', async () => {
    let server!: Socket;
    let serverSawEnd = false;
    const url = await rawServer((s) => {
      server = s;
      s.on('end', () => (serverSawEnd = true)); // our FIN (the upgraded socket is half-open capable)
      s.on('data', () => undefined); // reads our close frame and never answers it
    });
    const ws = await openGatewaySocket(url, { timeoutMs: 2_000 });
    ws.close();
    await until('the socket ended', () => serverSawEnd, CLOSE_GRACE_MS + 5_000);
    expect(server.readableEnded).toBe(true);
  });

  it('refuses a non-WebSocket answer and a refused port with an error, not a hang', async () => {
    const server = createServer((_q, r) => r.end('control ui'));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await expect(openGatewaySocket(`ws://127.0.0.1:${port}`, { timeoutMs: 2_000 })).rejects.toThrow(/failed/);
    await new Promise((r) => server.close(r));
    servers.splice(0);
    await expect(openGatewaySocket(`ws://127.0.0.1:${port}`, { timeoutMs: 2_000 })).rejects.toThrow(/failed/);
  });
});
