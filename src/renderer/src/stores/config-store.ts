// openclaw.json as the UI sees it. Every change goes propose → diff preview → apply — edits, undo
// and restoring a backup alike — and every applied change can be undone (the engine keeps backups). The renderer never edits JSON itself:
// it sends edit commands through the contract.
import { create } from 'zustand';
import type { ApiOutput, ConfigView } from '../../../shared/contract';
import type { EditCommand } from '../../../shared/config-edits';
import { ApiCallError, apiClient, unwrap } from '../api/client';
import { useToastStore } from './toast-store';
import { sayMessage } from '../i18n/messages';

type Preview = ApiOutput<'config.preview'>;
type ApplyResult = ApiOutput<'config.apply'>;
type Backup = ApiOutput<'config.backups'>[number];

export interface LoadError {
  code: string;
  message: string;
  line?: number;
  column?: number;
}

/** What Apply in the diff dialog will do: write an edit, undo the last write, or restore a backup. */
export type PendingAction = { kind: 'edit'; command: EditCommand } | { kind: 'undo'; backupId?: string } | { kind: 'restore'; id: string };

export interface PendingChange {
  action: PendingAction;
  preview: Preview;
  applying: boolean;
  error: LoadError | null;
  /** CSS selector of what should get focus once this is applied (e.g. the provider card it creates). */
  focusAfter?: string;
}

export interface ProposeOptions {
  /** CSS selector of what should get focus once the change is applied. */
  focusAfter?: string;
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
  /** Where focus should go after the last apply (read by the diff dialog when it closes). */
  focusAfterApply: string | null;
  load(): Promise<void>;
  loadBackups(): Promise<void>;
  /** Shows the diff of `command` for confirmation (or says there is nothing to change). */
  propose(command: EditCommand, options?: ProposeOptions): Promise<void>;
  /** Shows what undoing the last change would put back, for confirmation. */
  proposeUndo(): Promise<void>;
  /** Shows what restoring backup `id` would put back, for confirmation. */
  proposeRestore(id: string): Promise<void>;
  confirm(): Promise<boolean>;
  cancel(): void;
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
        text: r.gateway?.status === 'rejected' ? r.gateway.message : sayMessage(r.summaryMsg, r.summary),
        ...(undoable && { action: { labelKey: 'action.undo', run: () => void get().proposeUndo() } }),
      });
    await Promise.all([get().load(), get().loadBackups()]);
  };

  const showPreview = async (action: PendingAction, preview: () => Promise<Preview>, options?: ProposeOptions) => {
    // A change waiting for confirmation (or being written) is not silently replaced by another.
    if (get().pending?.applying) return;
    set({ proposing: true });
    try {
      const p = await preview();
      if (!p.changed) useToastStore.getState().push({ kind: 'info', key: 'toast.nothingChanged' });
      else {
        // An undo confirms the very backup its diff showed.
        const confirmed: PendingAction = action.kind === 'undo' && p.backupId ? { kind: 'undo', backupId: p.backupId } : action;
        set({ pending: { action: confirmed, preview: p, applying: false, error: null, ...(options?.focusAfter && { focusAfter: options.focusAfter }) }, focusAfterApply: null });
      }
    } catch (err) {
      useToastStore.getState().push({ kind: 'error', text: (err as Error).message });
    } finally {
      set({ proposing: false });
    }
  };

  return {
    view: null,
    loadError: null,
    loading: false,
    backups: [],
    pending: null,
    proposing: false,
    lastResult: null,
    focusAfterApply: null,

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

    async propose(command, options) {
      await showPreview({ kind: 'edit', command }, () => unwrap(apiClient().call('config.preview', command)), options);
    },

    async proposeUndo() {
      await showPreview({ kind: 'undo' }, () => unwrap(apiClient().call('config.previewUndo')));
    },

    async proposeRestore(id) {
      await showPreview({ kind: 'restore', id }, () => unwrap(apiClient().call('config.previewRestore', { id })));
    },

    async confirm() {
      const pending = get().pending;
      if (!pending || pending.applying) return false;
      set({ pending: { ...pending, applying: true, error: null } });
      const { action } = pending;
      try {
        const r = await unwrap(
          action.kind === 'edit'
            ? apiClient().call('config.apply', action.command)
            : action.kind === 'undo'
              ? apiClient().call('config.undo', action.backupId ? { backupId: action.backupId } : {})
              : apiClient().call('config.restore', { id: action.id }),
        );
        set({ pending: null, focusAfterApply: pending.focusAfter ?? null });
        // Undo pops the newest backup (there is no redo), so it offers no undo of its own.
        await afterWrite(r, r.changed && action.kind !== 'undo');
        return true;
      } catch (err) {
        set({ pending: { ...pending, applying: false, error: asLoadError(err) } });
        return false;
      }
    },

    cancel() {
      if (!get().pending?.applying) set({ pending: null, focusAfterApply: null });
    },
  };
});
