// The Logs screen against the real daemon: it lists the daemon's own log lines newest first, filters
// them by level, server and text (and clears the filters), shows an empty state, never shows a key
// the file hides, and reads in English and Vietnamese. Reached with the keyboard from the tab list.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../src/main/core/log/logger';
import { expect, shot, test } from './fixtures';

const KEY = 'sk-e2e-log-secret-0123456789';

test.describe('logs', () => {
  test('lists the daemon log, filters by level, server and text, clears, empty state (en + vi)', async ({ page, warmclaw }) => {
    const sim = await warmclaw.startSim('lmstudio', { loadDelayMs: 0 });
    await warmclaw.open(page);
    // The daemon logs the new server once its scan finds it.
    const status = () => warmclaw.api<{ endpoints: { id: string; health: string }[] }>(page, 'status');
    await expect.poll(async () => (await status()).endpoints.find((e) => e.id.endsWith(`:${sim.port}`))?.health, { timeout: 30_000 }).toBe('up');
    const serverId = (await status()).endpoints.find((e) => e.id.endsWith(`:${sim.port}`))!.id;

    // Lines the way the daemon's own logger writes them (same redaction and escaping), into its file.
    const log = createLogger({ write: (l) => appendFileSync(join(warmclaw.dataDir, 'logs', 'daemon.log'), `${l}\n`) });
    log.warn('warm-keeper ping failed \u001b[31m(red)\u001b[0m', { endpoint: serverId, model: 'meta-llama-3.1-8b-instruct', apiKey: KEY, error: `HTTP 401 for ${KEY}` });
    log.error('failover evaluation failed', { error: 'openclaw.json cannot be read' });

    // Keyboard: from the first tab, End goes to the last one (Logs).
    await page.getByRole('tab', { name: 'Dashboard' }).focus();
    await page.keyboard.press('End');
    await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
    const lines = page.getByTestId('log-line');
    await expect(lines.first()).toContainText('failover evaluation failed', { timeout: 10_000 });
    await expect(page.getByTestId('log-list')).toContainText('daemon started');
    await expect(lines.nth(1)).toContainText('warm-keeper ping failed \\u001b[31m(red)\\u001b[0m');
    await expect(page.getByTestId('log-list')).toContainText('"apiKey":"[redacted]"');
    expect(await page.content()).not.toContain(KEY);
    await shot(page, 'logs');
    // Copy: the shown lines, oldest first, as `warmclaw log` prints them.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: warmclaw.origin });
    await page.getByTestId('log-copy').click();
    await expect(page.getByTestId('toast').last()).toContainText('Copied');
    const copied = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
    expect(copied).toHaveLength(await lines.count());
    expect(copied[copied.length - 1]).toMatch(/^\S+Z {2}ERROR {2}failover evaluation failed {2}\{"error":"openclaw\.json cannot be read"\}$/);
    expect(copied.join('\n')).not.toContain(KEY);

    // Warnings and errors only: the two lines above, nothing at info.
    await page.getByTestId('log-level').selectOption('warn');
    await expect(lines).toHaveCount(2);
    await expect(page.locator('[data-testid="log-line"][data-level="info"]')).toHaveCount(0);
    // One server: its lines only (the warm-keeper line, and the daemon's "endpoint" lines at info).
    await page.getByTestId('log-server').selectOption(serverId);
    await expect(lines).toHaveCount(1);
    await expect(lines.first()).toHaveAttribute('data-level', 'warn');
    await page.getByTestId('log-level').selectOption('');
    await expect(page.locator('[data-testid="log-line"][data-level="info"]').first()).toContainText('endpoint');

    // Free text, case-insensitive; Escape empties the box; a text nothing matches shows the empty state.
    await page.getByTestId('log-clear').click();
    await page.getByTestId('log-text').fill('OPENCLAW.JSON CANNOT');
    await expect(lines).toHaveCount(1);
    await expect(lines.first()).toContainText('failover evaluation failed');
    await page.getByTestId('log-text').fill('no line says this');
    await expect(page.getByTestId('log-empty')).toContainText('No lines match these filters');
    await shot(page, 'logs-empty-filtered', { fullPage: false });
    await page.getByTestId('log-text').press('Escape');
    await expect(page.getByTestId('log-text')).toHaveValue('');
    await expect(lines.first()).toContainText('failover evaluation failed');
    await expect(page.getByTestId('log-clear')).toBeDisabled();

    await warmclaw.api(page, 'settings.update', { language: 'vi' });
    await expect(page.getByRole('tab', { name: 'Nhật ký' })).toBeVisible({ timeout: 10_000 });
    await page.getByTestId('log-level').selectOption('warn');
    await expect(lines).toHaveCount(2);
    await expect(page.getByTestId('log-level')).toContainText('Cảnh báo và lỗi');
    await expect(lines.first()).toContainText('Lỗi');
    await shot(page, 'logs-vi');
  });
});
