// IPC: one invoke channel carrying (name, input) to the contract handler, one event channel back.
// Calls from any frame that is not our renderer are dropped before the handler sees them.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ApiEvent, ApiResult } from '../../shared/contract';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge';
import type { Logger } from '../core/log/logger';
import { isAppUrl, type AppOrigin } from './security-policy';

export interface IpcOptions {
  /** The contract handler (possibly wrapped, e.g. to notify on rejected config writes). */
  invoke: (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  subscribe: (listener: (ev: ApiEvent) => void) => () => void;
  origin: AppOrigin;
  /** The window events go to (null while none exists). */
  target: () => WebContents | null;
  logger: Logger;
}

/** Registers the handlers; returns the function that removes them. */
export function registerIpc(opts: IpcOptions): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    // senderFrame is null when the frame navigated away or was destroyed: that is not our page either.
    const url = event.senderFrame?.url;
    if (!isAppUrl(url, opts.origin)) {
      opts.logger.warn('ipc call from an unknown sender dropped', { url: url ?? '(no frame)' });
      return { ok: false, error: { code: 'forbidden', message: 'This page may not call Warmclaw.' } };
    }
    if (typeof name !== 'string') return { ok: false, error: { code: 'invalid-input', message: 'The API name must be a string.' } };
    return opts.invoke(name, input);
  });
  const unsubscribe = opts.subscribe((ev) => {
    const wc = opts.target();
    if (wc && !wc.isDestroyed() && isAppUrl(wc.getURL(), opts.origin)) wc.send(IPC_EVENT, ev);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
