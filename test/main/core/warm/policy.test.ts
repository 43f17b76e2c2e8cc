// The pure keep-warm policy: ping just before the runtime would unload, never when real traffic already
// reset the timer, at most one ping per 0.8 × TTL where traffic is invisible, schedule and pause.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterWarm,
  decide,
  emptyTrack,
  marginFor,
  observe,
  pingTtlMs,
  predictUnload,
  retryDelay,
  runtimeProfile,
  type Decision,
  type WarmObservation,
  type WarmTrack,
} from '../../../../src/main/core/warm/policy';
import { inSchedule, nextScheduleChange, scheduleState, toSchedule, WEEKDAYS } from '../../../../src/main/core/warm/schedule';
import { ollamaDuration, ollamaDurationMs, ollamaRequestShape } from '../../../../src/main/core/warm/ollama-options';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0); // a Wednesday
const ollama = runtimeProfile('ollama');
const lms = runtimeProfile('lmstudio');

function waitUntil(d: Decision): number {
  expect(d.action).toBe('wait');
  return (d as Extract<Decision, { action: 'wait' }>).until;
}

describe('marginFor / retryDelay', () => {
  it('keeps the margin between 20 s (or 20 % of a tiny TTL) and 20 % of the TTL', () => {
    expect(marginFor(5 * MIN)).toBe(20 * S);
    expect(marginFor(60 * MIN)).toBe(3 * MIN);
    expect(marginFor(30 * S)).toBe(6 * S);
    for (const ttl of [10 * S, MIN, 5 * MIN, 3_600_000, 86_400_000]) expect(marginFor(ttl)).toBeLessThanOrEqual(0.2 * ttl);
  });

  it('backs off 5 s, 10 s, 20 s… capped at 60 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelay)).toEqual([5 * S, 10 * S, 20 * S, 40 * S, 60 * S, 60 * S]);
  });
});

describe('Ollama (expires_at visible)', () => {
  const loaded = (now: number, expiresAt: number): WarmObservation => ({ now, state: 'loaded', expiresAt });

  it('waits until just before expires_at, then pings', () => {
    const expires = T0 + 5 * MIN;
    let track = observe(emptyTrack(), loaded(T0, expires));
    const d = decide(track, loaded(T0, expires), ollama);
    expect(d).toMatchObject({ action: 'wait', nextPingAt: expires - 20 * S });
    const at = waitUntil(d);
    expect(at).toBe(expires - 20 * S);
    track = observe(track, loaded(at, expires));
    expect(decide(track, loaded(at, expires), ollama).action).toBe('ping');
  });

  it('does not ping when real traffic moved expires_at (the timer was reset)', () => {
    const first = T0 + 5 * MIN;
    let track = observe(emptyTrack(), loaded(T0, first));
    const at = waitUntil(decide(track, loaded(T0, first), ollama));
    // A user request finished at T0 + 4 min: Ollama now plans the unload 5 min after it.
    const moved = T0 + 9 * MIN;
    track = observe(track, loaded(at, moved));
    const d = decide(track, loaded(at, moved), ollama);
    expect(d.action).toBe('wait');
    expect(waitUntil(d)).toBe(moved - 20 * S);
  });

  it('learns a longer keep-alive from real traffic and never asks for a shorter one', () => {
    let track = observe(emptyTrack(), loaded(T0, T0 + 5 * MIN));
    // OpenClaw sends params.keep_alive = "30m": expires_at jumps 30 min ahead of the next look.
    track = observe(track, loaded(T0 + 60 * S, T0 + 60 * S + 30 * MIN - 4 * S));
    expect(pingTtlMs(ollama, track)).toBe(30 * MIN);
    expect(pingTtlMs(ollama, emptyTrack())).toBe(5 * MIN);
    expect(pingTtlMs(ollama, emptyTrack(), 30 * MIN)).toBe(30 * MIN);
  });

  it('does not learn from the movement its own ping caused', () => {
    let track = observe(emptyTrack(), loaded(T0, T0 + 5 * MIN));
    track = afterWarm(track, 'ping', true, T0 + 4 * MIN);
    track = observe(track, loaded(T0 + 4 * MIN + 1, T0 + 4 * MIN + 45 * MIN));
    expect(track.learnedTtlMs).toBeUndefined();
  });

  it('treats a far-future expires_at (keep_alive -1) as "never unloads"', () => {
    const forever = T0 + 292 * 365 * 24 * 3_600_000;
    expect(predictUnload(emptyTrack(), loaded(T0, forever), ollama)).toBe(Infinity);
    expect(decide(emptyTrack(), loaded(T0, forever), ollama)).toMatchObject({ action: 'wait' });
  });
});

