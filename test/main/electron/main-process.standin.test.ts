// The BUILT Electron main process (out/main/index.js, electron-vite) started in plain Node, with the
// `electron` module resolved to a recording stand-in (stand-in/electron.mjs, through a module hook:
// node_modules is untouched). The Electron binary cannot be had on this machine; this covers what can
// be checked without it: the lifecycle, the tray built from the tray-menu model, the icons, preload
// and page at the paths used, the IPC handlers against the contract, and a quit that leaves nothing
// running (Node exits by itself). The _electron e2e journeys still run wherever a binary exists.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../../src/shared/bridge';
import { apiNames, type ApiResult, type ConfigView } from '../../../src/shared/contract';
import type { Settings } from '../../../src/shared/settings';
import { trayMenuModel, type StatusView } from '../../../src/main/core/tray/tray-menu';
import { startSimulator, type Simulator } from '../../sim';
import { tempDir } from '../../helpers/tmp';

const repo = resolve(__dirname, '../../..');
const mainJs = join(repo, 'out', 'main', 'index.js');
const preloadJs = join(repo, 'out', 'preload', 'index.cjs');
const register = pathToFileURL(join(__dirname, 'stand-in', 'register.mjs')).href;

interface Call {
  type: 'call';
  what: string;
  [k: string]: unknown;
}
type MenuItem = { id?: string; label?: string; type?: string; enabled?: boolean; checked?: boolean; clickable: boolean };

let sim: Simulator;
let child: ChildProcess;
let dataDir: string;
const calls: Call[] = [];
const replies = new Map<number, (m: { result?: unknown; error?: string }) => void>();
let stderr = '';
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let nextId = 1;

const named = (what: string) => calls.filter((c) => c.what === what);

/** Polls the records until `pred` holds (bounded: 200 polls, `ms` in all). */
async function until<T>(what: string, pred: () => T | undefined | false, ms = 30_000): Promise<T> {
  const step = ms / 200;
  for (let i = 0; i < 200; i++) {
    const v = pred();
    if (v) return v;
    await new Promise((r) => setTimeout(r, step));
  }
  throw new Error(`timed out waiting for ${what}; stderr:\n${stderr.slice(-3000)}`);
}

