// Launch at login: Electron's login items on macOS and Windows, an XDG autostart entry on Linux.
// Applied at start and whenever settings.launchAtLogin changes; a no-op when nothing changed.
import { app } from 'electron';
import { setXdgAutostart } from '../core/autostart/xdg-autostart';
import type { Logger } from '../core/log/logger';

/** Started at login: open in the tray only, no window. */
export const HIDDEN_ARG = '--hidden';

/** Returns `apply(enabled)`, which only touches the OS when the wanted state changed. */
export function createLoginItem(opts: { logger: Logger; iconPath?: string }): (enabled: boolean) => Promise<void> {
  let applied: boolean | undefined;
  return async (enabled) => {
    if (applied === enabled) return;
    try {
      if (process.platform === 'darwin' || process.platform === 'win32') {
        app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
      } else {
        // A packaged AppImage moves when updated: its APPIMAGE path is the stable one. In development
        // the Electron binary needs the app folder as its first argument.
        const exec = app.isPackaged ? [process.env.APPIMAGE ?? process.execPath, HIDDEN_ARG] : [process.execPath, app.getAppPath(), HIDDEN_ARG];
        const r = await setXdgAutostart(enabled, { exec, ...(opts.iconPath !== undefined && { icon: opts.iconPath }) });
        if (r === 'not-ours') opts.logger.warn('left an autostart entry Warmclaw did not write in place');
      }
      applied = enabled;
      opts.logger.info('launch at login', { enabled });
    } catch (err) {
      opts.logger.warn('cannot change launch at login', { error: (err as Error).message });
    }
  };
}
