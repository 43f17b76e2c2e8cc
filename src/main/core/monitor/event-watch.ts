// A server's own event stream, held open so the monitor hears of a model load or unload when it
// happens instead of at the next poll (which may be a minute away once quiet). Today: llama-swap's
// GET /api/events (Server-Sent Events; its `modelStatus` message follows every process state change,
// a ttl unload or a swap caused by another client included). The adapter names the path and which
// messages mean "models changed"; this file only holds the connection.
// Bounded like every network call: the connect and the response headers have a deadline; the body is
// open-ended by design (it is the point), read line by line with a cap on one line's length (the
// stream also carries log lines and their whole history), and a dropped stream is re-opened with
// backoff. A server without the stream (404, not SSE) is not asked again until the watch is remade.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loopbackRefusal } from '../loopback-guard';
import { socketAddress } from './liveness';

export interface EventSource {
  /** Path of the stream on the server (e.g. /api/events). */
  path: string;
  /** True when one SSE `data:` payload says the models changed. Called for every line: keep it cheap. */
  isModelChange(data: string): boolean;
}

export interface EventWatchOptions {
  /** Deadline for the connection and the response headers (ms). */
  headersTimeoutMs?: number;
  /** First re-open delay after the stream drops; doubles up to maxRetryMs (ms). */
  retryMs?: number;
  maxRetryMs?: number;
  /** A longer line is skipped, never buffered whole (bytes). */
  maxLineBytes?: number;
}

export class EventWatch {
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private retry: number;
  private readonly headersTimeoutMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly maxLineBytes: number;
  /** The server does not serve the stream: stay quiet. */
  unsupported = false;
  /** Streams opened (tests and benchmarks). */
  opens = 0;

  constructor(
    private readonly url: URL,
    private readonly source: EventSource,
    private readonly onChange: () => void,
    private readonly headers: Record<string, string> = {},
    opts: EventWatchOptions = {},
  ) {
    this.headersTimeoutMs = opts.headersTimeoutMs ?? 3_000;
    this.retryMs = opts.retryMs ?? 5_000;
    this.maxRetryMs = opts.maxRetryMs ?? 60_000;
    this.maxLineBytes = opts.maxLineBytes ?? 64 * 1024;
    this.retry = this.retryMs;
  }

  start(): void {
    this.stopped = false;
    if (!this.req && !this.retryTimer && !this.unsupported) this.open();
  }

  /** A stream is open now. */
  get streaming(): boolean {
    return this.res !== undefined;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.req?.destroy();
    this.res?.destroy();
    this.req = undefined;
    this.res = undefined;
  }

  private open(): void {
    if (this.stopped || this.unsupported) return;
    const host = socketAddress(this.url.href)?.host;
    if (!host || loopbackRefusal(host)) {
      this.unsupported = true;
      return;
    }
    this.opens++;
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(this.url, { method: 'GET', headers: { accept: 'text/event-stream', ...this.headers } });
    this.req = req;
    const deadline = setTimeout(() => req.destroy(new Error('no answer')), this.headersTimeoutMs);
    deadline.unref?.();
    req.on('error', () => {
      clearTimeout(deadline);
      this.dropped(req);
    });
    req.on('socket', (s) => s.unref());
    req.on('response', (res) => {
      clearTimeout(deadline);
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        // 404 on builds without the stream, 401 with a key we lack: polling still works.
        this.unsupported = res.statusCode !== 503 && res.statusCode !== 502;
        res.resume();
        req.destroy();
        this.dropped(req);
        return;
      }
      this.res = res;
      this.retry = this.retryMs;
      this.read(res);
      res.on('close', () => this.dropped(req));
    });
    req.end();
  }

  /** Splits the stream into lines without holding more than one capped line. */
  private read(res: IncomingMessage): void {
    let line = '';
    let skipping = false;
    // The first model message of a stream is the snapshot sent on connect: nothing changed, the monitor already knows.
    let snapshotSeen = false;
    const complete = (text: string) => {
      if (!this.isModelChange(text)) return;
      if (snapshotSeen) this.onChange();
      snapshotSeen = true;
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        const piece = chunk.slice(start, nl);
        start = nl + 1;
        if (!skipping && line.length + piece.length <= this.maxLineBytes) complete(line + piece);
        line = '';
        skipping = false;
      }
      if (skipping) return;
      line += chunk.slice(start);
      if (line.length > this.maxLineBytes) {
        line = '';
        skipping = true;
      }
    });
  }

  private isModelChange(line: string): boolean {
    return line.startsWith('data:') && this.source.isModelChange(line.slice(5));
  }

  private dropped(req: ClientRequest): void {
    if (this.req !== req) return;
    this.req = undefined;
    this.res = undefined;
    if (this.stopped || this.unsupported) return;
    const wait = this.retry;
    this.retry = Math.min(this.maxRetryMs, this.retry * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, wait);
    this.retryTimer.unref?.();
  }
}
