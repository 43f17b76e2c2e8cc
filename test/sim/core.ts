// Shared machinery of every simulator: the loopback HTTP listener, failure modes, clock-driven
// timers, stats and user-request bookkeeping. Each server subclass only routes requests and keeps
// its own model state.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock } from '../../src/main/core/clock';
import type { Json } from './fixtures';
import { chatCompletion, chatCompletionStream, responsesObject, responsesStream, textCompletion } from './openai';
import { rid } from './util';
import { seededRandom, withEscapeCodes, withHugeNumbers, withWrongTypes } from './hostile';
import type {
  RecordedRequest,
  FailureMode,
  SimKind,
  SimLoadedModel,
  SimModel,
  SimOptions,
  SimStats,
  Simulator,
  UserRequestOptions,
} from './types';

/** setTimeout overflows past 2^31-1 ms (fires at once): longer timers are re-armed in steps. */
const MAX_TIMER_MS = 2_147_483_647;
/** The 'huge-body' failure: 100 MiB, streamed in 64 KiB chunks (never held in memory). */
export const HUGE_BODY_BYTES = 100 * 1024 * 1024;
const MAX_REQUEST_BODY = 16 * 1024 * 1024;
/** How many requests `recorded()` keeps per `METHOD /path`. */
const RECENT_REQUESTS = 100;
/** Header userRequest() uses to find out whether its request was a cold start (bookkeeping only). */
export const USER_TAG_HEADER = 'x-sim-user-request';

export interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: Json;
  bodyText: string;
  /** A non-empty body that is not valid JSON. */
  bodyInvalid: boolean;
  userTag?: string;
  /** Simulator epoch when the request arrived: a restart/close makes pending work stale. */
  epoch: number;
}

/** Thrown by awaits that outlived a restart/close; the request's socket is gone already. */
export class Stale extends Error {
  constructor() {
    super('simulator restarted or closed');
  }
}

export interface Boot {
  /** Resolves when the port accepts connections (vLLM: never before its model loaded). */
  listening: Promise<void>;
  /** Resolves when the startup load is done. */
  ready: Promise<void>;
}

export type OpenAIEndpoint = 'chat' | 'completions' | 'responses';

/** Maps an OpenAI-compatible inference path to its endpoint type. */
export function openAIEndpoint(path: string): OpenAIEndpoint | undefined {
  const p = path.replace(/^\/v1(?=\/)/, '');
  if (p === '/chat/completions') return 'chat';
  if (p === '/completions') return 'completions';
  if (p === '/responses') return 'responses';
  return undefined;
}

function isBodyRewrite(mode: FailureMode): mode is 'wrong-types' | 'escape-codes' | 'huge-numbers' {
  return mode === 'wrong-types' || mode === 'escape-codes' || mode === 'huge-numbers';
}

/** The hostile-JSON modes: the normal body, rewritten (a body that is not JSON passes unchanged). */
function rewriteJson(mode: 'wrong-types' | 'escape-codes' | 'huge-numbers', body: string | Buffer): string | Buffer {
  let parsed: Json;
  try {
    parsed = JSON.parse(body.toString());
  } catch {
    return body;
  }
  const out = mode === 'wrong-types' ? withWrongTypes(parsed) : mode === 'escape-codes' ? withEscapeCodes(parsed) : withHugeNumbers(parsed);
  return JSON.stringify(out);
}

export function emptyStats(): SimStats {
  return {
    requests: 0,
    inferenceRequests: 0,
    loads: 0,
    coldHits: 0,
    pings: 0,
    userRequests: 0,
    fullHealthChecks: 0,
    pinnedLoads: 0,
    unloads: 0,
    wakes: 0,
    paths: {},
  };
}

/** Per-server response conventions. */
export interface Dialect {
  /** Content-Type of JSON bodies (Express/gin/cpp-httplib add a charset, FastAPI does not). */
  jsonType: string;
  /** Added to every response (LM Studio: X-Powered-By: Express). */
  headers?: Record<string, string>;
}

/** A model a server holds, with its idle timer (generic servers, llama-swap processes). */
export interface IdleModel {
  id: string;
  inFlight: number;
  expiresAt?: number;
  cancelTimer?: () => void;
  /** Set while it loads (real time). */
  loading?: Promise<void>;
}

