// The main window: opened from the tray, hidden (not closed) by its close button, destroyed only when
// the app really quits. Its options come from security-policy.ts, never from here.
import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './security-policy';

export interface MainWindowOptions {
  preloadPath: string;
  /** Built renderer (out/renderer/index.html). */
  rendererFile: string;
  /** `electron-vite dev`: load this URL instead. */
  devServerUrl?: string;
  iconPath?: string;
}

export interface MainWindow {
  /** Creates the window if needed, then shows and focuses it. */
  show(): BrowserWindow;
  hide(): void;
  /** The live window, if one exists. */
  current(): BrowserWindow | null;
  /** After this, closing the window really closes it (app quit). */
  allowClose(): void;
}

/** One window at a time; the tray and second launches call show(). */
export function createMainWindow(opts: MainWindowOptions): MainWindow {
  let win: BrowserWindow | null = null;
  let closing = false;

  const create = (): BrowserWindow => {
    const w = new BrowserWindow(mainWindowOptions({ preloadPath: opts.preloadPath, ...(opts.iconPath !== undefined && { iconPath: opts.iconPath }) }));
    w.on('close', (event) => {
      if (closing) return;
      // The app lives in the tray: closing the window only hides it.
      event.preventDefault();
      w.hide();
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    w.once('ready-to-show', () => {
      if (!w.isDestroyed()) w.show();
    });
    if (opts.devServerUrl) void w.loadURL(opts.devServerUrl);
    else void w.loadFile(opts.rendererFile);
    return w;
  };

  return {
    show() {
      if (!win || win.isDestroyed()) {
        win = create();
        return win;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return win;
    },
    hide() {
      if (win && !win.isDestroyed()) win.hide();
    },
    current() {
      return win && !win.isDestroyed() ? win : null;
    },
    allowClose() {
      closing = true;
    },
  };
}
