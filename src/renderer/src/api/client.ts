// The one client interface the renderer talks to. Two transports implement it: IPC through the
// preload's `window.warmclaw` in Electron, and HTTP + SSE against the daemon's /api in web mode.
import type { ApiError, ApiEvent, ApiInput, ApiName, ApiOutput, ApiResult } from '../../../shared/contract';
import type { WarmclawBridge } from '../../../shared/bridge';
import { createHttpClient, takeSessionSecret } from './http-client';
import { createIpcClient } from './ipc-client';
import { sayMessage } from '../i18n/messages';

/** `signed-out`: the web session ended (expired, or never signed in); only a new sign-in link helps. */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'signed-out';

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  call<N extends ApiName>(name: N, input?: ApiInput<N>): Promise<ApiResult<ApiOutput<N>>>;
  /** Pushed events; returns the unsubscribe function. */
  subscribe(listener: (ev: ApiEvent) => void): () => void;
  /** Whether the event stream is connected (always open over IPC). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** A failed call, as a throwable error that keeps the API's code, line and column; its message is in the UI's language when the engine sent a code. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly line?: number;
  readonly column?: number;
  constructor(error: ApiError) {
    super(sayMessage(error.msg, error.message));
    this.name = 'ApiCallError';
    this.code = error.code;
    this.line = error.line;
    this.column = error.column;
  }
}

/** Unwraps an ApiResult or throws ApiCallError. */
export async function unwrap<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new ApiCallError(r.error);
  return r.data;
}

declare global {
  interface Window {
    warmclaw?: WarmclawBridge;
  }
}

let client: ApiClient | undefined;

/** IPC when the Electron preload is present, HTTP otherwise. Tests may inject their own. */
export function apiClient(): ApiClient {
  if (!client && !window.warmclaw?.api) takeSessionSecret();
  client ??= window.warmclaw?.api ? createIpcClient(window.warmclaw) : createHttpClient(window.location.origin);
  return client;
}

export function setApiClient(c: ApiClient): void {
  client = c;
}
