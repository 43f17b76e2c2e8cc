// Screenshot review: each screen a person meets, in English and Vietnamese, checked for what a
// picture would show wrong: no English engine message in the Vietnamese UI, and no control cut off or
// pushed out of a narrow (900 px) window; plus the tray menu, as text, in both languages for each
// dashboard state. With WARMCLAW_REVIEW=1 it also takes the whole matrix of pictures (light and dark,
// 1280×800 and 900×700) into e2e/artifacts/review/ (not committed) for a person to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { artifactsDir, expect, test, type Warmclaw } from './fixtures';
import { trayMenuModel } from '../src/main/core/tray/tray-menu';

const LMSTUDIO_MODEL = 'meta-llama-3.1-8b-instruct';
const reviewDir = join(artifactsDir, 'review');
/** The full picture matrix is a review tool (minutes of screenshots); CI runs the checks at the narrow size. */
const REVIEW = process.env.WARMCLAW_REVIEW === '1';
const SIZES = REVIEW
  ? ([
      [1280, 800],
      [900, 700],
    ] as const)
  : ([[900, 700]] as const);
const SCHEMES = REVIEW ? (['light', 'dark'] as const) : (['light'] as const);

/** English sentences the engine sends (its catalog's words) must not show in the Vietnamese UI. */
const ENGLISH_ENGINE_WORDS = /\b(connection refused|could not|is not|answers, but|the server|no answer from|has been unusable|had an internal error|not answering|is unavailable|timed out)\b/;

