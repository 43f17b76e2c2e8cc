// A running OpenClaw gateway: where it listens and with which credential (from openclaw.json + env, as
// OpenClaw resolves them), whether it is up, and its config RPCs through `openclaw gateway call`.
// Node only. Every spawn has a timeout. The credential never goes on a command line, into a log or an
// error message: it is handed to the CLI in OPENCLAW_GATEWAY_TOKEN / _PASSWORD and redacted from output.
import http from 'node:http';
import https from 'node:https';
import { WarmclawError, type ErrorCode } from '../errors';
import { excerpt, isolatedEnv, parseJsonOutput, redact, runOpenclaw, withTempDir, type OpenclawCli, type OpenclawIssue } from './openclaw-cli';

/** OpenClaw's default gateway port (gateway.port unset, no OPENCLAW_GATEWAY_PORT, no profile). */
export const DEFAULT_GATEWAY_PORT = 18789;
/** What config.get puts where a secret was ("apiKey": "__OPENCLAW_REDACTED__"). */
export const REDACTED_PLACEHOLDER = '__OPENCLAW_REDACTED__';

export interface GatewayTarget {
  host: '127.0.0.1';
  port: number;
  /** gateway.tls.enabled: wss:// and https://. */
  tls: boolean;
  /** ws(s)://127.0.0.1:<port>, what the CLI is told to expect. */
  url: string;
  /** Secret: never log. */
  token?: string;
  /** Secret: never log. */
  password?: string;
  /** Where the credential came from, for messages (never the value itself). */
  credentialSource: 'config' | 'env' | 'none';
}

// ---------------------------------------------------------------------------------------------------
// Target: OpenClaw 2026.9.x resolves the port as OPENCLAW_GATEWAY_PORT > gateway.port > a port derived
// from OPENCLAW_PROFILE > 18789, and the shared secret config-first: gateway.auth.token (a plain
// string, a "${VAR}" template, or a SecretRef object) before OPENCLAW_GATEWAY_TOKEN; with
// gateway.auth.mode "password" the same for gateway.auth.password / OPENCLAW_GATEWAY_PASSWORD.
// ---------------------------------------------------------------------------------------------------

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function tcpPort(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

/** OPENCLAW_GATEWAY_PORT accepts "18789", "host:18789" and "[::1]:18789". */
function portFromEnv(raw: string | undefined): number | undefined {
  const t = raw?.trim();
  if (!t) return undefined;
  if (/^\d+$/.test(t)) return tcpPort(t);
  const v6 = /^\[[^\]]+\]:(\d+)$/.exec(t);
  if (v6) return tcpPort(v6[1]);
  const i = t.indexOf(':');
  return i > 0 && i === t.lastIndexOf(':') ? tcpPort(t.slice(i + 1)) : undefined;
}

