// The tray's one-word state, from what the monitor and the config say.
import type { ApiOutput } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { EndpointStatus } from '../../../shared/status';

/** The tray's state (precedence documented in the contract: config-problem > local-down > paused > warming > all-warm). */
export function traySummary(endpoints: EndpointStatus[], settings: Settings | undefined, configProblem: string | undefined): ApiOutput<'status'>['summary'] {
  if (configProblem) return { state: 'config-problem', reason: configProblem };
  const down = endpoints.filter((e) => e.source === 'config' && e.health === 'down');
  if (down.length) return { state: 'local-down', reason: down.map((e) => `${e.providerId ?? e.baseUrl}: ${e.lastError ?? 'not answering'}`).join('; ') };
  if (settings && (settings.warm.paused || !settings.warm.enabled)) {
    return settings.warm.paused ? { state: 'paused', reason: 'Keeping warm is paused.', reasonKey: 'paused' } : { state: 'paused', reason: 'Keeping warm is off.', reasonKey: 'warm-off' };
  }
  const cold = endpoints.flatMap((e) => e.models.filter((m) => m.warm?.enabled && m.state !== 'loaded').map((m) => m.ref ?? m.id));
  if (cold.length) return { state: 'warming', reason: `Warming ${cold.join(', ')}`, reasonKey: 'warming', models: cold };
  if (endpoints.some((e) => e.health === 'unknown')) return { state: 'warming', reason: 'Checking servers…', reasonKey: 'checking' };
  return endpoints.length ? { state: 'all-warm', reason: 'Every local model is warm.', reasonKey: 'every-model-warm' } : { state: 'all-warm', reason: 'No local servers to watch.', reasonKey: 'no-servers' };
}
