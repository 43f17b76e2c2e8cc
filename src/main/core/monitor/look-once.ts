// One look at one server, the way the monitor looks (identification, health, models, contexts),
// for commands that need the server's facts once (`config add-provider`) without a running daemon.
import type { EndpointKind, EndpointStatus } from '../../../shared/status';
import { systemClock } from '../clock';
import { adapterFor, normalizeBaseUrl } from '../endpoints';
import { Monitor } from './monitor';

/** Bounded: each call has the monitor's own deadline; a hung server costs at most a few seconds. */
export async function lookOnce(baseUrl: string, opts: { kind?: EndpointKind; apiKey?: string; callTimeoutMs?: number } = {}): Promise<EndpointStatus | undefined> {
  const root = normalizeBaseUrl(baseUrl);
  if (!root) return undefined;
  const monitor = new Monitor({ adapterFor, clock: systemClock, liveness: false, callTimeoutMs: opts.callTimeoutMs ?? 3_000 });
  try {
    monitor.setEndpoints([{ id: root, baseUrl: root, source: 'user', ...(opts.kind && { kind: opts.kind }), ...(opts.apiKey && { apiKey: opts.apiKey }) }]);
    await monitor.refresh();
    return monitor.status(root);
  } finally {
    await monitor.stop();
  }
}
