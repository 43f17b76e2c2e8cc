// The OpenClaw gateway as a keep-warm signal: which model each agent session ran on, and when. LM
// Studio shows no idle timer over HTTP, but every run OpenClaw makes on a local model resets that timer;
// the gateway tells its operator clients about those runs. The keeper asks `latest(ref)` before a ping
// and skips the ping when real traffic already did its job (policy.ts: externalActivityAt − skew).
//
// Protocol (OpenClaw 2026.9.6, read from the installed package's dist/, sources named per step):
// - WebSocket (undici's, gateway-socket.ts) to ws://127.0.0.1:<port>; the gateway first sends
//   {type:"event",event:"connect.challenge",payload:{nonce,ts}}      (ws-connection-*.mjs)
// - we answer {type:"req",id,method:"connect",params:{minProtocol:4,maxProtocol:4,client:{id:"gateway-client",
//   mode:"backend",…},role:"operator",scopes:["operator.read"],auth:{token}|{password}}}
//   (client-*.mjs assembleConnectParams). A loopback "gateway-client"/"backend" client with the shared
//   token keeps its scopes without a device identity (node-connect-reconcile-*.mjs
//   shouldSkipLocalBackendSelfPairing); the answer is {type:"res",id,ok:true,payload:{type:"hello-ok",…}}.
// - {method:"sessions.subscribe",params:{limit,sortBy:"activity"}} subscribes this connection to
//   "sessions.changed" and returns {subscribed:true,list:{sessions:[row…]}} (sessions-subscriptions-*.mjs);
//   rows have key, model, modelProvider, activeModel/activeModelProvider (the model actually serving
//   the session when it differs, e.g. after a fallback) and lastActivityAt (sessions-row-*.mjs).
// - "sessions.changed" events carry {sessionKey, phase?: "start"|"model"|"end"|"error"|"message", ts,
//   session?: row}; for run lifecycle phases the model fields are stripped (session-event-payload-*.mjs
//   buildGatewaySessionSnapshot), so the session's model comes from earlier rows, and after each run we
//   re-read the list (sessions.list, same params) to learn models of new sessions.
// Caveat (policy.ts): a row names the session's model, not every model a run called; it is a hint the
// keeper uses to skip pings, and the keeper still re-warms whenever it sees the model unloaded.
// - Model-call timings: the gateway keeps its diagnostic events in a ring buffer (1,000, all types;
//   diagnostic-stability-*.mjs) and serves it to operator.read clients as {method:"diagnostics.stability",
//   params:{type:"model.call.completed", sinceSeq, limit}} -> {events:[{seq, ts, provider, model,
//   durationMs, timeToFirstByteMs, requestBytes, responseBytes}]}: one event per provider request,
//   the same events its Prometheus exporter turns into openclaw_model_call_duration_seconds (that
//   exporter is a ClawHub plugin, not in the npm package). No WebSocket event carries them, so we
//   read them after connecting and after every run ends (sinceSeq: only new ones; a new bootId in
//   hello-ok means a restarted gateway whose seq starts over). diagnostics.enabled: false -> none.
import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../clock';
import { MODEL_CALL_REFS, MODEL_CALLS_PER_REF, type ModelCall } from '../../../shared/status';
import type { Logger } from '../log/logger';
import type { GatewayTarget } from './gateway';
import { openGatewaySocket, type GatewaySocket } from './gateway-socket';

export interface GatewayActivityOptions {
  /** Where the gateway listens and its credential; re-read before every connection attempt (config reloads). */
  target: () => GatewayTarget | undefined;
  clock?: Clock;
  logger?: Logger;
  /** TCP + WebSocket upgrade + hello deadline, ms. */
  connectTimeoutMs?: number;
  /** Deadline for each request's answer, ms. */
  requestTimeoutMs?: number;
  /** Reconnect backoff: first delay, cap (ms). */
  backoffMs?: { min: number; max: number };
  /** How many of the most recently active sessions to read. */
  sessionLimit?: number;
  /** Opens the WebSocket (tests may stand in). */
  connect?: typeof openGatewaySocket;
  clientVersion?: string;
}