/** OpenClaw's per-profile port: FNV-1a of the profile name, mapped into 20000–59999. */
function portFromProfile(raw: string | undefined): number | undefined {
  const p = raw?.trim();
  if (!p || p.toLowerCase() === 'default' || !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(p)) return undefined;
  let hash = 2166136261;
  for (const byte of Buffer.from(p, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return 20000 + (hash % 40000);
}

/**
 * A secret input as OpenClaw accepts it: a string with optional `${VAR}` references (`$${VAR}` is a
 * literal), or a SecretRef `{ source: "env", id: "VAR" }`. Variables come from the process env, then
 * from the config's `env.vars`. Undefined when empty or not resolvable here (file/exec/store refs).
 */
function resolveSecret(value: unknown, env: NodeJS.ProcessEnv, vars: Record<string, unknown>): string | undefined {
  const lookup = (name: string): string | undefined => {
    const v = env[name] ?? vars[name];
    return typeof v === 'string' ? v : undefined;
  };
  if (typeof value === 'string') {
    let unresolved = false;
    const out = value.replace(/\$?\$\{([A-Z_][A-Z0-9_]*)\}/g, (m: string, name: string) => {
      if (m.startsWith('$$')) return m.slice(1);
      const v = lookup(name);
      if (v === undefined || v === '') unresolved = true;
      return v ?? '';
    });
    return unresolved ? undefined : out.trim() || undefined;
  }
  const ref = rec(value);
  if (ref.source === 'env' && typeof ref.id === 'string') return lookup(ref.id)?.trim() || undefined;
  return undefined;
}

/** Where the gateway for this config listens and how to authenticate to it. */
export function gatewayTarget(config: unknown, env: NodeJS.ProcessEnv = process.env): GatewayTarget {
  const cfg = rec(config);
  const gw = rec(cfg.gateway);
  const auth = rec(gw.auth);
  const vars = rec(rec(cfg.env).vars);
  const port = portFromEnv(env.OPENCLAW_GATEWAY_PORT) ?? tcpPort(gw.port) ?? portFromProfile(env.OPENCLAW_PROFILE) ?? DEFAULT_GATEWAY_PORT;
  const tls = rec(gw.tls).enabled === true;
  const target: GatewayTarget = { host: '127.0.0.1', port, tls, url: `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}`, credentialSource: 'none' };
  const mode = auth.mode;
  if (mode === 'none' || mode === 'trusted-proxy') return target;
  const pick = (kind: 'token' | 'password'): boolean => {
    const fromConfig = resolveSecret(auth[kind], env, vars);
    const fromEnv = (kind === 'token' ? env.OPENCLAW_GATEWAY_TOKEN : env.OPENCLAW_GATEWAY_PASSWORD)?.trim() || undefined;
    const value = fromConfig ?? fromEnv;
    if (!value) return false;
    target[kind] = value;
    target.credentialSource = fromConfig ? 'config' : 'env';
    return true;
  };
  if (mode === 'password') pick('password');
  else if (!pick('token') && mode === undefined) pick('password');
  return target;
}

// ---------------------------------------------------------------------------------------------------
// Liveness: GET /health answers 200 {"ok":true,"status":"live"} without auth once the HTTP server runs
// (GET /readyz adds {"ready":…,"failing":[…]}; GET / is the control UI's HTML).
// ---------------------------------------------------------------------------------------------------

/** True when a gateway answers GET /health with {"ok":true} within `timeoutMs`. Never throws. */
export function isGatewayUp(target: GatewayTarget, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const lib = target.tls ? https : http;
    let done = false;
    const finish = (v: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolvePromise(v);
    };
    const req = lib.get(
      // A local self-signed certificate is fine for a liveness probe that carries no secret.
      { host: target.host, port: target.port, path: '/health', agent: false, timeout: timeoutMs, ...(target.tls ? { rejectUnauthorized: false } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < 4096) body += c;
        });
        res.on('end', () => {
          try {
            finish(res.statusCode === 200 && (JSON.parse(body) as { ok?: unknown }).ok === true);
          } catch {
            finish(false);
          }
        });
        res.on('error', () => finish(false));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(false);
    }, timeoutMs);
    req.on('timeout', () => req.destroy());
    req.on('error', () => finish(false));
  });
}

// ---------------------------------------------------------------------------------------------------
// RPC through `openclaw gateway call <method> --json --port P --expect-url ws://127.0.0.1:P
// --timeout MS [--params JSON]`, the credential in the environment. With --url the CLI insists on
// --token on the command line (visible in `ps`), so we use --port (the CLI then targets
// ws://127.0.0.1:P itself; --expect-url makes it fail rather than go anywhere else). Output on stdout is
// the method's payload, or on failure (exit 1) {"ok":false,"error":{"type","code"?,"message",…}}.
// ---------------------------------------------------------------------------------------------------

export type GatewayErrorKind =
  | 'unreachable' // nothing listening / connection closed
  | 'auth' // missing or wrong token/password
  | 'conflict' // config.patch/apply baseHash is stale: re-run config.get and retry
  | 'rejected' // the gateway refused the request (invalid config, bad params…)
  | 'unapplied' // written to disk but not (yet) running: restart pending or failed
  | 'timeout'
  | 'protocol'; // the CLI's output made no sense

/** A failed gateway call. `conflict` is true exactly when a retry after a fresh config.get may succeed. */
export class GatewayError extends WarmclawError {
  readonly kind: GatewayErrorKind;
  readonly conflict: boolean;
  /** The gateway's error code (INVALID_REQUEST, UNAVAILABLE…), when it sent one. */
  readonly gatewayCode?: string;
  /** Validation issues the gateway attached to a rejection. */
  readonly issues?: OpenclawIssue[];

