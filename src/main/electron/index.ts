// Electron entry: a thin shell over src/main/core, wired like the headless daemon (one instance per
// data folder, JSON logs with secrets redacted, reload when openclaw.json or settings change) plus
// the tray, the window, IPC, notifications and the login item. Quitting stops the service cleanly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog } from 'electron';
import { createApiHandler } from '../core/api/handler';
import { createLogger, type Logger } from '../core/log/logger';
import { openRotatingFile, type RotatingFile } from '../core/log/rotating-file';
import { logFilePath, warmclawDataDir } from '../core/paths';
import { watchForReload } from '../core/reload-watcher';
import { WarmclawService } from '../core/service';
import type { TrayMenuItem } from '../core/tray/tray-menu';
import { acquireInstanceLock } from '../daemon/instance-lock';
import { registerIpc } from './ipc';
import { openElectronSettingsFile } from './settings-file';
import { createLoginItem, HIDDEN_ARG } from './login-item';
import { createDesktopNotifications } from './notifications';
import { applySessionSecurity } from './security';
import type { AppOrigin } from './security-policy';
import { createAppTray, type AppTray } from './tray';
import { createMainWindow, type MainWindow } from './window';

/** What e2e tests reach through `app.evaluate` (main-process globals are the only way in). */
export interface WarmclawTestHooks {
  trayModel(): TrayMenuItem[];
  showWindow(): void;
  hideWindow(): void;
  windowVisible(): boolean;
}

const devServerUrl = process.env.ELECTRON_RENDERER_URL || undefined;
const origin: AppOrigin = { rendererFile: join(__dirname, '../renderer/index.html'), ...(devServerUrl && { devServerUrl }) };
const preloadPath = join(__dirname, '../preload/index.cjs');

let window: MainWindow | null = null;
let stopAll: (() => Promise<void>) | null = null;
let stopped = false;
/** The running service, once open: whose secrets the logger redacts. */
let secretsOf: WarmclawService | undefined;

async function start(logger: Logger, logFile: RotatingFile, logPath: string): Promise<void> {
  const env = process.env;
  const dataDir = warmclawDataDir(env);
  let release: () => void;
  try {
    // The daemon and the app keep the same models warm and write the same config: only one may run.
    release = acquireInstanceLock(dataDir);
  } catch (err) {
    dialog.showErrorBox('Warmclaw is already running', `${(err as Error).message}\n\nThe app uses the same data folder (${dataDir}).`);
    app.exit(1);
    return;
  }
  const resources = join(app.getAppPath(), 'resources');
  const appIcon = join(resources, 'icon.png');
  // settings.json through electron-store: the same file, format and zod schema as the daemon and CLI.
  const service = await WarmclawService.open({ env, dataDir, logger, logFile: logPath, settingsFile: openElectronSettingsFile });
  secretsOf = service;
  const handler = createApiHandler(service, { env });
  const settingsNow = () => {
    try {
      return service.settings.get();
    } catch {
      return null;
    }
  };

  const notes = createDesktopNotifications({ enabled: () => settingsNow()?.notifications ?? true, language: () => settingsNow()?.language, iconPath: appIcon, logger });
  const invoke = notes.wrap(handler);
  applySessionSecurity(devServerUrl);
  window = createMainWindow({ preloadPath, rendererFile: origin.rendererFile, ...(devServerUrl && { devServerUrl }), iconPath: appIcon });
  const win = window;
  const unIpc = registerIpc({ invoke, subscribe: handler.subscribe, origin, target: () => win.current()?.webContents ?? null, logger });

  const tray: AppTray = createAppTray({
    invoke,
    subscribe: handler.subscribe,
    iconDir: resources,
    openWindow: () => win.show(),
    quit: () => app.quit(),
    report: (title, body) => notes.show({ title, body }),
    logger,
  });

  const loginItem = createLoginItem({ logger, iconPath: appIcon });
  const applyLogin = () => {
    const s = settingsNow();
    if (s) void loginItem(s.launchAtLogin);
  };
  const unEvents = handler.subscribe((ev) => {
    notes.onEvent(ev);
    if (ev.type === 'config-changed' && ev.what === 'settings') applyLogin();
    if (ev.type === 'endpoint-changed') logger.info('endpoint', { id: ev.endpoint.id, kind: ev.endpoint.kind, health: ev.endpoint.health, error: ev.endpoint.lastError });
    else if (ev.type !== 'warm-ping') logger.info(ev.type, { ...ev });
  });

  const disposers: (() => void)[] = [];
  stopAll = async () => {
    logger.info('stopping');
    unEvents();
    for (const d of disposers.splice(0)) d();
    tray.destroy();
    unIpc();
    await service.stop();
    release();
    logFile.close();
  };

  await service.start();
  notes.seed(service.statuses());
  applyLogin();
  // Edits from an editor, OpenClaw or the CLI: reload like the daemon, then refresh the tray and the
  // login item (settings.json may have changed underneath).
  const stopWatching = watchForReload(service, {
    configPath: service.config.located.path,
    dataDir,
    logger,
    onReloaded: () => {
      void tray.refresh();
      applyLogin();
    },
  });
  disposers.push(stopWatching);
  void tray.refresh();

  (globalThis as { __warmclaw?: WarmclawTestHooks }).__warmclaw = {
    trayModel: () => tray.model(),
    showWindow: () => void win.show(),
    hideWindow: () => win.hide(),
    windowVisible: () => win.current()?.isVisible() ?? false,
  };
  logger.info('app started', { pid: process.pid, config: service.config.located.path, data: dataDir });
  if (!process.argv.includes(HIDDEN_ARG)) win.show();
}

if (!app.requestSingleInstanceLock()) {
  // A second launch: the first instance shows its window (second-instance below).
  app.quit();
} else {
  const dataDir = warmclawDataDir(process.env);
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  const logPath = logFilePath(dataDir, 'app');
  const logFile = openRotatingFile(logPath);
  // The service's API keys and gateway token are redacted even where an error message quotes them.
  const logger = createLogger({ write: (l) => (logFile.writeLine(l), app.isPackaged ? undefined : process.stderr.write(l + '\n')), secrets: () => secretsOf?.secretsNow() ?? [] });
  if (process.platform === 'win32') app.setAppUserModelId('ai.openclaw.warmclaw');

  app.on('second-instance', () => window?.show());
  // A tray app: closing the last window is not quitting.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => window?.show());
  app.on('before-quit', () => window?.allowClose());
  app.on('will-quit', (event) => {
    if (stopped || !stopAll) return;
    // Stop the service (in-flight writes finish, pid lock released) before the process ends.
    event.preventDefault();
    const stop = stopAll;
    stopAll = null;
    stop()
      .catch((err: unknown) => logger.error('stop failed', { error: (err as Error).message }))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  void app.whenReady().then(() =>
    start(logger, logFile, logPath).catch((err: unknown) => {
      logger.error('start failed', { error: (err as Error).message });
      dialog.showErrorBox('Warmclaw could not start', (err as Error).message);
      app.exit(1);
    }),
  );
}