export type GatewayActivityState = 'stopped' | 'connecting' | 'connected' | 'disconnected';

export type { ModelCall };

export interface GatewayActivityEvents {
  /** A model (provider/model ref) was used at `at` (wall ms). */
  activity: [{ ref: string; at: number }];
  /** OpenClaw finished a request to a model (newly seen; oldest first within one read). */
  'model-call': [ModelCall];
  state: [GatewayActivityState];
}

/** Events asked for per read (the gateway's own cap is 1,000). */
const MODEL_CALL_READ_LIMIT = 200;

interface Pending {
  resolve: (payload: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** `provider/model`, whether or not the gateway already put the provider in front of the model id. */
function refOf(provider: string | undefined, model: string | undefined): string | undefined {
  if (!provider || !model) return undefined;
  return model.startsWith(`${provider}/`) ? model : `${provider}/${model}`;
}

/** The provider/model ref a session row runs on: the active (serving) model when the row names one. */
export function sessionRowRef(row: Record<string, unknown>): string | undefined {
  return refOf(str(row.activeModelProvider) ?? str(row.modelProvider), str(row.activeModel) ?? str(row.model));
}

/** A handshake refusal the user can fix (token, password, scope, pairing): worth a warning. */
const CREDENTIAL_REFUSAL = /auth|unauthori[sz]ed|token|password|scope|pair/i;

/** Keeps one operator connection to the local gateway and the latest use of each model it reports. */
/** A run whose end we never saw stops counting as running after this long. */
const RUN_STALE_MS = 15 * 60_000;

export class GatewayActivity extends EventEmitter<GatewayActivityEvents> {
  private readonly clock: Clock;
  private readonly latestByRef = new Map<string, number>();
  /** sessionKey -> ref, from rows (lifecycle events do not name the model). */
  private readonly sessionRef = new Map<string, string>();
  /** Sessions with a run started and not yet ended, and the wall ms it started (a lost end expires after RUN_STALE_MS). */
  private readonly running = new Map<string, number>();
  /** Gateway ts of each session's last run end (a late start sign of that run must not count). */
  private readonly endedAt = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  /** Per ref, oldest first, at most MODEL_CALLS_PER_REF; the Map in order of last call, so the cap drops the model called longest ago. */
  private readonly calls = new Map<string, ModelCall[]>();
  /** The last diagnostic seq read, and the gateway boot it belongs to. */
  private callSeq?: number;
  private bootId?: string;
  /** The gateway refused diagnostics.stability (an older release): stop asking until reconnected. */
  private callsUnsupported = false;
  private ws?: GatewaySocket;
  private stateValue: GatewayActivityState = 'stopped';
  private nextId = 0;
  private attempt = 0;
  private generation = 0;
  private retryTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  private refreshing = false;
  private lastProblem?: string;

  constructor(private readonly opts: GatewayActivityOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
  }

  get state(): GatewayActivityState {
    return this.stateValue;
  }

  /** Latest wall time the gateway reported a run on `ref` ("provider/model"); undefined when never seen. */
  latest(ref: string): number | undefined {
    return this.latestByRef.get(ref);
  }

  /** The model calls seen lately, oldest first (bounded: MODEL_CALLS_PER_REF per model). */
  modelCalls(): ModelCall[] {
    return [...this.calls.values()].flat().sort((a, b) => a.at - b.at);
  }

  /** Whether an OpenClaw run on `ref` is in progress right now (a config write then would break its fallbacks). */
  isRunning(ref: string): boolean {
    if (this.stateValue !== 'connected') return false;
    const now = this.clock.now();
    for (const [key, startedAt] of this.running) {
      if (now - startedAt > RUN_STALE_MS) this.running.delete(key);
      // A run in a session whose model is not known yet may be on this model: assume it is (a switch waits a little, never breaks a turn).
      else if ((this.sessionRef.get(key) ?? ref) === ref) return true;
    }
    return false;
  }

  start(): void {
    if (this.stateValue !== 'stopped') return;
    this.setState('disconnected');
    this.connect();
  }

  stop(): void {
    this.setState('stopped');
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    this.drop();
  }

  /** Forgets the connection (e.g. the config's gateway port or token changed) and reconnects now. */
  reconnect(): void {
    if (this.stateValue === 'stopped') return;
    this.drop();
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.connect();
  }

  private setState(s: GatewayActivityState): void {
    if (s === this.stateValue) return;
    this.stateValue = s;
    this.emit('state', s);
  }

  private drop(): void {
    this.running.clear(); // unknown while disconnected: never block a switch on a run we cannot see end
    this.generation++; // any attempt still opening is now stale
    const ws = this.ws;
    this.ws = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('connection closed'));
    }
    this.pending.clear();
    if (ws) {
      ws.onClose = undefined;
      ws.onMessage = undefined;
      ws.close();
    }
  }

