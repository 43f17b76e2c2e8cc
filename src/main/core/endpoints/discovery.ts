// Finds local model servers: the base URLs of local providers in openclaw.json, endpoints the user
// added, and a scan of 127.0.0.1 on the runtimes' default ports. A server's kind is decided from
// response bodies (FINGERPRINT_ORDER), never from its port or a bare status code. Short per-request
// deadlines + the shared concurrency limit keep a full scan fast even when some ports hang, and a
// port that does not answer `GET /` costs exactly one request.
import { english } from '../../../shared/messages';
import { DEFAULT_SCAN_PORTS } from '../../../shared/settings';
import type { EndpointKind } from '../../../shared/status';
import { kindLabel } from './common';
import { defaultHttpClient, hostLabel, JsonHttp, type Http, type HttpOutcome, type HttpRequestOptions } from './http';
import { createAdapter, FINGERPRINT_ORDER } from './registry';
import type { EndpointTarget } from './types';

/** LM Studio, Ollama, vLLM, LiteLLM, llama.cpp (old default), llama.cpp (2026 default). */
/** The usual ports (one list for settings and discovery). */
export { DEFAULT_SCAN_PORTS };
export const DEFAULT_SCAN_HOST = '127.0.0.1';
/** Per-request deadline while discovering: loopback servers answer in milliseconds when healthy. */
export const DISCOVERY_TIMEOUT_MS = 1_500;

/** Default-port hints: used only to name a server in a "connection refused" message, never to identify one. */
const PORT_HINTS: Record<number, EndpointKind> = { 1234: 'lmstudio', 11434: 'ollama', 8000: 'vllm', 4000: 'litellm', 8080: 'llamacpp', 9931: 'llamacpp' };

export interface ConfigProviderInput {
  /** Provider id in openclaw.json (models.providers.<id>). */
  id: string;
  /** As written, e.g. http://localhost:1234/v1 (`/v1` is stripped). */
  baseUrl: string;
  /** Resolved key (no `${ENV}`), sent only to this endpoint. */
  apiKey?: string;
  /** What the config suggests (e.g. api "ollama"): only names the server in error messages. */
  kindHint?: EndpointKind;
}

export interface UserEndpointInput {
  baseUrl: string;
  apiKey?: string;
  kindHint?: EndpointKind;
}

export interface DiscoveryInput {
  providers?: ConfigProviderInput[];
  user?: UserEndpointInput[];
  /** Ports scanned on scanHost; default DEFAULT_SCAN_PORTS; [] = no scan. */
  scanPorts?: readonly number[];
  scanHost?: string;
  http?: Http;
  /** Per-request deadline, ms (default DISCOVERY_TIMEOUT_MS). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Candidate {
  /** Origin (+ any proxy prefix) without `/v1`, as it will be probed; `localhost` is probed as 127.0.0.1. */
  baseUrl: string;
  source: 'config' | 'user' | 'scan';
  /** The URL as the config or user wrote it. */
  configuredUrl?: string;
  providerId?: string;
  apiKey?: string;
  kindHint?: EndpointKind;
  /** Set when the input said `localhost`: that spelling is probed too, to catch an IPv4/IPv6 split. */
  localhostUrl?: string;
}

export interface Identification {
  /** Something answered HTTP. */
  reachable: boolean;
  kind?: EndpointKind;
  version?: string;
  /** Time of the first answer (GET /), ms. */
  latencyMs: number;
  /** Plain words: why it is unreachable or unidentified, or what its probe said. */
  error?: string;
  degraded?: string;
  /** What it says it is doing (asleep by design, loading a model): not a problem. */
  activity?: 'sleeping' | 'loading';
  note?: string;
}

/** One discovered endpoint. Deliberately without the API key: safe to log and to send to the UI. */
export interface DiscoveredEndpoint extends Identification {
  baseUrl: string;
  source: Candidate['source'];
  configuredUrl?: string;
  providerId?: string;
  /** When `localhost` and 127.0.0.1 disagree, what happened, in words. */
  localhostMismatch?: string;
}

/**
 * Normalises a configured base URL to what adapters expect: no trailing slash and no trailing `/v1`
 * (adapters add /v1, /api… themselves). Undefined when it is not an http(s) URL.
 */
