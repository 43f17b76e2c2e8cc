// The keep-warm policy: pure functions, no I/O, no timers. Given what a runtime is known to do (its
// idle TTL and how much of its activity we can see) and the latest observation, decide whether to send
// a warm request now or when to look again. The WarmKeeper (keeper.ts) and the 24 h benchmark
// (bench/warm.ts) run exactly this code.
//
// Rules (DESIGN §3): a ping is the cheapest request the runtime honours, sent just before the runtime
// would unload (a safety margin before it), never when real traffic already reset the timer, and where
// traffic is invisible at most one ping per 0.8 × TTL of idle time.
//
// What each runtime lets us see:
// - Ollama: /api/ps `expires_at` is the planned unload time and moves forward whenever a real request
//   finishes, so real traffic is visible: we ping only when expires_at is about to pass.
// - llama.cpp (`--sleep-idle-seconds`): /slots `is_processing` (busy now) and `id_task` (a counter that
//   moves with every task) — traffic between two looks is seen, but only as "some time since the last
//   look", so the policy assumes the earliest moment (conservative).
// - vLLM (`--sleep-idle-ttl`): /load `server_load` > 0 while requests run (with load tracking on).
// - LM Studio: NO remaining TTL and no last-used time over HTTP (its docs and REST API have none), so
//   by default traffic is invisible and we ping once per (TTL − margin) ≥ 0.8 × TTL.
//   Findings, researched for this policy:
//   * LM Studio `ttl` on a request: the docs ("ttl-and-auto-evict") say it sets the TTL "if it is JIT
//     loaded", i.e. it applies when that request JIT-loads the model; nothing documents that `ttl` on a
//     request to an already-loaded model changes its TTL, and no issue or changelog confirms it either
//     way. So the policy never relies on it: we send `ttl` = the TTL we assume, which makes a JIT load
//     caused by our own ping behave exactly like one caused by OpenClaw (same TTL), and is a no-op at
//     worst otherwise.
//   * The OpenClaw gateway can serve as the missing signal: `sessions.list` / `sessions.subscribe`
//     (gateway WebSocket, operator token) return per-session `hasActiveRun` and `lastActivityAt` ("the
//     last completed agent run" that counts as activity — heartbeats excluded) with the session's
//     model/provider, and push `sessions.changed` events; the gateway's JSON-lines file log
//     (/tmp/openclaw/openclaw-YYYY-MM-DD.log) records model fetches of ≥ 1 s at info level. A run that
//     used the kept-warm local model resets LM Studio's idle timer at the end of its last model call,
//     which is at or a little before the run's completion; the policy therefore takes such a time as
//     `externalActivityAt` and subtracts `externalSkewMs` (default 30 s) to stay conservative. Caveat:
//     a run that fell back to a hosted model did not touch the local one, and session rows name the
//     selected model rather than every model a run called — treat it as a hint the keeper may use, not
//     as truth (the keeper still sees the loaded state and re-warms if the model went away).
//   * OpenClaw 2026.9's bundled `lmstudio` provider preloads through POST /api/v1/models/load with
//     `context_length` before inference (unless `params.preload: false`); LM Studio treats such loads
//     like `lms load` (no idle TTL) — a model OpenClaw loaded that way does not need keeping warm, and
//     one our ping JIT-loads with LM Studio's default context may be loaded a second time by OpenClaw's
//     preload if that context is smaller than the configured one.
import type { EndpointKind, ModelStatus } from '../../../shared/status';
import { scheduleState, type WarmSchedule } from './schedule';

export type Visibility = 'expires-at' | 'activity' | 'none';

export interface RuntimeProfile {
  kind: EndpointKind;
  /** Idle time after which the runtime unloads the model; null = it never does by itself. */
  ttlMs: number | null;
  /** How real traffic shows: a planned unload time, a busy flag/task counter, or not at all. */
  visibility: Visibility;
}

const MIN = 60_000;

/** What each runtime does by default (DESIGN §3; test/fixtures/servers/README.md "Keep-warm mechanisms"). */
export const DEFAULT_TTL_MS: Record<EndpointKind, number | null> = {
  lmstudio: 60 * MIN, // JIT-loaded models, app default
  ollama: 5 * MIN, // OLLAMA_KEEP_ALIVE default
  vllm: null, // loaded for the process lifetime unless --sleep-idle-ttl
  llamacpp: null, // loaded for the process lifetime unless --sleep-idle-seconds
  litellm: null, // holds no model; warmth is the backend's
  llamaswap: null, // each model's own `ttl` (0 = never), read from /running once it runs (ModelStatus.idleUnloadMs)
  'openai-compatible': null,
};

