// The warm-keeper driver: for each model marked keep-warm it looks at the runtime (fresh, right before
// deciding), runs the pure policy (policy.ts), sends the runtime's cheapest warm request through the
// adapter when the policy says so, and keeps ModelStatus.warm stats. A model found unloaded is warmed
// once and the load is reported as a `cold-start`. Every call is under a deadline on the injected
// clock, each model has its own timer (one slow server never delays another), and `idle()` lets a
// ManualClock wait for in-flight calls.
import { EventEmitter } from 'node:events';
import type { EndpointKind, EndpointStatus, ModelStatus, MonitorEvent } from '../../../shared/status';
import { raceDeadline, systemClock, type Clock } from '../clock';
import { errorSaid } from '../errors';
import { english, type Message } from '../../../shared/messages';
import type { EndpointAdapter, EndpointTarget, WarmOptions, WarmResult } from '../endpoints/types';
import type { Logger } from '../log/logger';
import { lmStudioLoadContext } from '../endpoints/lmstudio';
import { httpActivityProbe, type ActivityProbe } from './activity';
import { ollamaDuration } from './ollama-options';
import { afterWarm, decide, emptyTrack, observe, pingTtlMs, runtimeProfile, type PolicyConfig, type RuntimeProfile, type WarmObservation, type WarmTrack } from './policy';
import { scheduleState, toSchedule, type WarmSchedule, type WarmWindow } from './schedule';

/** One model to keep warm. */
export interface KeepWarmTarget {
  /** The monitor's endpoint id (usually the base URL). */
  endpointId: string;
  baseUrl: string;
  apiKey?: string;
  kind: EndpointKind;
  /** The id the server uses. */
  modelId: string;
  /** `provider/model` in openclaw.json. */
  ref?: string;
  /** The runtime's idle TTL when the user set one (LM Studio app setting, --sleep-idle-seconds, --sleep-idle-ttl); null = never unloads. */
  ttlMs?: number | null;
  /** Ollama runner options OpenClaw sends for this model (ollamaRequestShape). */
  options?: Record<string, unknown>;
  /** The keep_alive (Ollama) / ttl (LM Studio JIT) to ask for; default: the runtime's own TTL (never shorter than what real traffic gets). */
  keepAliveMs?: number;
  /**
   * LM Studio behind OpenClaw's `lmstudio` provider: the context OpenClaw's preload asks for. The model
   * counts as warm only while an instance holds at least min(this, max context); warming is OpenClaw's
   * own explicit load (no TTL), never a JIT ping that OpenClaw would load over.
   */
  preloadContext?: number;
  /** Unload it after this much idle time outside the keep-warm schedule (off when undefined). */
  idleUnloadMs?: number;
}

export type WarmStats = NonNullable<ModelStatus['warm']>;

/** What the failover and the UI need to know about one kept-warm model. */
export interface KeepWarmState {
  target: KeepWarmTarget;
  warm: WarmStats;
  /** Last observed state of the model. */
  modelState: WarmObservation['state'] | 'unobserved';
  /** Wall ms since warm requests (or looks) have been failing; undefined while fine. */
  failingSince?: number;
  lastDecision?: string;
}

export interface WarmKeeperOptions {
  adapterFor: (kind: EndpointKind) => EndpointAdapter | undefined;
  clock?: Clock;
  targets?: KeepWarmTarget[];
  schedule?: WarmSchedule | WarmWindow | WarmWindow[] | null;
  paused?: boolean;
  /** Extra policy knobs (margin, lead time, sampling). */
  policy?: Omit<PolicyConfig, 'schedule' | 'paused'>;
  /** llama.cpp / vLLM traffic signals; default over HTTP. Pass null to disable. */
  activity?: ActivityProbe | null;
  /** Latest real use of a target outside the runtime (e.g. OpenClaw gateway session activity), wall ms. */
  externalActivity?: (target: KeepWarmTarget) => number | undefined;
  /** Deadline for looking at the runtime (ms). */
  observeTimeoutMs?: number;
  /** Deadline for one warm request, which may include a whole cold load (ms). */
  warmTimeoutMs?: number;
  /** `idle()` waits on a single call for at most this much real time. */
  idleCapMs?: number;
  /** Called whenever a model's warm stats change (wire to Monitor.setWarm). */
  onWarmStatus?: (endpointId: string, modelId: string, warm: WarmStats) => void;
  /** A warm request that loads a model not loaded began (`since`, wall ms) or ended (wire to Monitor.setLoading). */
  onLoading?: (endpointId: string, modelId: string, since: number | undefined) => void;
  logger?: Logger;
}

