// The app's end-to-end journeys in real Chromium against the REAL daemon in web mode
// (`warmclaw daemon --ui`), the loopback simulators, a copy of a real openclaw.json and the real
// OpenClaw validator. See e2e/fixtures.ts for what each test gets.
import { writeFileSync } from 'node:fs';
import { diffLines } from 'diff';
import JSON5 from 'json5';
import type { Page } from '@playwright/test';
import { DEFAULT_CORPUS, expect, rawRequest, shot, test, validateWithOpenclaw, type Warmclaw } from './fixtures';

const LMSTUDIO_MODEL = 'meta-llama-3.1-8b-instruct';

interface Status {
  endpoints: { id: string; baseUrl: string; health: string; source: string; providerId?: string }[];
  summary: { state: string; reason: string };
}

const card = (page: Page, baseUrl: string) => page.locator(`[data-testid="endpoint-card"][data-endpoint-id="${baseUrl}"]`);
const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });
const diffDialog = (page: Page) => page.locator('[data-testid="diff-dialog"]');

/**
 * Clicks Apply in the diff dialog and returns the daemon's answer to config.apply: the write went
 * through the real OpenClaw validator (validated: true), not just the daemon's own checks.
 */
async function applyInDialog(page: Page): Promise<{ changed: boolean; validated: boolean }> {
  const dialog = diffDialog(page);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/config.apply') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const body = (await (await answer).json()) as { ok: boolean; data?: { changed: boolean; validated: boolean }; error?: { message: string } };
  expect(body.ok, body.error?.message).toBe(true);
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  return body.data!;
}

/** agents.defaults.model of a config text (a bare ref or { primary, fallbacks }). */
function routing(text: string): { primary?: string; fallbacks?: string[] } {
  const m = (JSON5.parse(text) as { agents?: { defaults?: { model?: unknown } } }).agents?.defaults?.model;
  if (typeof m === 'string') return { primary: m };
  return (m ?? {}) as { primary?: string; fallbacks?: string[] };
}

/** Adds the LM Studio simulator as a provider through the API (setup for journeys about something else). */
async function addProviderViaApi(page: Page, w: Warmclaw, baseUrl: string): Promise<void> {
  await w.api(page, 'config.apply', { type: 'add-provider', input: { kind: 'lmstudio', baseUrl: `${baseUrl}/v1`, models: [{ id: LMSTUDIO_MODEL }] } });
  expect(w.readConfig()).toContain(`${baseUrl}/v1`);
}

/**
 * The 0-based line range [start, end] of agents.defaults.model in `text` (the routing block), found
 * by brace counting from the `model: {` / `"model": {` line that follows `defaults`; null if absent.
 */
function modelBlock(text: string): [number, number] | null {
  const lines = text.split('\n');
  const defaults = lines.findIndex((l) => /^\s*"?defaults"?\s*:/.test(l));
  if (defaults < 0) return null;
  const start = lines.findIndex((l, i) => i > defaults && /^\s*"?model"?\s*:/.test(l));
  if (start < 0) return null;
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    for (const ch of lines[i]!) {
      if (ch === '{' || ch === '[') depth++;
      if (ch === '}' || ch === ']') depth--;
    }
    if (depth <= 0) return [start, i];
  }
  return null;
}

/**
 * Lines of `before` that `after` lost, other than the routing block itself and lines that only
 * gained a trailing comma (a sibling appended after them). A lossless edit loses nothing else.
 */
function lostLines(before: string, after: string): string[] {
  const block = modelBlock(before);
  const lost: string[] = [];
  const added = new Set<string>();
  for (const part of diffLines(before, after)) if (part.added) for (const l of part.value.split('\n')) added.add(l);
  let line = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) continue;
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) {
      lines.forEach((l, k) => {
        const n = line + k;
        const inBlock = block !== null && n >= block[0] && n <= block[1];
        if (!inBlock && !added.has(`${l},`)) lost.push(l);
      });
    }
    line += lines.length;
  }
  return lost;
}