export const VISIBILITY: Record<EndpointKind, Visibility> = {
  lmstudio: 'none',
  ollama: 'expires-at',
  vllm: 'activity',
  llamacpp: 'activity',
  litellm: 'none',
  llamaswap: 'none', // its last-use time is not exposed
  'openai-compatible': 'none',
};

/** A runtime's profile, with the user's TTL when they set one (undefined = the runtime's default). */
export function runtimeProfile(kind: EndpointKind, ttlMs?: number | null): RuntimeProfile {
  return { kind, ttlMs: ttlMs === undefined ? DEFAULT_TTL_MS[kind] : ttlMs, visibility: VISIBILITY[kind] };
}

/** Safety margin before the predicted unload: ≥ 20 s, 5 % of the TTL, never more than 20 % of it. */
export function marginFor(ttlMs: number): number {
  return Math.min(Math.max(20_000, 0.05 * ttlMs), 0.2 * ttlMs);
}

/** What the keeper remembers about one model between decisions (plain data; updated by pure functions). */
export interface WarmTrack {
  /** Wall ms our last successful warm request finished: the runtime's idle timer restarted then. */
  lastPingAt?: number;
  /** Latest wall ms real traffic is known to have (re)started the idle timer (conservative estimate). */
  lastActivityAt?: number;
  /** Wall ms of the previous observation. */
  lastObservedAt?: number;
  /** Wall ms of the last observation that found the model not loaded. */
  lastSeenUnloadedAt?: number;
  /** Whether the previous observation found it loaded. */
  wasLoaded?: boolean;
  /** Last seen planned unload time (Ollama). */
  lastExpiresAt?: number;
  /** Longest keep-alive the runtime was seen to apply to real traffic (Ollama), ms. */
  learnedTtlMs?: number;
  /** Last seen task counter (llama.cpp id_task), and when it was read. */
  taskMarker?: number;
  taskMarkerAt?: number;
  /** When lastExpiresAt was read. */
  expiresObservedAt?: number;
  /** Latest real use reported from outside the runtime (gateway), wall ms, as reported (skew not applied). */
  externalActivityAt?: number;
  /** Consecutive failed warm requests, and when the last one failed. */
  failures: number;
  lastFailureAt?: number;
  /** Wall ms of the last attempt to load it after finding it unloaded. */
  lastLoadAt?: number;
}

export const emptyTrack = (): WarmTrack => ({ failures: 0 });

export interface WarmObservation {
  now: number;
  /** 'unreachable' when the runtime could not be asked. */
  state: ModelStatus['state'] | 'unreachable';
  /** Planned unload time (Ollama expires_at), wall ms. */
  expiresAt?: number;
  /** A request is being processed right now (llama.cpp is_processing, vLLM server_load > 0). */
  busy?: boolean;
  /** A counter that moves with every task (llama.cpp max id_task). */
  taskMarker?: number;
  /** Latest real use seen outside the runtime (OpenClaw gateway session activity), wall ms. */
  externalActivityAt?: number;
}

export interface PolicyConfig {
  schedule?: WarmSchedule | null;
  paused?: boolean;
  /** Warm this long before a schedule window opens (default 2 min). */
  leadMs?: number;
  /** Override of marginFor(ttl). */
  marginMs?: number;
  /** An external activity time may be this late compared with the runtime's timer reset (default 30 s). */
  externalSkewMs?: number;
  /** Look again at least this often while waiting on a runtime that shows activity (default 15 s). */
  activitySampleMs?: number;
  /** Look again at least this often otherwise, to notice external unloads (default 5 min). */
  recheckMs?: number;
  /** Never two warm requests closer than this (default 10 s). */
  minSpacingMs?: number;
}

export type Decision =
  | { action: 'ping'; reason: string }
  | { action: 'load'; reason: string }
  | { action: 'wait'; until: number; reason: string; nextPingAt?: number };

/** Ollama's "forever" (negative keep_alive) is a far-future expires_at. */
const FOREVER_MS = 10 * 365 * 24 * 3600_000;