export interface WarmKeeperEvents {
  event: [MonitorEvent];
}

interface Slot {
  key: string;
  t: KeepWarmTarget;
  profile: RuntimeProfile;
  track: WarmTrack;
  warm: WarmStats;
  modelState: KeepWarmState['modelState'];
  failingSince?: number;
  lastDecision?: string;
  /** Wall ms of the first look that found it cold (unloaded, or loaded too small for OpenClaw) since it was last warm. */
  coldSince?: number;
  /** Wall ms Warmclaw last asked the runtime to load or unload it. */
  ourLoadAt?: number;
  /** Wall ms the keeper first saw the schedule closed (idle unload counts from here at the earliest). */
  outsideSince?: number;
  /** When the idle unload is due (the wait is cut short to look then). */
  unloadCheckAt?: number;
  /** The user unloaded it by hand: look, but do not load it again until they warm it (release). */
  held: boolean;
  cancelTimer?: () => void;
  running?: Promise<void>;
  again: boolean;
  removed: boolean;
}

class Deadline extends Error {}

/** Runtimes that expose no loaded state (their loadedModels() is always empty). */
const NO_LOAD_STATE = new Set<EndpointKind>(['litellm', 'openai-compatible']);

const keyOf = (t: Pick<KeepWarmTarget, 'endpointId' | 'modelId'>) => `${t.endpointId}\u0000${t.modelId}`;

/**
 * The adapter options of a warm request for a target: what OpenClaw's own next request will need.
 * `ttlMs` defaults to the target's keep-alive (the keeper passes the policy's, never shorter than real traffic's).
 */
export function warmOptionsFor(t: KeepWarmTarget, ttlMs: number | undefined = t.keepAliveMs): WarmOptions {
  const opts: WarmOptions = {};
  if (t.kind === 'ollama') {
    if (ttlMs !== undefined) opts.keepAlive = ollamaDuration(ttlMs);
    if (t.options && Object.keys(t.options).length) opts.options = { ...t.options };
  } else if (t.kind === 'lmstudio' && t.preloadContext !== undefined) {
    opts.preloadContext = t.preloadContext;
  } else if (t.kind === 'lmstudio' && ttlMs !== undefined) {
    // The TTL a JIT load by our own ping gets (the user's "Keep loaded for").
    opts.keepAlive = ollamaDuration(ttlMs);
  }
  return opts;
}

/** Whether a loaded model satisfies OpenClaw's lmstudio preflight (true for every other target). */
export function holdsEnough(t: Pick<KeepWarmTarget, 'preloadContext'>, m: Pick<ModelStatus, 'loadedContext' | 'maxContext'>): boolean {
  if (t.preloadContext === undefined) return true;
  return (m.loadedContext ?? 0) >= lmStudioLoadContext(t.preloadContext, m.maxContext);
}

/** A model's state as OpenClaw will find it: loaded too small for its preload is as cold as not loaded. */
function stateFor(t: KeepWarmTarget, m: ModelStatus | undefined): ModelStatus['state'] {
  if (!m) return 'not-loaded';
  return m.state === 'loaded' && !holdsEnough(t, m) ? 'not-loaded' : m.state;
}

/** Ollama treats "llama3.2" and "llama3.2:latest" as the same model. */
function sameModel(kind: EndpointKind, a: string, b: string): boolean {
  if (a === b) return true;
  if (kind !== 'ollama') return false;
  const norm = (s: string) => (/:[^/]+$/.test(s) ? s : `${s}:latest`);
  return norm(a) === norm(b);
}

/** The model's entry in a loaded list (single-model servers answer under their own id). */
function findModel(kind: EndpointKind, list: readonly ModelStatus[], modelId: string): ModelStatus | undefined {
  const hit = list.find((m) => sameModel(kind, m.id, modelId));
  if (hit) return hit;
  if ((kind === 'llamacpp' || kind === 'vllm') && list.length === 1) return list[0];
  return undefined;
}

export class WarmKeeper extends EventEmitter<WarmKeeperEvents> {
  private readonly clock: Clock;
  private readonly slots = new Map<string, Slot>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly activity: ActivityProbe | null;
  private schedule: WarmSchedule | null;
  private paused: boolean;
  private started = false;

