// The only HTTP client the monitor and warm-keeper use to talk to local model servers.
// Every call has a connect timeout, one total deadline for headers + body, a response-size cap that
// stops reading (and destroys the socket) instead of buffering, and a per-process concurrency limit.
// Failures are values with a message a user can act on; the API key never appears in any of them.
//
// Built on undici (the card's HTTP library; docs/decisions/0006-card-libraries.md): its Agent owns
// connect, headers and body timeouts, the response size cap and connection limits.
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import { loopbackRefusal } from '../loopback-guard';
import { OversizedPaths } from './oversized-paths';
import type { EndpointTarget } from './types';
import { english, msg, type Message } from '../../../shared/messages';

export const DEFAULT_TIMEOUT_MS = 3_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 1_500;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_IN_FLIGHT = 8;
/** A call holds its slot of the process limiter this long at most (LimiterOptions.leaseMs). */
export const SLOT_LEASE_MS = 1_000;
/** Idle sockets live this long: long enough to reuse within one poll round, short enough not to pin a hung server. */
export const KEEP_ALIVE_MS = 1_000;

export type HttpErrorCode =
  | 'bad-url' // the base URL cannot be parsed
  | 'refused' // nothing listens on that port
  | 'dns' // the host name does not resolve
  | 'unreachable' // network/host unreachable, connect timeout
  | 'timeout' // no complete answer within the deadline
  | 'reset' // the server closed the connection mid-way
  | 'too-large' // the body passed the size cap
  | 'http-status' // a non-2xx answer (getJson/postJson only)
  | 'not-json' // HTML or another content type where JSON was expected
  | 'invalid-json' // a JSON content type with a body that does not parse
  | 'aborted' // the caller cancelled
  | 'blocked' // WARMCLAW_LOOPBACK_ONLY=1 and the host is not loopback (tests, CI)
  | 'network'; // anything else on the wire

export interface HttpError {
  code: HttpErrorCode;
  /** One plain sentence for a user; never contains the API key. */
  message: string;
  /** `message` as a code the UI translates (and the CLI in its user's language). */
  msg?: Message;
  status?: number;
}

/** An error value worded from the catalog: the English sentence and its code travel together. */
export function httpError(code: HttpErrorCode, m: Message, status?: number): HttpError {
  return { code, message: english(m), msg: m, ...(status !== undefined && { status }) };
}

/** The server named in a sentence: its product name as text, or a phrase the UI translates. */
export function whoOf(serverName?: string): string | Message {
  if (!serverName || /^the server$/i.test(serverName)) return msg('who.server');
  if (/^the OpenAI-compatible server$/i.test(serverName)) return msg('who.openai-compatible');
  return serverName;
}

/** Replaces the API key in every text parameter of a message (a server's own words may echo it). */
function redactMessage(m: Message, apiKey?: string): Message {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.params)) {
    params[k] = typeof v === 'string' ? redact(v, apiKey) : v && typeof v === 'object' && !Array.isArray(v) ? redactMessage(v as Message, apiKey) : v;
  }
  return { code: m.code, params } as Message;
}

export interface HttpRequestOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  /** JSON request body (sets Content-Type: application/json). */
  json?: unknown;
  /** Total deadline for connect + headers + body, ms. */
  timeoutMs?: number;
  /** Response-size cap, bytes: lowers the client's cap for this call (the client's maxBytes is the ceiling). */
  maxBytes?: number;
  /** Caller cancellation (e.g. the monitor shutting down); also cancels a wait for a concurrency slot. */
  signal?: AbortSignal;
  /** Names the server in error messages: "is LM Studio's server started?". */
  serverName?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Media type only, lower-cased, without parameters ("application/json"); "" when absent. */
  contentType: string;
  text: string;
  /** Wall time of the whole exchange, ms (not including the wait for a concurrency slot). */
  ms: number;
}

export type HttpOutcome = { ok: true; res: HttpResponse } | { ok: false; error: HttpError; ms: number };

export type JsonOutcome<T = unknown> =
  | { ok: true; status: number; json: T; res: HttpResponse }
  /** `res`/`json` are present when the server answered (e.g. a 401 body) so callers can look closer. */
  | { ok: false; error: HttpError; ms: number; status?: number; res?: HttpResponse; json?: unknown };

export interface HttpClientOptions {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBytes?: number;
  /** A private concurrency limit; by default every client shares one per-process limiter. */
  maxInFlight?: number;
  limiter?: Limiter;
  keepAliveMs?: number;
}