export function normalizeBaseUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const path = u.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '').replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}`;
}

function isLocalhostName(u: URL): boolean {
  return u.hostname === 'localhost' || u.hostname.endsWith('.localhost');
}

/** The base URL with `localhost` replaced by 127.0.0.1 (DESIGN: localhost may resolve to ::1). */
function toIpv4(base: string): string {
  const u = new URL(base);
  if (!isLocalhostName(u)) return base;
  u.hostname = '127.0.0.1';
  return normalizeBaseUrl(u.toString()) ?? base;
}

/**
 * Candidate endpoints in precedence order config > user > scan, one per probed base URL: a scan hit on
 * a port the config already names merges into the config entry (and keeps its key and provider id).
 */
export function candidateEndpoints(input: DiscoveryInput): Candidate[] {
  const out: Candidate[] = [];
  const byUrl = new Map<string, Candidate>();
  const add = (c: Candidate) => {
    if (byUrl.has(c.baseUrl)) return;
    byUrl.set(c.baseUrl, c);
    out.push(c);
  };
  const fromInput = (source: 'config' | 'user', raw: string, extra: Partial<Candidate>) => {
    const norm = normalizeBaseUrl(raw);
    if (!norm) return;
    const probed = toIpv4(norm);
    add({ ...extra, baseUrl: probed, source, configuredUrl: raw, localhostUrl: probed !== norm ? norm : undefined });
  };
  for (const p of input.providers ?? []) fromInput('config', p.baseUrl, { providerId: p.id, apiKey: p.apiKey, kindHint: p.kindHint });
  for (const e of input.user ?? []) fromInput('user', e.baseUrl, { apiKey: e.apiKey, kindHint: e.kindHint });
  const host = input.scanHost ?? DEFAULT_SCAN_HOST;
  for (const port of input.scanPorts ?? DEFAULT_SCAN_PORTS) {
    const base = normalizeBaseUrl(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    if (base) add({ baseUrl: toIpv4(base), source: 'scan', kindHint: PORT_HINTS[port] });
  }
  for (const c of out) for (const k of Object.keys(c) as (keyof Candidate)[]) if (c[k] === undefined) delete c[k];
  return out;
}

/**
 * Wraps a client so each GET path is fetched once per identification: the fingerprints of six runtimes
 * read the same few bodies (/, /v1/models, /props…), and a hung server must not be asked six times.
 */
class MemoHttp extends JsonHttp {
  private readonly cache = new Map<string, Promise<HttpOutcome>>();

  constructor(
    private readonly inner: Http,
    private readonly signal?: AbortSignal,
  ) {
    super();
  }

  send(target: EndpointTarget, path: string, opts: HttpRequestOptions = {}): Promise<HttpOutcome> {
    const o = { ...opts, signal: opts.signal ?? this.signal };
    const method = o.method ?? (o.json !== undefined ? 'POST' : 'GET');
    if (method !== 'GET') return this.inner.send(target, path, o);
    const key = `${target.baseUrl}\n${path}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.inner.send(target, path, o);
      this.cache.set(key, p);
    }
    return p;
  }

}

export interface IdentifyOptions {
  http?: Http;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Names the server in a "connection refused" message only. */
  kindHint?: EndpointKind;
  /** Restrict or reorder the kinds tried (default FINGERPRINT_ORDER). */
  order?: readonly EndpointKind[];
}

/** Decides what runs at a base URL from its response bodies; one failed `GET /` ends it (nothing to fingerprint). */
export async function identify(target: EndpointTarget, opts: IdentifyOptions = {}): Promise<Identification> {
  const http = new MemoHttp(opts.http ?? defaultHttpClient(), opts.signal);
  const timeoutMs = opts.timeoutMs ?? DISCOVERY_TIMEOUT_MS;
  const first = await http.send(target, '/', { timeoutMs, serverName: opts.kindHint ? kindLabel[opts.kindHint] : undefined });
  if (!first.ok) return { reachable: false, latencyMs: first.ms, error: first.error.message };
  const latencyMs = first.res.ms;
  for (const kind of opts.order ?? FINGERPRINT_ORDER) {
    const adapter = createAdapter(kind, { http, timeoutMs });
    if (!(await adapter.fingerprint(target))) continue;
    const probe = await adapter.probe(target);
    const id: Identification = { reachable: true, kind, latencyMs };
    if (probe.version) id.version = probe.version;
    if (probe.degraded) id.degraded = english(probe.degraded);
    if (probe.activity) id.activity = probe.activity;
    if (probe.note) id.note = english(probe.note);
    if (!probe.ok && probe.error) id.error = english(probe.error);
    return id;
  }
  return { reachable: true, latencyMs, error: `${hostLabel(target.baseUrl)} answers HTTP, but not like a model server (no OpenAI-style /v1/models)` };
}

