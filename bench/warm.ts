// `npm run bench -- warm [--json]`: one simulated 24 h of mixed user traffic (seeded, reproducible)
// against in-process models of each runtime's TTL rules (the same rules as test/sim: LM Studio's idle
// timer restarts when a request finishes and `ttl` only applies to the request that JIT-loads; Ollama's
// expires_at = last request end + the runner's keep_alive, a request with keep_alive replaces it;
// llama.cpp --sleep-idle-seconds with a task counter in /slots). Warmclaw is driven by the SAME pure
// policy the WarmKeeper runs (src/main/core/warm/policy.ts: observe → decide → afterWarm), beside a
// naive fixed-interval pinger (every 60 s) and no keeper at all.
//
// minimalPings = the fewest pings that avoid every cold hit for that traffic: an oracle that knows the
// future pings at the last moment before each unload that would precede a request (for a fixed TTL
// this equals Σ over idle gaps > TTL of ceil((gap − TTL) / TTL)). The day ends "warm": the model must
// still be loaded at 24:00 (tomorrow's first request is unknown), for every strategy.
//
// Targets (issue): warmclaw 0 cold hits; pings ≤ 1.25 × minimalPings where traffic is visible (Ollama,
// llama.cpp); elsewhere ≤ one ping per 0.8 × TTL of idle time; ≥ 4× fewer pings than naive.
import { afterWarm, decide, emptyTrack, observe, pingTtlMs, runtimeProfile, type RuntimeProfile, type WarmObservation, type WarmTrack } from '../src/main/core/warm/policy';
import { table } from './stats';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;
/** The simulated day starts at local midnight of a Wednesday (the policy only sees relative times here). */
const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);
const PING_MS = 80;
const LOAD_MS = 12 * S;
const NAIVE_EVERY_MS = 60 * S;
/** A gateway run completes (and shows in sessions.list lastActivityAt) this long after its last model call. */
const GATEWAY_LAG_MS = 2 * S;

// ---- traffic ---------------------------------------------------------------------------------------

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Req {
  at: number;
  dur: number;
}

/**
 * A working day: night silence until ~08:30, bursts of agent turns (each turn = a few model calls a few
 * seconds apart) separated by idle gaps from a minute to over an hour, a lunch break, a quiet
 * late-afternoon stretch, one evening session, then silence to midnight.
 */
export function trafficDay(seed = 20261125): Req[] {
  const rnd = prng(seed);
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const expo = (mean: number) => -Math.log(1 - rnd()) * mean;
  const out: Req[] = [];
  const session = (from: number, to: number, meanGap: number) => {
    let t = from + between(0, 10 * MIN);
    while (t < to) {
      // A burst: 2–12 agent turns.
      const turns = 2 + Math.floor(rnd() * 11);
      for (let k = 0; k < turns && t < to; k++) {
        const calls = 1 + Math.floor(rnd() * 6);
        for (let c = 0; c < calls; c++) {
          const dur = between(2 * S, 25 * S);
          out.push({ at: t, dur });
          t += dur + between(1 * S, 12 * S); // tool runs between model calls
        }
        t += between(20 * S, 4 * MIN); // the user reads, types the next message
      }
      t += Math.min(95 * MIN, expo(meanGap)); // idle gap between bursts
    }
  };
  session(8.5 * H, 12 * H, 14 * MIN);
  session(13.3 * H, 15.5 * H, 9 * MIN);
  session(16.8 * H, 18.6 * H, 20 * MIN);
  session(20.7 * H, 21.4 * H, 6 * MIN);
  out.sort((a, b) => a.at - b.at);
  return out.filter((r) => r.at < DAY);
}

// ---- runtime models (faithful to test/sim) -----------------------------------------------------------

type RuntimeKind = 'lmstudio' | 'ollama' | 'llamacpp';

interface RuntimeCfg {
  kind: RuntimeKind;
  /** LM Studio default JIT TTL / Ollama OLLAMA_KEEP_ALIVE / llama.cpp --sleep-idle-seconds. */
  ttlMs: number;
}

class Runtime {
  loaded = true;
  /** Timer of the loaded model: unload at expiresAt (when nothing is in flight). */
  expiresAt: number;
  /** LM Studio: the instance's TTL; Ollama: the runner's keep_alive duration; llama.cpp: idle seconds. */
  durationMs: number;
  busyUntil = 0;
  /** What /api/ps shows while requests are in flight: the value from before (Ollama updates it when the last one ends). */
  private shownWhileBusy = 0;
  taskCounter = 0;
  coldHits = 0;
  loads = 0;

