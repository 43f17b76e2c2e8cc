// settings.* and endpoints.*: Warmclaw's own settings file (endpoints are a list inside it).
import { msg } from '../../../shared/messages';
import type { SettingsPatch } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import { userEndpointSchema } from '../../../shared/settings';
import { normalizeBaseUrl } from '../endpoints';
import { WarmclawError } from '../errors';
import type { RouteContext, Routes } from './routes';

/** A patch applied section by section: what it does not name keeps its value. */
export function mergeSettings(s: Settings, p: SettingsPatch): Settings {
  return {
    ...s,
    ...(p.endpoints !== undefined && { endpoints: p.endpoints }),
    ...(p.scan && { scan: { ...s.scan, ...p.scan } }),
    ...(p.poll && { poll: { ...s.poll, ...p.poll } }),
    ...(p.warm && { warm: { ...s.warm, ...p.warm } }),
    ...(p.failover && { failover: { ...s.failover, ...p.failover } }),
    ...(p.openclawBin !== undefined && { openclawBin: p.openclawBin }),
    ...(p.language !== undefined && { language: p.language }),
    ...(p.notifications !== undefined && { notifications: p.notifications }),
    ...(p.launchAtLogin !== undefined && { launchAtLogin: p.launchAtLogin }),
  };
}

type EndpointInput = { baseUrl: string; kind?: Settings['endpoints'][number]['kind']; label?: string; apiKeyEnv?: string };

export function settingsRoutes({ service, configChanged }: RouteContext): Routes<'settings.get' | 'settings.update' | 'endpoints.add' | 'endpoints.remove'> {
  return {
    'settings.get': () => service.settings.get(),
    'settings.update': (patch: SettingsPatch) => {
      const next = service.settings.update((s) => mergeSettings(s, patch));
      configChanged('settings');
      return next;
    },
    'endpoints.add': (input: EndpointInput) => {
      const base = normalizeBaseUrl(input.baseUrl);
      if (!base) throw new WarmclawError('invalid-input', msg('error.not-http-url', { url: input.baseUrl }));
      const entry = userEndpointSchema.parse({ ...input, baseUrl: base });
      const next = service.settings.update((s) => ({ ...s, endpoints: [...s.endpoints.filter((e) => normalizeBaseUrl(e.baseUrl) !== base), entry] }));
      configChanged('settings');
      return next.endpoints;
    },
    'endpoints.remove': ({ baseUrl }: { baseUrl: string }) => {
      const base = normalizeBaseUrl(baseUrl) ?? baseUrl;
      const before = service.settings.get().endpoints;
      if (!before.some((e) => normalizeBaseUrl(e.baseUrl) === base)) throw new WarmclawError('not-found', msg('error.endpoint-not-listed', { url: base }));
      const next = service.settings.update((s) => ({ ...s, endpoints: s.endpoints.filter((e) => normalizeBaseUrl(e.baseUrl) !== base) }));
      configChanged('settings');
      return next.endpoints;
    },
  };
}
