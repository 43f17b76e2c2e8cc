// Preload: the only code allowed to touch Electron's renderer APIs. It exposes one frozen object,
// `window.warmclaw`, whose `api` is generated from the contract's names (inlined at build time), so a
// new contract entry is callable from the UI without touching this file. Main parses every input; nothing is trusted here.
// Runs sandboxed: bundled to CommonJS with no require() but electron's.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi, WarmclawBridge } from '../shared/bridge';
import { IPC_EVENT, IPC_INVOKE } from '../shared/bridge';
import type { ApiEvent, ApiName } from '../shared/contract';

/** `apiNames` of src/shared/contract.ts, inlined by electron.vite.config.ts (keeps zod out of the preload). */
declare const __WARMCLAW_API_NAMES__: readonly ApiName[];

const api = Object.freeze(
  Object.fromEntries(__WARMCLAW_API_NAMES__.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(IPC_INVOKE, name, input)])),
) as unknown as BridgeApi;

const bridge: WarmclawBridge = Object.freeze({
  api,
  onEvent(listener: (ev: ApiEvent) => void): () => void {
    // The page gets the event's data only, never the IpcRendererEvent (it exposes `sender`).
    const wrapped = (_event: IpcRendererEvent, ev: ApiEvent) => listener(ev);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
  platform: process.platform,
});

contextBridge.exposeInMainWorld('warmclaw', bridge);