  constructor(readonly cfg: RuntimeCfg) {
    // At 00:00 the model is loaded and its timer just restarted (the previous request ended at midnight).
    this.durationMs = cfg.ttlMs;
    this.expiresAt = T0 + cfg.ttlMs;
  }

  isLoaded(t: number): boolean {
    return this.loaded && (t < this.busyUntil || t < this.expiresAt);
  }

  /** One request; returns its end. `keepAliveMs`: Ollama keep_alive / LM Studio ttl sent with it. */
  request(t: number, dur: number, user: boolean, keepAliveMs?: number): number {
    const warm = this.isLoaded(t);
    if (t >= this.busyUntil) this.shownWhileBusy = warm ? this.expiresAt : t + (keepAliveMs ?? this.cfg.ttlMs);
    if (!warm) {
      this.loads++;
      if (user) this.coldHits++;
      this.loaded = true;
      // A (re)load: Ollama uses the request's keep_alive or the server default; LM Studio's JIT load
      // takes the request's ttl or the app default; llama.cpp its --sleep-idle-seconds.
      this.durationMs = this.cfg.kind === 'llamacpp' ? this.cfg.ttlMs : (keepAliveMs ?? this.cfg.ttlMs);
    } else if (this.cfg.kind === 'ollama' && keepAliveMs !== undefined) {
      // Ollama: a request with keep_alive replaces the loaded runner's duration (sched.go).
      this.durationMs = keepAliveMs;
    }
    // LM Studio: `ttl` on a request to a loaded model does not change its TTL (documented for JIT loads only).
    const end = t + (warm ? 0 : LOAD_MS) + dur;
    this.busyUntil = Math.max(this.busyUntil, end);
    this.expiresAt = this.busyUntil + this.durationMs;
    this.taskCounter++;
    return end;
  }

  /** What a fresh look at the runtime returns at t (Ollama shows expires_at; llama.cpp busy + id_task). */
  look(t: number): WarmObservation {
    if (!this.isLoaded(t)) return { now: t, state: 'not-loaded' };
    const o: WarmObservation = { now: t, state: 'loaded' };
    if (this.cfg.kind === 'ollama') o.expiresAt = t < this.busyUntil ? this.shownWhileBusy : this.expiresAt;
    if (this.cfg.kind === 'llamacpp') {
      o.busy = t < this.busyUntil;
      o.taskMarker = this.taskCounter;
    }
    return o;
  }
}

// ---- strategies --------------------------------------------------------------------------------------

interface Outcome {
  pings: number;
  coldHits: number;
  /** Looks at the runtime that are not pings (cheap GETs), for the record. */
  looks: number;
  warmAtEnd: boolean;
}

interface WarmclawCfg {
  profile: RuntimeProfile;
  /** Ollama keep_alive Warmclaw asks for (settings); undefined = the runtime's own TTL. */
  keepAliveMs?: number;
  /**
   * The OpenClaw gateway reports each run's start and completion (LM Studio's missing activity signal),
   * as src/main/core/openclaw/gateway-activity.ts reads them: `sessions.changed` phase "start" at the
   * run's start (at or before its first model call) and phase "end" a little after its last model call.
   */
  gatewaySignal?: boolean;
}

/** Replays the day, interleaving user requests and a keeper that wakes when it asks to. */
function replay(rt: Runtime, reqs: Req[], keeper?: (t: number, gatewayActivityAt: number | undefined) => { next: number; pinged: number; looked: number }): Outcome {
  let i = 0;
  let wake = keeper ? T0 : Infinity;
  let pings = 0;
  let looks = 0;
  const ends: number[] = [];
  let lastStart: number | undefined;
  for (;;) {
    const nextReq = i < reqs.length ? T0 + reqs[i]!.at : Infinity;
    if (nextReq === Infinity && wake >= T0 + DAY) break;
    if (nextReq <= wake) {
      const r = reqs[i++]!;
      lastStart = T0 + r.at;
      ends.push(rt.request(T0 + r.at, r.dur, true));
    } else {
      // The gateway reports a run when it starts and once it completed (a little after its last model
      // call ended); GatewayActivity keeps the latest of those per model.
      let done: number | undefined;
      for (let k = ends.length - 1; k >= 0 && done === undefined; k--) if (ends[k]! + GATEWAY_LAG_MS <= wake) done = ends[k]! + GATEWAY_LAG_MS;
      const seen = Math.max(done ?? -Infinity, lastStart ?? -Infinity);
      const step = keeper!(wake, Number.isFinite(seen) ? seen : undefined);
      pings += step.pinged;
      looks += step.looked;
      wake = Math.max(step.next, wake + 1);
    }
  }
  return { pings, coldHits: rt.coldHits, looks, warmAtEnd: rt.isLoaded(T0 + DAY) };
}

