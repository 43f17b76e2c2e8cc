// The real Electron app. Runs where the Electron binary exists (and a display); skips with the reason elsewhere.
// Each run gets its own HOME, data folder and openclaw.json, so it never touches the user's.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const root = resolve(import.meta.dirname, '..');

function electronBinary(): string | null {
  try {
    const rel = readFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'utf8').trim();
    const bin = join(root, 'node_modules', 'electron', 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
const reason = !bin
  ? 'the Electron binary is not installed on this machine (it cannot be downloaded here)'
  : process.platform === 'linux' && !process.env.DISPLAY
    ? 'there is no display (run under xvfb-run)'
    : '';
if (reason) console.log(`[e2e] Electron tests skipped: ${reason}.`);

/** A menu item as src/main/core/tray/tray-menu.ts builds it (the e2e project does not import src/). */
interface TrayItem {
  id: string;
  label: string;
  type: string;
  checked?: boolean;
  enabled: boolean;
}

/** The hooks src/main/electron/index.ts puts on globalThis for these tests. */
interface Hooks {
  trayModel(): TrayItem[];
  showWindow(): void;
  hideWindow(): void;
  windowVisible(): boolean;
}

test.describe('Electron app', () => {
  test.skip(!!reason, reason);
  test.describe.configure({ mode: 'serial' });

  let home: string;
  let app: ElectronApplication;
  let win: Page;

  test.beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'warmclaw-e2e-electron-'));
    const config = join(home, 'openclaw.json');
    writeFileSync(config, '{\n  // e2e\n  agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4" } } },\n}\n');
    app = await electron.launch({
      executablePath: bin!,
      args: [join(root, 'out', 'main', 'index.js')],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), WARMCLAW_DATA_DIR: join(home, 'data'), OPENCLAW_CONFIG_PATH: config, NODE_ENV: 'test' },
    });
    win = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('launches one sandboxed window showing the app', async () => {
    await expect(win.locator('[data-app-state="ready"]')).toBeVisible();
    // No Node in the page (contextIsolation, no nodeIntegration); only the frozen preload API.
    const page = await win.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      apiFrozen: Object.isFrozen((window as unknown as { warmclaw?: object }).warmclaw),
    }));
    expect(page).toEqual({ require: 'undefined', process: 'undefined', apiFrozen: true });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('IPC round trip: window.warmclaw.api.status() answers ok with the contract shape', async () => {
    const r = await win.evaluate(async () => {
      const w = window as unknown as { warmclaw: { api: Record<string, (i?: unknown) => Promise<{ ok: boolean; data?: { summary?: { state: string } } }>> } };
      return { names: Object.keys(w.warmclaw.api).sort(), status: await w.warmclaw.api.status!() };
    });
    expect(r.names).toContain('status');
    expect(r.names).toContain('config.apply');
    expect(r.status.ok).toBe(true);
    expect(['all-warm', 'watching', 'warming', 'local-down', 'config-problem', 'paused']).toContain(r.status.data?.summary?.state);
    // Main parses inputs: a malformed call is an error value, not a crash.
    const bad = await win.evaluate(() => (window as unknown as { warmclaw: { api: Record<string, (i?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> } }).warmclaw.api['warm.now']!({ ref: 'no-slash' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  test('the tray menu model comes from main and lists the actions', async () => {
    await expect
      .poll(async () => (await app.evaluate(() => (globalThis as unknown as { __warmclaw: Hooks }).__warmclaw.trayModel()))[0]?.label)
      .not.toBe('Starting…');
    const items = await app.evaluate(() => (globalThis as unknown as { __warmclaw: Hooks }).__warmclaw.trayModel());
    const ids = items.map((i) => i.id);
    for (const id of ['summary', 'local-first', 'keep-warm', 'warm-now', 'open-window', 'open-config', 'quit']) expect(ids).toContain(id);
    expect(items.find((i) => i.id === 'keep-warm')).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
    // The config has no local provider: local-first is there but disabled.
    expect(items.find((i) => i.id === 'local-first')?.enabled).toBe(false);
  });

  test('closing the window hides it to the tray; the tray shows it again', async () => {
    const visible = () => app.evaluate(() => (globalThis as unknown as { __warmclaw: Hooks }).__warmclaw.windowVisible());
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(visible).toBe(false);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    await app.evaluate(() => (globalThis as unknown as { __warmclaw: Hooks }).__warmclaw.showWindow());
    await expect.poll(visible).toBe(true);
    await app.evaluate(() => (globalThis as unknown as { __warmclaw: Hooks }).__warmclaw.hideWindow());
    await expect.poll(visible).toBe(false);
  });
});
