// Browser sessions of the loopback web UI. Cookies ignore ports, so any other server on 127.0.0.1 the
// browser talks to receives our session cookie: the cookie alone must not be enough. Each session
// also has a secret that reaches the page only through the sign-in redirect's URL fragment (never
// sent to a server, kept in the page's own origin storage) and must come back in a header on every
// API call. Sign-in links work once; sessions end after an idle time and after an absolute age.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface SessionLimits {
  /** A session unused (no API call, no open event stream) this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  maxMs: number;
}

/** Half a working day idle, a week at most: a tab left open stays signed in, a lost cookie does not live on. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 12 * 60 * 60_000, maxMs: 7 * 24 * 60 * 60_000 };

/** How many used links / ended sessions are remembered to say "used" or "expired" instead of "wrong". */
const REMEMBERED = 64;

export type Redeemed = { state: 'ok'; session: string; secret: string } | { state: 'used' } | { state: 'wrong' };
export type SessionCheck = 'ok' | 'missing-secret' | 'wrong-secret' | 'expired' | 'unknown';

interface Session {
  secret: string;
  created: number;
  lastSeen: number;
}

const newSecret = () => randomBytes(32).toString('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function remember(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > REMEMBERED) set.delete(set.values().next().value!);
}

export class WebSessions {
  private code: string;
  private readonly used = new Set<string>();
  private readonly sessions = new Map<string, Session>();
  private readonly ended = new Set<string>();

  constructor(
    firstCode: string,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.code = firstCode;
  }

  /** The sign-in code the current link carries (a fresh one after each sign-in). */
  get signInCode(): string {
    return this.code;
  }

  /** Trades the current sign-in code for a new session, once; the next link gets a new code. */
  redeem(given: string): Redeemed {
    if (given && sameSecret(given, this.code)) {
      remember(this.used, this.code);
      this.code = newSecret();
      const session = newSecret();
      const t = this.now();
      this.sessions.set(session, { secret: newSecret(), created: t, lastSeen: t });
      return { state: 'ok', session, secret: this.sessions.get(session)!.secret };
    }
    if ([...this.used].some((u) => sameSecret(u, given))) return { state: 'used' };
    return { state: 'wrong' };
  }

  /** Checks a cookie's session and the page's secret; a valid check counts as use (idle timer restarts). */
  check(session: string | undefined, secret: string | undefined): SessionCheck {
    if (!session) return 'unknown';
    const id = [...this.sessions.keys()].find((s) => sameSecret(s, session));
    if (id === undefined) return [...this.ended].some((e) => sameSecret(e, session)) ? 'expired' : 'unknown';
    const s = this.sessions.get(id)!;
    if (!this.alive(id, s)) return 'expired';
    if (!secret) return 'missing-secret';
    if (!sameSecret(secret, s.secret)) return 'wrong-secret';
    s.lastSeen = this.now();
    return 'ok';
  }

  /** Whether a session (by its cookie value) is still alive; used by open event streams. */
  isAlive(session: string): boolean {
    const s = this.sessions.get(session);
    return s !== undefined && this.alive(session, s);
  }

  /** An open event stream is use: the tab is showing the UI. */
  touch(session: string): void {
    const s = this.sessions.get(session);
    if (s && this.alive(session, s)) s.lastSeen = this.now();
  }

  /** The session id behind a cookie value (constant-time compare), if any. */
  idOf(session: string | undefined): string | undefined {
    if (!session) return undefined;
    return [...this.sessions.keys()].find((s) => sameSecret(s, session));
  }

  private alive(id: string, s: Session): boolean {
    const t = this.now();
    if (t - s.lastSeen < this.limits.idleMs && t - s.created < this.limits.maxMs) return true;
    this.sessions.delete(id);
    remember(this.ended, id);
    return false;
  }
}