function runWarmclaw(rc: RuntimeCfg, reqs: Req[], w: WarmclawCfg): Outcome {
  const rt = new Runtime(rc);
  let track: WarmTrack = emptyTrack();
  return replay(rt, reqs, (t, gatewayActivityAt) => {
    const obs = rt.look(t);
    if (w.gatewaySignal && gatewayActivityAt !== undefined) obs.externalActivityAt = gatewayActivityAt;
    track = observe(track, obs);
    const d = decide(track, obs, w.profile);
    if (d.action === 'wait') return { next: d.until, pinged: 0, looked: 1 };
    const ttl = pingTtlMs(w.profile, track, w.keepAliveMs);
    const end = rt.request(t, PING_MS, false, rc.kind === 'llamacpp' ? undefined : ttl);
    track = afterWarm(track, d.action, true, end);
    return { next: end, pinged: 1, looked: 1 };
  });
}

function runNaive(rc: RuntimeCfg, reqs: Req[]): Outcome {
  const rt = new Runtime(rc);
  return replay(rt, reqs, (t) => {
    rt.request(t, PING_MS, false);
    return { next: t + NAIVE_EVERY_MS, pinged: 1, looked: 0 };
  });
}

function runNone(rc: RuntimeCfg, reqs: Req[]): Outcome {
  return replay(new Runtime(rc), reqs);
}

/** The oracle: pings at the last moment before an unload that would precede the next request (or 24:00). */
function minimalPings(rc: RuntimeCfg, reqs: Req[], keepAliveMs?: number): number {
  const rt = new Runtime(rc);
  let pings = 0;
  const until = (t: number) => {
    while (rt.expiresAt <= t && rt.isLoaded(rt.expiresAt - 1)) {
      rt.request(rt.expiresAt - 1, 0, false, keepAliveMs);
      pings++;
    }
  };
  for (const r of reqs) {
    until(T0 + r.at);
    rt.request(T0 + r.at, r.dur, true);
  }
  until(T0 + DAY);
  return pings;
}

/** The closed form for a fixed TTL (a cross-check of the oracle). */
function minimalByFormula(reqs: Req[], ttlMs: number): number {
  let lastEnd = T0;
  let n = 0;
  const gap = (to: number) => {
    const g = to - lastEnd;
    if (g > ttlMs) n += Math.ceil((g - ttlMs) / ttlMs);
  };
  for (const r of reqs) {
    const at = T0 + r.at;
    if (at >= lastEnd) gap(at);
    lastEnd = Math.max(lastEnd, at + r.dur);
  }
  gap(T0 + DAY);
  return n;
}

/** Time with no user request in flight (the "idle time" of the 0.8 × TTL target). */
function idleMs(reqs: Req[]): number {
  let busy = 0;
  let cur = -Infinity;
  for (const r of reqs) {
    const a = Math.max(r.at, cur);
    const b = r.at + r.dur;
    if (b > a) busy += b - a;
    cur = Math.max(cur, b);
  }
  return DAY - busy;
}

// ---- scenarios ---------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  label: string;
  rc: RuntimeCfg;
  warmclaw: WarmclawCfg;
  /** Traffic visible to the policy (expires_at, task counter, or the gateway signal). */
  visible: boolean;
  /** Ping semantics the oracle should use (Ollama keep_alive Warmclaw sends). */
  oracleKeepAliveMs?: number;
}

export interface WarmBenchRow {
  pings: number;
  coldHits: number;
  minimalPings: number;
  looks?: number;
  warmAtEnd: boolean;
}

export interface WarmBenchScenario {
  label: string;
  ttlMs: number;
  userRequests: number;
  idleHours: number;
  minimalByFormula?: number;
  warmclaw: WarmBenchRow;
  naive: WarmBenchRow;
  none: WarmBenchRow;
  targets: { target: string; measured: string; pass: boolean }[];
}

