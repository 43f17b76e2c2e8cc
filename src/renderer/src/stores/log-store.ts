// The log view's state: the filters, the newest matching lines of the engine's log file, and
// whether the view follows the file (re-reads it every few seconds while open).
import { create } from 'zustand';
import type { LogPage, LogQuery } from '../../../shared/contract';
import type { LogLevelName } from '../../../shared/log-lines';
import { apiClient, unwrap } from '../api/client';

/** Lines one read asks for: enough to scroll, few enough to render at once. */
export const LOG_VIEW_LIMIT = 200;

export interface LogFilters {
  level: LogLevelName | '';
  text: string;
  server: string;
}

export const NO_FILTERS: LogFilters = { level: '', text: '', server: '' };

interface LogState {
  filters: LogFilters;
  page: LogPage | null;
  loading: boolean;
  error: string | null;
  follow: boolean;
  setFilters(patch: Partial<LogFilters>): void;
  clearFilters(): void;
  setFollow(on: boolean): void;
  load(): Promise<void>;
}

function queryOf(f: LogFilters): LogQuery {
  return { limit: LOG_VIEW_LIMIT, ...(f.level && { level: f.level }), ...(f.text.trim() && { text: f.text.trim() }), ...(f.server && { server: f.server }) };
}

let seq = 0;

export const useLogStore = create<LogState>()((set, get) => ({
  filters: NO_FILTERS,
  page: null,
  loading: false,
  error: null,
  follow: false,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  clearFilters: () => set({ filters: NO_FILTERS }),
  setFollow: (on) => set({ follow: on }),
  async load() {
    // Filters change while a read is out: only the newest read's answer is shown.
    const mine = ++seq;
    set({ loading: true });
    try {
      const page = await unwrap(apiClient().call('log.recent', queryOf(get().filters)));
      if (mine === seq) set({ page, error: null });
    } catch (err) {
      if (mine === seq) set({ error: (err as Error).message });
    } finally {
      if (mine === seq) set({ loading: false });
    }
  },
}));
