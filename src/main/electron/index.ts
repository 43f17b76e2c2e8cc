// Electron entry: a thin shell over src/main/core. For now it opens the placeholder window and
// shows the config path; the tray, IPC and dashboard arrive with the app issue.
import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { locateConfig } from '../core/openclaw/locate';

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 960,
    height: 680,
    show: false,
    title: 'Warmclaw',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  // No navigation away from the app and no new windows: external links open in the browser only if https.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    const located = locateConfig({ env: process.env });
    console.log(`[warmclaw] OpenClaw config: ${located.path}${located.readOnly ? ' (read-only)' : ''}`);
    createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