export function runWarmBench(seed = 20261125): Record<string, WarmBenchScenario> {
  const reqs = trafficDay(seed);
  const idle = idleMs(reqs);
  const scenarios: Scenario[] = [
    { name: 'lmstudio', label: 'LM Studio, 60 min idle TTL, traffic invisible', rc: { kind: 'lmstudio', ttlMs: 60 * MIN }, warmclaw: { profile: runtimeProfile('lmstudio') }, visible: false },
    { name: 'ollama', label: 'Ollama, keep_alive 5 min, expires_at visible', rc: { kind: 'ollama', ttlMs: 5 * MIN }, warmclaw: { profile: runtimeProfile('ollama') }, visible: true },
    {
      name: 'lmstudio-gateway',
      label: 'LM Studio 60 min + OpenClaw gateway run start/end (GatewayActivity) as the signal',
      rc: { kind: 'lmstudio', ttlMs: 60 * MIN },
      warmclaw: { profile: runtimeProfile('lmstudio'), gatewaySignal: true },
      visible: true,
    },
    {
      name: 'ollama-keepalive-30m',
      label: 'Ollama 5 min, Warmclaw asks keep_alive 30m (settings default)',
      rc: { kind: 'ollama', ttlMs: 5 * MIN },
      warmclaw: { profile: runtimeProfile('ollama'), keepAliveMs: 30 * MIN },
      visible: true,
      oracleKeepAliveMs: 30 * MIN,
    },
    { name: 'llamacpp', label: 'llama.cpp --sleep-idle-seconds 600, /slots id_task visible', rc: { kind: 'llamacpp', ttlMs: 10 * MIN }, warmclaw: { profile: runtimeProfile('llamacpp', 10 * MIN) }, visible: true },
  ];
  const out: Record<string, WarmBenchScenario> = {};
  for (const sc of scenarios) {
    const minimal = minimalPings(sc.rc, reqs, sc.oracleKeepAliveMs);
    const row = (o: Outcome): WarmBenchRow => ({ pings: o.pings, coldHits: o.coldHits, minimalPings: minimal, looks: o.looks || undefined, warmAtEnd: o.warmAtEnd });
    const wc = row(runWarmclaw(sc.rc, reqs, sc.warmclaw));
    const naive = row(runNaive(sc.rc, reqs));
    const none = row(runNone(sc.rc, reqs));
    const ttl = sc.rc.ttlMs;
    const targets: WarmBenchScenario['targets'] = [];
    targets.push({ target: 'warmclaw cold hits = 0', measured: String(wc.coldHits), pass: wc.coldHits === 0 });
    if (sc.visible) {
      targets.push({ target: 'pings ≤ 1.25 × minimalPings', measured: `${wc.pings} vs ${minimal} (${(wc.pings / Math.max(1, minimal)).toFixed(2)}×)`, pass: wc.pings <= 1.25 * minimal });
    } else {
      const allowed = idle / (0.8 * ttl);
      targets.push({ target: '≤ 1 ping per 0.8 × TTL of idle time', measured: `${wc.pings} pings, allowance ${allowed.toFixed(1)}`, pass: wc.pings <= allowed });
    }
    targets.push({ target: '≥ 4× fewer pings than naive', measured: `${(naive.pings / Math.max(1, wc.pings)).toFixed(1)}×`, pass: naive.pings >= 4 * wc.pings });
    out[sc.name] = {
      label: sc.label,
      ttlMs: ttl,
      userRequests: reqs.length,
      idleHours: Number((idle / H).toFixed(2)),
      minimalByFormula: sc.oracleKeepAliveMs === undefined && sc.rc.kind !== 'llamacpp' ? minimalByFormula(reqs, ttl) : undefined,
      warmclaw: wc,
      naive,
      none,
      targets,
    };
  }
  return out;
}

export async function benchWarm(opts: { json: boolean }): Promise<void> {
  const res = runWarmBench();
  if (opts.json) {
    console.log(JSON.stringify(res, null, 2));
    return;
  }
  const first = Object.values(res)[0]!;
  console.log(`24 h simulated, ${first.userRequests} user requests (seeded), ${first.idleHours} h idle; model loaded at 00:00 and required warm at 24:00.\n`);
  const rows: Record<string, string | number>[] = [];
  for (const [name, sc] of Object.entries(res)) {
    for (const k of ['warmclaw', 'naive', 'none'] as const) {
      const r = sc[k];
      rows.push({ scenario: name, strategy: k, pings: r.pings, coldHits: r.coldHits, minimalPings: r.minimalPings, 'warm at 24:00': r.warmAtEnd ? 'yes' : 'no' });
    }
  }
  console.log(table(rows));
  console.log('');
  const trows: Record<string, string | number>[] = [];
  for (const [name, sc] of Object.entries(res)) for (const t of sc.targets) trows.push({ scenario: name, target: t.target, measured: t.measured, result: t.pass ? 'PASS' : 'FAIL' });
  console.log(table(trows));
  for (const [name, sc] of Object.entries(res)) {
    if (sc.minimalByFormula !== undefined && sc.minimalByFormula !== sc.warmclaw.minimalPings) console.log(`note: ${name}: oracle ${sc.warmclaw.minimalPings} vs closed form ${sc.minimalByFormula}`);
  }
}
