// The contract over the daemon's loopback HTTP API: POST /api/<name> with a JSON body, events over
// SSE at /api/events. A session is the HttpOnly cookie (set by the one-time /auth link) plus the
// session secret, which arrives once in the sign-in redirect's URL fragment and goes back with every
// call: the cookie alone reaches every server on 127.0.0.1, the secret only this origin's script.
import type { ApiEvent, ApiName, ApiResult } from '../../../shared/contract';
import { SESSION_FRAGMENT, SESSION_HEADER, SESSION_QUERY } from '../../../shared/web-session';
import type { ApiClient, ConnectionState } from './client';

const REOPEN_MS = 5_000;
const CALL_TIMEOUT_MS = 120_000; // config.apply runs OpenClaw's validator and may wait on the gateway
const PROBE_TIMEOUT_MS = 10_000;
const STORAGE_KEY = 'warmclaw.session';

let memorySecret: string | undefined;

/**
 * Moves the secret from the address bar (`/#session=…` after sign-in) into this origin's storage, so
 * reloads and other tabs of this origin have it, and the address bar and history do not.
 */
export function takeSessionSecret(): void {
  const m = new RegExp(`^#${SESSION_FRAGMENT}=([0-9a-f]{16,128})$`).exec(window.location.hash);
  if (!m) return;
  memorySecret = m[1]!;
  try {
    window.localStorage.setItem(STORAGE_KEY, memorySecret);
  } catch {
    /* storage off: this tab keeps it in memory */
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** Read on every call: a sign-in in another tab replaces the secret for all tabs of this origin. */
function sessionSecret(): string | undefined {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? memorySecret;
  } catch {
    return memorySecret;
  }
}

export function createHttpClient(origin: string): ApiClient {
  const listeners = new Set<(ev: ApiEvent) => void>();
  const connListeners = new Set<(s: ConnectionState) => void>();
  let source: EventSource | undefined;
  let state: ConnectionState = 'connecting';

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of connListeners) l(s);
  };

  const signedOut = () => {
    setState('signed-out');
    source?.close();
    source = undefined;
  };

  // After the stream failed: a 401 means the session ended (expired, or the daemon restarted).
  const probe = async (): Promise<boolean> => {
    try {
      const secret = sessionSecret();
      const res = await fetch(`${origin}/api/status`, { headers: secret ? { [SESSION_HEADER]: secret } : {}, credentials: 'same-origin', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      return res.status === 401 || res.status === 403;
    } catch {
      return false;
    }
  };

  const open = () => {
    if (source || state === 'signed-out') return;
    const secret = sessionSecret();
    if (!secret) return signedOut();
    source = new EventSource(`${origin}/api/events?${SESSION_QUERY}=${encodeURIComponent(secret)}`, { withCredentials: false });
    source.onopen = () => setState('open');
    // EventSource reconnects by itself (the server sends retry: 3000) unless the answer was an error
    // (e.g. 401 after the daemon restarted): then it stays closed, so open a new one after a pause.
    const es = source;
    source.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return setState('connecting');
      setState('lost');
      es.close();
      if (source === es) source = undefined;
      void probe().then((out) => {
        if (out) return signedOut();
        setTimeout(() => {
          if (!source && listeners.size) open();
        }, REOPEN_MS);
      });
    };
    source.onmessage = (m: MessageEvent<string>) => {
      let ev: ApiEvent;
      try {
        ev = JSON.parse(m.data) as ApiEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(ev);
    };
  };

  return {
    transport: 'http',
    async call(name: ApiName, input?: unknown): Promise<ApiResult<never>> {
      const secret = sessionSecret();
      if (!secret) {
        signedOut();
        return { ok: false, error: { code: 'unauthorized', message: 'This browser is not signed in to Warmclaw.' } };
      }
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), CALL_TIMEOUT_MS);
      try {
        const res = await fetch(`${origin}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [SESSION_HEADER]: secret },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          signal: ctrl.signal,
        });
        const body = (await res.json().catch(() => null)) as ApiResult<never> | null;
        // 401: the session ended; a refused secret: it belongs to an ended session.
        if (res.status === 401 || (res.status === 403 && body && !body.ok && body.error.code === 'session-secret')) signedOut();
        if (body && typeof body === 'object' && 'ok' in body) return body;
        return { ok: false, error: { code: 'io', message: `The Warmclaw daemon answered HTTP ${res.status} without a result.` } };
      } catch (err) {
        const aborted = (err as Error).name === 'AbortError';
        return {
          ok: false,
          error: { code: 'io', message: aborted ? 'The Warmclaw daemon did not answer in time.' : 'Cannot reach the Warmclaw daemon. Is `warmclaw daemon --ui` still running?' },
        };
      } finally {
        clearTimeout(timer);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      open();
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(state);
      return () => connListeners.delete(listener);
    },
  } as ApiClient;
}