/** A small FIFO semaphore: at most `max` tasks run at once; waiting can be cancelled with a signal. */
export interface LimiterOptions {
  /**
   * A call still running after this long gives its slot to the next waiter and goes on as "stalled".
   * Why: with a plain limit, 20 hung servers kept all 8 slots busy for their whole 3 s deadline, and a
   * healthy server's probe waited in the queue past the monitor's 8 s deadline: it showed as down
   * (`npm run bench -- hostile --modes=hang`). Local servers answer status calls in milliseconds, so
   * only hung, dripping or loading calls ever run this long.
   */
  leaseMs?: number;
  /** At most this many stalled calls at once; past it a slot stays held to the end (a hard bound on sockets). */
  maxStalled?: number;
}

/** Bounds how many calls run at once (FIFO queue), with an optional lease per slot (LimiterOptions). */
export class Limiter {
  private active = 0;
  private stalledNow = 0;
  private readonly waiting: { grant: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void; key?: string }[] = [];
  /** Calls running per key (a server's origin), slot or stalled. */
  private readonly running = new Map<string, number>();
  private readonly leaseMs: number | undefined;
  private readonly maxStalled: number;

  constructor(
    readonly max: number,
    opts: LimiterOptions = {},
  ) {
    if (!(max >= 1)) throw new RangeError('a limiter needs at least one slot');
    this.leaseMs = opts.leaseMs;
    this.maxStalled = opts.maxStalled ?? 4 * max;
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Calls past their lease, still running without a slot. */
  get stalled(): number {
    return this.stalledNow;
  }

  /**
   * Runs fn when a slot is free; the slot is released however fn ends, or when its lease runs out.
   * `key` (a server's origin) makes the queue fair: a free slot goes first to a waiter whose server has
   * no call running, so a server that hangs every call cannot fill the queue ahead of healthy ones.
   */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal, key?: string): Promise<T> {
    await this.acquire(signal, key);
    if (key !== undefined) this.running.set(key, (this.running.get(key) ?? 0) + 1);
    let held = true;
    let stalled = false;
    const lease =
      this.leaseMs === undefined
        ? undefined
        : setTimeout(() => {
            if (this.stalledNow >= this.maxStalled) return; // keep the slot: the bound holds
            stalled = true;
            this.stalledNow++;
            held = false;
            this.release();
          }, this.leaseMs);
    lease?.unref?.();
    try {
      return await fn();
    } finally {
      clearTimeout(lease);
      if (stalled) this.stalledNow--;
      if (key !== undefined) {
        const n = this.running.get(key)! - 1;
        if (n > 0) this.running.set(key, n);
        else this.running.delete(key);
      }
      if (held) this.release();
    }
  }

  private acquire(signal?: AbortSignal, key?: string): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: (typeof this.waiting)[number] = { grant: resolve, reject, signal, key };
      if (signal) {
        entry.onAbort = () => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason ?? new Error('aborted'));
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.waiting.push(entry);
    });
  }

  private release(): void {
    // The first waiter whose server has nothing running; else the first in line.
    const idle = this.waiting.findIndex((w) => w.key === undefined || !this.running.has(w.key));
    const next = this.waiting.splice(idle >= 0 ? idle : 0, 1)[0];
    if (next) {
      if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
      next.grant(); // the slot passes straight to the next waiter
    } else {
      this.active--;
    }
  }
}

/** One limiter per process: the monitor, warm-keeper and discovery together never exceed it. */
export const processLimiter = new Limiter(DEFAULT_MAX_IN_FLIGHT, { leaseMs: SLOT_LEASE_MS });

