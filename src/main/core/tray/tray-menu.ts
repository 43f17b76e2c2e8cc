// The tray's menu and icon as plain data, so every rule (what is shown, what is enabled, what a click
// does) is tested in plain Node. src/main/electron/tray.ts only maps these items onto Electron's Menu.
import type { ApiInput, ApiName, ApiOutput, ConfigView, TraySummaryState } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { EndpointStatus, ModelStatus } from '../../../shared/status';
import { hostOf, oneLine } from '../text';
import { SERVER_NAME } from '../../../shared/openclaw-constants';
import { canUnload, heldBytes, modelView, serverState } from '../../../shared/states';
import { trayWords, type TrayWords } from './tray-words';

export type StatusView = ApiOutput<'status'>;

/** What a click does. API calls go through the same contract handler as the UI; the rest is the shell's job. */
export type TrayAction =
  | { kind: 'api'; calls: TrayApiCall[] }
  | { kind: 'open-window' }
  | { kind: 'open-config'; path: string }
  | { kind: 'quit' };

export type TrayApiCall = { [N in ApiName]: { name: N; input: ApiInput<N> } }[ApiName];

export interface TrayMenuItem {
  /** Stable id (tests and e2e find items by it). */
  id: string;
  label: string;
  type: 'normal' | 'checkbox' | 'separator';
  checked?: boolean;
  enabled: boolean;
  action?: TrayAction;
  toolTip?: string;
}

/** Longest menu label before it is cut (menus do not wrap). */
const MAX_LABEL = 60;
/** Endpoints listed in the menu; the rest are summed up in one line (the window shows them all). */
export const MAX_TRAY_ENDPOINTS = 6;
/** Models listed per endpoint. */
export const MAX_TRAY_MODELS = 5;


/** Cuts a label to one menu line. */
export const clipLabel = (s: string, max = MAX_LABEL): string => oneLine(s, max);

/** "Ollama (ollama) · 127.0.0.1:11434 — up", in the shared state words. */
export function endpointLabel(e: EndpointStatus, words: TrayWords = trayWords('en')): string {
  const name = e.providerId ?? (e.kind ? SERVER_NAME[e.kind] : 'Server');
  const kind = e.kind && e.providerId ? ` (${SERVER_NAME[e.kind]})` : '';
  return clipLabel(`${name}${kind} · ${hostOf(e.baseUrl)} — ${words.server(serverState(e))}`);
}

/**
 * One phrase for a model: its state in the shared words, and "kept warm" / "warming" / "paused" when
 * kept. `short` leaves out the loaded context, so the keep word survives a 60-character menu line (the
 * tooltip has the whole phrase); nor does "warming" follow "server down", which would promise what
 * cannot happen until the server is back.
 */
export function modelWord(e: EndpointStatus, m: ModelStatus, paused = false, short = false, now?: number, words: TrayWords = trayWords('en')): string {
  const v = modelView(e, m, { paused });
  // "server down" already says why nothing is warmed: the line stays short.
  const keep = v.keep === 'waiting' ? undefined : words.keep(v.keep);
  const state = words.model(short ? { ...v, loadedContext: undefined } : v, now);
  return keep ? `${state} · ${keep}` : state;
}

/** The models to list under an endpoint: kept-warm and loaded ones first (those are what the user watches). */
function visibleModels(e: EndpointStatus): ModelStatus[] {
  const rank = (m: ModelStatus) => (m.warm?.enabled ? 0 : m.state === 'loaded' || m.state === 'loading' ? 1 : 2);
  return [...e.models].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_TRAY_MODELS);
}

/** Loaded models the config names (only those can be unloaded by ref) on runtimes that unload, with the memory they hold. */
export function loadedRefsOf(status: StatusView | null): { ref: string; bytes?: number }[] {
  const out = new Map<string, number | undefined>();
  for (const e of status?.endpoints ?? []) {
    if (!canUnload(e)) continue;
    for (const m of e.models) {
      const held = heldBytes(m);
      if (m.ref && (m.state === 'loaded' || m.state === 'loading') && !out.has(m.ref)) out.set(m.ref, held);
    }
  }
  return [...out].map(([ref, bytes]) => ({ ref, ...(bytes && { bytes }) }));
}