async function useLanguage(page: Page, w: Warmclaw, lang: 'en' | 'vi'): Promise<void> {
  await w.api(page, 'settings.update', { language: lang });
  await page.reload();
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Every language × scheme × size of the current screen; checks the narrow window has no horizontal scroll. */
async function capture(page: Page, w: Warmclaw, name: string, screen: string, opts: { dialog?: (page: Page) => Promise<void> } = {}): Promise<void> {
  if (REVIEW) mkdirSync(reviewDir, { recursive: true });
  for (const lang of ['en', 'vi'] as const) {
    await useLanguage(page, w, lang);
    await page.evaluate((s) => (window.location.hash = `/${s}`), screen);
    await page.waitForTimeout(300); // one render after the hash change (bounded; not an assertion)
    if (opts.dialog) await opts.dialog(page);
    if (lang === 'vi') {
      const text = await page.locator('body').innerText();
      const hit = ENGLISH_ENGINE_WORDS.exec(text);
      const around = hit ? text.slice(Math.max(0, hit.index - 120), hit.index + 80) : '';
      expect(hit, `English engine words on ${name} in Vietnamese: …${around}…`).toBeNull();
    }
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await page.mouse.move(1, 1);
        const { overflow, culprits } = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          // The innermost elements sticking out on the right: what to fix when the page scrolls sideways.
          const out = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > limit + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > limit + 1));
          // Whatever is wider than the window at its narrowest (its min-content width), deepest first.
          const wide = [...document.querySelectorAll('main *')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (el as HTMLElement).scrollWidth > limit - 40 && ![...el.children].some((c) => (c as HTMLElement).scrollWidth > limit - 40);
          });
          return { overflow: document.documentElement.scrollWidth - limit, culprits: [...wide, ...out].slice(0, 6).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(el.getBoundingClientRect().width)}px "${(el.textContent ?? '').trim().slice(0, 40)}"`) };
        });
        // The picture first: a failure below then has the picture of it.
        if (REVIEW) await page.screenshot({ path: join(reviewDir, `${name}-${lang}-${scheme}-${width}.png`), fullPage: !opts.dialog, animations: 'disabled' });
        expect(overflow, `${name} ${lang} ${width}: the page scrolls sideways (${culprits.join('; ')})`).toBeLessThanOrEqual(0);
      }
    }
    if (opts.dialog) await page.keyboard.press('Escape');
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The tray menu the Electron shell would build now, as indented text (label, checked, disabled). */
async function trayText(page: Page, w: Warmclaw, state: string): Promise<string> {
  const [status, config, settings] = await Promise.all([w.api(page, 'status'), w.api(page, 'config.get').catch(() => null), w.api(page, 'settings.get')]);
  const out: string[] = [];
  for (const language of ['en', 'vi'] as const) {
    const items = trayMenuModel(status as never, config as never, { ...(settings as object), language } as never, Date.now());
    const lines = items.map((i) => (i.type === 'separator' ? '  ────────' : `  ${i.type === 'checkbox' ? (i.checked ? '[x] ' : '[ ] ') : ''}${i.label}${i.enabled ? '' : '   (disabled)'}`));
    out.push(`== ${state} (${language}) ==\n${lines.join('\n')}\n`);
  }
  return out.join('\n');
}

test.use({ servers: ['lmstudio'] });

test('screens and tray in both languages, both themes, two sizes', async ({ page, warmclaw }) => {
  test.skip(!(test.info().project.metadata as { screenshots?: boolean }).screenshots, 'the review runs in one browser: the journeys already run in every Chromium');
  test.setTimeout(REVIEW ? 900_000 : 300_000);
  const lm = warmclaw.sims[0]!;
  const tray: string[] = [];
  await warmclaw.open(page);

  // All warm: the LM Studio simulator is a provider, its model primary (kept warm), hosted fallbacks.
  await warmclaw.api(page, 'config.apply', { type: 'add-provider', input: { kind: 'lmstudio', baseUrl: `${lm.url}/v1`, models: [{ id: LMSTUDIO_MODEL, contextWindow: 200_000 }] } });
  await warmclaw.api(page, 'config.apply', { type: 'local-first-on', input: {} });
  await expect.poll(async () => ((await warmclaw.api(page, 'status')) as { summary: { state: string } }).summary.state, { timeout: 60_000 }).toBe('all-warm');
  tray.push(await trayText(page, warmclaw, 'all warm'));
  await capture(page, warmclaw, 'dashboard-warm', 'dashboard');
  await capture(page, warmclaw, 'providers-findings', 'providers');
  await capture(page, warmclaw, 'settings', 'settings');
  await capture(page, warmclaw, 'diff-dialog', 'providers', {
    dialog: async (p) => {
      await p.locator('[data-testid="provider-card"]').first().getByTestId('remove-provider').click();
      await expect(p.locator('[data-testid="diff-dialog"]')).toBeVisible();
    },
  });

  // Paused.
  await warmclaw.api(page, 'settings.update', { warm: { paused: true } });
  await expect.poll(async () => ((await warmclaw.api(page, 'status')) as { summary: { state: string } }).summary.state, { timeout: 20_000 }).toBe('paused');
  tray.push(await trayText(page, warmclaw, 'paused'));
  await capture(page, warmclaw, 'dashboard-paused', 'dashboard');
  await warmclaw.api(page, 'settings.update', { warm: { paused: false } });

  // Blocked by config: a context window below OpenClaw's minimum, written by hand.
  const text = warmclaw.readConfig();
  writeFileSync(warmclaw.configPath, text.replace(/"contextWindow": 200000/, '"contextWindow": 2048'));
  await expect(page.locator('[data-testid="model-row"][data-state="blocked"]').first()).toBeVisible({ timeout: 30_000 }).catch(() => undefined);
  tray.push(await trayText(page, warmclaw, 'blocked by config'));
  await capture(page, warmclaw, 'dashboard-blocked', 'dashboard');
  writeFileSync(warmclaw.configPath, text);

  // One down, then the auto-failover puts hosted first: the routing screen says who and why.
  await warmclaw.api(page, 'settings.update', { failover: { enabled: true, downForSec: 5, stableForSec: 600 } });
  await lm.setFailure('http-500');
  await expect.poll(async () => ((await warmclaw.api(page, 'status')) as { summary: { state: string } }).summary.state, { timeout: 30_000 }).toBe('local-down');
  tray.push(await trayText(page, warmclaw, 'one down'));
  await capture(page, warmclaw, 'dashboard-down', 'dashboard');
  await expect.poll(async () => ((await warmclaw.api(page, 'status')) as { failover: { mode: string } }).failover.mode, { timeout: 60_000 }).toBe('hosted');
  tray.push(await trayText(page, warmclaw, 'after auto-failover'));
  await capture(page, warmclaw, 'routing-failover', 'routing');

  // The tray has no window to photograph: its menu as text, in both languages, beside the pictures.
  if (REVIEW) writeFileSync(join(reviewDir, 'tray-menu.txt'), tray.join('\n'));
  expect(tray.join('\n')).toContain('Ưu tiên mô hình cục bộ');
});