test.describe('first run', () => {
  test('1. nothing running: empty state, summary pill, keyboard tabs', async ({ page, warmclaw }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await warmclaw.open(page);
    const empty = page.locator('[data-testid="empty-state"]');
    await expect(empty).toBeVisible();
    await expect(empty.getByRole('heading', { name: 'No local model servers found' })).toBeVisible();
    await expect(empty.getByLabel('Server URL')).toBeVisible();
    await expect(empty.getByRole('button', { name: 'Add endpoint' })).toBeVisible();
    await expect(page.locator('[data-testid="summary"]')).toHaveAttribute('data-state', /^(all-warm|watching|warming|local-down|config-problem|paused)$/);
    await expect(page.locator('[data-testid="endpoint-card"]')).toHaveCount(0);
    await shot(page, 'dashboard-empty');

    // WAI-ARIA tabs: arrow keys move between the five sections, wrapping at both ends.
    await expect(tab(page, 'Dashboard')).toHaveAttribute('aria-selected', 'true');
    await tab(page, 'Dashboard').focus();
    await page.keyboard.press('ArrowRight');
    await expect(tab(page, 'Routing')).toHaveAttribute('aria-selected', 'true');
    await expect(tab(page, 'Routing')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(tab(page, 'Providers')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tab(page, 'Logs')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tab(page, 'Dashboard')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(tab(page, 'Logs')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(tab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
    await shot(page, 'settings');
    expect(errors).toEqual([]);
  });
});

test('2. a server that starts later is discovered live (no reload); one that then fails is failing, not absent', async ({ page, warmclaw }) => {
  await warmclaw.open(page);
  await expect(page.locator('[data-testid="empty-state"]')).toBeVisible();
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  // On a port the settings scan, after the daemon's first scan found nothing there.
  const sim = await warmclaw.startSim('lmstudio');
  const c = card(page, sim.url);
  await expect(c).toBeVisible({ timeout: 15_000 });
  await expect(c).toHaveAttribute('data-health', 'up', { timeout: 15_000 });
  await expect(c.locator(`[data-testid="model-row"][data-model-id="${LMSTUDIO_MODEL}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="empty-state"]')).toHaveCount(0);
  expect(navigations).toBe(0);

  // Then it answers every request with HTTP 500: it runs, so its card says it is failing and why,
  // and the dashboard does not claim that no server is answering.
  await sim.setFailure('http-500');
  await expect(c).toHaveAttribute('data-state', 'failing', { timeout: 15_000 });
  await expect(c.getByTestId('health')).toHaveText('Answers with errors');
  await expect(c.getByTestId('endpoint-error')).toContainText('HTTP 500');
  await expect(page.locator('[data-testid="empty-state"]')).toHaveCount(0);
});

test.describe('with LM Studio running', () => {
  test.use({ servers: ['lmstudio'] });

  test('3. add a discovered server as a provider in two clicks', async ({ page, warmclaw }) => {
    const sim = warmclaw.sims[0]!;
    await warmclaw.open(page);
    await tab(page, 'Providers').click();
    const found = page.locator(`[data-testid="discovered"][data-endpoint-id="${sim.url}"]`);
    await expect(found).toBeVisible({ timeout: 15_000 });
    await found.getByRole('button', { name: 'Add as provider' }).click(); // click 1
    const dialog = diffDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[data-testid="diff"]')).toContainText(sim.url);
    await shot(page, 'providers-diff', { fullPage: false });
    expect(await applyInDialog(page)).toMatchObject({ changed: true, validated: true }); // click 2
    await expect(page.locator('[data-testid="toast"]').first()).toBeVisible();

    const text = warmclaw.readConfig();
    const providers = (JSON5.parse(text) as { models?: { providers?: Record<string, { baseUrl?: string }> } }).models?.providers ?? {};
    const added = Object.entries(providers).find(([, p]) => p.baseUrl?.startsWith(sim.url));
    expect(added, `a provider pointing at ${sim.url} in:\n${text}`).toBeTruthy();
    // Nothing of the original file was lost on the way.
    expect(lostLines(warmclaw.originalText, text)).toEqual([]);
    await expect(page.locator(`[data-testid="provider-card"][data-provider-id="${added![0]}"]`)).toBeVisible();
    await expect(found).toHaveCount(0);
    await shot(page, 'providers');

    // And out again: the card's "Remove provider…" shows the diff first, then the block is gone.
    const card = page.locator(`[data-testid="provider-card"][data-provider-id="${added![0]}"]`);
    await card.getByTestId('remove-provider').click();
    await expect(diffDialog(page).locator('[data-testid="diff"]')).toContainText(sim.url);
    expect(await applyInDialog(page)).toMatchObject({ changed: true, validated: true });
    await expect(card).toHaveCount(0);
    await expect(found).toBeVisible({ timeout: 15_000 });
    const after = (JSON5.parse(warmclaw.readConfig()) as { models?: { providers?: Record<string, unknown> } }).models?.providers ?? {};
    expect(Object.keys(after)).not.toContain(added![0]);
  });

  test('7. killing the server: card down, summary local-down (live, no reload)', async ({ page, warmclaw }) => {
    const sim = warmclaw.sims[0]!;
    await warmclaw.open(page);
    const c = card(page, sim.url);
    await expect(c).toHaveAttribute('data-health', 'up', { timeout: 15_000 });
    await expect(c.locator(`[data-testid="model-row"][data-model-id="${LMSTUDIO_MODEL}"]`)).toBeVisible();
    await shot(page, 'dashboard');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // local-down is about servers openclaw.json uses: make this one a provider first.
    await addProviderViaApi(page, warmclaw, sim.url);
    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations++;
    });
    await sim.close();
    await expect(c).toHaveAttribute('data-health', 'down', { timeout: 15_000 });
    await expect
      .poll(
        async () => {
          const r = await page.request.get(`${warmclaw.origin}/api/status`, { headers: await warmclaw.sessionHeaders(page) });
          return ((await r.json()) as { data: Status }).data.summary.state;
        },
        { timeout: 15_000 },
      )
      .toBe('local-down');
    await expect(page.locator('[data-testid="summary"]')).toHaveAttribute('data-state', 'local-down');
    expect(navigations).toBe(0);
    await shot(page, 'dashboard-down');
  });

  test('8. Vietnamese UI', async ({ page, warmclaw }) => {
    await warmclaw.open(page);
    await tab(page, 'Settings').click();
    const language = page.getByLabel('Language');
    await expect(language).toBeVisible();
    await expect(language.locator('option[value="en"]')).toHaveCount(1);
    await language.selectOption({ label: 'Tiếng Việt' });
    // The label itself is translated now.
    await expect(page.getByLabel('Ngôn ngữ')).toHaveValue('vi', { timeout: 10_000 });
    await expect(tab(page, 'Tổng quan')).toBeVisible({ timeout: 10_000 });
    await expect(tab(page, 'Định tuyến')).toBeVisible();
    await expect(tab(page, 'Nhà cung cấp')).toBeVisible();
    await expect(tab(page, 'Cài đặt')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await shot(page, 'settings-vi');
    await tab(page, 'Tổng quan').click();
    await expect(page.locator('[data-testid="endpoint-card"]').first()).toHaveAttribute('data-health', 'up', { timeout: 15_000 });
    await shot(page, 'dashboard-vi');
    // The choice is saved: a fresh load comes up in Vietnamese.
    await page.reload();
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(tab(page, 'Tổng quan')).toBeVisible();
  });
});

// Strict JSON, and hand-written JSON5 (a comment before the root, unquoted keys, a trailing comma, a string model).
for (const corpusFile of ['hosted-fallbacks.json', 'tiny-string-model.json5']) {
  test.describe(`routing on ${corpusFile}`, () => {
    test.use({ corpusFile, servers: ['lmstudio'] });

    test('4. "Use local first": a lossless write the real OpenClaw validator accepts', async ({ page, warmclaw }) => {
      const sim = warmclaw.sims[0]!;
      await warmclaw.open(page);
      await addProviderViaApi(page, warmclaw, sim.url);
      const before = warmclaw.readConfig();
      await tab(page, 'Routing').click();
      const sw = page.getByRole('switch', { name: 'Use local first' });
      await expect(sw).toHaveAttribute('aria-checked', 'false');
      await expect(sw).toBeEnabled();
      await sw.click();
      const dialog = diffDialog(page);
      await expect(dialog).toBeVisible();
      await expect(dialog.locator('[data-testid="diff"]')).toContainText(LMSTUDIO_MODEL);
      if (corpusFile === DEFAULT_CORPUS) await shot(page, 'routing-diff', { fullPage: false });
      expect(await applyInDialog(page)).toMatchObject({ changed: true, validated: true });
      await expect(sw).toHaveAttribute('aria-checked', 'true');
      if (corpusFile === DEFAULT_CORPUS) {
        // The success toast offers Undo; dismiss it so the full-page shot shows the screen itself.
        const toast = page.locator('[data-testid="toast"]').filter({ has: page.getByRole('button', { name: 'Undo' }) });
        await expect(toast).toBeVisible();
        await toast.getByRole('button', { name: 'Dismiss' }).click();
        await expect(toast).toHaveCount(0);
        await shot(page, 'routing');
      }

      const after = warmclaw.readConfig();
      expect(after).not.toBe(before);
      expect(routing(after).primary).toBe(`lmstudio/${LMSTUDIO_MODEL}`);
      // (a) lossless: every line outside the routing block survives byte for byte.
      expect(lostLines(before, after)).toEqual([]);
      // The corpus original's lines (comments and formatting included) are all still there.
      expect(lostLines(warmclaw.originalText, after)).toEqual([]);
      // (b) the real validator: no issue the file did not already have.
      const [was, now] = await Promise.all([validateWithOpenclaw(warmclaw.originalText), validateWithOpenclaw(after)]);
      const known = new Set(was.issues.map((i) => `${i.path}: ${i.message}`));
      expect(now.issues.filter((i) => !known.has(`${i.path}: ${i.message}`))).toEqual([]);
      if (was.valid) expect(now.valid).toBe(true);
    });
  });
}

test('5+6. reorder fallbacks by keyboard, apply, then undo restores the exact bytes', async ({ page, warmclaw }) => {
  const original = warmclaw.readConfig();
  expect(routing(original).fallbacks).toEqual(['openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5']);
  await warmclaw.open(page);
  await tab(page, 'Routing').click();
  const list = page.getByRole('list', { name: 'Fallback order' });
  const items = list.locator('[data-testid="fallback-item"]');
  await expect(items).toHaveCount(2);

  await test.step('5. reorder by keyboard and apply', async () => {
    const handle = list.getByRole('button', { name: 'Move anthropic/claude-haiku-4-5' });
    const moving = list.locator('[data-testid="fallback-item"][data-ref="anthropic/claude-haiku-4-5"]');
    await handle.focus();
    await page.keyboard.press('Space'); // pick up
    await expect(handle).toHaveAttribute('aria-pressed', 'true');
    // The sensor listens for arrows from the next task on: press until the item has moved up (a
    // negative translate), as a user would when the first press came too early.
    await expect
      .poll(async () => {
        await page.keyboard.press('ArrowUp');
        return (await moving.getAttribute('style')) ?? '';
      })
      .toMatch(/translate3d\(0px, -\d/);
    // Drop only once the list says where it is (the screen reader's announcement): on a busy machine the
    // collision check can lag the transform, and a drop before it lands nowhere (cancelled).
    await expect(page.getByText('anthropic/claude-haiku-4-5 moved to position 1 of 2.')).toBeAttached();
    await page.keyboard.press('Space'); // drop
    await expect(items.nth(0)).toHaveAttribute('data-ref', 'anthropic/claude-haiku-4-5');
    await expect(items.nth(1)).toHaveAttribute('data-ref', 'openai/gpt-4.1-mini');
    await page.getByRole('button', { name: 'Review and apply' }).click();
    const dialog = diffDialog(page);
    await expect(dialog).toBeVisible();
    expect(await applyInDialog(page)).toMatchObject({ changed: true, validated: true });
    await expect.poll(() => routing(warmclaw.readConfig()).fallbacks).toEqual(['anthropic/claude-haiku-4-5', 'openai/gpt-4.1-mini']);
    expect(lostLines(original, warmclaw.readConfig())).toEqual([]);
    await expect(page.locator('[data-testid="toast"]').filter({ has: page.getByRole('button', { name: 'Undo' }) })).toBeVisible();
    await expect(page.locator('[data-testid="backup-item"]')).not.toHaveCount(0);
  });

  await test.step('6. undo last change', async () => {
    await page.getByRole('button', { name: 'Undo last change' }).click();
    // Undo is confirmed like every other change: the diff of what it puts back, then Apply.
    const dialog = diffDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[data-testid="diff"]')).toContainText('"fallbacks": ["openai/gpt-4.1-mini", "anthropic/claude-haiku-4-5"]');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/config.undo') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    expect(((await (await answer).json()) as { ok: boolean }).ok).toBe(true);
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    expect(warmclaw.readConfig()).toBe(original);
    await expect(items.nth(0)).toHaveAttribute('data-ref', 'openai/gpt-4.1-mini');
  });
});

test('9+10. guards: token, Host, Origin; the CSP blocks inline script', async ({ page, warmclaw }) => {
  const { origin, token } = warmclaw;
  const port = new URL(origin).port;

  // No cookie, no token.
  expect((await rawRequest(`${origin}/api/status`)).status).toBe(401);
  // The token, but a foreign Host (DNS rebinding).
  expect((await rawRequest(`${origin}/api/status`, { headers: { Authorization: `Bearer ${token}`, Host: `evil.example:${port}` } })).status).toBe(421);
  // With the token and our own Host it answers.
  expect((await rawRequest(`${origin}/api/status`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

  const firstLink = warmclaw.authUrl;
  await warmclaw.open(page);
  // The page's cookie works only with the session secret the page sends; a command from a foreign
  // Origin does not work even with both.
  const secret = await warmclaw.sessionHeaders(page);
  expect((await page.request.get(`${origin}/api/status`, { headers: secret })).status()).toBe(200);
  // The cookie alone (what any other server on 127.0.0.1 receives) is refused, whatever else is forged.
  expect((await page.request.get(`${origin}/api/status`)).status()).toBe(403);
  expect((await page.request.post(`${origin}/api/monitor.refresh`, { data: {}, headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin' } })).status()).toBe(403);
  const foreign = await page.request.post(`${origin}/api/monitor.refresh`, { data: {}, headers: { Origin: 'http://evil.example', ...secret } });
  expect(foreign.status()).toBe(403);
  const own = await page.request.post(`${origin}/api/monitor.refresh`, { data: {}, headers: { Origin: origin, ...secret } });
  expect(own.status()).toBe(200);
  // The browser context's cookie is HttpOnly: page script cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // The CSP the daemon sends forbids inline script: an injected one must not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.appendChild(s);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);

  // The address bar and history no longer hold the secret.
  expect(page.url()).toBe(`${origin}/`);

  // A used sign-in link says so, and where the next one is.
  const reused = await page.context().newPage();
  await reused.goto(firstLink);
  await expect(reused.getByRole('heading', { name: 'This sign-in link was already used' })).toBeVisible();
  await expect(reused.locator('body')).toContainText('new link');
  await reused.close();

  // The session ends (here: the cookie is gone): the next call shows a clear sign-in-again page.
  await page.context().clearCookies();
  await page.locator('[data-testid="refresh"]').click();
  const signedOut = page.locator('[data-testid="signed-out"]');
  await expect(signedOut).toBeVisible({ timeout: 10_000 });
  await expect(signedOut).toContainText('Sign in again');
  await expect(signedOut).toContainText('warmclaw daemon --ui');
});

test.describe('a config that does not parse', () => {
  test.use({ corpusFile: '../invalid/unicode-brace-escape.json5' });

  test('11. is reported with line and column, editing is off, and the file is never written', async ({ page, warmclaw }) => {
    await warmclaw.open(page);
    await expect(page.locator('[data-testid="summary"]')).toHaveAttribute('data-state', 'config-problem');
    await tab(page, 'Providers').click();
    const banner = page.locator('[data-testid="config-error"]');
    await expect(banner).toBeVisible();
    // Our own parser names the bad escape's start (column 19); json5 would point two characters later.
    await expect(banner).toContainText('Line 13, column 19');
    await tab(page, 'Routing').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Routing' })).toBeVisible();
    await expect(page.locator('[data-testid="config-error"]')).toBeVisible();
    // Nothing to edit is offered while the file does not parse.
    await expect(page.getByRole('switch', { name: 'Use local first' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Review and apply' })).toHaveCount(0);
    await shot(page, 'routing-invalid-file');
    // A write through the API is refused with the same position, and the bytes stay as they were.
    const res = await page.request.post(`${warmclaw.origin}/api/config.apply`, {
      headers: { Origin: warmclaw.origin, 'Content-Type': 'application/json', ...(await warmclaw.sessionHeaders(page)) },
      data: { type: 'set-primary', input: { ref: 'openai/gpt-5' } },
    });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-file', line: 13, column: 19 } });
    expect(warmclaw.readConfig()).toBe(warmclaw.originalText);

    // Fixed in an editor: the daemon notices the file changed and the page recovers by itself.
    writeFileSync(warmclaw.configPath, '{\n  // fixed by hand\n  agents: { defaults: { model: "openai/gpt-5" } },\n}\n');
    await expect(page.locator('[data-testid="config-error"]')).toBeHidden({ timeout: 15_000 });
    await expect(page.getByRole('switch', { name: 'Use local first' })).toBeVisible();
  });
});
