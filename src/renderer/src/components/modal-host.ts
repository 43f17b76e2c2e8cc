// Which modal dialogs are open, top-most last. Toasts render inside the top-most one: a modal
// <dialog> makes everything outside it inert, so toasts left outside would be covered, unreadable to
// screen readers and their Undo unreachable.
import { create } from 'zustand';

interface ModalHostState {
  stack: HTMLDialogElement[];
  push(d: HTMLDialogElement): void;
  remove(d: HTMLDialogElement): void;
}

export const useModalHost = create<ModalHostState>()((set) => ({
  stack: [],
  push: (d) => set((s) => ({ stack: [...s.stack.filter((x) => x !== d), d] })),
  remove: (d) => set((s) => (s.stack.includes(d) ? { stack: s.stack.filter((x) => x !== d) } : s)),
}));
