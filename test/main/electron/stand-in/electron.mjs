// A stand-in for the `electron` module, for running the built main process (out/main/index.js) in
// plain Node where no Electron binary exists. Every call the app makes is reported to the parent test
// over the IPC channel ({ type: 'call', what, ... }); the parent drives it back with messages:
//   { cmd: 'invoke', id, channel, name, input, url?, noFrame? }
//                                              call the registered ipcMain handler like a page would
//                                              (url: the calling frame's; default the window's page)
//   { cmd: 'click', id, item }                click a tray menu item by id (the last menu built)
//   { cmd: 'quit' }                            app.quit(), as the tray's Quit or the OS would
// The stand-in never exits the process on quit: the app has to close every timer, socket and watcher
// for Node to exit by itself, which is what the test checks. It also serves electron-store (default
// import; app.getPath, app.getVersion, ipcMain.on) so settings may move there.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const report = (msg, done) => {
  if (process.send && process.connected) process.send(msg, done);
  else done?.();
};
const record = (what, detail = {}) => report({ type: 'call', what, ...detail });

/** An event a listener may cancel, like Electron's. */
const cancellable = () => {
  const ev = { defaultPrevented: false, preventDefault() { ev.defaultPrevented = true; } };
  return ev;
};

// ---- nativeImage -----------------------------------------------------------------------------------

const createFromPath = (path) => {
  record('nativeImage.createFromPath', { path, exists: existsSync(path) });
  return { path, isEmpty: () => !existsSync(path), setTemplateImage: (on) => record('nativeImage.setTemplateImage', { path, on }) };
};
export const nativeImage = { createFromPath, createEmpty: () => ({ path: '', isEmpty: () => true, setTemplateImage() {} }) };

// ---- app -------------------------------------------------------------------------------------------

const appEvents = new EventEmitter();
const windows = new Set();
const userData = process.env.STANDIN_USER_DATA ?? join(process.cwd(), '.standin-user-data');

export const app = {
  isPackaged: false,
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return true;
  },
  whenReady() {
    record('app.whenReady');
    return new Promise((resolve) => setImmediate(() => (record('app.ready'), resolve())));
  },
  on(event, listener) {
    record('app.on', { event });
    appEvents.on(event, listener);
    return app;
  },
  once(event, listener) {
    record('app.once', { event });
    appEvents.once(event, listener);
    return app;
  },
  getAppPath: () => process.env.STANDIN_APP_PATH ?? process.cwd(),
  getPath(name) {
    record('app.getPath', { name });
    const dir = join(userData, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  },
  getVersion: () => '0.0.0-standin',
  getName: () => 'Warmclaw',
  setAppUserModelId: (id) => record('app.setAppUserModelId', { id }),
  setLoginItemSettings: (settings) => record('app.setLoginItemSettings', { settings }),
  exit(code = 0) {
    record('app.exit', { code });
    report({ type: 'exit', code }, () => process.exit(code));
  },
  // Electron's order: before-quit, then every window is closed (a window that cancels its close cancels
  // the quit), then will-quit (cancellable), then quit. After that Node must find nothing left to run.
  quit() {
    record('app.quit');
    const before = cancellable();
    appEvents.emit('before-quit', before);
    if (before.defaultPrevented) return record('app.quit-cancelled', { by: 'before-quit' });
    for (const w of [...windows]) {
      if (!w.close()) return record('app.quit-cancelled', { by: 'window' });
    }
    const will = cancellable();
    appEvents.emit('will-quit', will);
    if (will.defaultPrevented) return record('app.quit-deferred', { by: 'will-quit' });
    appEvents.emit('quit', cancellable(), 0);
    process.removeAllListeners('message');
    // Should something keep Node alive, say what (unref'd: this timer itself does not).
    setTimeout(() => process.stderr.write(`standin: still running after quit: ${JSON.stringify(process.getActiveResourcesInfo())}\n`), 5000).unref();
    report({ type: 'quit-finished' }, () => process.disconnect?.());
  },
};