/** Replaces the API key (and any bearer token) in a string: for every message that may echo server text. */
export function redact(text: string, apiKey?: string): string {
  let out = text;
  if (apiKey && apiKey.length > 0) out = out.split(apiKey).join('[redacted]');
  return out.replace(/(Bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
}

/** "3 s", "1.5 s", "800 ms": durations the way a person says them. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

/** "2 MB", "512 KB": sizes for the size-cap message. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) {
    const mb = n / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** host:port of a base URL for messages ("127.0.0.1:1234"); the raw string when it does not parse. */
export function hostLabel(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    return `${u.hostname}:${port}`;
  } catch {
    return baseUrl;
  }
}

/** Joins an origin and an absolute path without doubling slashes. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

function errCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const c = errCode(inner);
      if (c) return c;
    }
  }
  if (e.cause) {
    const c = errCode(e.cause);
    if (c) return c;
  }
  return typeof e.code === 'string' ? e.code : undefined;
}

/** Translates a transport failure into words (connect, DNS, reset…); timeouts and aborts are decided by the caller. */
export function describeTransportError(err: unknown, baseUrl: string, serverName?: string): HttpError {
  const where = hostLabel(baseUrl);
  const code = errCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return httpError('refused', msg('http.refused', { where, who: serverName && !/^the /i.test(serverName) ? msg('who.server-of', { name: serverName }) : msg('who.server') }));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return httpError('dns', msg('http.dns', { host: hostnameOf(baseUrl) }));
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return httpError('unreachable', msg('http.connect-timeout', { where }));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return httpError('unreachable', msg('http.unreachable', { where }));
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return httpError('reset', msg('http.reset', { where }));
    case 'UND_ERR_HEADERS_OVERFLOW':
    case 'HPE_HEADER_OVERFLOW':
      return httpError('network', msg('http.header-overflow', { where }));
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_VERSION':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_STATUS':
      return httpError('network', msg('http.not-http', { where, who: whoOf(serverName) }));
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return httpError('too-large', msg('http.over-cap', { where }));
    case 'WARMCLAW_LOOPBACK_BLOCKED':
      return httpError('blocked', msg('http.blocked', { host: hostnameOf(baseUrl) }));
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_URL':
    case 'ERR_INVALID_PROTOCOL':
      return httpError('bad-url', msg('http.bad-url', { url: baseUrl }));
    default: {
      const raw = err instanceof Error ? err.message : String(err);
      return httpError('network', msg('http.network', { where, detail: raw || code || 'network error' }));
    }
  }
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Picks a human message out of a JSON or text error body (OpenAI, Ollama, FastAPI, LiteLLM shapes). */
export function serverErrorDetail(res: Pick<HttpResponse, 'text' | 'contentType'>): string | undefined {
  const text = res.text.trim();
  if (!text || isHtml(res)) return undefined;
  let detail: string | undefined;
  try {
    const j: unknown = JSON.parse(text);
    detail = pickMessage(j);
  } catch {
    detail = text.split('\n')[0];
  }
  if (!detail) return undefined;
  detail = detail.replace(/\s+/g, ' ').trim();
  return detail.length > 200 ? `${detail.slice(0, 197)}…` : detail;
}

function pickMessage(j: unknown): string | undefined {
  if (typeof j === 'string') return j;
  if (!j || typeof j !== 'object') return undefined;
  const o = j as Record<string, unknown>;
  for (const k of ['error', 'detail', 'message']) {
    const v = o[k];
    if (typeof v === 'string' && v) return v;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const m = (v as Record<string, unknown>).message;
      if (typeof m === 'string' && m) return m;
    }
    if (Array.isArray(v) && v.length > 0) {
      const first = v[0] as Record<string, unknown> | undefined;
      if (first && typeof first.msg === 'string') return first.msg; // FastAPI 422
    }
  }
  return undefined;
}

/** "HTTP 401: the server wants an API key" and friends, for a non-2xx answer. */
export function describeStatus(status: number, res: Pick<HttpResponse, 'text' | 'contentType'>, ctx: { path: string; apiKey?: string; serverName?: string }): string {
  return english(statusMessage(status, res, ctx));
}

/** describeStatus as a message the UI translates (the server's own detail stays in its words). */
export function statusMessage(status: number, res: Pick<HttpResponse, 'text' | 'contentType'>, ctx: { path: string; apiKey?: string; serverName?: string }): Message {
  const who = whoOf(ctx.serverName);
  const detail = serverErrorDetail(res);
  const withDetail = (base: Message): Message => (detail ? msg('http.with-detail', { error: base, detail: redact(detail, ctx.apiKey) }) : base);
  switch (true) {
    case status === 401:
      // The detail of an auth error can echo token fragments (LiteLLM prints a key hash): leave it out.
      return ctx.apiKey ? msg('http.401-key-rejected', { who }) : msg('http.401-key-wanted', { who });
    case status === 403:
      return ctx.apiKey ? msg('http.403-key-refused', { who }) : msg('http.403-refused', { who });
    case status === 404:
      return withDetail(msg('http.404', { who, path: ctx.path }));
    case status === 405:
      return msg('http.405', { who, path: ctx.path });
    case status === 408 || status === 504:
      return withDetail(msg('http.timed-out', { status, who }));
    case status === 429:
      return withDetail(msg('http.429', { who }));
    case status === 502:
      return withDetail(msg('http.502', { who }));
    case status === 503:
      return withDetail(msg('http.503', { who }));
    case status >= 500:
      return withDetail(msg('http.5xx', { status, who }));
    default:
      return withDetail(msg('http.status', { status }));
  }
}