describe('LM Studio (traffic invisible)', () => {
  const obs = (now: number): WarmObservation => ({ now, state: 'loaded' });

  it('pings at once when it finds the model loaded with an unknown idle time', () => {
    expect(decide(emptyTrack(), obs(T0), lms).action).toBe('ping');
  });

  it('then pings once per TTL − margin (never more often than 0.8 × TTL)', () => {
    let track = afterWarm(observe(emptyTrack(), obs(T0)), 'ping', true, T0);
    const next = waitUntil(decide(track, obs(T0 + S), lms));
    // Re-looks in between find nothing new; the ping lands at TTL − 3 min.
    let t = T0 + S;
    let d = decide(track, obs(t), lms);
    while (d.action === 'wait') {
      t = (d as Extract<Decision, { action: 'wait' }>).until;
      track = observe(track, obs(t));
      d = decide(track, obs(t), lms);
    }
    expect(d.action).toBe('ping');
    expect(t).toBe(T0 + 57 * MIN);
    expect(t - T0).toBeGreaterThanOrEqual(0.8 * 60 * MIN);
    expect(next).toBeLessThanOrEqual(t);
  });

  it('uses the OpenClaw gateway activity as the signal when it is wired (minus a skew)', () => {
    let track = afterWarm(emptyTrack(), 'ping', true, T0);
    const ran = T0 + 40 * MIN;
    track = observe(track, { now: T0 + 50 * MIN, state: 'loaded', externalActivityAt: ran });
    const d = decide(track, { now: T0 + 50 * MIN, state: 'loaded' }, lms);
    expect(d).toMatchObject({ action: 'wait', nextPingAt: ran - 30 * S + 60 * MIN - 3 * MIN });
  });

  it('assumes traffic at the last unloaded look when someone else loaded it', () => {
    let track = observe(emptyTrack(), { now: T0, state: 'not-loaded' });
    track = observe(track, { now: T0 + 5 * MIN, state: 'loaded' });
    expect(track.lastActivityAt).toBe(T0);
    expect(predictUnload(track, obs(T0 + 5 * MIN), lms)).toBe(T0 + 60 * MIN);
  });
});

describe('llama.cpp (busy flag and task counter)', () => {
  const llama = runtimeProfile('llamacpp', 10 * MIN);

  it('a task counter that moved since the last read counts as traffic at that read (earliest case)', () => {
    let track = afterWarm(emptyTrack(), 'ping', true, T0);
    track = observe(track, { now: T0 + MIN, state: 'loaded', taskMarker: 7 });
    track = observe(track, { now: T0 + 3 * MIN, state: 'loaded', taskMarker: 9 });
    expect(track.lastActivityAt).toBe(T0 + MIN);
    expect(predictUnload(track, { now: T0 + 3 * MIN, state: 'loaded' }, llama)).toBe(T0 + 11 * MIN);
  });

  it('a busy slot postpones the ping by a whole TTL from now', () => {
    const track = afterWarm(emptyTrack(), 'ping', true, T0);
    const d = decide(track, { now: T0 + 9 * MIN, state: 'loaded', busy: true }, llama);
    expect(d).toMatchObject({ action: 'wait', nextPingAt: T0 + 19 * MIN - marginFor(10 * MIN) });
    // And the look-again interval stays short, to see traffic end.
    expect(waitUntil(d)).toBe(T0 + 9 * MIN + 15 * S);
  });

  it('a runtime that never unloads is never pinged, only loaded when found unloaded', () => {
    const forever = runtimeProfile('llamacpp');
    expect(decide(emptyTrack(), { now: T0, state: 'loaded' }, forever).action).toBe('wait');
    expect(decide(emptyTrack(), { now: T0, state: 'sleeping' }, forever).action).toBe('load');
  });
});