/** Backoff after failures: 5 s, 10 s, 20 s … capped at 60 s. */
export function retryDelay(failures: number): number {
  return Math.min(60_000, 5_000 * 2 ** Math.max(0, failures - 1));
}

/** Folds one observation into the track: what real traffic happened since the last look. */
export function observe(track: WarmTrack, obs: WarmObservation): WarmTrack {
  const t: WarmTrack = { ...track };
  const loaded = obs.state === 'loaded';
  const activity = (at: number) => {
    t.lastActivityAt = Math.max(t.lastActivityAt ?? -Infinity, at);
  };
  if (obs.externalActivityAt !== undefined && Number.isFinite(obs.externalActivityAt)) {
    t.externalActivityAt = Math.max(t.externalActivityAt ?? -Infinity, obs.externalActivityAt);
  }
  if (obs.state === 'unreachable' || obs.state === 'unknown') {
    t.lastObservedAt = obs.now;
    return t;
  }
  if (!loaded) {
    t.lastSeenUnloadedAt = obs.now;
    t.lastExpiresAt = undefined;
    t.expiresObservedAt = undefined;
    t.taskMarker = undefined;
    t.taskMarkerAt = undefined;
  } else {
    // Loaded by someone else since we last saw it unloaded: its timer started at or after that look.
    if (track.wasLoaded === false && track.lastSeenUnloadedAt !== undefined && !((track.lastLoadAt ?? -Infinity) >= track.lastSeenUnloadedAt)) activity(track.lastSeenUnloadedAt);
    if (obs.busy) activity(obs.now); // the timer restarts when this request ends, i.e. later than now
    if (obs.taskMarker !== undefined) {
      const prev = track.taskMarkerAt;
      if (track.taskMarker !== undefined && obs.taskMarker !== track.taskMarker && prev !== undefined) {
        // A task ran since the marker was last read; it may have ended right after that read (the
        // earliest case, which predicts the earliest unload). Our own ping also moves the counter.
        const ours = track.lastPingAt !== undefined && track.lastPingAt > prev && obs.taskMarker - track.taskMarker <= 1;
        if (!ours) activity(prev);
      }
      t.taskMarker = obs.taskMarker;
      t.taskMarkerAt = obs.now;
    }
    if (obs.expiresAt !== undefined) {
      // expires_at moving later without our ping = a real request finished; learn its keep-alive
      // (a lower bound: we read it some time after that request ended).
      const prev = track.expiresObservedAt;
      const ours = track.lastPingAt !== undefined && prev !== undefined && track.lastPingAt > prev;
      if (track.lastExpiresAt !== undefined && obs.expiresAt > track.lastExpiresAt + 1_000 && !ours && obs.expiresAt - obs.now < FOREVER_MS) {
        t.learnedTtlMs = Math.max(t.learnedTtlMs ?? 0, obs.expiresAt - obs.now);
      }
      t.lastExpiresAt = obs.expiresAt;
      t.expiresObservedAt = obs.now;
    }
  }
  t.wasLoaded = loaded;
  t.lastObservedAt = obs.now;
  return t;
}

/** When the runtime will unload the model, as far as we can tell (wall ms); undefined = unknown; Infinity = never. */
export function predictUnload(track: WarmTrack, obs: WarmObservation, profile: RuntimeProfile, cfg: PolicyConfig = {}): number | undefined {
  if (profile.ttlMs === null) return Infinity;
  if (profile.visibility === 'expires-at' && obs.expiresAt !== undefined) {
    return obs.expiresAt - obs.now > FOREVER_MS ? Infinity : obs.expiresAt;
  }
  if (obs.busy) return obs.now + profile.ttlMs;
  const skew = cfg.externalSkewMs ?? 30_000;
  const reported = Math.max(obs.externalActivityAt ?? -Infinity, track.externalActivityAt ?? -Infinity);
  const external = Number.isFinite(reported) ? reported - skew : undefined;
  const base = Math.max(track.lastPingAt ?? -Infinity, track.lastActivityAt ?? -Infinity, external ?? -Infinity);
  return Number.isFinite(base) ? base + profile.ttlMs : undefined;
}

/** The keep-alive (Ollama) / ttl (LM Studio) to ask for: never shorter than what real traffic gets. */
export function pingTtlMs(profile: RuntimeProfile, track: WarmTrack, keepAliveMs?: number): number | undefined {
  const learned = track.learnedTtlMs !== undefined ? Math.ceil(track.learnedTtlMs / MIN) * MIN : undefined;
  const candidates = [profile.ttlMs ?? undefined, learned, keepAliveMs].filter((x): x is number => x !== undefined && Number.isFinite(x) && x > 0);
  return candidates.length ? Math.max(...candidates) : undefined;
}