function isHtml(res: Pick<HttpResponse, 'text' | 'contentType'>): boolean {
  if (res.contentType === 'text/html' || res.contentType === 'application/xhtml+xml') return true;
  const head = res.text.trimStart().slice(0, 15).toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html');
}

function isJsonType(ct: string): boolean {
  return ct === 'application/json' || ct === 'text/json' || ct.endsWith('+json');
}

/**
 * Parses a JSON body without ever throwing. HTML is refused even when it happens to parse, a non-JSON
 * content type is refused, and a missing content type is accepted when the body parses (some servers
 * omit it).
 */
export function parseJsonBody(res: Pick<HttpResponse, 'text' | 'contentType'>): { ok: true; json: unknown } | { ok: false; error: HttpError } {
  if (isHtml(res)) return { ok: false, error: httpError('not-json', msg('http.html')) };
  if (res.contentType && !isJsonType(res.contentType)) {
    return { ok: false, error: httpError('not-json', msg('http.not-json', { contentType: res.contentType })) };
  }
  if (res.text.trim() === '') return { ok: false, error: httpError('invalid-json', msg('http.empty')) };
  try {
    return { ok: true, json: JSON.parse(res.text) as unknown };
  } catch {
    return { ok: false, error: httpError('invalid-json', msg('http.invalid-json')) };
  }
}

/** What adapters need from a client; HttpClient implements it, discovery wraps it to reuse GETs while fingerprinting. */
export interface Http {
  send(target: EndpointTarget, path: string, opts?: HttpRequestOptions): Promise<HttpOutcome>;
  json<T = unknown>(target: EndpointTarget, path: string, opts?: HttpRequestOptions): Promise<JsonOutcome<T>>;
  getJson<T = unknown>(target: EndpointTarget, path: string, opts?: Omit<HttpRequestOptions, 'method' | 'json'>): Promise<JsonOutcome<T>>;
  postJson<T = unknown>(target: EndpointTarget, path: string, body: unknown, opts?: Omit<HttpRequestOptions, 'method' | 'json'>): Promise<JsonOutcome<T>>;
}

/** Turns a raw outcome into a JSON outcome: non-2xx and non-JSON answers become error values (with the body kept). */
export function toJsonOutcome<T = unknown>(out: HttpOutcome, target: EndpointTarget, path: string, serverName?: string): JsonOutcome<T> {
  if (!out.ok) return out;
  const res = out.res;
  const parsed = parseJsonBody(res);
  if (res.status < 200 || res.status >= 300) {
    const error = httpError('http-status', statusMessage(res.status, res, { path, apiKey: target.apiKey, serverName }), res.status);
    return { ok: false, error, ms: res.ms, status: res.status, res, json: parsed.ok ? parsed.json : undefined };
  }
  if (!parsed.ok) return { ok: false, error: parsed.error, ms: res.ms, status: res.status, res };
  return { ok: true, status: res.status, json: parsed.json as T, res };
}

/** The JSON helpers every client shares: subclasses only say how one request is sent. */
export abstract class JsonHttp implements Http {
  abstract send(target: EndpointTarget, path: string, opts?: HttpRequestOptions): Promise<HttpOutcome>;

  /** GET/POST expecting a 2xx JSON answer; anything else becomes a plain-words error value. */
  async json<T = unknown>(target: EndpointTarget, path: string, opts: HttpRequestOptions = {}): Promise<JsonOutcome<T>> {
    return toJsonOutcome<T>(await this.send(target, path, opts), target, path, opts.serverName);
  }

  /** GET expecting JSON. */
  getJson<T = unknown>(target: EndpointTarget, path: string, opts: Omit<HttpRequestOptions, 'method' | 'json'> = {}): Promise<JsonOutcome<T>> {
    return this.json<T>(target, path, { ...opts, method: 'GET' });
  }

  /** POST a JSON body expecting JSON. */
  postJson<T = unknown>(target: EndpointTarget, path: string, body: unknown, opts: Omit<HttpRequestOptions, 'method' | 'json'> = {}): Promise<JsonOutcome<T>> {
    return this.json<T>(target, path, { ...opts, method: 'POST', json: body });
  }
}

/** Why we aborted an exchange ourselves: the total deadline (decides the "timeout" words). */
class DeadlineError extends Error {
  constructor() {
    super('deadline');
  }
}

