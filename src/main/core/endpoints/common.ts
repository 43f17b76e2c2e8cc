// Helpers shared by the per-runtime adapters: options, body readers that never throw, the OpenAI
// /v1/models reader, the 1-token chat ping and the /v1/responses route probe.
import type { EndpointKind, ModelStatus } from '../../../shared/status';
import { errorSaid } from '../errors';
import { english, msg, type Message } from '../../../shared/messages';
import { defaultHttpClient, serverErrorDetail, whoOf, type Http, type HttpError, type HttpResponse, type JsonOutcome } from './http';
import type { EndpointAdapter, EndpointTarget, ProbeResult, WarmResult } from './types';
import { SERVER_NAME } from '../../../shared/openclaw-constants';

/** What every adapter factory accepts. */
export interface AdapterOptions {
  /** Defaults to the process-wide client (shared concurrency limit). */
  http?: Http;
  /** Deadline for probes and listings, ms (default: the client's, 3 s). */
  timeoutMs?: number;
  /** Deadline for a warm request, ms: it may have to wait for a whole cold load (default 180 s). */
  warmTimeoutMs?: number;
}

export const DEFAULT_WARM_TIMEOUT_MS = 180_000;

/**
 * An EndpointAdapter plus the one fact the contract in types.ts has no method for: whether POST
 * /v1/responses is served (EndpointStatus.responsesApi). Call it when an endpoint is discovered or its
 * version changes, not on every poll.
 */
export interface Adapter extends EndpointAdapter {
  /** true/false when the server's answer decides it; undefined when it cannot tell (down, auth, asleep). */
  responsesApi(target: EndpointTarget): Promise<boolean | undefined>;
}

