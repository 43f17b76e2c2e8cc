// When to probe an endpoint next: a pure function of its recent history, so the rules (fast while
// something changes or is down, slow when stable, slower still when quiet for a minute, exponential
// backoff when down for long, jitter)
// are unit-tested without timers. The monitor only adds the timer.
import type { EndpointHealth } from '../../../shared/status';

export interface PollSettings {
  /** While something changes, loads, is degraded, or has just gone down (ms). */
  fastMs: number;
  /** When stable (ms). Death of an up endpoint is caught by the liveness watch, not by this interval. */
  slowMs: number;
  /**
   * When nothing has changed for `quietAfterProbes` slow probes, the interval stretches to
   * slowMs × quietFactor, capped at quietMs (never below slowMs). Why: an idle daemon with 5
   * endpoints spent ~0.5 % of a core on probes that found nothing new; the held-open TCP watch
   * catches a death in milliseconds whatever this interval, and any change brings back fastMs. It
   * scales with slowMs because a user who asks for a 2 s stable interval wants a server that starts
   * answering with errors (which the TCP watch cannot see) noticed in seconds, not in a minute.
   */
  quietMs: number;
  quietFactor: number;
  /** Slow probes without a change before quietMs applies. */
  quietAfterProbes: number;
  /** Backoff cap for endpoints down for long (ms). */
  maxBackoffMs: number;
  /** Backoff cap for priority endpoints (the one holding the local primary): we want to see it return. */
  priorityMaxBackoffMs: number;
  /** An endpoint down for less than this is still probed at fastMs (ms). */
  downFastForMs: number;
  /** Probes after the last change that still count as "changing". */
  settleProbes: number;
  /** ± fraction of the delay, so many endpoints never probe in lockstep. */
  jitter: number;
}

export const DEFAULT_POLL: PollSettings = {
  fastMs: 2_000,
  slowMs: 15_000,
  quietMs: 60_000,
  quietFactor: 4,
  quietAfterProbes: 4,
  maxBackoffMs: 60_000,
  priorityMaxBackoffMs: 10_000,
  downFastForMs: 30_000,
  settleProbes: 3,
  jitter: 0.1,
};

export interface ProbeHistory {
  health: EndpointHealth;
  /** How long it has been down (monotonic ms); 0 when not down. */
  downForMs: number;
  /** Consecutive down probes after the fast window (drives the backoff exponent). */
  backoffProbes: number;
  /** Probes since the status last changed (0 = the probe that just ran changed it). */
  probesSinceChange: number;
  /** A model is loading, or something else is in motion. */
  busy: boolean;
  priority: boolean;
}

/** The delay before the next probe, before jitter. */
export function baseDelay(h: ProbeHistory, s: PollSettings = DEFAULT_POLL): number {
  if (h.health === 'down') {
    if (h.downForMs < s.downFastForMs) return s.fastMs;
    const cap = h.priority ? Math.min(s.priorityMaxBackoffMs, s.maxBackoffMs) : s.maxBackoffMs;
    return Math.min(cap, s.fastMs * 2 ** Math.min(20, h.backoffProbes + 1));
  }
  if (h.health === 'unknown' || h.busy) return s.fastMs;
  // Degraded (answers, but refuses us or part of its API fails) is fast only while it changes: a
  // server stuck on a wrong API key would otherwise cost a full probe every 2 s forever.
  if (h.probesSinceChange < s.settleProbes) return s.fastMs;
  if (h.probesSinceChange < s.settleProbes + s.quietAfterProbes) return s.slowMs;
  return Math.max(s.slowMs, Math.min(s.quietMs, s.slowMs * s.quietFactor));
}

/** The delay before the next probe, with jitter (never below 250 ms). `random` returns [0, 1). */
export function nextProbeDelay(h: ProbeHistory, s: PollSettings = DEFAULT_POLL, random: () => number = Math.random): number {
  const base = baseDelay(h, s);
  const factor = 1 + s.jitter * (2 * random() - 1);
  return Math.max(250, Math.round(base * factor));
}