function what(id: Identification): string {
  if (!id.reachable) return 'nothing';
  return id.kind ? kindLabel[id.kind] : 'an unknown HTTP server';
}

/**
 * Compares what `localhost` and 127.0.0.1 reach on the same port; a sentence when they differ
 * (localhost may resolve to ::1 while the server listens on IPv4 only, or the other way round).
 */
export function describeLocalhostMismatch(localhostUrl: string, viaLocalhost: Identification, ipv4Url: string, viaIpv4: Identification): string | undefined {
  if (viaLocalhost.reachable === viaIpv4.reachable && viaLocalhost.kind === viaIpv4.kind) return undefined;
  const l = hostLabel(localhostUrl);
  const v4 = hostLabel(ipv4Url);
  if (viaIpv4.reachable && !viaLocalhost.reachable) {
    return `${v4} reaches ${what(viaIpv4)} but ${l} does not (${viaLocalhost.error ?? 'no answer'}): localhost may resolve to IPv6 ::1 while the server listens on IPv4 only — use ${ipv4Url} in openclaw.json`;
  }
  if (viaLocalhost.reachable && !viaIpv4.reachable) {
    return `${l} reaches ${what(viaLocalhost)} but ${v4} does not (${viaIpv4.error ?? 'no answer'}): the server may listen on IPv6 (::1) only — make it listen on 127.0.0.1 or keep localhost`;
  }
  return `${l} and ${v4} reach different servers (${what(viaLocalhost)} vs ${what(viaIpv4)}): localhost may resolve to ::1, where another program listens — use ${ipv4Url} to reach ${what(viaIpv4)}`;
}

/**
 * Runs discovery. Config and user endpoints are always reported (with an error when down); scan
 * ports only when a known server answered there. Results keep candidate order.
 */
export async function discover(input: DiscoveryInput = {}): Promise<DiscoveredEndpoint[]> {
  const http = input.http ?? defaultHttpClient();
  const base = { http, timeoutMs: input.timeoutMs ?? DISCOVERY_TIMEOUT_MS, signal: input.signal };
  const results = await Promise.all(
    candidateEndpoints(input).map(async (c): Promise<DiscoveredEndpoint | undefined> => {
      const target: EndpointTarget = c.apiKey ? { baseUrl: c.baseUrl, apiKey: c.apiKey } : { baseUrl: c.baseUrl };
      const [viaIpv4, viaLocalhost] = await Promise.all([
        identify(target, { ...base, kindHint: c.kindHint }),
        c.localhostUrl ? identify({ ...target, baseUrl: c.localhostUrl }, { ...base, kindHint: c.kindHint }) : undefined,
      ]);
      if (c.source === 'scan' && !viaIpv4.kind) return undefined;
      let chosen = viaIpv4;
      let baseUrl = c.baseUrl;
      let mismatch: string | undefined;
      if (viaLocalhost && c.localhostUrl) {
        mismatch = describeLocalhostMismatch(c.localhostUrl, viaLocalhost, c.baseUrl, viaIpv4);
        if (!viaIpv4.reachable && viaLocalhost.reachable) {
          chosen = viaLocalhost; // only localhost works: report what OpenClaw will actually reach
          baseUrl = c.localhostUrl;
        }
      }
      const out: DiscoveredEndpoint = { ...chosen, baseUrl, source: c.source };
      if (c.configuredUrl) out.configuredUrl = c.configuredUrl;
      if (c.providerId) out.providerId = c.providerId;
      if (mismatch) out.localhostMismatch = mismatch;
      return out;
    }),
  );
  return results.filter((r): r is DiscoveredEndpoint => r !== undefined);
}