  /** Logs a problem once per kind of problem, never with a credential (messages are ours, not the gateway's text). */
  private problem(kind: string, level: 'debug' | 'warn' = 'debug'): void {
    if (this.lastProblem === kind) return;
    this.lastProblem = kind;
    this.opts.logger?.[level]('gateway activity: ' + kind);
  }

  private scheduleRetry(): void {
    if (this.stateValue === 'stopped') return;
    this.setState('disconnected');
    const { min, max } = this.opts.backoffMs ?? { min: 1_000, max: 60_000 };
    const delay = Math.min(max, min * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    clearTimeout(this.retryTimer);
    // ±20 % so a restarted gateway is not hit by every client at the same instant.
    this.retryTimer = setTimeout(() => this.connect(), Math.round(delay * (0.8 + Math.random() * 0.4)));
    this.retryTimer.unref?.();
  }

  private connect(): void {
    if (this.stateValue === 'stopped' || this.ws) return;
    // Each attempt has a generation: an attempt overtaken by reconnect()/stop() (e.g. with an old
    // port or token) closes its socket and touches nothing.
    const gen = ++this.generation;
    const target = this.opts.target();
    if (!target) {
      this.problem('no gateway configured');
      this.scheduleRetry();
      return;
    }
    this.setState('connecting');
    const timeoutMs = this.opts.connectTimeoutMs ?? 5_000;
    const open = this.opts.connect ?? openGatewaySocket;
    let helloTimer: NodeJS.Timeout | undefined;
    open(target.url, { timeoutMs, maxMessageBytes: 8 * 1024 * 1024 }).then(
      (ws) => {
        if (gen !== this.generation || this.stateValue === 'stopped' || this.ws) {
          ws.close();
          return;
        }
        this.ws = ws;
        // connect.challenge -> connect -> hello-ok -> sessions.subscribe, all within the deadline.
        helloTimer = setTimeout(() => {
          this.problem('the gateway did not complete the handshake in time');
          this.drop();
          this.scheduleRetry();
        }, timeoutMs);
        ws.onClose = () => {
          clearTimeout(helloTimer);
          if (this.ws !== ws) return;
          this.ws = undefined;
          this.drop();
          this.problem('the gateway closed the connection');
          this.scheduleRetry();
        };
        ws.onMessage = (text) => {
          if (this.ws !== ws) return;
          let frame: Record<string, unknown>;
          try {
            frame = rec(JSON.parse(text));
          } catch {
            return;
          }
          if (frame.type === 'res') return this.onResponse(frame);
          if (frame.type !== 'event') return;
          if (frame.event === 'connect.challenge') {
            void this.handshake(target).then(
              () => {
                clearTimeout(helloTimer);
                if (this.ws !== ws) return;
                this.attempt = 0;
                this.lastProblem = undefined;
                this.setState('connected');
                this.opts.logger?.info('gateway activity: connected', { port: target.port });
              },
              (err: Error) => {
                clearTimeout(helloTimer);
                if (this.ws !== ws) return;
                // Auth refusals are worth a warning (the user can fix the token); the gateway's text is not logged.
                const refused = CREDENTIAL_REFUSAL.test(err.message);
                this.problem(refused ? 'the gateway refused the credential' : 'handshake failed', refused ? 'warn' : 'debug');
                this.drop();
                this.scheduleRetry();
              },
            );
          } else if (frame.event === 'sessions.changed') {
            this.onSessionsChanged(rec(frame.payload));
          }
        };
      },
      () => {
        if (gen !== this.generation) return;
        // Not running (refused), or not a gateway: stay quiet, try again later.
        this.problem('no gateway is listening');
        this.scheduleRetry();
      },
    );
  }

  private request(method: string, params: Record<string, unknown>): Promise<unknown> {
    const ws = this.ws;
    if (!ws) return Promise.reject(new Error('not connected'));
    const id = `w${++this.nextId}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out`));
        // A gateway that stops answering is treated as gone.
        if (this.ws === ws) {
          this.drop();
          this.scheduleRetry();
        }
      }, this.opts.requestTimeoutMs ?? 10_000);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  private onResponse(frame: Record<string, unknown>): void {
    const id = typeof frame.id === 'string' ? frame.id : undefined;
    const p = id ? this.pending.get(id) : undefined;
    if (!p || !id) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (frame.ok === true) p.resolve(frame.payload);
    else {
      const e = rec(frame.error);
      p.reject(new Error(`${str(e.code) ?? 'error'} ${str(rec(e.details).code) ?? ''}`.trim()));
    }
  }

  private async handshake(target: GatewayTarget): Promise<void> {
    const auth: Record<string, string> = {};
    if (target.token) auth.token = target.token;
    else if (target.password) auth.password = target.password;
    const hello = rec(
      await this.request('connect', {
        minProtocol: 4,
        maxProtocol: 4,
        client: { id: 'gateway-client', displayName: 'Warmclaw', version: this.opts.clientVersion ?? '0.1.0', platform: process.platform, mode: 'backend' },
        role: 'operator',
        scopes: ['operator.read'],
        ...(Object.keys(auth).length ? { auth } : {}),
      }),
    );
    if (hello.type !== 'hello-ok') throw new Error('unexpected hello');
    // A restarted gateway numbers its diagnostic events from the start again.
    const bootId = str(rec(hello.server).bootId);
    if (!bootId || bootId !== this.bootId) this.callSeq = undefined;
    this.bootId = bootId;
    this.callsUnsupported = false;
    const sub = rec(await this.request('sessions.subscribe', this.listParams()));
    this.ingestList(rec(sub.list));
    void this.readModelCalls();
  }

  /** Reads the model calls the gateway finished since the last read (never throws). */
  private async readModelCalls(): Promise<void> {
    if (this.callsUnsupported || !this.ws) return;
    let payload: Record<string, unknown>;
    try {
      payload = rec(await this.request('diagnostics.stability', { type: 'model.call.completed', limit: MODEL_CALL_READ_LIMIT, ...(this.callSeq !== undefined && { sinceSeq: this.callSeq }) }));
    } catch (err) {
      if (/INVALID_REQUEST|unknown method|not found/i.test((err as Error).message)) {
        this.callsUnsupported = true;
        this.problem('the gateway does not share model-call timings (diagnostics.stability)');
      }
      return;
    }
    const events = Array.isArray(payload.events) ? payload.events.slice(-MODEL_CALL_READ_LIMIT) : [];
    for (const e of events) {
      const ev = rec(e);
      const seq = num(ev.seq);
      if (seq !== undefined) this.callSeq = Math.max(this.callSeq ?? seq, seq);
      const ref = refOf(str(ev.provider), str(ev.model));
      const ms = num(ev.durationMs);
      const at = num(ev.ts);
      if (ev.type !== 'model.call.completed' || !ref || ms === undefined || ms < 0 || at === undefined) continue;
      const ttfb = num(ev.timeToFirstByteMs);
      this.recordCall({ ref, at: Math.min(at, this.clock.now()), ms, ...(ttfb !== undefined && ttfb >= 0 && { ttfbMs: ttfb }) });
    }
  }

  private recordCall(call: ModelCall): void {
    const list = this.calls.get(call.ref) ?? [];
    // Read twice (a reconnect without a boot id starts from the oldest kept event): the same call once.
    if (list.some((c) => c.at === call.at && c.ms === call.ms)) return;
    list.push(call);
    list.sort((a, b) => a.at - b.at);
    if (list.length > MODEL_CALLS_PER_REF) list.splice(0, list.length - MODEL_CALLS_PER_REF);
    this.calls.delete(call.ref);
    this.calls.set(call.ref, list); // most recently called last
    if (this.calls.size > MODEL_CALL_REFS) this.calls.delete(this.calls.keys().next().value!);
    this.emit('model-call', call);
  }

  private listParams(): Record<string, unknown> {
    return { limit: this.opts.sessionLimit ?? 50, sortBy: 'activity' };
  }

  private ingestList(list: Record<string, unknown>): void {
    const rows = Array.isArray(list.sessions) ? list.sessions : [];
    for (const r of rows.slice(0, 1000)) {
      const row = rec(r);
      const key = str(row.key);
      const ref = sessionRowRef(row);
      if (!key || !ref) continue;
      this.sessionRef.set(key, ref);
      // Only to clear: a list read just after a run's end can still say hasActiveRun (the row is updated
      // later), and taking that as a new run would hold a failover switch for nothing.
      if (row.hasActiveRun === false) this.running.delete(key);
      const at = num(row.lastActivityAt);
      if (at !== undefined) this.record(ref, at);
    }
    if (this.sessionRef.size > 5_000) this.sessionRef.clear(); // bounded; the next list refills it
  }

  private onSessionsChanged(p: Record<string, unknown>): void {
    const key = str(p.sessionKey);
    const session = rec(p.session);
    const fromRow = sessionRowRef(session);
    if (key && fromRow) this.sessionRef.set(key, fromRow);
    const phase = str(p.phase);
    const ref = key ? this.sessionRef.get(key) : undefined;
    // A run is in progress from its first sign (2026.9.6 sends reason "agent.run.started" well before
    // phase "start" on a busy machine) until phase "end" or "error".
    const reason = str(p.reason);
    const ts = num(p.ts) ?? this.clock.now();
    const startSign = phase === 'start' || phase === 'model' || reason === 'agent.run.started';
    // A start sign older than the session's last end belongs to the run that already ended.
    if (key && startSign && !this.running.has(key) && ts > (this.endedAt.get(key) ?? -Infinity)) this.running.set(key, this.clock.now());
    if (key && (phase === 'end' || phase === 'error')) {
      this.running.delete(key);
      this.endedAt.set(key, ts);
      if (this.endedAt.size > 5_000) this.endedAt.clear();
    }
    // A run starting or ending on a model is a request to it; ts is the gateway's wall clock.
    const at = num(p.ts) ?? num(session.lastActivityAt);
    if (ref && at !== undefined && (phase === 'start' || phase === 'end' || phase === 'error' || phase === 'model')) this.record(ref, at);
    if (ref && num(session.lastActivityAt) !== undefined) this.record(ref, num(session.lastActivityAt)!);
    // After a run, or for a session we cannot place yet, read the list again (debounced).
    if (phase === 'end' || phase === 'error' || (key && !ref)) this.refreshSoon();
  }

  private refreshSoon(): void {
    if (this.refreshTimer || this.refreshing) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (!this.ws || this.stateValue !== 'connected') return;
      this.refreshing = true;
      // The run's model calls were recorded before its end: read them with the list.
      void this.readModelCalls();
      this.request('sessions.list', this.listParams())
        .then((payload) => this.ingestList(rec(payload)))
        .catch(() => undefined)
        .finally(() => (this.refreshing = false));
    }, 1_000);
    this.refreshTimer.unref?.();
  }

  private record(ref: string, at: number): void {
    // Never later than now: a gateway clock ahead of ours must not postpone pings into the future.
    const t = Math.min(at, this.clock.now());
    if (t <= (this.latestByRef.get(ref) ?? -Infinity)) return;
    this.latestByRef.set(ref, t);
    this.emit('activity', { ref, at: t });
  }
}
