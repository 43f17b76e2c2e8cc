// The fallback order being edited on the Routing screen, kept outside the component so switching
// tabs does not lose it. The draft remembers the file's order it started from: when the file's
// fallbacks change underneath to something else (another window, the CLI, an undo), the draft is
// dropped and the person is told; when the file comes to say what the draft says, it was applied.
import { create } from 'zustand';
import { useConfigStore } from './config-store';
import { useToastStore } from './toast-store';

export const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

interface RoutingDraftState {
  /** The unapplied order, or null when there is no draft. */
  fallbacks: string[] | null;
  /** The file's order when the draft started. */
  base: string[] | null;
  setFallbacks(next: string[], fileOrder: string[]): void;
  reset(): void;
}

export const useRoutingDraftStore = create<RoutingDraftState>()((set, get) => ({
  fallbacks: null,
  base: null,
  setFallbacks(next, fileOrder) {
    if (sameOrder(next, fileOrder)) set({ fallbacks: null, base: null });
    else set({ fallbacks: next, base: get().base ?? fileOrder });
  },
  reset() {
    set({ fallbacks: null, base: null });
  },
}));

// Follow the file: the config store reloads after every write and on config-changed events.
useConfigStore.subscribe((s, prev) => {
  const file = s.view?.routing.fallbacks;
  if (!file || file === prev.view?.routing.fallbacks) return;
  const { fallbacks, base } = useRoutingDraftStore.getState();
  if (!fallbacks || !base) return;
  if (sameOrder(fallbacks, file)) useRoutingDraftStore.getState().reset(); // applied
  else if (!sameOrder(base, file)) {
    useRoutingDraftStore.getState().reset();
    useToastStore.getState().push({ kind: 'info', key: 'routing:fallbacks.draftDiscarded' });
  }
});