  constructor(kind: GatewayErrorKind, message: string, extra: { gatewayCode?: string; issues?: OpenclawIssue[] } = {}) {
    const code: ErrorCode = kind === 'conflict' ? 'conflict' : kind === 'rejected' ? 'rejected' : 'io';
    super(code, message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.conflict = kind === 'conflict';
    this.gatewayCode = extra.gatewayCode;
    this.issues = extra.issues;
  }
}

// An OS limit, not OpenClaw's: Linux caps one argv string at 128 KiB, Windows a whole command line at 32 Ki chars.
const MAX_PARAMS_CHARS = process.platform === 'win32' ? 30_000 : 120_000;

function issuesOf(v: unknown): OpenclawIssue[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((x) => rec(x))
    .filter((x) => typeof x.message === 'string')
    .map((x) => ({ path: typeof x.path === 'string' && x.path ? x.path : '<root>', message: x.message as string }));
}

function classify(error: Record<string, unknown>, secrets: string[]): GatewayError {
  const type = String(error.type ?? '');
  const gatewayCode = typeof error.code === 'string' ? error.code : undefined;
  const details = rec(error.details);
  const message = redact(String(error.message ?? 'unknown gateway error'), secrets).replace(/\s*\n\s*/g, ' ');
  const extra = { gatewayCode, issues: issuesOf(details.issues) };
  if (type === 'gateway_transport_error') return new GatewayError('unreachable', `The OpenClaw gateway is not reachable: ${message}`, extra);
  if (type === 'gateway_credentials_required' || /^AUTH_/.test(String(details.code ?? '')) || /^unauthorized\b/i.test(message)) {
    return new GatewayError('auth', `The OpenClaw gateway refused Warmclaw's credential: ${message}`, extra);
  }
  // config.patch/config.apply with a baseHash that is not the file's current hash.
  if (/config changed since last load/i.test(message)) return new GatewayError('conflict', `The config changed since Warmclaw read it from the gateway: ${message}`, extra);
  if (gatewayCode === 'UNAVAILABLE' && /persisted/i.test(message)) return new GatewayError('unapplied', `The OpenClaw gateway saved the change but is not running it yet: ${message}`, extra);
  if (/timed? ?out|timeout/i.test(message) && type !== 'gateway_request_error') return new GatewayError('timeout', `The OpenClaw gateway did not answer in time: ${message}`, extra);
  return new GatewayError('rejected', `The OpenClaw gateway refused the request: ${message}`, extra);
}

async function gatewayCall(
  cli: OpenclawCli,
  target: GatewayTarget,
  method: string,
  params: Record<string, unknown> | undefined,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<Record<string, unknown>> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const secrets = [target.token, target.password].filter((s): s is string => !!s);
  const args = ['gateway', 'call', method, '--json', '--port', String(target.port), '--expect-url', target.url, '--timeout', String(Math.max(1000, timeoutMs - 5000))];
  if (params) {
    const json = JSON.stringify(params);
    if (json.length > MAX_PARAMS_CHARS) {
      throw new GatewayError('rejected', `The change is too large (${json.length} characters) to send through \`openclaw gateway call\` on this system.`);
    }
    args.push('--params', json);
  }
  const credential: NodeJS.ProcessEnv = {};
  if (target.token) credential.OPENCLAW_GATEWAY_TOKEN = target.token;
  if (target.password) credential.OPENCLAW_GATEWAY_PASSWORD = target.password;
  return withTempDir(async (dir) => {
    let r;
    try {
      r = await runOpenclaw(cli, args, { env: isolatedEnv(dir, opts.env ?? process.env, credential), timeoutMs, cwd: dir, secrets });
    } catch (err) {
      const msg = redact(err instanceof Error ? err.message : String(err), secrets);
      throw new GatewayError(/did not finish/.test(msg) ? 'timeout' : 'protocol', msg);
    }
    const out = rec(parseJsonOutput(r.stdout));
    if (out.ok === false && out.error && typeof out.error === 'object') throw classify(rec(out.error), secrets);
    if (r.code !== 0 || Object.keys(out).length === 0) {
      throw new GatewayError('protocol', `\`openclaw gateway call ${method}\` failed (exit ${r.code ?? r.signal}): ${excerpt(r.stdout || r.stderr, secrets)}`);
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------
// config.get
// ---------------------------------------------------------------------------------------------------

/**
 * What config.get reports (OpenClaw 2026.9.x). The payload also has parsed/sourceConfig/resolved/
 * runtimeConfig/config trees, includes and legacyIssues, which Warmclaw does not use.
 */
export interface GatewayConfigState {
  /**
   * Revision of the file's bytes as the gateway last read them: "hmac-sha256:v1:…", keyed per gateway,
   * so it can be compared but not computed locally. It is config.patch/config.apply's `baseHash`.
   * Absent when there is no file.
   */
  hash?: string;
  /** Revision of the valid config parsed from the file; absent while the file is invalid. */
  configRevisionHash?: string;
  /** Revision the gateway is running. Stays at the last good one while the file is invalid. */
  appliedConfigHash?: string;
  /** The gateway runs the file's current config (valid, and applied revision = file revision). */
  applied: boolean;
  valid: boolean;
  exists: boolean;
  /** The config file the gateway watches. */
  path?: string;
  issues: OpenclawIssue[];
  warnings: OpenclawIssue[];
  /**
   * The file text as the gateway read it, with secret values replaced by REDACTED_PLACEHOLDER. Absent
   * while the file is invalid (and when OpenClaw cannot redact the text safely): then a `hash` that
   * differs from the one seen before a write is the sign that the gateway has read it.
   */
  raw?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** The gateway's view of its config file. Throws GatewayError. */
export async function gatewayConfigGet(cli: OpenclawCli, target: GatewayTarget, opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<GatewayConfigState> {
  const p = await gatewayCall(cli, target, 'config.get', undefined, opts);
  if (typeof p.valid !== 'boolean') throw new GatewayError('protocol', 'The OpenClaw gateway answered config.get without a `valid` field.');
  const configRevisionHash = str(p.configRevisionHash);
  const appliedConfigHash = str(p.appliedConfigHash);
  const state: GatewayConfigState = {
    applied: p.valid && configRevisionHash !== undefined && configRevisionHash === appliedConfigHash,
    valid: p.valid,
    exists: p.exists !== false,
    issues: issuesOf(p.issues),
    warnings: issuesOf(p.warnings),
  };
  const hash = str(p.hash);
  if (hash) state.hash = hash;
  if (configRevisionHash) state.configRevisionHash = configRevisionHash;
  if (appliedConfigHash) state.appliedConfigHash = appliedConfigHash;
  if (typeof p.path === 'string') state.path = p.path;
  if (typeof p.raw === 'string') state.raw = p.raw;
  return state;
}

/**
 * Whether the gateway's `raw` (secrets redacted) is `text`: equal, with each REDACTED_PLACEHOLDER
 * standing for any run of characters. This is how to tell that the gateway has read a write of ours.
 */
export function gatewayRawMatches(raw: string | undefined, text: string): boolean {
  if (raw === undefined) return false;
  const parts = raw.split(REDACTED_PLACEHOLDER);
  if (parts.length === 1) return raw === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const mid of parts.slice(1, -1)) {
    const i = text.indexOf(mid, at);
    if (i < 0 || i + mid.length > end) return false;
    at = i + mid.length;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// config.patch / config.apply. Both take `raw` (JSON5 text) and `baseHash` (config.get's `hash`), check
// the hash against the file, validate, write the file as plain JSON (comments are lost; OpenClaw
// also stamps `meta`, keeps openclaw.json.bak and .last-good) and hot-reload or schedule a restart.
// config.patch MERGES `raw` into the current config (RFC 7386 style: null deletes a key; object arrays
// merge by `id`; shrinking an array needs its path in `replacePaths`). config.apply REPLACES the
// whole config with `raw`.
// ---------------------------------------------------------------------------------------------------

export interface GatewayWriteResult {
  /** Nothing changed (config.patch only). */
  noop: boolean;
  /** The file's new `hash` (as config.get will report it). */
  hash?: string;
  /** Config paths the write changed, as the gateway reports them. */
  changedPaths: string[];
  /** The change takes effect only after a gateway restart (which the gateway schedules itself). */
  restartRequired: boolean;
}

function writeResult(p: Record<string, unknown>): GatewayWriteResult {
  const stats = rec(rec(rec(p.sentinel).payload).stats);
  return {
    noop: p.noop === true,
    ...(typeof p.hash === 'string' ? { hash: p.hash } : {}),
    changedPaths: Array.isArray(p.changedPaths) ? p.changedPaths.filter((x): x is string => typeof x === 'string') : [],
    restartRequired: stats.requiresRestart === true,
  };
}

/**
 * Merges `raw` into the gateway's config (see above). Throws GatewayError; a stale `baseHash` throws
 * one with `conflict: true` (WarmclawError code 'conflict'): run config.get and retry once.
 */
export async function gatewayConfigPatch(
  cli: OpenclawCli,
  target: GatewayTarget,
  patch: { raw: string; baseHash: string; replacePaths?: string[]; note?: string },
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<GatewayWriteResult> {
  const params: Record<string, unknown> = { raw: patch.raw, baseHash: patch.baseHash };
  if (patch.replacePaths?.length) params.replacePaths = patch.replacePaths;
  if (patch.note) params.note = patch.note;
  return writeResult(await gatewayCall(cli, target, 'config.patch', params, opts));
}

/** Replaces the gateway's whole config with `raw`. Same errors as gatewayConfigPatch. */
export async function gatewayConfigApply(
  cli: OpenclawCli,
  target: GatewayTarget,
  apply: { raw: string; baseHash: string; note?: string },
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<GatewayWriteResult> {
  const params: Record<string, unknown> = { raw: apply.raw, baseHash: apply.baseHash };
  if (apply.note) params.note = apply.note;
  return writeResult(await gatewayCall(cli, target, 'config.apply', params, opts));
}