const formatGb = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`);

/** The refs "Warm now" warms: the keep-warm targets the monitor reports, else the configured list. */
export function keepWarmRefsOf(status: StatusView | null, settings: Settings | null): string[] {
  const fromStatus = (status?.endpoints ?? []).flatMap((e) => e.models.filter((m) => m.warm?.enabled && m.ref).map((m) => m.ref!));
  const refs = fromStatus.length ? fromStatus : (settings?.warm.models ?? []);
  return [...new Set(refs)].filter((r) => /^[^/]+\/.+$/.test(r));
}

/**
 * The whole tray menu for the current state. Any input may be null (not loaded yet or failed):
 * the menu then says so instead of guessing, and the items that need it are disabled.
 */
/** Whether a model is loading somewhere: the menu then shows "loading… N s" and is rebuilt every few seconds. */
export const anyLoading = (status: StatusView | null): boolean => (status?.endpoints ?? []).some((e) => e.models.some((m) => m.state === 'loading' && m.loadingSince !== undefined));

/** The tray menu in the app's language (settings.language); `now` (wall ms) counts "loading… N s" as of this build. */
export function trayMenuModel(status: StatusView | null, config: ConfigView | null, settings: Settings | null, now?: number): TrayMenuItem[] {
  const w = trayWords(settings?.language);
  const items: TrayMenuItem[] = [];
  const sep = (id: string) => items.push({ id, label: '', type: 'separator', enabled: true });

  items.push({ id: 'summary', label: clipLabel(status ? w.summary(status.summary) : w.starting), type: 'normal', enabled: false });
  sep('sep-summary');

  // Endpoints and their models (read-only lines: clicking one opens the window on it).
  const paused = !!settings && (settings.warm.paused || !settings.warm.enabled);
  const endpoints = status?.endpoints ?? [];
  if (!endpoints.length) items.push({ id: 'no-endpoints', label: status ? w.noServers : w.checkingServers, type: 'normal', enabled: false });
  for (const e of endpoints.slice(0, MAX_TRAY_ENDPOINTS)) {
    const why = e.lastError !== undefined ? w.say(e.lastErrorMsg, e.lastError) : e.note !== undefined ? w.say(e.noteMsg, e.note) : undefined;
    items.push({ id: `endpoint:${e.id}`, label: endpointLabel(e, w), type: 'normal', enabled: true, action: { kind: 'open-window' }, ...(why && { toolTip: why }) });
    const shown = visibleModels(e);
    for (const m of shown) {
      // The endpoint line above names the provider: the model's own id is enough here.
      const label = clipLabel(`${m.id} — ${modelWord(e, m, paused, true, now, w)}`);
      const full = `${m.ref ?? m.id} — ${modelWord(e, m, paused, false, now, w)}`;
      items.push({ id: `model:${e.id}:${m.id}`, label, type: 'normal', enabled: true, action: { kind: 'open-window' }, ...(full !== label && { toolTip: full }) });
    }
    if (e.models.length > shown.length) items.push({ id: `more-models:${e.id}`, label: w.moreModels(e.models.length - shown.length), type: 'normal', enabled: true, action: { kind: 'open-window' } });
  }
  if (endpoints.length > MAX_TRAY_ENDPOINTS) {
    items.push({ id: 'more-endpoints', label: w.moreServers(endpoints.length - MAX_TRAY_ENDPOINTS), type: 'normal', enabled: true, action: { kind: 'open-window' } });
  }
  sep('sep-endpoints');

  // Use local first: needs a readable config with at least one local provider.
  const hasLocal = !!config?.exists && config.providers.some((p) => p.local);
  const localFirstOn = !!config?.localFirst.on;
  items.push({
    id: 'local-first',
    label: !config ? w.localFirstUnreadable : !hasLocal ? w.localFirstNoLocal : w.localFirst,
    type: 'checkbox',
    checked: localFirstOn,
    enabled: hasLocal,
    action: { kind: 'api', calls: [localFirstOn ? { name: 'config.apply', input: { type: 'local-first-off', input: {} } } : { name: 'config.apply', input: { type: 'local-first-on', input: {} } }] },
  });

  // Keep warm: checked = warming runs. Turning it on also re-enables it if it was switched off in settings.
  const warmOn = !!settings && settings.warm.enabled && !settings.warm.paused;
  items.push({
    id: 'keep-warm',
    label: w.keepWarm,
    type: 'checkbox',
    checked: warmOn,
    enabled: !!settings,
    action: { kind: 'api', calls: [{ name: 'settings.update', input: { warm: warmOn ? { paused: true } : { enabled: true, paused: false } } }] },
  });

  const refs = keepWarmRefsOf(status, settings);
  items.push({
    id: 'warm-now',
    label: refs.length === 1 ? w.warmNowOne(clipLabel(refs[0]!, 40)) : refs.length ? w.warmNowMany(refs.length) : w.warmNowNone,
    type: 'normal',
    enabled: refs.length > 0,
    action: { kind: 'api', calls: refs.map((ref) => ({ name: 'warm.now' as const, input: { ref } })) },
  });
  // Unload, one line per loaded configured model (with what it frees, where the runtime says).
  for (const { ref, bytes } of loadedRefsOf(status).slice(0, MAX_TRAY_MODELS)) {
    items.push({
      id: `unload:${ref}`,
      label: clipLabel(w.unload(ref, bytes ? formatGb(bytes) : undefined)),
      type: 'normal',
      enabled: true,
      action: { kind: 'api', calls: [{ name: 'model.unload', input: { ref } }] },
    });
  }
  sep('sep-actions');

  items.push({ id: 'open-window', label: w.openWindow, type: 'normal', enabled: true, action: { kind: 'open-window' } });
  items.push({
    id: 'open-config',
    label: w.openConfig,
    type: 'normal',
    enabled: !!config?.exists,
    ...(config && { action: { kind: 'open-config', path: config.path }, toolTip: config.path }),
  });
  sep('sep-quit');
  items.push({ id: 'quit', label: w.quit, type: 'normal', enabled: true, action: { kind: 'quit' } });
  return items;
}

/** The resources/ file for a state: macOS template PNG, Windows .ico, colour PNG elsewhere. */
export function trayIconFor(state: TraySummaryState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `trayTemplate-${state}.png`;
  if (platform === 'win32') return `tray-${state}.ico`;
  return `tray-${state}.png`;
}

/** The tooltip: the one-line summary, capped (Windows cuts tray tooltips at 127 characters). */
export function trayTooltip(status: StatusView | null, language?: string): string {
  const w = trayWords(language);
  return clipLabel(w.tooltip(status ? w.summary(status.summary) : null), 127);
}
