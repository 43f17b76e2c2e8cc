// The contract over Electron IPC: the preload exposes one function per contract entry.
import type { ApiName, ApiResult } from '../../../shared/contract';
import type { WarmclawBridge } from '../../../shared/bridge';
import type { ApiClient } from './client';

export function createIpcClient(bridge: WarmclawBridge): ApiClient {
  return {
    transport: 'ipc',
    async call(name: ApiName, input?: unknown): Promise<ApiResult<never>> {
      const fn = bridge.api[name] as ((i?: unknown) => Promise<ApiResult<never>>) | undefined;
      if (!fn) return { ok: false, error: { code: 'not-found', message: `This Warmclaw build has no "${name}".` } };
      try {
        return await fn(input);
      } catch (err) {
        return { ok: false, error: { code: 'io', message: (err as Error).message } };
      }
    },
    subscribe: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  } as ApiClient;
}
