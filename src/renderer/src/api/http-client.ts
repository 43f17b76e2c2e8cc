// The contract over the daemon's loopback HTTP API: POST /api/<name> with a JSON body, events over
// SSE at /api/events. The session cookie (set by /auth?token=…) authenticates; same-origin only.
import type { ApiEvent, ApiName, ApiResult } from '../../../shared/contract';
import type { ApiClient, ConnectionState } from './client';

const REOPEN_MS = 5_000;
const CALL_TIMEOUT_MS = 120_000; // config.apply runs OpenClaw's validator and may wait on the gateway

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

  const open = () => {
    if (source) return;
    source = new EventSource(`${origin}/api/events`, { withCredentials: false });
    source.onopen = () => setState('open');
    // EventSource reconnects by itself (the server sends retry: 3000) unless the answer was an error
    // (e.g. 401 after the daemon restarted): then it stays closed, so open a new one after a pause.
    const es = source;
    source.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return setState('connecting');
      setState('lost');
      es.close();
      if (source === es) source = undefined;
      setTimeout(() => {
        if (!source && listeners.size) open();
      }, REOPEN_MS);
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
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), CALL_TIMEOUT_MS);
      try {
        const res = await fetch(`${origin}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          signal: ctrl.signal,
        });
        const body = (await res.json().catch(() => null)) as ApiResult<never> | null;
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
