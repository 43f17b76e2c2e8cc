// The built renderer in real Chromium: it renders, reports ready, and its CSP blocks inline scripts.
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { serveDir } from './static-server';

test('the built window renders and is ready', async ({ page }) => {
  const { url, server } = await serveDir(resolve(import.meta.dirname, '..', 'out', 'renderer'));
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Warmclaw' })).toBeVisible();
    // The CSP in index.html forbids inline script: an injected one must not run.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.appendChild(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(ran).toBe(false);
    await page.screenshot({ path: resolve(import.meta.dirname, 'artifacts', 'placeholder.png') });
    expect(errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  } finally {
    server.close();
  }
});