  constructor(private readonly opts: WarmKeeperOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.schedule = toSchedule(opts.schedule ?? null);
    this.paused = opts.paused ?? false;
    this.activity = opts.activity === null ? null : (opts.activity ?? httpActivityProbe());
    this.setTargets(opts.targets ?? []);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.slots.values()) this.arm(s, 0);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const s of this.slots.values()) s.cancelTimer?.();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Replaces the set of kept-warm models (stats survive for models that stay). */
  setTargets(list: readonly KeepWarmTarget[]): void {
    const next = new Map(list.map((t) => [keyOf(t), t]));
    for (const [key, s] of this.slots) {
      if (next.has(key)) continue;
      s.removed = true;
      s.cancelTimer?.();
      this.slots.delete(key);
      this.publish({ ...s, warm: { ...s.warm, enabled: false, nextPingAt: undefined } });
    }
    for (const [key, t] of next) {
      const existing = this.slots.get(key);
      if (existing) {
        const reProfile = existing.t.kind !== t.kind || existing.t.ttlMs !== t.ttlMs;
        existing.t = { ...t };
        if (reProfile) existing.profile = runtimeProfile(t.kind, t.ttlMs);
        continue;
      }
      const s: Slot = { key, t: { ...t }, profile: runtimeProfile(t.kind, t.ttlMs), track: emptyTrack(), warm: { enabled: true, pings: 0, coldStarts: 0 }, modelState: 'unobserved', again: false, removed: false, held: false };
      this.slots.set(key, s);
      this.publish(s);
      if (this.started) this.arm(s, 0);
    }
  }

  /** Global pause: no warm request while paused (looks continue, so resuming is instant). */
  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    void this.refresh();
  }

  /** Keep warm only inside these windows (local time); null = always. */
  setSchedule(schedule: WarmSchedule | WarmWindow | WarmWindow[] | null): void {
    this.schedule = toSchedule(schedule);
    void this.refresh();
  }

  /** The user unloaded this model by hand: keep looking, but send nothing until release(). */
  hold(endpointId: string, modelId: string): void {
    const s = this.slotOf(endpointId, modelId);
    if (s) s.held = true;
  }

  /** Warm it again as usual (the user warmed it by hand). */
  release(endpointId: string, modelId: string): void {
    const s = this.slotOf(endpointId, modelId);
    if (!s?.held) return;
    s.held = false;
    void this.runNow(s);
  }

  private slotOf(endpointId: string, modelId: string): Slot | undefined {
    return [...this.slots.values()].find((s) => s.t.endpointId === endpointId && sameModel(s.t.kind, s.t.modelId, modelId));
  }

  /** Looks again now (after the machine woke, or when the monitor saw a model go away). */
  async refresh(endpointId?: string): Promise<void> {
    const list = [...this.slots.values()].filter((s) => endpointId === undefined || s.t.endpointId === endpointId);
    await Promise.all(list.map((s) => this.runNow(s)));
  }

  /**
   * Feeds a monitor status in: Ollama's expires_at readings refine what the keeper knows of real traffic
   * between its own looks, and a kept-warm model that went away (or a server that came back) is looked
   * at right now instead of at the next scheduled look.
   */
  observeStatus(status: EndpointStatus): void {
    for (const s of this.slots.values()) {
      if (s.t.endpointId !== status.id) continue;
      if (status.health === 'down' || status.health === 'unknown') continue;
      const m = findModel(s.t.kind, status.models, s.t.modelId);
      const state = stateFor(s.t, m);
      if (state === 'loaded' && m?.expiresAt !== undefined) {
        s.track = observe(s.track, { now: status.checkedAt ?? this.clock.now(), state, expiresAt: m.expiresAt });
      }
      const wasLoaded = s.modelState === 'loaded';
      if ((wasLoaded && state !== 'loaded' && state !== 'loading') || s.modelState === 'unreachable') void this.runNow(s);
    }
  }

  /** Current per-model state (copies). */
  states(): KeepWarmState[] {
    return [...this.slots.values()].map((s) => ({ target: { ...s.t }, warm: { ...s.warm }, modelState: s.modelState, failingSince: s.failingSince, lastDecision: s.lastDecision }));
  }

  state(endpointId: string, modelId: string): KeepWarmState | undefined {
    return this.states().find((s) => s.target.endpointId === endpointId && sameModel(s.target.kind, s.target.modelId, modelId));
  }

  /** Resolves when no look or warm request is in flight (each waited on for at most idleCapMs of real time). */
  async idle(): Promise<void> {
    const pending = [...this.inFlight];
    if (!pending.length) return;
    let cap: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(pending), new Promise<void>((r) => (cap = setTimeout(r, this.opts.idleCapMs ?? 500)))]);
    clearTimeout(cap);
  }

  // ---------------------------------------------------------------------------------------------

  private arm(s: Slot, delayMs: number): void {
    s.cancelTimer?.();
    if (!this.started || s.removed) return;
    s.cancelTimer = this.clock.setTimeout(() => {
      s.cancelTimer = undefined;
      void this.runNow(s);
    }, Math.max(0, delayMs));
  }

  private runNow(s: Slot): Promise<void> {
    if (!this.started || s.removed) return Promise.resolve();
    if (s.running) {
      s.again = true;
      return s.running;
    }
    s.cancelTimer?.();
    s.cancelTimer = undefined;
    const p = this.tick(s)
      .catch((err: unknown) => {
        this.opts.logger?.error('warm-keeper tick failed', { endpoint: s.t.endpointId, model: s.t.modelId, error: err instanceof Error ? err.message : String(err) });
        this.arm(s, 30_000);
      })
      .finally(() => {
        this.inFlight.delete(p);
        s.running = undefined;
        if (s.again && !s.removed) {
          s.again = false;
          void this.runNow(s);
        }
      });
    s.running = p;
    this.inFlight.add(p);
    return p;
  }

  private deadline<T>(p: Promise<T>, ms: number, words: string): Promise<T> {
    return raceDeadline(this.clock, p, ms, () => new Deadline(words));
  }

  private target(s: Slot): EndpointTarget {
    return { baseUrl: s.t.baseUrl, apiKey: s.t.apiKey };
  }

  /** Looks at the runtime right now. */
  private async look(s: Slot, adapter: EndpointAdapter): Promise<{ obs: WarmObservation; error?: string | Message }> {
    const target = this.target(s);
    const stateless = NO_LOAD_STATE.has(s.t.kind);
    let list: ModelStatus[];
    try {
      // LiteLLM and generic servers report no load state: "listed" is all we can know, and the model
      // is taken as loaded (it is pinged once per TTL only when the user set one; never otherwise).
      list = stateless
        ? (await this.deadline(adapter.listModels(target), this.opts.observeTimeoutMs ?? 10_000, `no answer from ${s.t.baseUrl} about its models`)).map((m) => ({ ...m, state: 'loaded' as const }))
        : await this.deadline(adapter.loadedModels(target), this.opts.observeTimeoutMs ?? 10_000, `no answer from ${s.t.baseUrl} about its loaded models`);
    } catch (err) {
      return { obs: { now: this.clock.now(), state: 'unreachable' }, error: errorSaid(err) };
    }
    const m = findModel(s.t.kind, Array.isArray(list) ? list : [], s.t.modelId);
    if (stateless && !m) return { obs: { now: this.clock.now(), state: 'unknown' }, error: `${s.t.baseUrl} does not list "${s.t.modelId}"` };
    // A runtime that states the model's idle TTL (llama-swap `ttl`) decides the profile, unless the target fixes one.
    if (m?.idleUnloadMs !== undefined && s.t.ttlMs === undefined) {
      const ttl = m.idleUnloadMs > 0 ? m.idleUnloadMs : null;
      if (s.profile.ttlMs !== ttl) s.profile = runtimeProfile(s.t.kind, ttl);
    }
    const obs: WarmObservation = { now: this.clock.now(), state: stateFor(s.t, m), expiresAt: m?.expiresAt };
    if (m && m.state === 'loaded' && s.profile.visibility === 'activity' && s.profile.ttlMs !== null && this.activity) {
      try {
        const a = await this.deadline(this.activity(target, s.t.kind, s.t.modelId), 5_000, 'activity');
        if (a) {
          obs.busy = a.busy;
          obs.taskMarker = a.taskMarker;
        }
      } catch {
        // no activity signal this time: the policy falls back to the conservative estimate
      }
      obs.now = this.clock.now();
    }
    const ext = this.opts.externalActivity?.(s.t);
    if (ext !== undefined && Number.isFinite(ext)) obs.externalActivityAt = ext;
    return { obs };
  }

  private async tick(s: Slot): Promise<void> {
    const adapter = this.opts.adapterFor(s.t.kind);
    if (!adapter) {
      this.setError(s, `Warmclaw has no adapter for ${s.t.kind}`);
      this.arm(s, 60_000);
      return;
    }
    const { obs, error } = await this.look(s, adapter);
    if (s.removed || !this.started) return;
    this.noteClientLoad(s, obs);
    s.modelState = obs.state;
    s.track = observe(s.track, obs);
    if (obs.state === 'unreachable' || obs.state === 'unknown') {
      s.failingSince ??= obs.now;
      this.setError(s, error ?? 'the server cannot be reached');
    } else if (s.track.failures === 0 && s.failingSince !== undefined) {
      s.failingSince = undefined;
      this.clearError(s);
    }
    const d = decide(s.track, obs, s.profile, { ...this.opts.policy, schedule: this.schedule, paused: this.paused || s.held });
    s.lastDecision = d.reason;
    if (d.action === 'wait' && (await this.idleUnload(s, adapter, obs))) {
      this.arm(s, 0);
      return;
    }
    if (d.action === 'wait') {
      const next = d.nextPingAt;
      if (s.warm.nextPingAt !== next) {
        s.warm = { ...s.warm, nextPingAt: next };
        this.publish(s);
      }
      this.arm(s, Math.min(d.until, s.unloadCheckAt ?? Infinity) - this.clock.now());
      return;
    }
    await this.warmNow(s, adapter, d.action);
    // Look again at once: the runtime now reports the timer our request set.
    this.arm(s, 0);
  }

  private async warmNow(s: Slot, adapter: EndpointAdapter, action: 'ping' | 'load'): Promise<void> {
    const opts = warmOptionsFor(s.t, pingTtlMs(s.profile, s.track, s.t.keepAliveMs));
    const startedWall = this.clock.now();
    if (action === 'load') s.ourLoadAt = startedWall;
    // A request to a model that is not loaded is a load: the UI counts "loading… N s" from here.
    const loads = action === 'load' || s.modelState !== 'loaded';
    if (loads) this.opts.onLoading?.(s.t.endpointId, s.t.modelId, startedWall);
    let res: WarmResult;
    try {
      res = await this.deadline(adapter.warm(this.target(s), s.t.modelId, opts), this.opts.warmTimeoutMs ?? 200_000, `the warm request to ${s.t.baseUrl} did not finish in time`);
    } catch (err) {
      const said = errorSaid(err);
      res = { ok: false, ms: this.clock.now() - startedWall, error: err instanceof Error ? err.message : String(err), ...(typeof said === 'object' && { errorMsg: said }) };
    } finally {
      if (loads) this.opts.onLoading?.(s.t.endpointId, s.t.modelId, undefined);
    }
    if (s.removed) return;
    const endedAt = this.clock.now();
    s.track = afterWarm(s.track, action, res.ok, endedAt);
    const warm: WarmStats = { ...s.warm, pings: s.warm.pings + 1, lastPingAt: endedAt, nextPingAt: undefined };
    if (res.ok) {
      s.failingSince = undefined;
      delete warm.lastError;
      delete warm.lastErrorMsg;
      const cold = res.loaded === true || (action === 'load' && res.loaded !== false);
      if (cold) s.ourLoadAt = endedAt;
      s.coldSince = undefined;
      s.modelState = 'loaded';
      if (cold) {
        warm.coldStarts = s.warm.coldStarts + 1;
        warm.lastColdStartMs = Math.round(res.ms);
        warm.lastColdStartAt = endedAt;
      }
      s.warm = warm;
      this.publish(s);
      this.emit('event', { type: 'warm-ping', endpointId: s.t.endpointId, modelId: s.t.modelId, ok: true });
      if (cold) this.emit('event', { type: 'cold-start', endpointId: s.t.endpointId, modelId: s.t.modelId, ms: Math.round(res.ms), by: 'warmclaw' });
      this.opts.logger?.debug(cold ? 'warm-keeper loaded a cold model' : 'warm-keeper ping', { endpoint: s.t.endpointId, model: s.t.modelId, ms: Math.round(res.ms) });
    } else {
      s.failingSince ??= startedWall;
      warm.lastError = (res.error ?? 'the warm request failed').slice(0, 300);
      if (res.errorMsg) warm.lastErrorMsg = res.errorMsg;
      else delete warm.lastErrorMsg;
      s.warm = warm;
      this.publish(s);
      this.emit('event', { type: 'warm-ping', endpointId: s.t.endpointId, modelId: s.t.modelId, ok: false, error: warm.lastError });
      this.opts.logger?.warn('warm-keeper ping failed', { endpoint: s.t.endpointId, model: s.t.modelId, error: warm.lastError });
    }
  }

  /**
   * The lifecycle OpenClaw lacks: its explicit loads never expire, so outside the keep-warm schedule a
   * model idle for `idleUnloadMs` is unloaded (the schedule's lead time loads it again before the window
   * opens). Idle = no warm request, no load and no real traffic seen since the later of those and the
   * moment the keeper first saw the schedule closed. Returns true when it unloaded.
   */
  private async idleUnload(s: Slot, adapter: EndpointAdapter, obs: WarmObservation): Promise<boolean> {
    const limit = s.t.idleUnloadMs;
    const now = obs.now;
    const outside = !this.paused && this.schedule !== null && !scheduleState(now, this.schedule, this.opts.policy?.leadMs ?? 2 * 60_000).active;
    if (!outside) {
      s.outsideSince = undefined;
      return false;
    }
    s.outsideSince ??= now;
    if (limit === undefined || obs.state !== 'loaded' || !adapter.unload) return false;
    const lastUse = Math.max(s.outsideSince, s.track.lastActivityAt ?? -Infinity, s.track.externalActivityAt ?? -Infinity, s.track.lastPingAt ?? -Infinity, s.ourLoadAt ?? -Infinity);
    if (obs.busy || now - lastUse < limit) {
      s.unloadCheckAt = lastUse + limit;
      return false;
    }
    s.unloadCheckAt = undefined;
    let res: WarmResult;
    try {
      res = await this.deadline(adapter.unload(this.target(s), s.t.modelId), this.opts.observeTimeoutMs ?? 10_000, `no answer from ${s.t.baseUrl} to the unload`);
    } catch (err) {
      res = { ok: false, ms: 0, error: err instanceof Error ? err.message : String(err) };
    }
    if (!res.ok) {
      this.opts.logger?.warn('idle unload failed', { endpoint: s.t.endpointId, model: s.t.modelId, error: res.error });
      return false;
    }
    s.ourLoadAt = this.clock.now();
    s.coldSince = undefined;
    s.modelState = 'not-loaded';
    this.emit('event', { type: 'idle-unload', endpointId: s.t.endpointId, modelId: s.t.modelId, idleMs: now - lastUse });
    this.opts.logger?.info('unloaded an idle model outside the keep-warm schedule', { endpoint: s.t.endpointId, model: s.t.modelId, idleMin: Math.round((now - lastUse) / 60_000) });
    return true;
  }

  /**
   * Every load a user waits on counts as a cold start, OpenClaw's own included: a model seen cold and
   * then loaded without a warm request of ours in between was loaded by a client request.
   */
  private noteClientLoad(s: Slot, obs: WarmObservation): void {
    if (obs.state === 'not-loaded' || obs.state === 'sleeping') {
      s.coldSince ??= obs.now;
      return;
    }
    if (obs.state !== 'loaded' || s.coldSince === undefined) return;
    const since = s.coldSince;
    s.coldSince = undefined;
    if (s.ourLoadAt !== undefined && s.ourLoadAt >= since) return;
    const ms = Math.max(0, obs.now - since);
    s.warm = { ...s.warm, coldStarts: s.warm.coldStarts + 1, lastColdStartAt: obs.now };
    this.publish(s);
    this.emit('event', { type: 'cold-start', endpointId: s.t.endpointId, modelId: s.t.modelId, ms, by: 'client' });
    this.opts.logger?.info('a client had to load a kept-warm model', { endpoint: s.t.endpointId, model: s.t.modelId });
  }

  private setError(s: Slot, message: string | Message): void {
    const lastError = english(message).slice(0, 300);
    if (s.warm.lastError === lastError) return;
    const { lastErrorMsg: _words, ...rest } = s.warm;
    s.warm = { ...rest, lastError, ...(typeof message === 'object' && { lastErrorMsg: message }) };
    this.publish(s);
  }

  private clearError(s: Slot): void {
    if (s.warm.lastError === undefined) return;
    const { lastError: _gone, lastErrorMsg: _words, ...rest } = s.warm;
    s.warm = rest;
    this.publish(s);
  }

  private publish(s: Pick<Slot, 't' | 'warm'>): void {
    const w: WarmStats = { ...s.warm };
    for (const k of Object.keys(w) as (keyof WarmStats)[]) if (w[k] === undefined) delete w[k];
    this.opts.onWarmStatus?.(s.t.endpointId, s.t.modelId, w);
  }
}
