// Live state of the servers: endpoints, failover and the tray's summary. Loaded once, then kept
// current by pushed events; a full refresh after reconnects so nothing missed stays stale.
import { create } from 'zustand';
import type { ApiEvent, ApiOutput } from '../../../shared/contract';
import { withModelCall, type EndpointStatus, type ModelCall } from '../../../shared/status';
import { apiClient, unwrap, type ConnectionState } from '../api/client';
import { useToastStore } from './toast-store';

type Status = ApiOutput<'status'>;

export interface ColdStartNote {
  endpointId: string;
  modelId: string;
  ms: number;
  at: number;
}

interface StatusState {
  endpoints: EndpointStatus[];
  failover: Status['failover'] | null;
  summary: Status['summary'] | null;
  /** Refs kept warm per the engine (null until known: fall back to what models report). */
  keepWarm: string[] | null;
  /** Refs whose configured context OpenClaw refuses. */
  blocked: string[];
  connection: ConnectionState;
  loaded: boolean;
  error: string | null;
  refreshing: boolean;
  lastColdStart: Record<string, ColdStartNote>;
  /** OpenClaw's own recent model calls, timed by its gateway (oldest first; empty without a gateway). */
  modelCalls: ModelCall[];
  /** Refs being warmed by "Warm now" right now. */
  warming: Record<string, boolean>;
  load(): Promise<void>;
  /** Re-reads only the tray summary and failover (after events that may change them). */
  loadSummary(): Promise<void>;
  refresh(): Promise<void>;
  warmNow(ref: string): Promise<void>;
  /** Unloads a model now (keep-warm holds off until it is warmed again). */
  unloadNow(ref: string): Promise<void>;
  applyEvent(ev: ApiEvent): void;
  setConnection(state: ConnectionState): void;
}

const byId = (list: EndpointStatus[], ep: EndpointStatus) => {
  const i = list.findIndex((e) => e.id === ep.id);
  if (i < 0) return [...list, ep];
  const next = list.slice();
  next[i] = ep;
  return next;
};

export const useStatusStore = create<StatusState>()((set, get) => ({
  endpoints: [],
  failover: null,
  summary: null,
  keepWarm: null,
  blocked: [],
  connection: 'connecting',
  loaded: false,
  error: null,
  refreshing: false,
  lastColdStart: {},
  modelCalls: [],
  warming: {},

  async load() {
    // Only the newest answer counts: an older, slower one must not overwrite newer state.
    const seq = ++loadSeq;
    summarySeq++; // this answer carries a newer summary than any summary-only load already running
    try {
      const s = await unwrap(apiClient().call('status'));
      if (seq !== loadSeq) return;
      set({ endpoints: s.endpoints, failover: s.failover, summary: s.summary, keepWarm: s.keepWarm ?? null, blocked: s.blocked ?? [], modelCalls: s.modelCalls ?? [], loaded: true, error: null });
    } catch (err) {
      if (seq === loadSeq) set({ loaded: true, error: (err as Error).message });
    }
  },

  async loadSummary() {
    const seq = ++summarySeq;
    try {
      const s = await unwrap(apiClient().call('status'));
      // Endpoints come from events; only the derived summary and failover are taken from here.
      if (seq === summarySeq) set({ failover: s.failover, summary: s.summary, keepWarm: s.keepWarm ?? null, blocked: s.blocked ?? [] });
    } catch {
      // the next event or reconnect tries again
    }
  },

  async refresh() {
    set({ refreshing: true });
    try {
      await unwrap(apiClient().call('monitor.refresh'));
      await get().load();
    } catch (err) {
      useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
    } finally {
      set({ refreshing: false });
    }
  },

  warmNow(ref) {
    return modelAction(set, get, ref, async (toast) => {
      const r = await unwrap(apiClient().call('warm.now', { ref }));
      if (!r.ok) toast.push({ kind: 'error', text: r.error ?? ref, key: 'toast.warmFailed', values: { ref } });
      else toast.push({ kind: 'success', key: r.coldStart ? 'toast.warmedCold' : 'toast.warmed', values: { ref, ms: Math.round(r.ms) } });
    });
  },

  unloadNow(ref) {
    return modelAction(set, get, ref, async (toast) => {
      const r = await unwrap(apiClient().call('model.unload', { ref }));
      if (!r.ok) toast.push({ kind: 'error', text: r.error ?? ref, key: 'toast.unloadFailed', values: { ref } });
      else toast.push({ kind: 'success', key: 'toast.unloaded', values: { ref } });
    });
  },

  applyEvent(ev) {
    switch (ev.type) {
      case 'endpoint-changed':
        set((s) => ({ endpoints: byId(s.endpoints, ev.endpoint) }));
        scheduleSummaryReload(get);
        break;
      case 'endpoint-removed':
        set((s) => ({ endpoints: s.endpoints.filter((e) => e.id !== ev.id) }));
        scheduleSummaryReload(get);
        break;
      case 'cold-start':
        set((s) => ({ lastColdStart: { ...s.lastColdStart, [`${ev.endpointId} ${ev.modelId}`]: { ...ev, at: Date.now() } } }));
        break;
      case 'model-call': {
        const { type: _type, ...call } = ev;
        set((s) => ({ modelCalls: withModelCall(s.modelCalls, call) }));
        break;
      }
      case 'failover':
        scheduleSummaryReload(get);
        break;
      case 'config-changed':
        scheduleSummaryReload(get);
        break;
      default:
        break;
    }
  },

  setConnection(state) {
    const was = get().connection;
    set({ connection: state });
    // Back after a gap: events may have been missed.
    if (state === 'open' && was !== 'open' && get().loaded) void get().load();
  },
}));

let loadSeq = 0;
let summarySeq = 0;

// The summary and failover come from `status`; coalesce bursts of events into one reload.
let summaryTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleSummaryReload(get: () => StatusState): void {
  clearTimeout(summaryTimer);
  summaryTimer = setTimeout(() => void get().loadSummary(), 250);
}

/** Cold start note for one model, if any was seen this session. */
export const coldStartKey = (endpointId: string, modelId: string) => `${endpointId} ${modelId}`;

/** One action on one model (warm, unload): busy while it runs, a toast with the outcome, then a fresh status. */
async function modelAction(
  set: (fn: (s: StatusState) => Partial<StatusState>) => void,
  get: () => StatusState,
  ref: string,
  run: (toast: ReturnType<typeof useToastStore.getState>) => Promise<void>,
): Promise<void> {
  set((s) => ({ warming: { ...s.warming, [ref]: true } }));
  try {
    await run(useToastStore.getState());
    await get().load();
  } catch (err) {
    useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
  } finally {
    set((s) => {
      const { [ref]: _done, ...rest } = s.warming;
      return { warming: rest };
    });
  }
}