export abstract class BaseSim implements Simulator {
  abstract readonly kind: SimKind;
  protected abstract readonly dialect: Dialect;
  port: number;
  protected readonly clock: Clock;
  /** Real delays only with the system clock; with a ManualClock requests answer immediately. */
  protected readonly realTime: boolean;
  protected readonly opts: SimOptions;
  protected readonly loadDelayMs: number;
  protected epoch = 0;
  protected st: SimStats = emptyStats();
  private server?: http.Server;
  private wantListening = false;
  private readonly sockets = new Set<Socket>();
  private failure: FailureMode | null = null;
  /** 'random-500': a fixed seed, so a run of the same requests fails the same ones. */
  private random = seededRandom(1);
  private readonly timers = new Set<{ cancel: () => void }>();
  /** Pending real-time waits: rejected with Stale on restart/close so nothing stays pending forever. */
  private readonly waits = new Set<(e: Error) => void>();
  private readonly drips = new Set<NodeJS.Timeout>();
  private readonly userResults = new Map<string, boolean>();
  private closed = false;
  /** The latest requests with their bodies, per `METHOD /path` (bounded): what a client really sent, for tests that compare with OpenClaw. */
  private readonly recent = new Map<string, RecordedRequest[]>();
  private seq = 0;
  private readyPromise: Promise<void> = Promise.resolve();

  constructor(opts: SimOptions) {
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
    this.realTime = this.clock === systemClock;
    this.loadDelayMs = Math.max(0, opts.loadDelayMs ?? 1500);
    this.port = opts.port ?? 0;
  }