function ask<T>(msg: Record<string, unknown>): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${JSON.stringify(msg)}`)), 20_000);
    replies.set(id, (m) => {
      clearTimeout(timer);
      if (m.error) reject(new Error(m.error));
      else resolvePromise(m.result as T);
    });
    child.send({ ...msg, id });
  });
}

/** What the renderer would get for `name` (the call goes through the registered ipcMain handler). */
const invoke = <T = unknown>(name: string, input: unknown, from: { url?: string; noFrame?: boolean } = {}) => ask<ApiResult<T>>({ cmd: 'invoke', channel: IPC_INVOKE, name, input, ...from });

const lastMenu = () => named('Tray.setContextMenu').at(-1)?.items as MenuItem[] | undefined;

beforeAll(async () => {
  // Build what ships (main, preload, renderer); electron-vite needs no Electron binary for that.
  execFileSync('npx', ['electron-vite', 'build'], { cwd: repo, stdio: 'ignore', timeout: 180_000 });
  sim = await startSimulator('lmstudio');
  const dir = tempDir('warmclaw-standin-');
  dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ scan: { enabled: false, ports: [] }, notifications: true }));
  const config = join(dir, 'openclaw.json');
  const model = JSON.parse(readFileSync(join(repo, 'test/fixtures/servers/lmstudio/api-v1-models.json'), 'utf8')) as { models?: { key?: string }[] };
  const id = model.models?.find((m) => m.key)?.key ?? 'qwen/qwen3-32b';
  writeFileSync(
    config,
    `{\n  models: { mode: "merge", providers: { lmstudio: { baseUrl: "${sim.url}/v1", apiKey: "lmstudio", api: "openai-responses", models: [{ id: "${id}", name: "Local", contextWindow: 32768, maxTokens: 4096 }] } } },\n  agents: { defaults: { model: { primary: "lmstudio/${id}" } } },\n}\n`,
    { mode: 0o600 },
  );
  child = spawn(process.execPath, ['--import', register, mainJs], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      WARMCLAW_DATA_DIR: dataDir,
      OPENCLAW_CONFIG_PATH: config,
      WARMCLAW_OPENCLAW_BIN: join(dir, 'no-openclaw'),
      WARMCLAW_LOOPBACK_ONLY: '1',
      STANDIN_APP_PATH: repo,
      STANDIN_USER_DATA: join(dir, 'user-data'),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.on('message', (m: { type: string; id?: number }) => {
    if (m.type === 'call') calls.push(m as Call);
    if (m.type === 'reply' && m.id !== undefined) replies.get(m.id)?.(m as never);
  });
  exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
  // Started: the tray has a menu that lists the simulator's model.
  await until('the tray menu with the local model', () => lastMenu()?.some((i) => i.label?.includes(id)));
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
});

describe('the built main process under a recording electron stand-in', () => {
  it('follows the lifecycle: single-instance lock, whenReady, the quit and window events handled', () => {
    expect(named('standin.loaded')).toHaveLength(1);
    expect(named('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(named('app.whenReady')).toHaveLength(1);
    const events = named('app.on').map((c) => c.event);
    for (const ev of ['second-instance', 'window-all-closed', 'activate', 'before-quit', 'will-quit', 'web-contents-created']) expect(events).toContain(ev);
    expect(named('dialog.showErrorBox')).toEqual([]);
    expect(named('app.exit')).toEqual([]);
    // Session lock-down is applied before the window loads.
    const order = calls.map((c) => c.what);
    expect(order.indexOf('session.setPermissionRequestHandler')).toBeGreaterThan(-1);
    expect(order.indexOf('session.setPermissionRequestHandler')).toBeLessThan(order.indexOf('BrowserWindow.loadFile'));
    expect(existsSync(join(dataDir, 'daemon.pid'))).toBe(true);
  });

  it('every icon, the preload and the page it loads exist at the paths used', () => {
    const images = named('nativeImage.createFromPath');
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) expect(img.exists, String(img.path)).toBe(true);
    const [tray] = named('Tray.new');
    expect(tray).toMatchObject({ exists: true });
    const [win] = named('BrowserWindow.new');
    expect(win).toMatchObject({ preloadExists: true, iconExists: true });
    const prefs = (win!.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ preload: preloadJs, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(named('BrowserWindow.loadFile')).toMatchObject([{ path: join(repo, 'out', 'renderer', 'index.html'), exists: true }]);
    expect(named('BrowserWindow.show').length).toBeGreaterThan(0); // started by hand, not --hidden
    for (const n of named('Notification.new')) expect(n.iconExists).toBe(true);
  });

  it('one ipcMain handler, on the contract channel, answering every API name; a foreign page is refused', async () => {
    expect(named('ipcMain.handle').map((c) => c.channel)).toEqual([IPC_INVOKE]);
    // electron-store's own sync channel is the only other listener a main process may have.
    for (const c of named('ipcMain.on')) expect(c.channel).toBe('electron-store-get-data');
    for (const name of apiNames) {
      const r = await invoke(name, {});
      if (!r.ok) expect(r.error.message, name).not.toMatch(/^Unknown API/);
    }
    // The log view over IPC reads the app's own log file.
    const log = await invoke<{ file: string | null; entries: { msg: string }[] }>('log.recent', { text: 'app started' });
    expect(log.ok && log.data.file).toMatch(/[/\\]logs[/\\]app\.log$/);
    expect(log.ok && log.data.entries.map((e) => e.msg)).toEqual(['app started']);
    expect(await invoke('status', {}, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke('status', {}, { noFrame: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Events reach the window over the event channel.
    await until('an event sent to the window', () => named('webContents.send').find((c) => c.channel === IPC_EVENT));
  });

  it('the preload exposes exactly the contract names, each calling the channel main handles', () => {
    const invoked: unknown[][] = [];
    const exposed: Record<string, unknown> = {};
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve()), on() {}, removeListener() {} },
    };
    const code = readFileSync(preloadJs, 'utf8');
    new Function('require', 'process', code)((m: string) => (m === 'electron' ? fakeElectron : (() => { throw new Error(`the preload may require only electron, not ${m}`); })()), { platform: 'linux' });
    const bridge = exposed.warmclaw as { api: Record<string, (input: unknown) => unknown> };
    expect(Object.keys(bridge.api).sort()).toEqual([...apiNames].sort());
    bridge.api['config.get']!({});
    expect(invoked).toEqual([[IPC_INVOKE, 'config.get', {}]]);
  });

  it('the tray menu is the tray-menu model of what the API answers, and a click acts through it', async () => {
    const [status, config, settings] = await Promise.all([invoke<StatusView>('status', {}), invoke<ConfigView>('config.get', {}), invoke<Settings>('settings.get', {})]);
    if (!status.ok || !config.ok || !settings.ok) throw new Error('the API did not answer');
    const model = trayMenuModel(status.data, config.data, settings.data);
    const menu = lastMenu()!;
    // Separators carry no id in the Electron template.
    const shape = (items: { id?: string; type?: string }[]) => items.map((i) => (i.type === 'separator' ? 'separator' : `${i.id}:${i.type}`));
    expect(shape(menu)).toEqual(shape(model));
    for (const id of ['local-first', 'keep-warm', 'open-window', 'open-config', 'quit']) {
      const want = model.find((i) => i.id === id)!;
      expect(menu.find((i) => i.id === id), id).toMatchObject({ label: want.label, enabled: want.enabled, clickable: !!want.action });
    }
    expect(menu.find((i) => i.id === 'keep-warm')?.checked).toBe(true);
    const builds = named('Tray.setContextMenu').length;
    await ask({ cmd: 'click', item: 'keep-warm' });
    await until('the menu rebuilt with keep-warm off', () => named('Tray.setContextMenu').length > builds && lastMenu()?.find((i) => i.id === 'keep-warm')?.checked === false);
    const after = await invoke<Settings>('settings.get', {});
    expect(after.ok && after.data.warm.paused).toBe(true);
  });

  it("quitting from the tray's Quit stops everything: the process exits by itself, cleanly", async () => {
    await ask({ cmd: 'click', item: 'quit' });
    const end = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    expect(end, `still running after quit; stderr:\n${stderr.slice(-2000)}`).not.toBeNull();
    expect(end).toEqual({ code: 0, signal: null });
    expect(named('app.quit-deferred')).toHaveLength(1); // will-quit waited for the service to stop
    for (const what of ['Tray.destroy', 'ipcMain.removeHandler']) expect(named(what), what).toHaveLength(1);
    expect(named('BrowserWindow.close').at(-1)).toMatchObject({ cancelled: false });
    expect(stderr).not.toContain('still running after quit');
    expect(stderr).toContain('"msg":"stopping"');
    expect(existsSync(join(dataDir, 'daemon.pid'))).toBe(false);
  }, 60_000);
});
