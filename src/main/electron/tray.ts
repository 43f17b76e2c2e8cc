// The tray icon: state icon, one-line tooltip and a menu rebuilt on every state change (debounced).
// What the menu says and does comes from core/tray/tray-menu.ts; this file only maps it onto Electron.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, shell, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { ApiEvent, ApiResult, ConfigView, TraySummaryState } from '../../shared/contract';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../core/log/logger';
import { noticeWords } from '../core/notify/notice-words';
import { anyLoading, trayIconFor, trayMenuModel, trayTooltip, type StatusView, type TrayAction, type TrayMenuItem } from '../core/tray/tray-menu';

/** How often the menu is rebuilt while a model loads (its "loading… N s" moves in these steps). */
const LOADING_REFRESH_MS = 5_000;

export interface TrayOptions {
  invoke: (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  subscribe: (listener: (ev: ApiEvent) => void) => () => void;
  /** resources/ (icons). */
  iconDir: string;
  openWindow: () => void;
  quit: () => void;
  /** Tells the user a click failed (notification). */
  report: (title: string, body: string) => void;
  logger: Logger;
  /** Quiet period before a rebuild (events arrive in bursts; default 250 ms). */
  debounceMs?: number;
}

export interface AppTray {
  /** Rebuilds now (after a reload, a settings change…). */
  refresh(): Promise<void>;
  /** The last model shown (e2e reads it through app.evaluate). */
  model(): TrayMenuItem[];
  destroy(): void;
}

async function data<T>(p: Promise<ApiResult<unknown>>): Promise<T | null> {
  const r = await p;
  return r.ok ? (r.data as T) : null;
}

/** A state's icon; @2x beside it is picked up for HiDPI. */
function iconImage(dir: string, state: TraySummaryState): NativeImage {
  const image = nativeImage.createFromPath(join(dir, trayIconFor(state, process.platform)));
  // Electron only infers a template image from names ENDING in "Template" (trayTemplate-x.png does
  // not), so macOS is told explicitly: the menu bar then tints the black+alpha shape for light/dark.
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

/** Creates the tray icon and keeps it current until destroy(). */
export function createAppTray(opts: TrayOptions): AppTray {
  const tray = new Tray(iconImage(opts.iconDir, 'warming'));
  if (process.platform === 'darwin') tray.setIgnoreDoubleClickEvents(true);
  let items: TrayMenuItem[] = trayMenuModel(null, null, null);
  let state: TraySummaryState = 'warming';
  let language: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let loadingTimer: NodeJS.Timeout | undefined;
  let destroyed = false;
  let running: Promise<void> | null = null;
  let again = false;

  const run = async (action: TrayAction) => {
    const w = noticeWords(language);
    switch (action.kind) {
      case 'open-window':
        return opts.openWindow();
      case 'quit':
        return opts.quit();
      case 'open-config': {
        const err = await shell.openPath(action.path);
        if (err) opts.report(w.cannotOpenConfig, err);
        return;
      }
      case 'api':
        for (const call of action.calls) {
          const r = await opts.invoke(call.name, call.input);
          if (!r.ok) opts.report(w.couldNotDoThat, w.say(r.error.msg, r.error.message));
          else if (call.name === 'warm.now' && r.data && typeof r.data === 'object' && (r.data as { ok?: boolean }).ok === false) {
            opts.report(w.couldNotWarm(call.input.ref), (r.data as { error?: string }).error ?? w.serverDidNotLoad);
          }
        }
        return refresh();
    }
  };

  const toTemplate = (item: TrayMenuItem): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      id: item.id,
      label: item.label,
      type: item.type,
      enabled: item.enabled,
      ...(item.checked !== undefined && { checked: item.checked }),
      ...(item.toolTip !== undefined && { toolTip: item.toolTip }),
      ...(action && {
        click: () => {
          run(action).catch((err: unknown) => opts.logger.warn('tray action failed', { action: action.kind, error: (err as Error).message }));
        },
      }),
    };
  };

  const rebuild = async () => {
    const [status, config, settings] = await Promise.all([
      data<StatusView>(opts.invoke('status', {})),
      data<ConfigView>(opts.invoke('config.get', {})),
      data<Settings>(opts.invoke('settings.get', {})),
    ]);
    if (destroyed) return;
    language = settings?.language;
    items = trayMenuModel(status, config, settings, Date.now());
    // A menu is not live: while a model loads, build it again every few seconds so the count moves.
    clearTimeout(loadingTimer);
    if (anyLoading(status)) loadingTimer = setTimeout(() => void refresh(), LOADING_REFRESH_MS);
    const next = status?.summary.state ?? 'warming';
    if (next !== state) {
      state = next;
      tray.setImage(iconImage(opts.iconDir, next));
    }
    tray.setToolTip(trayTooltip(status, settings?.language));
    tray.setContextMenu(Menu.buildFromTemplate(items.map(toTemplate)));
  };

  // One rebuild at a time; a request during one runs once more after it (never a stale menu last).
  const refresh = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await rebuild().catch((err: unknown) => opts.logger.warn('tray update failed', { error: (err as Error).message }));
      } while (again && !destroyed);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), opts.debounceMs ?? 250);
  };
  const unsubscribe = opts.subscribe(schedule);
  // Windows and Linux: a left click opens the window (macOS shows the menu on click).
  if (process.platform !== 'darwin') tray.on('click', () => opts.openWindow());
  tray.setToolTip(trayTooltip(null));
  void refresh();

  return {
    refresh,
    model: () => items,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      clearTimeout(loadingTimer);
      unsubscribe();
      tray.destroy();
    },
  };
}