  /** The API key clients must send (LiteLLM forwards it to its upstream). */
  get configuredApiKey(): string | undefined {
    return this.opts.apiKey;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  // ---- to implement per server ----
  /** Handles one request (failure modes already applied). */
  protected abstract handle(ctx: Ctx): Promise<void>;
  /** Fresh server state; `initial` applies SimOptions.loaded/pinned (a restart comes back with nothing loaded). */
  protected abstract resetState(initial: boolean): void;
  abstract state(): { loaded: SimLoadedModel[] };
  abstract unload(modelId?: string): void;
  /** Path and body of what OpenClaw sends for one turn. */
  protected abstract userRequestSpec(modelId: string, opts: UserRequestOptions): { path: string; body: Json };
  /** Models this server knows (LiteLLM reads its upstream's list). */
  abstract models(): SimModel[];

  /** Startup: listen (and, for single-model servers, load the model). */
  protected boot(): Boot {
    const listening = this.listen();
    return { listening, ready: listening };
  }

  /** Called once by startSimulator. */
  async init(): Promise<void> {
    this.resetState(true);
    await this.startBoot();
  }

  private async startBoot(): Promise<void> {
    const b = this.boot();
    this.readyPromise = b.ready;
    b.ready.catch(() => {});
    await b.listening;
    if (this.opts.waitUntilReady !== false) await b.ready;
  }

  /** Finds a free port now for servers that open it later (vLLM). */
  protected async reservePort(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const s = http.createServer();
      s.once('error', reject);
      s.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => {
        this.port = (s.address() as AddressInfo).port;
        s.close(() => resolve());
      });
    });
  }

  protected listen(): Promise<void> {
    this.wantListening = true;
    if (this.closed || this.server || this.failure === 'refuse') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const server = http.createServer((req, res) => this.onRequest(req, res));
      server.keepAliveTimeout = 5_000;
      server.on('connection', (s) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
      server.once('error', reject);
      server.listen({ port: this.port, host: '127.0.0.1', exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', () => {});
        this.port = (server.address() as AddressInfo).port;
        if (this.closed) {
          server.close();
          resolve();
          return;
        }
        this.server = server;
        resolve();
      });
    });
  }

  private async stopListening(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    const closed = s ? new Promise<void>((r) => s.close(() => r())) : Promise.resolve();
    for (const sock of this.sockets) sock.destroy();
    this.sockets.clear();
    for (const d of this.drips) clearInterval(d);
    this.drips.clear();
    await closed;
    // Let clients in this process see the closed connections before the port reopens, so a pooled
    // keep-alive socket is not reused against the "new" server (a real restart takes longer).
    for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
  }

  // ---- public API ----
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.epoch++;
    this.failure = null;
    this.cancelTimers();
    this.userResults.clear();
    await this.stopListening();
  }

  async setFailure(mode: FailureMode | null): Promise<void> {
    const prev = this.failure;
    this.failure = mode;
    if (mode === 'random-500') this.random = seededRandom(1);
    if (this.closed) return;
    if (mode === 'refuse' && prev !== 'refuse') await this.stopListening();
    else if (prev === 'refuse' && mode !== 'refuse' && this.wantListening) await this.listen();
  }

  async restart(): Promise<void> {
    if (this.closed) throw new Error('simulator is closed');
    this.epoch++;
    this.wantListening = false;
    this.failure = null;
    await this.stopListening();
    this.cancelTimers();
    this.userResults.clear();
    this.resetState(false);
    await this.startBoot();
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  stats(): SimStats {
    return { ...this.st, paths: { ...this.st.paths } };
  }

  async userRequest(modelId: string, opts: UserRequestOptions = {}): Promise<{ coldStart: boolean }> {
    const tag = rid(16);
    const { path, body } = this.userRequestSpec(modelId, opts);
    const headers: Record<string, string> = { 'content-type': 'application/json', [USER_TAG_HEADER]: tag };
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    try {
      const res = await fetch(this.url + path, { method: 'POST', headers, body: JSON.stringify(body), signal: opts.signal });
      const text = await res.text();
      if (!res.ok) throw new Error(`${this.kind} userRequest POST ${path} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
      return { coldStart: this.userResults.get(tag) ?? false };
    } finally {
      this.userResults.delete(tag);
    }
  }

  /** The latest recorded requests (oldest first), optionally only `METHOD /path`. */
  recorded(key?: string): RecordedRequest[] {
    const lists = key === undefined ? [...this.recent.values()] : [this.recent.get(key) ?? []];
    return lists
      .flat()
      .sort((a, b) => a.seq - b.seq)
      .map((r) => ({ ...r }));
  }

  /** The latest request to `METHOD /path`, if any was recorded. */
  lastRequest(key: string): RecordedRequest | undefined {
    return this.recorded(key).at(-1);
  }

  /** Internal: whether the user request tagged `tag` was cold (LiteLLM asks its upstream). */
  takeUserResult(tag: string): boolean | undefined {
    const v = this.userResults.get(tag);
    this.userResults.delete(tag);
    return v;
  }

  // ---- request plumbing ----
  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.st.requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    this.st.paths[key] = (this.st.paths[key] ?? 0) + 1;
    res.on('error', () => {});
    const mode = this.failure;
    // The hostile-JSON modes answer normally (send() rewrites the body); random-500 fails about half.
    if (mode === 'random-500' ? this.random() < 0.5 : mode && !isBodyRewrite(mode)) {
      this.fail(mode === 'random-500' ? 'http-500' : mode!, req, res);
      return;
    }
    const epoch = this.epoch;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('error', () => {});
    req.on('end', () => {
      if (tooBig) {
        this.send(res, 413, 'Payload Too Large', 'text/plain; charset=utf-8');
        return;
      }
      const bodyText = Buffer.concat(chunks).toString('utf8');
      let body: Json;
      let bodyInvalid = false;
      if (bodyText.trim()) {
        try {
          body = JSON.parse(bodyText);
        } catch {
          bodyInvalid = true;
        }
      }
      const list = this.recent.get(key) ?? [];
      if (!this.recent.has(key)) this.recent.set(key, list);
      list.push({ key, seq: this.seq++, at: this.clock.now(), body: bodyInvalid ? undefined : body });
      if (list.length > RECENT_REQUESTS) list.shift();
      const tagHeader = req.headers[USER_TAG_HEADER];
      const ctx: Ctx = {
        req,
        res,
        method,
        path: url.pathname,
        query: url.searchParams,
        body,
        bodyText,
        bodyInvalid,
        userTag: typeof tagHeader === 'string' ? tagHeader : undefined,
        epoch,
      };
      this.handle(ctx).catch((err: unknown) => {
        if (err instanceof Stale) {
          res.destroy();
          return;
        }
        if (!res.headersSent && !res.destroyed) {
          this.send(res, 500, `simulator error: ${err instanceof Error ? err.message : String(err)}`, 'text/plain; charset=utf-8');
        }
      });
    });
  }

  private fail(mode: FailureMode, req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    req.on('error', () => {});
    switch (mode) {
      case 'refuse': // the listener is closed; a request can only arrive on a race: drop it
        res.destroy();
        return;
      case 'hang':
        return; // accepted, never answered; close() destroys the socket
      case 'slow-drip': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const prefix = '{"object":"list","data":[';
        let i = 0;
        const drip = (): void => {
          if (res.destroyed) return;
          res.write(i < prefix.length ? prefix.charAt(i) : ' ');
          i++;
        };
        drip();
        const t = setInterval(drip, 1000);
        t.unref();
        this.drips.add(t);
        res.on('close', () => {
          clearInterval(t);
          this.drips.delete(t);
        });
        return;
      }
      case 'http-500':
        this.send(res, 500, 'Internal Server Error', 'text/plain; charset=utf-8');
        return;
      case 'invalid-json':
        this.send(res, 200, '{"object":"list","data":[{"id":"model-trunc', 'application/json');
        return;
      case 'wrong-content-type':
        this.send(
          res,
          200,
          '<!DOCTYPE html>\n<html><head><title>Router login</title></head><body><h1>Please sign in</h1></body></html>\n',
          'text/html; charset=utf-8',
        );
        return;
      case 'huge-body':
        void this.streamHuge(res);
        return;
    }
  }

  private async streamHuge(res: http.ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/json' });
    const head = '{"object":"list","data":"';
    const tail = '"}';
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = HUGE_BODY_BYTES - head.length - tail.length;
    res.write(head);
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        await new Promise<void>((r) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            r();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end(tail);
  }

  // ---- response helpers ----
  protected send(res: http.ServerResponse, status: number, body: string | Buffer, type?: string, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return;
    if (this.failure && isBodyRewrite(this.failure) && type?.includes('json')) body = rewriteJson(this.failure, body);
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const h: Record<string, string | number> = { ...this.dialect.headers, ...headers, 'content-length': buf.length };
    if (type) h['content-type'] = type;
    res.writeHead(status, h);
    res.end(res.req.method === 'HEAD' ? undefined : buf);
  }

  protected json(ctx: Ctx, status: number, obj: unknown, headers?: Record<string, string>): void {
    this.send(ctx.res, status, JSON.stringify(obj), this.dialect.jsonType, headers);
  }

  /** Byte-exact JSON text (fixtures such as llama.cpp's `{"status": "ok" }`). */
  protected rawJson(ctx: Ctx, status: number, text: string): void {
    this.send(ctx.res, status, text, this.dialect.jsonType);
  }

  protected text(ctx: Ctx, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
    this.send(ctx.res, status, text, type);
  }

  protected empty(ctx: Ctx, status: number): void {
    this.send(ctx.res, status, '');
  }

  /** Server-sent events (OpenAI streaming). Each entry is one `data:` payload, optionally with an `event:` name. */
  protected sse(ctx: Ctx, events: { event?: string; data: string }[]): void {
    const res = ctx.res;
    if (res.destroyed || res.headersSent) return;
    res.writeHead(200, { ...this.dialect.headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${e.data}\n\n`);
    res.end();
  }

  /** Newline-delimited JSON (Ollama streaming). */
  protected ndjson(ctx: Ctx, lines: unknown[]): void {
    const res = ctx.res;
    if (res.destroyed || res.headersSent) return;
    res.writeHead(200, { ...this.dialect.headers, 'content-type': 'application/x-ndjson' });
    for (const l of lines) res.write(`${JSON.stringify(l)}\n`);
    res.end();
  }

  /** Answers an OpenAI-style inference request (JSON or SSE when `stream: true`); `decorate` adds server-specific fields. */
  protected sendOpenAI(ctx: Ctx, endpoint: OpenAIEndpoint, model: string, decorate?: (body: Json) => void): void {
    const b = ctx.body;
    const created = this.nowSec();
    const stream = b?.stream === true;
    if (endpoint === 'responses') {
      if (stream) this.sse(ctx, responsesStream(model, b, created, this.opts.toolCalls));
      else this.json(ctx, 200, responsesObject(model, b, created));
      return;
    }
    if (stream && endpoint === 'chat') {
      this.sse(ctx, chatCompletionStream(model, b, created, this.opts.toolCalls));
      return;
    }
    const out = endpoint === 'chat' ? chatCompletion(model, b, created, this.opts.toolCalls) : textCompletion(model, b, created);
    decorate?.(out);
    this.json(ctx, 200, out);
  }

  // ---- auth ----
  /** The Bearer token (or another accepted header) of a request. */
  protected presentedKey(ctx: Ctx, extraHeaders: string[] = []): string | undefined {
    const auth = ctx.req.headers.authorization;
    if (typeof auth === 'string') {
      const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
      if (m) return m[1];
    }
    for (const h of extraHeaders) {
      const v = ctx.req.headers[h];
      if (typeof v === 'string') return v;
    }
    return undefined;
  }

  protected authorized(ctx: Ctx, extraHeaders: string[] = []): boolean {
    return !this.opts.apiKey || this.presentedKey(ctx, extraHeaders) === this.opts.apiKey;
  }

  // ---- time ----
  protected nowMs(): number {
    return this.clock.now();
  }

  protected nowSec(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** A real-time wait with the system clock, none with a ManualClock. Throws Stale if the server restarted meanwhile. */
  protected async delay(ms: number, epoch: number): Promise<void> {
    if (epoch !== this.epoch) throw new Stale();
    if (this.realTime && ms > 0) {
      await new Promise<void>((resolve, reject) => {
        const abort = (e: Error): void => {
          cancel();
          reject(e);
        };
        const cancel = this.schedule(ms, () => {
          this.waits.delete(abort);
          resolve();
        });
        this.waits.add(abort);
      });
    }
    if (epoch !== this.epoch) throw new Stale();
  }

  /** Unloads one model of a server's loaded map (cancelling its idle timer) and counts it. */
  protected unloadFrom<M extends { cancelTimer?: () => void }>(loaded: Map<string, M>, id: string): void {
    const m = loaded.get(id);
    if (!m) return;
    m.cancelTimer?.();
    loaded.delete(id);
    this.st.unloads++;
    this.onModelsChanged();
  }

  /** A model started or finished loading, or was unloaded (llama-swap tells its event stream). */
  protected onModelsChanged(): void {}

  /**
   * (Re)starts a loaded model's idle timer: it unloads `ttlMs` after its last request ends. No timer
   * while a request is in flight, or when `ttlMs` is undefined or infinite (pinned / no TTL).
   */
  protected armIdleTimer<M extends { id: string; inFlight: number; expiresAt?: number; cancelTimer?: () => void }>(loaded: Map<string, M>, m: M, ttlMs: number | undefined): void {
    m.cancelTimer?.();
    m.cancelTimer = undefined;
    m.expiresAt = undefined;
    if (ttlMs === undefined || !Number.isFinite(ttlMs) || m.inFlight > 0) return;
    m.expiresAt = this.nowMs() + ttlMs;
    m.cancelTimer = this.schedule(ttlMs, () => {
      if (loaded.get(m.id) === m) this.unloadFrom(loaded, m.id);
    });
  }

  /**
   * The model a request names, loaded first when it is not (one load however many requests wait on
   * it): `cold` when this request had to wait for a load, its own or another's.
   */
  protected async loadOnDemand(loaded: Map<string, IdleModel>, id: string, epoch: number): Promise<{ model: IdleModel; cold: boolean }> {
    let m = loaded.get(id);
    const cold = !m || m.loading !== undefined;
    if (!m) {
      m = { id, inFlight: 0 };
      loaded.set(id, m);
      this.st.loads++;
      m.loading = this.delay(this.loadDelayMs, epoch);
      this.onModelsChanged();
      try {
        await m.loading;
      } finally {
        m.loading = undefined;
        this.onModelsChanged();
      }
    } else if (m.loading) await m.loading;
    return { model: m, cold };
  }

  /** Serves one request on a loaded model: no idle timer while it runs; its end restarts the timer. */
  protected serveIdle(loaded: Map<string, IdleModel>, m: IdleModel, ttlMs: number | undefined, fn: () => void): void {
    m.inFlight++;
    m.cancelTimer?.();
    try {
      fn();
    } finally {
      m.inFlight--;
      if (loaded.get(m.id) === m) this.armIdleTimer(loaded, m, ttlMs);
    }
  }

  /** clock.setTimeout, tracked (cancelled on restart/close) and safe for any length; Infinity = never. */
  protected schedule(ms: number, fn: () => void): () => void {
    if (!Number.isFinite(ms)) return () => {};
    const entry = { cancel: () => {} };
    const arm = (remaining: number): void => {
      const step = Math.min(remaining, MAX_TIMER_MS);
      entry.cancel = this.clock.setTimeout(() => {
        if (remaining - step > 0) arm(remaining - step);
        else {
          this.timers.delete(entry);
          fn();
        }
      }, step);
    };
    arm(Math.max(0, ms));
    this.timers.add(entry);
    return () => {
      entry.cancel();
      this.timers.delete(entry);
    };
  }

  private cancelTimers(): void {
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    for (const w of [...this.waits]) w(new Stale());
    this.waits.clear();
    this.onStale();
  }

  /** Restart/close: release anything else a request may be waiting on (it will see a new epoch). */
  protected onStale(): void {}

  // ---- stats ----
  /** Counts an inference request; returns whether it is user traffic (not a keep-warm ping). `null` = neither (e.g. an unload request). */
  protected countInference(ping: boolean | null): boolean {
    this.st.inferenceRequests++;
    if (ping === true) this.st.pings++;
    else if (ping === false) this.st.userRequests++;
    return ping === false;
  }

  /** Records whether an inference request found its model cold (coldHits counts user requests only). */
  protected noteCold(ctx: Ctx, user: boolean, cold: boolean): void {
    if (user && cold) this.st.coldHits++;
    if (ctx.userTag && !this.closed) this.userResults.set(ctx.userTag, cold);
  }
}
