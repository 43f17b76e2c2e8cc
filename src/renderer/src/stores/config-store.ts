// openclaw.json as the UI sees it. Every change goes propose → diff preview → apply, and every
// applied change can be undone (the engine keeps backups). The renderer never edits JSON itself:
// it sends edit commands through the contract.
import { create } from 'zustand';
import type { ApiOutput, ConfigView } from '../../../shared/contract';
import type { EditCommand } from '../../../shared/config-edits';
import { ApiCallError, apiClient, unwrap } from '../api/client';
import { useToastStore } from './toast-store';

type Preview = ApiOutput<'config.preview'>;
type ApplyResult = ApiOutput<'config.apply'>;
type Backup = ApiOutput<'config.backups'>[number];

export interface LoadError {
  code: string;
  message: string;
  line?: number;
  column?: number;
}

export interface PendingChange {
  command: EditCommand;
  preview: Preview;
  applying: boolean;
  error: LoadError | null;
}

interface ConfigState {
  view: ConfigView | null;
  loadError: LoadError | null;
  loading: boolean;
  backups: Backup[];
  pending: PendingChange | null;
  /** A command being previewed (spinner on the button that asked). */
  proposing: boolean;
  /** Result of the last apply/undo/restore (for the gateway status line). */
  lastResult: ApplyResult | null;
  load(): Promise<void>;
  loadBackups(): Promise<void>;
  /** Shows the diff of `command` for confirmation (or says there is nothing to change). */
  propose(command: EditCommand): Promise<void>;
  confirm(): Promise<boolean>;
  cancel(): void;
  undo(): Promise<void>;
  restore(id: string): Promise<void>;
}

const asLoadError = (err: unknown): LoadError =>
  err instanceof ApiCallError
    ? { code: err.code, message: err.message, ...(err.line !== undefined && { line: err.line }), ...(err.column !== undefined && { column: err.column }) }
    : { code: 'io', message: (err as Error).message };

export const useConfigStore = create<ConfigState>()((set, get) => {
  const afterWrite = async (r: ApplyResult, undoable: boolean) => {
    set({ lastResult: r });
    const toast = useToastStore.getState();
    if (!r.changed) toast.push({ kind: 'info', key: 'toast.nothingChanged' });
    else
      toast.push({
        kind: r.gateway?.status === 'rejected' ? 'error' : 'success',
        text: r.gateway?.status === 'rejected' ? r.gateway.message : r.summary,
        ...(undoable && { action: { labelKey: 'action.undo', run: () => void get().undo() } }),
      });
    await Promise.all([get().load(), get().loadBackups()]);
  };

  return {
    view: null,
    loadError: null,
    loading: false,
    backups: [],
    pending: null,
    proposing: false,
    lastResult: null,

    async load() {
      set({ loading: true });
      try {
        set({ view: await unwrap(apiClient().call('config.get')), loadError: null });
      } catch (err) {
        set({ loadError: asLoadError(err) });
      } finally {
        set({ loading: false });
      }
    },

    async loadBackups() {
      try {
        set({ backups: await unwrap(apiClient().call('config.backups')) });
      } catch {
        set({ backups: [] });
      }
    },

    async propose(command) {
      set({ proposing: true });
      try {
        const preview = await unwrap(apiClient().call('config.preview', command));
        if (!preview.changed) useToastStore.getState().push({ kind: 'info', key: 'toast.nothingChanged' });
        else set({ pending: { command, preview, applying: false, error: null } });
      } catch (err) {
        useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
      } finally {
        set({ proposing: false });
      }
    },

    async confirm() {
      const pending = get().pending;
      if (!pending || pending.applying) return false;
      set({ pending: { ...pending, applying: true, error: null } });
      try {
        const r = await unwrap(apiClient().call('config.apply', pending.command));
        set({ pending: null });
        await afterWrite(r, r.changed);
        return true;
      } catch (err) {
        set({ pending: { ...pending, applying: false, error: asLoadError(err) } });
        return false;
      }
    },

    cancel() {
      if (!get().pending?.applying) set({ pending: null });
    },

    async undo() {
      try {
        await afterWrite(await unwrap(apiClient().call('config.undo')), false);
      } catch (err) {
        useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
      }
    },

    async restore(id) {
      try {
        await afterWrite(await unwrap(apiClient().call('config.restore', { id })), true);
      } catch (err) {
        useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
      }
    },
  };
});