/** The decision for one model at `obs.now`. */
export function decide(track: WarmTrack, obs: WarmObservation, profile: RuntimeProfile, cfg: PolicyConfig = {}): Decision {
  const now = obs.now;
  const recheck = cfg.recheckMs ?? 5 * MIN;
  const spacing = cfg.minSpacingMs ?? 10_000;
  if (cfg.paused) return { action: 'wait', until: now + MIN, reason: 'keep-warm is paused' };

  const sched = scheduleState(now, cfg.schedule, cfg.leadMs ?? 2 * MIN);
  if (!sched.active) return { action: 'wait', until: Math.min(sched.until, now + 24 * 60 * MIN), reason: 'outside the keep-warm schedule' };

  if (obs.state === 'unreachable' || obs.state === 'unknown') {
    return { action: 'wait', until: now + retryDelay(Math.max(1, track.failures)), reason: 'the server cannot be reached' };
  }
  if (obs.state === 'loading') return { action: 'wait', until: now + 5_000, reason: 'the model is loading' };

  const failing = track.failures > 0 && track.lastFailureAt !== undefined;
  const retryAt = failing ? track.lastFailureAt! + retryDelay(track.failures) : -Infinity;

  if (obs.state === 'not-loaded' || obs.state === 'sleeping') {
    if (now < retryAt) return { action: 'wait', until: retryAt, reason: 'the last warm request failed; retrying later' };
    if (!failing && track.lastLoadAt !== undefined && now - track.lastLoadAt < spacing) return { action: 'wait', until: track.lastLoadAt + spacing, reason: 'just asked it to load' };
    return { action: 'load', reason: obs.state === 'sleeping' ? 'the model is asleep' : 'the model is not loaded' };
  }

  // Loaded.
  if (profile.ttlMs === null) return { action: 'wait', until: now + recheck, reason: 'this runtime keeps the model loaded by itself' };
  const unloadAt = predictUnload(track, obs, profile, cfg);
  if (unloadAt === Infinity) return { action: 'wait', until: now + recheck, reason: 'the runtime keeps it loaded indefinitely' };
  if (unloadAt === undefined) {
    if (now < retryAt) return { action: 'wait', until: retryAt, reason: 'the last warm request failed; retrying later' };
    return { action: 'ping', reason: 'loaded, but its idle time is unknown: a ping starts a known timer' };
  }
  // The window closes before the runtime would unload it anyway: no ping needed in this window.
  if (unloadAt >= sched.until) return { action: 'wait', until: Math.min(sched.until, now + 24 * 60 * MIN), reason: 'stays loaded until the schedule ends' };

  const margin = Math.min(cfg.marginMs ?? marginFor(profile.ttlMs), 0.2 * profile.ttlMs);
  let pingAt = unloadAt - margin;
  if (profile.visibility === 'none' && track.lastPingAt !== undefined) pingAt = Math.max(pingAt, track.lastPingAt + 0.8 * profile.ttlMs);
  if (track.lastPingAt !== undefined) pingAt = Math.max(pingAt, track.lastPingAt + spacing);
  pingAt = Math.max(pingAt, retryAt);

  if (now >= pingAt) return { action: 'ping', reason: failing ? 'retrying the warm request' : 'the runtime would unload it soon' };
  const sample = profile.visibility === 'activity' ? (cfg.activitySampleMs ?? 15_000) : recheck;
  return { action: 'wait', until: Math.min(pingAt, now + sample), nextPingAt: pingAt, reason: 'warm; next ping scheduled' };
}

/** Folds a finished warm request into the track. `endedAt` is when it finished (the timer restarts then). */
export function afterWarm(track: WarmTrack, action: 'ping' | 'load', ok: boolean, endedAt: number): WarmTrack {
  const t: WarmTrack = { ...track };
  if (action === 'load') t.lastLoadAt = endedAt;
  if (ok) {
    t.lastPingAt = endedAt;
    t.failures = 0;
    t.lastFailureAt = undefined;
  } else {
    t.failures = track.failures + 1;
    t.lastFailureAt = endedAt;
  }
  return t;
}
