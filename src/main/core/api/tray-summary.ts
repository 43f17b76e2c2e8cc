// The tray's one-word state, from what the monitor and the config say.
import type { ApiOutput } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { isServerGone, serverState } from '../../../shared/states';
import type { EndpointStatus } from '../../../shared/status';
import { english, msg, type WireMessage } from '../../../shared/messages';

/** The tray's state from what the monitor and the config say (precedence documented in the contract). */
export function traySummary(endpoints: EndpointStatus[], settings: Settings | undefined, configProblem: string | WireMessage | undefined): ApiOutput<'status'>['summary'] {
  if (typeof configProblem === 'object') return { state: 'config-problem', reason: english(configProblem), reasonMsg: configProblem };
  if (configProblem) return { state: 'config-problem', reason: configProblem };
  const down = endpoints.filter((e) => e.source === 'config' && isServerGone(serverState(e)));
  if (down.length) {
    const reasonMsg = msg('summary.local-down', { servers: down.map((e) => msg('summary.server-down', { name: e.providerId ?? e.baseUrl, why: e.lastErrorMsg ?? e.lastError ?? msg('summary.not-answering') })) });
    return { state: 'local-down', reason: down.map((e) => `${e.providerId ?? e.baseUrl}: ${e.lastError ?? 'not answering'}`).join('; '), reasonMsg };
  }
  if (settings && (settings.warm.paused || !settings.warm.enabled)) {
    return settings.warm.paused ? { state: 'paused', reason: 'Keeping warm is paused.', reasonKey: 'paused' } : { state: 'paused', reason: 'Keeping warm is off.', reasonKey: 'warm-off' };
  }
  const kept = endpoints.flatMap((e) => e.models.filter((m) => m.warm?.enabled));
  const cold = endpoints.flatMap((e) => e.models.filter((m) => m.warm?.enabled && m.state !== 'loaded').map((m) => m.ref ?? m.id));
  if (cold.length) return { state: 'warming', reason: `Warming ${cold.join(', ')}`, reasonKey: 'warming', models: cold };
  if (endpoints.some((e) => e.health === 'unknown')) return { state: 'warming', reason: 'Checking servers…', reasonKey: 'checking' };
  if (!endpoints.length) return { state: 'watching', reason: 'No local servers to watch.', reasonKey: 'no-servers' };
  // Nothing kept warm: servers answer, but "all warm" would claim what nobody asked for.
  if (!kept.length) return { state: 'watching', reason: 'Servers answer; no model is kept warm.', reasonKey: 'nothing-kept-warm' };
  return { state: 'all-warm', reason: 'Every kept-warm model is loaded.', reasonKey: 'every-model-warm' };
}
