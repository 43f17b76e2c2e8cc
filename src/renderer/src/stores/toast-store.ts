// Short-lived messages ("Saved. Undo"), announced politely to screen readers by <Toasts>.
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  /** Plain text (already translated or from the API)... */
  text?: string;
  /** ...or an i18n key with values. */
  key?: string;
  values?: Record<string, string | number>;
  /** An action button, e.g. Undo. */
  action?: { labelKey: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = 8000;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(t) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...t, id }] }));
    // Errors stay until dismissed: a person must be able to read them.
    if (t.kind !== 'error') setTimeout(() => get().dismiss(id), t.action ? LIFETIME_MS * 2 : LIFETIME_MS);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));