/** A connect refused by the loopback guard inside the dispatcher (see guardedConnector). */
class LoopbackBlockedError extends Error {
  readonly code = 'WARMCLAW_LOOPBACK_BLOCKED';
}

/**
 * undici's own connector (its connect timeout, TLS, Happy Eyeballs) behind the loopback guard: with
 * WARMCLAW_LOOPBACK_ONLY=1 a non-loopback host is refused before any lookup or socket, whatever path
 * a request took to get here. exchange() checks first to give the plain 'blocked' error; this is the
 * guarantee at the one place every connection is made.
 */
export function guardedConnector(connectTimeoutMs: number, tls: { rejectUnauthorized?: boolean } = {}): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, ...tls });
  return (options, callback) => {
    const refusal = loopbackRefusal(options.hostname);
    if (refusal) {
      callback(new LoopbackBlockedError(refusal), null);
      return;
    }
    connect(options, callback);
  };
}

/**
 * The HTTP client: undici's `request` through a private Agent that owns the connect timeout (its
 * connector), headers and body timeouts, the response size cap (maxResponseSize), keep-alive and the
 * per-origin connection limit. On top of it: one total deadline for the whole exchange (undici's body
 * timeout is per chunk, so a server dripping a byte every 20 ms would never hit it), the per-call size
 * cap and the shared cross-origin limiter.
 */
export class HttpClient extends JsonHttp {
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxBytes: number;
  private readonly limiter: Limiter;
  private readonly keepAliveMs: number;
  private agent: Agent;
  /** GET URLs whose last answer passed the cap: read with a small cap for a while (oversized-paths.ts). */
  readonly oversized = new OversizedPaths();

  constructor(opts: HttpClientOptions = {}) {
    super();
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.limiter = opts.limiter ?? (opts.maxInFlight ? new Limiter(opts.maxInFlight) : processLimiter);
    this.keepAliveMs = opts.keepAliveMs ?? KEEP_ALIVE_MS;
    this.agent = this.newAgent();
  }

  private newAgent(): Agent {
    return new Agent({
      connect: guardedConnector(this.connectTimeoutMs),
      // Idle sockets live keepAliveMs whatever the server's Keep-Alive header says: long enough to be
      // reused within one poll round, short enough not to pin a hung server.
      keepAliveTimeout: this.keepAliveMs,
      keepAliveMaxTimeout: this.keepAliveMs,
      pipelining: 1,
      // Per origin; the limiter bounds the process across origins.
      connections: this.limiter.max,
      // The client's cap: undici destroys the socket as soon as the body passes it (never buffered).
      maxResponseSize: this.maxBytes,
      // Defaults; each request passes its own deadline as both (exchange()).
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** Sends one request and reads the whole (capped) body. Any HTTP status is a success here; only transport fails. */
  async send(target: EndpointTarget, path: string, opts: HttpRequestOptions = {}): Promise<HttpOutcome> {
    // A GET whose last answer passed the cap is read with a small cap for a while (oversized-paths.ts).
    const memoKey = (opts.method ?? (opts.json !== undefined ? 'POST' : 'GET')) === 'GET' ? `${target.baseUrl}\n${path}` : undefined;
    const origin = originOf(target.baseUrl);
    const cap = Math.min(opts.maxBytes ?? this.maxBytes, this.maxBytes);
    const readCap = memoKey ? this.oversized.capFor(memoKey, cap, origin) : cap;
    try {
      const outcome = await this.limiter.run(() => this.exchange(target, path, { ...opts, maxBytes: readCap }, cap), opts.signal, origin);
      if (memoKey && (outcome.ok || outcome.error.code === 'too-large')) this.oversized.record(memoKey, !outcome.ok, origin);
      return outcome;
    } catch {
      // Only the wait for a slot can throw here (exchange never does): the caller cancelled.
      return { ok: false, error: httpError('aborted', msg('http.cancelled')), ms: 0 };
    }
  }

  /** Closes idle sockets; in-flight requests finish or hit their deadline. The client stays usable (a fresh Agent). */
  async close(): Promise<void> {
    const old = this.agent;
    this.agent = this.newAgent();
    await old.close().catch(() => undefined);
  }

  /** `statedCap`: the limit a "too large" message names (the recheck cap of a marked URL is our saving, not its limit). */
  private async exchange(target: EndpointTarget, path: string, opts: HttpRequestOptions, statedCap: number): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const maxBytes = Math.min(opts.maxBytes ?? this.maxBytes, this.maxBytes);
    const where = hostLabel(target.baseUrl);
    const fail = (error: HttpError): HttpOutcome => ({
      ok: false,
      error: { ...error, message: redact(error.message, target.apiKey), ...(error.msg && { msg: redactMessage(error.msg, target.apiKey) }) },
      ms: elapsed(),
    });
    const tooLarge = () => fail(httpError('too-large', msg('http.too-large', { size: formatBytes(statedCap) })));

    let url: URL;
    try {
      url = new URL(joinUrl(target.baseUrl, path));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http');
    } catch {
      return fail(httpError('bad-url', msg('http.bad-url', { url: target.baseUrl })));
    }
    if (opts.signal?.aborted) return fail(httpError('aborted', msg('http.cancelled')));
    const refusal = loopbackRefusal(url.hostname);
    if (refusal) return fail(httpError('blocked', msg('http.blocked', { host: url.hostname })));

    const headers: Record<string, string> = { 'user-agent': 'warmclaw', accept: 'application/json, text/plain;q=0.9, */*;q=0.5' };
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    }

    // One signal ends the exchange early: the total deadline or the caller; its reason says which.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineError()), timeoutMs);
    const onCallerAbort = () => controller.abort(opts.signal?.reason ?? new Error('aborted'));
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });

    let gotHeaders = false;
    let data: Dispatcher.ResponseData | undefined;
    try {
      data = await request(url, {
        dispatcher: this.agent,
        method: opts.method ?? (body !== undefined ? 'POST' : 'GET'),
        headers,
        body,
        signal: controller.signal,
        // undici's own timers, with the same budget: waiting for headers, and any silence in the body.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      gotHeaders = true;
      const resHeaders = flattenHeaders(data.headers);
      const declared = Number(resHeaders['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
      const chunks = await readCapped(data.body as AsyncIterable<Buffer>, maxBytes);
      if (!chunks) return tooLarge();
      const text = Buffer.concat(chunks).toString('utf8');
      const contentType = (resHeaders['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      return { ok: true, res: { status: data.statusCode, headers: resHeaders, contentType, text: redact(text, target.apiKey), ms: elapsed() } };
    } catch (err) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
      const code = errCode(err);
      if (reason instanceof DeadlineError || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        const duration = formatDuration(timeoutMs);
        return fail(httpError('timeout', gotHeaders || code === 'UND_ERR_BODY_TIMEOUT' ? msg('http.timeout-body', { where, duration }) : msg('http.timeout', { where, duration })));
      }
      if (controller.signal.aborted) return fail(httpError('aborted', msg('http.cancelled')));
      if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return tooLarge();
      return fail(describeTransportError(err, target.baseUrl, opts.serverName));
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
      // Unread or partly read: destroying the body closes that socket (never returned to the pool half-read).
      if (data && !data.body.readableEnded) data.body.destroy();
    }
  }
}

/** Bodies up to this size are read side by side; past it, one at a time (largeBodies). */
const SMALL_BODY_BYTES = 128 * 1024;
/**
 * One large body read at a time, process-wide. Why: the first polls of 20 servers that stream endless
 * bodies read 2 MB each, all at once, and the daemon's RSS kept that peak (native buffers the allocator
 * does not give back): `npm run bench -- hostile`. Real status bodies are a few KB, so only broken
 * servers and the rare huge model list ever wait here, and each wait is bounded by the caller's deadline.
 */
const largeBodies = new Limiter(1);

/** The body's chunks, or undefined once it passes maxBytes (reading stops there). */
async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer[] | undefined> {
  const chunks: Buffer[] = [];
  let received = 0;
  const it = body[Symbol.asyncIterator]();
  const pull = async (limit: number): Promise<'done' | 'more' | 'over'> => {
    for (;;) {
      const next = await it.next();
      if (next.done) return 'done';
      received += next.value.length;
      if (received > maxBytes) return 'over'; // a per-call cap below the Agent's
      chunks.push(next.value);
      if (received > limit) return 'more';
    }
  };
  let r = await pull(SMALL_BODY_BYTES);
  if (r === 'more') r = await largeBodies.run(() => pull(Infinity));
  if (r === 'over') {
    await it.return?.();
    return undefined;
  }
  return chunks;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The origin of a base URL (the limiter's fairness key); the text itself when it does not parse. */
function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

let shared: HttpClient | undefined;

/** The process-wide client (shared limiter, default timeouts) that adapters use unless given another. */
export function defaultHttpClient(): HttpClient {
  shared ??= new HttpClient();
  return shared;
}
