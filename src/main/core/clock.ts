// Time as a dependency: the monitor, warm-keeper and simulators take a Clock, so tests and benchmarks
// run hours of TTLs in milliseconds (ManualClock) while the app uses real time (systemClock).

export interface Clock {
  /** Wall-clock ms since epoch (what servers report, e.g. Ollama expires_at). */
  now(): number;
  /** Monotonic ms (never jumps on sleep or NTP); compare with now() to detect the machine waking. */
  monotonic(): number;
  /** Calls fn after ms; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
  /** Resolves after ms on this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that only moves when told. `advance(ms)` runs every timer due in order, letting promise
 * callbacks settle between them, so async code driven by timers behaves as it would in real time.
 */
export class ManualClock implements Clock {
  private t: number;
  private mono = 0;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(startMs = Date.UTC(2026, 10, 25, 8, 0, 0)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.mono + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.setTimeout(r, ms));
  }

  /**
   * Moves time forward by ms, firing due timers in order. After each timer, `opts.waitFor` (e.g. "the
   * keeper's in-flight HTTP calls are done") is awaited, so real I/O started by a timer completes at
   * that simulated instant. Simulators driven by a ManualClock answer immediately (no clock waits
   * inside a request), which keeps this free of deadlocks.
   */
  async advance(ms: number, opts: { waitFor?: () => Promise<unknown> } = {}): Promise<void> {
    const end = this.mono + ms;
    for (;;) {
      await settle();
      if (opts.waitFor) await opts.waitFor();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t += next.at - this.mono;
      this.mono = next.at;
      next.fn();
    }
    this.t += end - this.mono;
    this.mono = end;
    await settle();
  }

  /** Simulates the machine sleeping: wall time jumps, monotonic time does not (timers do not fire). */
  jumpWallClock(ms: number): void {
    this.t += ms;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

/** Lets pending promise callbacks (and I/O callbacks already queued) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * Settles like `p`, unless `ms` pass first on `clock`: then rejects with `onTimeout()` (which may
 * also note that `p` is still running). `p` keeps running either way; its late result is ignored.
 */
export function raceDeadline<T>(clock: Clock, p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const cancel = clock.setTimeout(() => {
      if (settled) return;
      settled = true;
      p.catch(() => {});
      reject(onTimeout());
    }, ms);
    p.then(
      (v) => {
        if (settled) return;
        settled = true;
        cancel();
        resolve(v);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        cancel();
        reject(err);
      },
    );
  });
}