describe('unloaded, failing, unreachable', () => {
  it('loads a model found unloaded once, and backs off when that fails', () => {
    const o: WarmObservation = { now: T0, state: 'not-loaded' };
    expect(decide(emptyTrack(), o, lms).action).toBe('load');
    const failed = afterWarm(emptyTrack(), 'load', false, T0);
    expect(decide(failed, { now: T0 + S, state: 'not-loaded' }, lms)).toMatchObject({ action: 'wait', until: T0 + 5 * S });
    expect(decide(failed, { now: T0 + 5 * S, state: 'not-loaded' }, lms).action).toBe('load');
    const twice = afterWarm(failed, 'load', false, T0 + 5 * S);
    expect(waitUntil(decide(twice, { now: T0 + 6 * S, state: 'not-loaded' }, lms))).toBe(T0 + 15 * S);
  });

  it('waits (never pings) while the server cannot be reached or the model is loading', () => {
    expect(decide(emptyTrack(), { now: T0, state: 'unreachable' }, ollama).action).toBe('wait');
    expect(decide(emptyTrack(), { now: T0, state: 'loading' }, ollama).action).toBe('wait');
  });
});

describe('schedule and pause', () => {
  const sched = toSchedule({ days: WEEKDAYS, start: '08:00', end: '20:00' }, 'UTC')!;

  it('pauses everything', () => {
    expect(decide(emptyTrack(), { now: T0, state: 'not-loaded' }, lms, { paused: true })).toMatchObject({ action: 'wait', reason: 'keep-warm is paused' });
  });

  it('does nothing outside the window and wakes 2 min before it opens', () => {
    const night = Date.UTC(2026, 10, 25, 23, 0);
    const d = decide(emptyTrack(), { now: night, state: 'not-loaded' }, lms, { schedule: sched });
    expect(waitUntil(d)).toBe(Date.UTC(2026, 10, 26, 7, 58));
    expect(decide(emptyTrack(), { now: Date.UTC(2026, 10, 26, 7, 58), state: 'not-loaded' }, lms, { schedule: sched }).action).toBe('load');
  });

  it('skips the weekend (re-deciding at least daily)', () => {
    let t = Date.UTC(2026, 10, 27, 20, 30); // Friday evening
    let d = decide(emptyTrack(), { now: t, state: 'not-loaded' }, ollama, { schedule: sched });
    while (d.action === 'wait') {
      expect(d.reason).toBe('outside the keep-warm schedule');
      t = waitUntil(d);
      d = decide(emptyTrack(), { now: t, state: 'not-loaded' }, ollama, { schedule: sched });
    }
    expect(d.action).toBe('load');
    expect(t).toBe(Date.UTC(2026, 10, 30, 7, 58)); // Monday
  });

  it('does not ping when the runtime keeps the model until the window closes anyway', () => {
    const late = Date.UTC(2026, 10, 25, 19, 58);
    const d = decide(emptyTrack(), { now: late, state: 'loaded', expiresAt: late + 2 * MIN + 30 * S }, ollama, { schedule: sched });
    expect(d).toMatchObject({ action: 'wait', reason: 'stays loaded until the schedule ends' });
  });

  it('evaluates windows in local time across a DST change (Europe/Paris, last Sunday of March)', () => {
    const paris = toSchedule({ days: [0, 1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' }, 'Europe/Paris')!;
    // 2026-03-28 (CET, UTC+1) and 2026-03-29 (CEST, UTC+2).
    expect(inSchedule(Date.UTC(2026, 2, 28, 7, 0), paris)).toBe(true);
    expect(inSchedule(Date.UTC(2026, 2, 28, 6, 59), paris)).toBe(false);
    expect(nextScheduleChange(Date.UTC(2026, 2, 28, 20, 0), paris)).toBe(Date.UTC(2026, 2, 29, 6, 0));
    expect(inSchedule(Date.UTC(2026, 2, 29, 6, 0), paris)).toBe(true);
  });

  it('supports overnight windows', () => {
    const nights = toSchedule({ days: [5], start: '22:00', end: '06:00' }, 'UTC')!; // Friday night
    expect(inSchedule(Date.UTC(2026, 10, 27, 23, 0), nights)).toBe(true);
    expect(inSchedule(Date.UTC(2026, 10, 28, 5, 59), nights)).toBe(true);
    expect(inSchedule(Date.UTC(2026, 10, 28, 6, 0), nights)).toBe(false);
    expect(scheduleState(Date.UTC(2026, 10, 27, 23, 0), nights)).toEqual({ active: true, until: Date.UTC(2026, 10, 28, 6, 0) });
  });
});

describe('Ollama request shape (what OpenClaw 2026.9 sends)', () => {
  it('native API: params.num_ctx, else contextTokens, else nothing (not contextWindow)', () => {
    expect(ollamaRequestShape({ api: 'ollama', contextWindow: 131072 }).options).toEqual({});
    expect(ollamaRequestShape({ api: 'ollama', contextWindow: 131072, contextTokens: 32768 }).options).toEqual({ num_ctx: 32768 });
    expect(ollamaRequestShape({ api: 'ollama', contextTokens: 32768, modelParams: { num_ctx: 16384, temperature: 0.7, num_gpu: 99 } }).options).toEqual({ num_ctx: 16384, num_gpu: 99 });
    expect(ollamaRequestShape({ api: 'ollama', providerParams: { num_ctx: 8192 }, agentParams: { num_ctx: 4096 } }).options).toEqual({ num_ctx: 4096 });
  });

  it('OpenAI-compatible /v1 against Ollama injects num_ctx down to contextWindow unless disabled', () => {
    expect(ollamaRequestShape({ api: 'openai-completions', contextWindow: 65536 }).options).toEqual({ num_ctx: 65536 });
    expect(ollamaRequestShape({ api: 'openai-completions', contextWindow: 65536, injectNumCtxForOpenAICompat: false }).options).toEqual({});
  });

  it('forwards params.keep_alive and parses Ollama durations', () => {
    expect(ollamaRequestShape({ modelParams: { keep_alive: '30m' } }).keepAlive).toBe('30m');
    expect(ollamaDurationMs('1h30m')).toBe(90 * MIN);
    expect(ollamaDurationMs(300)).toBe(5 * MIN);
    expect(ollamaDurationMs('-1')).toBe(Infinity);
    expect(ollamaDurationMs('soon')).toBeUndefined();
    expect(ollamaDuration(5 * MIN)).toBe('5m');
    expect(ollamaDuration(90 * S)).toBe('90s');
  });
});

/** A tiny Ollama-rules runtime (as test/sim: expires_at = last request end + keep_alive). */
function simulate(gaps: number[], ttl: number): { pings: number; cold: number; idle: number } {
  let expiresAt = T0 + ttl;
  let t = T0;
  let track: WarmTrack = emptyTrack();
  let wake = T0;
  let pings = 0;
  let cold = 0;
  const requests = gaps.map((g) => (t += g));
  const end = t + ttl / 2;
  let i = 0;
  const profile = runtimeProfile('ollama', ttl);
  while (i < requests.length || wake < end) {
    const r = requests[i] ?? Infinity;
    if (r <= wake) {
      if (r >= expiresAt) cold++;
      expiresAt = r + 2 * S + ttl;
      i++;
      continue;
    }
    if (wake >= end) break;
    const now = wake;
    const o: WarmObservation = now < expiresAt ? { now, state: 'loaded', expiresAt } : { now, state: 'not-loaded' };
    track = observe(track, o);
    const d = decide(track, o, profile);
    if (d.action === 'wait') {
      wake = Math.max(d.until, now + 1);
    } else {
      pings++;
      expiresAt = now + 50 + ttl;
      track = afterWarm(track, d.action, true, now + 50);
      wake = now + 50;
    }
  }
  return { pings, cold, idle: t - T0 };
}

describe('property: any traffic, no cold request, bounded pings', () => {
  it('an Ollama-rules runtime driven by the policy never makes a user wait for a load', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1 * S, max: 3 * 3_600_000 }), { minLength: 1, maxLength: 40 }), fc.constantFrom(2 * MIN, 5 * MIN, 30 * MIN), (gaps, ttl) => {
        const r = simulate(gaps, ttl);
        expect(r.cold).toBe(0);
        // Never more than one ping per (TTL − margin) of elapsed time, plus one.
        expect(r.pings).toBeLessThanOrEqual(Math.ceil((r.idle + ttl) / (ttl - marginFor(ttl))) + 1);
      }),
      { numRuns: 150 },
    );
  });
});