// ---- windows and their contents --------------------------------------------------------------------

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.url = '';
    this.windowOpenHandler = null;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.win.destroyed;
  }
  send(channel, payload) {
    record('webContents.send', { channel, eventType: payload?.type });
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    const preload = options.webPreferences?.preload;
    record('BrowserWindow.new', { options, preloadExists: typeof preload === 'string' && existsSync(preload), iconExists: options.icon ? existsSync(options.icon) : undefined });
    this.options = options;
    this.destroyed = false;
    this.visible = false;
    this.webContents = new WebContents(this);
    windows.add(this);
    appEvents.emit('web-contents-created', cancellable(), this.webContents);
  }
  loadFile(path) {
    record('BrowserWindow.loadFile', { path, exists: existsSync(path) });
    this.webContents.url = new URL(`file://${path}`).href;
    setImmediate(() => !this.destroyed && this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', { url });
    this.webContents.url = url;
    setImmediate(() => !this.destroyed && this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    record('BrowserWindow.show');
    this.visible = true;
  }
  hide() {
    record('BrowserWindow.hide');
    this.visible = false;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** True when the window really closed (its 'close' listeners did not cancel). */
  close() {
    const ev = cancellable();
    this.emit('close', ev);
    record('BrowserWindow.close', { cancelled: ev.defaultPrevented });
    if (ev.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    windows.delete(this);
    this.emit('closed');
  }
  static getAllWindows() {
    return [...windows];
  }
}

// ---- tray and menus --------------------------------------------------------------------------------

let lastMenu = null;

/** A template as data: what the test compares with the tray-menu model. */
const describeTemplate = (template) =>
  template.map((i) => ({ id: i.id, label: i.label, type: i.type, enabled: i.enabled, checked: i.checked, clickable: typeof i.click === 'function', ...(i.submenu && { submenu: describeTemplate(i.submenu) }) }));

export const Menu = {
  buildFromTemplate(template) {
    record('Menu.buildFromTemplate', { items: describeTemplate(template) });
    return { template };
  },
  setApplicationMenu: (menu) => record('Menu.setApplicationMenu', { empty: menu === null }),
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    record('Tray.new', { icon: image?.path, exists: !!image?.path && existsSync(image.path) });
  }
  setImage(image) {
    record('Tray.setImage', { icon: image?.path, exists: !!image?.path && existsSync(image.path) });
  }
  setToolTip(text) {
    record('Tray.setToolTip', { text });
  }
  setContextMenu(menu) {
    lastMenu = menu;
    record('Tray.setContextMenu', { items: describeTemplate(menu.template) });
  }
  setIgnoreDoubleClickEvents() {}
  destroy() {
    record('Tray.destroy');
  }
}

// ---- IPC, notifications, dialogs, shell, session --------------------------------------------------

const handlers = new Map();
export const ipcMain = {
  handle(channel, fn) {
    record('ipcMain.handle', { channel });
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, fn);
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', { channel });
    handlers.delete(channel);
  },
  on(channel) {
    record('ipcMain.on', { channel });
    return ipcMain;
  },
  removeAllListeners() {
    return ipcMain;
  },
};

export class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    record('Notification.new', { title: options?.title, icon: options?.icon, iconExists: options?.icon ? existsSync(options.icon) : undefined });
  }
  show() {
    record('Notification.show');
  }
}

export const dialog = {
  showErrorBox: (title, content) => record('dialog.showErrorBox', { title, content }),
};

export const shell = {
  openPath: async (path) => (record('shell.openPath', { path }), ''),
  openExternal: async (url) => record('shell.openExternal', { url }),
};

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: () => record('session.onHeadersReceived') },
    setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
  },
};

// Renderer-side names exist so a stray import does not crash; main must not use them.
export const contextBridge = { exposeInMainWorld: (key) => record('contextBridge.exposeInMainWorld', { key }) };
export const ipcRenderer = { invoke: async () => undefined, on() {}, removeListener() {}, sendSync: () => undefined };

// ---- the parent's commands -------------------------------------------------------------------------

const find = (template, id) => {
  for (const item of template) {
    if (item.id === id) return item;
    const inner = item.submenu && find(item.submenu, id);
    if (inner) return inner;
  }
  return undefined;
};

process.channel?.unref();
process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'invoke') {
      const fn = handlers.get(msg.channel);
      if (!fn) return report({ type: 'reply', id: msg.id, error: `no handler for ${msg.channel}` });
      const win = [...windows][0];
      const url = msg.url ?? win?.webContents.getURL();
      const result = await fn({ senderFrame: msg.noFrame ? null : { url }, sender: win?.webContents }, msg.name, msg.input);
      report({ type: 'reply', id: msg.id, result });
    } else if (msg.cmd === 'click') {
      const item = lastMenu && find(lastMenu.template, msg.item);
      if (!item?.click) return report({ type: 'reply', id: msg.id, error: `no clickable menu item ${msg.item}` });
      item.click();
      report({ type: 'reply', id: msg.id, result: true });
    } else if (msg.cmd === 'quit') {
      app.quit();
    }
  } catch (err) {
    report({ type: 'reply', id: msg.id, error: String(err?.stack ?? err) });
  }
});
record('standin.loaded', { file: fileURLToPath(import.meta.url) });

export default { app, BrowserWindow, Menu, Tray, nativeImage, ipcMain, Notification, dialog, shell, session, contextBridge, ipcRenderer };
