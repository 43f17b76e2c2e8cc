// Which desktop notifications an event deserves, decided in plain Node so the rules are tested:
// a local server went down, a cold start happened, the gateway rejected a config, failover switched.
// src/main/electron/notifications.ts only shows what this returns.
import type { ApiEvent, ApplyResultView } from '../../../shared/contract';
import type { EndpointStatus } from '../../../shared/status';
import { hostOf, oneLine } from '../text';
import { serverState } from '../../../shared/states';
import { noticeWords } from './notice-words';

export interface Notice {
  title: string;
  body: string;
}

/** An ApiEvent, or the result of a config write (the shell inspects config.apply/undo/restore answers). */
export type NotifyInput = ApiEvent | { type: 'apply-result'; name: 'config.apply' | 'config.undo' | 'config.restore'; result: ApplyResultView };

/** What the decision needs to remember: the last known endpoints (to see up → down). */
export type EndpointMemory = ReadonlyMap<string, EndpointStatus>;

const MAX_BODY = 240;

const clip = (s: string) => oneLine(s, MAX_BODY);

/**
 * The notices for one event given what was known before it. Pure: the caller keeps `prev` up to date
 * with `rememberEndpoints` and drops the notices when the user turned notifications off.
 */
export function notificationsFor(prev: EndpointMemory, event: NotifyInput, language?: string): Notice[] {
  const w = noticeWords(language);
  switch (event.type) {
    case 'endpoint-changed': {
      const now = event.endpoint;
      const before = prev.get(now.id);
      // Only servers the config routes to matter (a scanned server stopping is not news), and only a
      // transition: an endpoint that starts down, or stays down, does not notify again.
      if (now.source !== 'config' || now.health !== 'down' || !before || (before.health !== 'up' && before.health !== 'degraded')) return [];
      const name = now.providerId ?? hostOf(now.baseUrl);
      const state = serverState(now);
      const word = state === 'unreachable' ? 'unreachable' : state === 'failing' ? 'failing' : 'down';
      return [{ title: w.serverTitle(word, name), body: clip(w.say(now.lastErrorMsg, now.lastError ?? w.stoppedAnswering(hostOf(now.baseUrl)))) }];
    }
    case 'cold-start': {
      const model = event.modelId;
      const host = hostOf(event.endpointId);
      if (event.by === 'client') return [{ title: w.coldStartTitle(model), body: clip(w.coldStartByClient(model, host)) }];
      return [{ title: w.coldStartTitle(model), body: clip(w.coldStartByUs(model, host, w.seconds(event.ms))) }];
    }
    case 'failover': {
      const reason = w.say(event.reasonMsg, event.reason);
      return event.direction === 'to-hosted' ? [{ title: w.toHostedTitle, body: clip(w.toHosted(reason)) }] : [{ title: w.toLocalTitle, body: clip(w.toLocal(reason)) }];
    }
    case 'apply-result': {
      const gw = event.result.gateway;
      if (gw?.status !== 'rejected') return [];
      const issues = (gw.issues ?? []).slice(0, 2).map((i) => `${i.path || 'config'}: ${i.message}`);
      return [{ title: w.gatewayRejected, body: clip([gw.message, ...issues].join(' ')) }];
    }
    default:
      return [];
  }
}

/** The endpoint memory after an event (a new map; the old one is untouched). */
export function rememberEndpoints(prev: EndpointMemory, event: NotifyInput): EndpointMemory {
  if (event.type === 'endpoint-changed') return new Map(prev).set(event.endpoint.id, event.endpoint);
  if (event.type === 'endpoint-removed' && prev.has(event.id)) {
    const next = new Map(prev);
    next.delete(event.id);
    return next;
  }
  return prev;
}

export interface NotifierOptions {
  /** settings.notifications, read at each event (so a change applies at once). */
  enabled: () => boolean;
  /** settings.language, read at each event. */
  language?: () => string | undefined;
  /** The same notice (title) is shown at most once per this window (default 5 minutes). */
  quietMs?: number;
  now?: () => number;
}

/** Stateful wrapper for the shell: remembers endpoints, respects the setting, drops repeats. */
export function createNotifier(opts: NotifierOptions): { next(event: NotifyInput): Notice[]; seed(endpoints: readonly EndpointStatus[]): void } {
  let memory: EndpointMemory = new Map();
  const lastShown = new Map<string, number>();
  const now = opts.now ?? Date.now;
  const quiet = opts.quietMs ?? 5 * 60_000;
  return {
    seed(endpoints) {
      memory = new Map(endpoints.map((e) => [e.id, e]));
    },
    next(event) {
      const notices = notificationsFor(memory, event, opts.language?.());
      memory = rememberEndpoints(memory, event);
      if (!opts.enabled()) return [];
      const t = now();
      return notices.filter((n) => {
        const last = lastShown.get(n.title);
        if (last !== undefined && t - last < quiet) return false;
        lastShown.set(n.title, t);
        return true;
      });
    },
  };
}

const WRITES = new Set(['config.apply', 'config.undo', 'config.restore']);

/** The notifier input for a handler answer: only successful config writes (whose gateway may have rejected them). */
export function applyResultInput(name: string, result: { ok: boolean; data?: unknown }): NotifyInput | null {
  if (!WRITES.has(name) || !result.ok || !result.data || typeof result.data !== 'object') return null;
  return { type: 'apply-result', name: name as 'config.apply' | 'config.undo' | 'config.restore', result: result.data as ApplyResultView };
}
