// What the Electron preload exposes as `window.warmclaw`: one function per contract entry, generated
// from the contract's names, plus the event subscription. The renderer's IPC client reads this type;
// the HTTP client speaks the same contract over /api. Types only (plus channel names): no zod here,
// so importing it keeps zod out of the renderer bundle.
import type { ApiEvent, ApiInput, ApiName, ApiOutput, ApiResult } from './contract';

/** ipcRenderer.invoke(IPC_INVOKE, name, input) → ApiResult. */
export const IPC_INVOKE = 'warmclaw:invoke';
/** main → renderer: one ApiEvent per message. */
export const IPC_EVENT = 'warmclaw:event';

export type BridgeApi = { readonly [N in ApiName]: (input?: ApiInput<N>) => Promise<ApiResult<ApiOutput<N>>> };

export interface WarmclawBridge {
  readonly api: BridgeApi;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (ev: ApiEvent) => void): () => void;
  readonly platform: string;
}
