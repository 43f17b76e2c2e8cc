// The real Electron app. Runs where the Electron binary exists (and a display); skips with the reason elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

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

test.describe('Electron app', () => {
  test.skip(!!reason, reason);

  test('launches one sandboxed window showing the app', async () => {
    const app = await electron.launch({ executablePath: bin!, args: [join(root, 'out', 'main', 'index.js')] });
    try {
      const win = await app.firstWindow();
      await expect(win.locator('[data-app-state="ready"]')).toBeVisible();
      // No Node in the page (contextIsolation, no nodeIntegration); only the frozen preload API.
      const page = await win.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        apiFrozen: Object.isFrozen((window as unknown as { warmclaw?: object }).warmclaw),
      }));
      expect(page).toEqual({ require: 'undefined', process: 'undefined', apiFrozen: true });
    } finally {
      await app.close();
    }
  });
});