/** Product names for messages ("is LM Studio's server started?"); a generic proxy is just "the server". */
export const kindLabel: Record<EndpointKind, string> = { ...SERVER_NAME, 'openai-compatible': 'the server' };

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * A positive safe integer or undefined (what ModelStatus' context fields accept). A server may say
 * anything (`1e308`, `-1`, `"32k"`): what is not a usable count is unknown, never passed on, or one
 * server's nonsense would fail the status contract for every server.
 */
export function posInt(v: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return undefined;
  const n = Math.round(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A non-negative number up to 2^53 or undefined (bytes): beyond that no size is real. */
export function nonNeg(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER ? v : undefined;
}

export function records(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** Drops undefined fields so statuses stay JSON-clean and compare equal across polls. */
export function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** The runtime-independent parts of a request: deadline and server name for messages. */
export interface CallContext {
  http: Http;
  timeoutMs?: number;
  serverName: string;
}

/** Resolves adapter options once. */
export function context(kind: EndpointKind, opts: AdapterOptions = {}): CallContext & { warmTimeoutMs: number } {
  return { http: opts.http ?? defaultHttpClient(), timeoutMs: opts.timeoutMs, serverName: kindLabel[kind], warmTimeoutMs: opts.warmTimeoutMs ?? DEFAULT_WARM_TIMEOUT_MS };
}

export function getJson(ctx: CallContext, target: EndpointTarget, path: string, timeoutMs = ctx.timeoutMs): Promise<JsonOutcome> {
  return ctx.http.getJson(target, path, { timeoutMs, serverName: ctx.serverName });
}

export function postJson(ctx: CallContext, target: EndpointTarget, path: string, body: unknown, timeoutMs = ctx.timeoutMs): Promise<JsonOutcome> {
  return ctx.http.postJson(target, path, body, { timeoutMs, serverName: ctx.serverName });
}

/** Thrown by listing methods: the adapter contract returns arrays, so failures surface as errors with plain messages. */
export class EndpointError extends Error {
  /** The message as a code the UI translates, when it was worded from the catalog. */
  readonly msg?: Message;

  constructor(
    message: string | Message,
    readonly status?: number,
  ) {
    super(english(message));
    this.name = 'EndpointError';
    if (typeof message !== 'string') this.msg = message;
  }
}

/** Unwraps a JSON outcome or throws its plain-words message. */
export function must(out: JsonOutcome): unknown {
  if (!out.ok) throw new EndpointError(out.error.msg ?? out.error.message, out.status);
  return out.json;
}

/**
 * LM Studio answers unknown paths with 200 `{"error":"Unexpected endpoint or method. (GET /x)"}`:
 * a 200 proves nothing there, so every reader checks for an error body first.
 */
export function errorBody(json: unknown): string | undefined {
  if (!isRecord(json)) return undefined;
  const e = json.error;
  if (typeof e === 'string') return e;
  if (isRecord(e) && typeof e.message === 'string') return e.message;
  return undefined;
}

export function isUnexpectedEndpoint(json: unknown): boolean {
  return /^Unexpected endpoint or method/i.test(errorBody(json) ?? '');
}

/** `data[]` entries of an OpenAI-shaped /v1/models body; null when the body is not that shape. */
export function openAiModelEntries(json: unknown): Json[] | null {
  if (!isRecord(json) || errorBody(json) !== undefined) return null;
  if (json.data === null) return []; // Ollama's empty list
  if (!Array.isArray(json.data)) return null;
  return records(json.data).filter((e) => typeof e.id === 'string');
}

/** GET /v1/models as ModelStatus entries with a fixed state (the spec has no load state). */
export async function listOpenAiModels(ctx: CallContext, target: EndpointTarget, state: ModelStatus['state'] = 'unknown'): Promise<{ entries: Json[]; models: ModelStatus[] }> {
  const json = must(await getJson(ctx, target, '/v1/models'));
  const entries = openAiModelEntries(json);
  if (!entries) throw new EndpointError(msg('http.not-model-list', { who: whoOf(ctx.serverName), path: '/v1/models' }));
  return { entries, models: entries.map((e) => ({ id: e.id as string, state })) };
}

/** Where the wire itself failed, whether anything listens (refused) or nothing answers at all. */
export function reachOf(code: HttpError['code']): ProbeResult['reach'] {
  if (code === 'refused') return 'refused';
  if (code === 'unreachable' || code === 'dns' || code === 'timeout') return 'no-answer';
  return undefined;
}

/** A probe that failed on an HTTP call: its words, and how the server was (not) reached. */
export function failedProbe(err: HttpError): { ok: false; error: string | Message; reach?: ProbeResult['reach'] } {
  const reach = reachOf(err.code);
  return { ok: false, error: err.msg ?? err.message, ...(reach && { reach }) };
}

/** Timed probe skeleton: runs fn, stamps latency, turns a thrown error into `{ ok: false }`. */
export async function timedProbe(kind: EndpointKind, fn: () => Promise<Omit<ProbeResult, 'latencyMs' | 'kind'>>): Promise<ProbeResult> {
  const started = performance.now();
  try {
    const r = await fn();
    return clean({ ...r, kind: r.ok ? kind : undefined, latencyMs: Math.round(performance.now() - started) });
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: errorSaid(err) };
  }
}

/** Cheapest OpenAI-compatible keep-warm: one chat completion, `max_tokens: 1`, not streamed. */
export async function chatPing(ctx: CallContext & { warmTimeoutMs: number }, target: EndpointTarget, modelId: string, extra: Json = {}): Promise<WarmResult> {
  const body = { model: modelId, messages: [{ role: 'user', content: 'hi' }], max_tokens: 1, stream: false, ...extra };
  const out = await postJson(ctx, target, '/v1/chat/completions', body, ctx.warmTimeoutMs);
  return warmResultOf(out);
}

/** One model's context from a runtime's listing; `missing` says the server does not know the model. */
export function contextIn(models: readonly ModelStatus[], modelId: string, missing: string): { maxContext?: number; loadedContext?: number } {
  const m = models.find((x) => x.id === modelId);
  if (!m) throw new EndpointError(missing);
  return clean({ maxContext: m.maxContext, loadedContext: m.loadedContext });
}

/** The loaded models, and those loading (the monitor counts "loading… N s" from them). */
export const loadedOrLoading = (models: readonly ModelStatus[]): ModelStatus[] => models.filter((m) => m.state === 'loaded' || m.state === 'loading');

/** A failed warm request: the HTTP layer's words, and its code for the UI. */
export function warmFailure(error: HttpError, ms: number): WarmResult & { ok: false } {
  return { ok: false, ms, error: error.message, ...(error.msg && { errorMsg: error.msg }) };
}

/** A warm request's outcome; a 2xx whose body is an error (LM Studio) is a failure too. */
export function warmResultOf(out: JsonOutcome, loaded?: boolean): WarmResult {
  if (!out.ok) return warmFailure(out.error, out.ms);
  const err = errorBody(out.json);
  if (err !== undefined) return { ok: false, ms: out.res.ms, error: err };
  return clean({ ok: true, ms: out.res.ms, loaded });
}

/** A model id no server has: the route probe names it so nothing can be loaded or answered by "the loaded model". */
export const RESPONSES_PROBE_MODEL = 'warmclaw-route-probe-no-such-model';

/**
 * The `/v1/responses` route probe. It POSTs `{"model":"warmclaw-route-probe-no-such-model"}`: no
 * `input` (OpenAI requires it), so a server implementing the route rejects the body before any
 * inference, and a model that does not exist, so no server can load one (LM Studio picks "the loaded
 * model" when `model` is missing; llama.cpp ignores `model` but fails on the missing input first). Rule:
 * - 400 / 422 (body rejected by the route's validator or unknown model) ⇒ served;
 * - 404 whose error talks about a model (Ollama/vLLM "model … not found / does not exist") ⇒ served;
 * - any other 404, 405, 501 ⇒ not served (gin "404 page not found", FastAPI `{"detail":"Not Found"}`,
 *   llama.cpp "File Not Found");
 * - 200 `{"error":"Unexpected endpoint or method…"}` ⇒ not served (LM Studio before 0.3.29);
 * - other 2xx ⇒ served;
 * - 401/403, 5xx, no answer ⇒ unknown (undefined): auth or an outage hides the route.
 */
export function classifyResponsesProbe(status: number, res: Pick<HttpResponse, 'text' | 'contentType'>): boolean | undefined {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) return !isUnexpectedEndpoint(json);
  if (status === 400 || status === 422) return true;
  if (status === 404) return /model/i.test(serverErrorDetail(res) ?? '');
  if (status === 405 || status === 501) return false;
  return undefined;
}

/** Runs the `/v1/responses` probe (see classifyResponsesProbe for the rule). */
export async function probeResponsesRoute(ctx: CallContext, target: EndpointTarget): Promise<boolean | undefined> {
  const out = await ctx.http.send(target, '/v1/responses', { method: 'POST', json: { model: RESPONSES_PROBE_MODEL }, timeoutMs: ctx.timeoutMs, serverName: ctx.serverName });
  if (!out.ok) return undefined;
  return classifyResponsesProbe(out.res.status, out.res);
}

/** Seconds from a keep-alive value ("30m", "2h", "90s", 3600, "3600"); undefined when it does not parse. */
export function durationSeconds(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return unit === 'ms' ? n / 1000 : unit === 'm' ? n * 60 : unit === 'h' ? n * 3600 : n;
}
